import { S3Error } from './errors';
import type { FieldCondition, LengthRange, PostPolicy } from './post-policy';

/** Form fields a policy need not name: the signature, the file, the policy itself, and `x-ignore-*`. */
const UNCOVERED = new Set(['x-amz-signature', 'file', 'policy']);

/** What a POST form is checked with. */
export interface PostFormValues {
  /** The fields before the file, names lower case, every `${filename}` already replaced. */
  readonly fields: ReadonlyMap<string, string>;
  /** The bucket the form was posted to: what `$bucket` conditions test. */
  readonly bucket: string;
}

function denied(reason: string): S3Error {
  return new S3Error('AccessDenied', `Invalid according to Policy: ${reason}`);
}

function valueOf(condition: FieldCondition, form: PostFormValues): string {
  return condition.field === 'bucket' ? form.bucket : form.fields.get(condition.field) ?? '';
}

/**
 * Whether a condition holds for a field's value. As S3 documents it, a
 * `starts-with` on Content-Type reads the value as a comma-separated list
 * whose every (trimmed) entry must start with the prefix: a browser may
 * honour any of the types listed. Every other field, and `eq`, compares the
 * whole value (a key may contain commas).
 */
function holds(condition: FieldCondition, value: string): boolean {
  if (condition.operator === 'eq') return value === condition.value;
  const entries = condition.field === 'content-type' ? value.split(',').map((entry) => entry.trim()) : [value];
  return entries.every((entry) => entry.startsWith(condition.value));
}

/**
 * Checks a signed form against its policy, as S3 does before it reads the
 * file: the policy has not expired, every condition holds (an absent field
 * is the empty string), and every field is named by some condition. A
 * failure is AccessDenied with S3's "Invalid according to Policy" message.
 * `content-length-range` is checked while the file is read
 * ({@link maxFileBytes}, {@link checkMinimumLength}).
 */
export function checkPostPolicy(policy: PostPolicy, form: PostFormValues, now: number): void {
  if (now > policy.expiration) throw denied('Policy expired.');
  const failed = policy.conditions.find((condition) => !holds(condition, valueOf(condition, form)));
  if (failed !== undefined) throw denied(`Policy Condition failed: ${failed.text}`);
  const named = new Set(policy.conditions.map((condition) => condition.field));
  const extra = [...form.fields.keys()].filter((name) => !UNCOVERED.has(name) && !name.startsWith('x-ignore-') && !named.has(name));
  if (extra.length > 0) throw denied(`Extra input fields: ${extra.join(', ')}`);
}

/** The largest object a single upload may store, as in S3: 5 GiB. */
export const MAX_UPLOAD_BYTES = 5 * 1024 ** 3;

/** The most bytes a form's file may have: its policy's `content-length-range` maximum, within {@link MAX_UPLOAD_BYTES}. */
export function maxFileBytes(range: LengthRange | undefined): number {
  return Math.min(range?.max ?? MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES);
}

/** EntityTooLarge for a file that went beyond `max` bytes (it is not read further, so its size is not known). */
function fileTooLarge(max: number): S3Error {
  return new S3Error('EntityTooLarge', undefined, { MaxSizeAllowed: String(max) });
}

/** EntityTooSmall for a file under the `content-length-range` minimum, with the sizes S3 reports. */
export function checkMinimumLength(range: LengthRange | undefined, size: number): void {
  if (range !== undefined && size < range.min) {
    throw new S3Error('EntityTooSmall', undefined, { ProposedSize: String(size), MinSizeAllowed: String(range.min) });
  }
}

/**
 * The form's file as it streams: EntityTooLarge as soon as it goes beyond
 * the `content-length-range` maximum (or 5 GiB), EntityTooSmall at its end
 * when under the minimum. Either fails the upload before it can commit.
 */
export async function* withinLengthRange(file: AsyncIterable<Buffer>, range: LengthRange | undefined): AsyncGenerator<Buffer> {
  const max = maxFileBytes(range);
  let size = 0;
  for await (const chunk of file) {
    size += chunk.length;
    if (size > max) throw fileTooLarge(max);
    yield chunk;
  }
  checkMinimumLength(range, size);
}
