/** An IP address: IPv4 as an unsigned 32-bit number, IPv6 as a 128-bit bigint. */
export type IpAddress = { readonly version: 4; readonly value: number } | { readonly version: 6; readonly value: bigint };

/** A CIDR block compiled to its first and last address. */
export type CidrRange =
  | { readonly version: 4; readonly prefix: number; readonly first: number; readonly last: number }
  | { readonly version: 6; readonly prefix: number; readonly first: bigint; readonly last: bigint };

const OCTET = /^\d{1,3}$/;
const HEXTET = /^[0-9a-fA-F]{1,4}$/;
const IPV4_MAPPED_HIGH_BITS = 0xffffn;
const ALL_ONES_128 = (1n << 128n) - 1n;
/** The IPv6 prefix length of the IPv4-mapped block `::ffff:0:0/96`. */
const IPV4_MAPPED_PREFIX = 96;

function parseIpv4(text: string): number | undefined {
  const octets = text.split('.');
  if (octets.length !== 4) return undefined;
  let value = 0;
  for (const octet of octets) {
    if (!OCTET.test(octet)) return undefined;
    const number = Number(octet);
    if (number > 255) return undefined;
    value = value * 256 + number;
  }
  return value;
}

function parseHextets(text: string): number[] | undefined {
  if (text === '') return [];
  const groups = text.split(':');
  const out: number[] = [];
  for (const [index, group] of groups.entries()) {
    if (index === groups.length - 1 && group.includes('.')) {
      const v4 = parseIpv4(group);
      if (v4 === undefined) return undefined;
      out.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (HEXTET.test(group)) {
      out.push(parseInt(group, 16));
    } else {
      return undefined;
    }
  }
  return out;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseHextets(halves[0] ?? '');
  const tail = halves.length === 2 ? parseHextets(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const hextet of [...head, ...new Array<number>(missing).fill(0), ...tail]) value = (value << 16n) | BigInt(hextet);
  return value;
}

/** Parses an IPv4 or IPv6 address; an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) is read as IPv4. */
export function parseIp(text: string): IpAddress | undefined {
  if (!text.includes(':')) {
    const v4 = parseIpv4(text);
    return v4 === undefined ? undefined : { version: 4, value: v4 };
  }
  const v6 = parseIpv6(text);
  if (v6 === undefined) return undefined;
  if (v6 >> 32n === IPV4_MAPPED_HIGH_BITS) return { version: 4, value: Number(v6 & 0xffffffffn) };
  return { version: 6, value: v6 };
}

/**
 * Parses `address/prefix` or a bare address (a /32 or /128); host bits are
 * ignored, as AWS does. An IPv4-mapped range in IPv6 form
 * (`::ffff:192.0.2.0/120`) is the IPv4 range its prefix leaves
 * (`192.0.2.0/24`), as its address is read as IPv4; a prefix of 32 or less
 * on a mapped address stays an IPv4 prefix, as it always was read.
 */
export function parseCidr(text: string): CidrRange | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const address = parseIp(addressText);
  if (address === undefined) return undefined;
  const mapped = address.version === 4 && addressText.includes(':');
  const max = address.version === 4 ? 32 : 128;
  const prefixText = slash < 0 ? String(max) : text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const written = Number(prefixText);
  const prefix = mapped && written >= IPV4_MAPPED_PREFIX && written <= 128 ? written - IPV4_MAPPED_PREFIX : written;
  if (prefix > max) return undefined;
  if (address.version === 4) {
    const size = 2 ** (32 - prefix);
    const first = Math.floor(address.value / size) * size;
    return { version: 4, prefix, first, last: first + size - 1 };
  }
  const hostMask = ALL_ONES_128 >> BigInt(prefix);
  const first = address.value & ~hostMask & ALL_ONES_128;
  return { version: 6, prefix, first, last: first | hostMask };
}

/** True when the address lies in the range. */
export function cidrContains(range: CidrRange, address: IpAddress): boolean {
  if (range.version === 4) return address.version === 4 && address.value >= range.first && address.value <= range.last;
  return address.version === 6 && address.value >= range.first && address.value <= range.last;
}
