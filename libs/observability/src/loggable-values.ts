/** What a redacted value is logged as. */
export const REDACTED = '[redacted]';

/**
 * Field names whose values are secrets wherever they appear in a log record.
 * Values wrapped in `Secret` are redacted by the wrapper itself; this list
 * catches raw values by name.
 */
export const SECRET_FIELDS = [
  'plaintext',
  'Plaintext',
  'secret',
  'secretAccessKey',
  'token',
  'authorization',
  'rootKey',
  'dataKey',
  'keyMaterial',
  'customerKey',
  'sourceCustomerKey',
  'password',
] as const;

/** Binary values are logged by size only: they are keys or ciphertext more often than not. */
export function describeBytes(value: unknown): unknown {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `<${value.byteLength} bytes>`;
  return value;
}
