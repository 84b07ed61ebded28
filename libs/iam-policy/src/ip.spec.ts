import { cidrContains, parseCidr, parseIp } from './ip';

describe('parseIp', () => {
  it.each([
    ['192.0.2.1', { version: 4, value: 0xc0000201 }],
    ['255.255.255.255', { version: 4, value: 0xffffffff }],
    ['::1', { version: 6, value: 1n }],
    ['2001:db8::', { version: 6, value: 0x20010db8n << 96n }],
    ['::ffff:192.0.2.1', { version: 4, value: 0xc0000201 }],
    ['64:ff9b::192.0.2.1', { version: 6, value: (0x64ff9bn << 96n) | 0xc0000201n }],
  ])('reads %s', (text, expected) => {
    expect(parseIp(text)).toEqual(expected);
  });

  it.each(['256.0.0.1', '1.2.3', '1.2.3.4.5', 'a.b.c.d', '1::2::3', '12345::', '1:2:3:4:5:6:7:8:9', ':::', ''])('rejects %s', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('parseCidr', () => {
  it('masks host bits', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ version: 4, prefix: 8, first: 0x0a000000, last: 0x0affffff });
  });

  it.each([
    ['0.0.0.0/0', '255.1.1.1', true],
    ['192.0.2.0/24', '192.0.2.255', true],
    ['192.0.2.0/24', '192.0.3.0', false],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::', false],
    ['::/0', '::1', true],
    ['::ffff:192.0.2.0/120', '192.0.2.255', true],
    ['::ffff:192.0.2.0/120', '192.0.3.0', false],
    ['::ffff:0.0.0.0/96', '203.0.113.9', true],
    ['::ffff:192.0.2.0/24', '192.0.2.1', true],
    ['::ffff:192.0.2.0/24', '192.0.3.1', false],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    const range = parseCidr(cidr);
    const address = parseIp(ip);
    expect(range !== undefined && address !== undefined && cidrContains(range, address)).toBe(expected);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/-1', '::/129', '10.0.0.300/8', '192.0.2.0/120', '::ffff:192.0.2.0/64', '::ffff:192.0.2.0/129'])('rejects %s', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});
