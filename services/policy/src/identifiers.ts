import type { Random } from '@strongroom/crypto';
import { invalidArgument } from '@strongroom/errors';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** An access key id: `AKIA` and 16 uppercase base32 characters. */
export const ACCESS_KEY_ID = /^AKIA[A-Z2-7]{16}$/;
/** A secret access key: 40 characters of the base64 alphabet. */
export const SECRET_ACCESS_KEY = /^[A-Za-z0-9+/]{40}$/;
/** An IAM user or policy name. */
export const IAM_NAME = /^[A-Za-z0-9+=,.@_-]{1,64}$/;
/** An account id. */
export const ACCOUNT_ID = /^\d{12}$/;
/** A bucket id as storage assigns it. */
export const BUCKET_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** `length` characters drawn uniformly from `alphabet` (its size divides 256). */
function draw(random: Random, alphabet: string, length: number): string {
  return Array.from(random.bytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** A new access key id. */
export function newAccessKeyId(random: Random): string {
  return `AKIA${draw(random, BASE32, 16)}`;
}

/** A new 40-character secret access key. */
export function newSecretAccessKey(random: Random): string {
  return draw(random, SECRET_ALPHABET, 40);
}

/** A new user id (`aws:userid` of a user). */
export function newUserId(random: Random): string {
  return `AIDA${draw(random, BASE32, 17)}`;
}

/** A new 64-hex canonical user id. */
export function newCanonicalUserId(random: Random): string {
  return Buffer.from(random.bytes(32)).toString('hex');
}

/** A new 12-digit account id (never starting with 0, so never the service account 000000000000). */
export function newAccountId(random: Random): string {
  const digits = Array.from(random.bytes(12), (byte) => String(byte % 10)).join('');
  return `${1 + (random.bytes(1)[0]! % 9)}${digits.slice(1)}`;
}

/** Throws INVALID_ARGUMENT unless `value` matches. */
export function expectFormat(field: string, value: string, pattern: RegExp, description: string): string {
  if (!pattern.test(value)) throw invalidArgument(field, description);
  return value;
}
