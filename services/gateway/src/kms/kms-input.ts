import { parseStrictJson } from '../http/strict-json';
import { KmsError, validationError } from './kms-error';

/** Length bounds of a string or blob member. */
export interface LengthBounds {
  readonly min?: number;
  readonly max?: number;
}

/** Bounds of an integer member. */
export interface IntegerBounds {
  readonly min: number;
  readonly max: number;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function typeError(member: string, expected: string): KmsError {
  return new KmsError('SerializationException', `${member} must be ${expected}`);
}

function checkLength(member: string, length: number, bounds: LengthBounds): void {
  const value = length === 0 ? "''" : `of length ${length}`;
  if (bounds.min !== undefined && length < bounds.min) throw validationError(member, value, `Member must have length greater than or equal to ${bounds.min}`);
  if (bounds.max !== undefined && length > bounds.max) throw validationError(member, value, `Member must have length less than or equal to ${bounds.max}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The JSON body of a KMS request, read member by member as the AWS KMS
 * model types them: a member of the wrong JSON type is a
 * SerializationException, a value outside the model's constraints a
 * ValidationException worded as AWS words it. Blobs are base64 strings.
 * Members the gateway does not read are ignored, as AWS ignores them.
 */
export class KmsInput {
  private constructor(private readonly members: Readonly<Record<string, unknown>>) {}

  /** Parses a request body: a JSON object (an empty body counts as `{}`). */
  static parse(body: Buffer): KmsInput {
    if (body.length === 0) return new KmsInput({});
    let parsed: unknown;
    try {
      parsed = parseStrictJson(body);
    } catch (error) {
      throw new KmsError('SerializationException', `The request body is not valid JSON (${(error as Error).message}).`);
    }
    if (!isRecord(parsed)) throw new KmsError('SerializationException', 'The request body must be a JSON object.');
    return new KmsInput(parsed);
  }

  /** True when the member is present and not null. */
  has(member: string): boolean {
    return this.#value(member) !== undefined;
  }

  /** A string member, or undefined when absent. */
  string(member: string, bounds: LengthBounds = {}): string | undefined {
    const value = this.#value(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw typeError(member, 'a string');
    checkLength(member, value.length, bounds);
    return value;
  }

  /** A string member that must be present and non-empty. */
  requiredString(member: string, bounds: LengthBounds = {}): string {
    const value = this.string(member, { min: 1, ...bounds });
    if (value === undefined) throw validationError(member, 'null', 'Member must not be null');
    return value;
  }

  /** A string member that must be one of `values`, or undefined when absent. */
  choice<T extends string>(member: string, values: readonly T[]): T | undefined {
    const value = this.string(member);
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw validationError(member, `'${value}'`, `Member must satisfy enum value set: [${values.join(', ')}]`);
    }
    return value as T;
  }

  /** An integer member within bounds, or undefined when absent. */
  integer(member: string, bounds: IntegerBounds): number | undefined {
    const value = this.#value(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw typeError(member, 'an integer');
    if (value < bounds.min) throw validationError(member, `'${value}'`, `Member must have value greater than or equal to ${bounds.min}`);
    if (value > bounds.max) throw validationError(member, `'${value}'`, `Member must have value less than or equal to ${bounds.max}`);
    return value;
  }

  /** A boolean member, or undefined when absent. */
  boolean(member: string): boolean | undefined {
    const value = this.#value(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'boolean') throw typeError(member, 'a boolean');
    return value;
  }

  /** A blob member (base64 in JSON) as bytes, or undefined when absent. */
  blob(member: string, bounds: LengthBounds = {}): Buffer | undefined {
    const value = this.#value(member);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !BASE64.test(value)) throw typeError(member, 'a base64-encoded blob');
    const bytes = Buffer.from(value, 'base64');
    checkLength(member, bytes.length, bounds);
    return bytes;
  }

  /** A blob member that must be present and non-empty. */
  requiredBlob(member: string, bounds: LengthBounds = {}): Buffer {
    const value = this.blob(member, { min: 1, ...bounds });
    if (value === undefined) throw validationError(member, 'null', 'Member must not be null');
    return value;
  }

  /** A string-to-string map member (an encryption context); empty when absent. */
  stringMap(member: string): Record<string, string> {
    const value = this.#value(member);
    if (value === undefined) return {};
    if (!isRecord(value)) throw typeError(member, 'an object of strings');
    const entries = Object.entries(value);
    for (const [key, entry] of entries) {
      if (typeof entry !== 'string') throw typeError(`${member}.${key}`, 'a string');
    }
    // fromEntries defines each key as the map's own, `__proto__` included; an assignment would drop that one.
    return Object.fromEntries(entries) as Record<string, string>;
  }

  /** A list-of-strings member, or undefined when absent. */
  strings(member: string, bounds: LengthBounds = {}): string[] | undefined {
    const value = this.#value(member);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw typeError(member, 'a list of strings');
    checkLength(member, value.length, bounds);
    return value;
  }

  /** A list-of-structures member, or undefined when absent. */
  structures(member: string): KmsInput[] | undefined {
    const value = this.#value(member);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every(isRecord)) throw typeError(member, 'a list of objects');
    return value.map((item) => new KmsInput(item));
  }

  /** A structure member, or undefined when absent. */
  structure(member: string): KmsInput | undefined {
    const value = this.#value(member);
    if (value === undefined) return undefined;
    if (!isRecord(value)) throw typeError(member, 'an object');
    return new KmsInput(value);
  }

  #value(member: string): unknown {
    const value = Object.prototype.hasOwnProperty.call(this.members, member) ? this.members[member] : undefined;
    return value === null ? undefined : value;
  }
}
