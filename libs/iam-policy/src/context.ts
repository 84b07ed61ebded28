/** The value of one condition key in a request: one string, or a set of strings for multi-valued keys. */
export type ContextValue = string | readonly string[];

/**
 * The condition keys of a request (`aws:SourceIp`, `aws:SecureTransport`,
 * `s3:prefix`, `s3:ExistingObjectTag/<key>`, ...). Key names are
 * case-insensitive, as in AWS; an `undefined` value means the key is absent.
 * The library never fills keys in itself (no clock, no network): the caller
 * supplies `aws:CurrentTime`, `aws:EpochTime` and friends.
 */
export type RequestContext = Readonly<Record<string, ContextValue | undefined>>;

/** A {@link RequestContext} with lower-cased keys and every value as a list: what a condition looks a key up in. */
export interface PreparedContext {
  /** The values of `lowerKey` (lower-cased already), or `undefined` when the request has no such key. */
  get(lowerKey: string): readonly string[] | undefined;
}

/** The keys of prepared contexts spelt more than one way, each with every spelling's values. */
const SPELLINGS = new WeakMap<PreparedContext, ReadonlyMap<string, readonly (readonly string[])[]>>();

/**
 * Normalises a request context once per request, so that every statement
 * can look keys up directly. Keys spelt alike but for case (the tags `env`
 * and `Env`, which S3 keeps apart, under `s3:RequestObjectTag/`) become one
 * key holding the values of all, and each spelling is kept for
 * {@link caseVariants}: the later one winning let a request tagged
 * `env=prod&Env=dev` past a Deny on `s3:RequestObjectTag/env` = `prod`.
 */
export function prepareContext(context: RequestContext | undefined): PreparedContext {
  const prepared = new Map<string, readonly string[]>();
  const spellings = new Map<string, (readonly string[])[]>();
  if (context === undefined) return prepared;
  for (const key in context) {
    const value = context[key];
    if (value === undefined) continue;
    const lowerKey = key.toLowerCase();
    const values = typeof value === 'string' ? [value] : value;
    const first = prepared.get(lowerKey);
    if (first === undefined) {
      prepared.set(lowerKey, values);
      continue;
    }
    // A second spelling (rare): every spelling's values are kept, and joined once all are seen, so that thousands of them cost linear time.
    const each = spellings.get(lowerKey);
    if (each === undefined) spellings.set(lowerKey, [first, values]);
    else each.push(values);
  }
  for (const [lowerKey, each] of spellings) prepared.set(lowerKey, each.flat());
  if (spellings.size > 0) SPELLINGS.set(prepared, spellings);
  return prepared;
}

/**
 * For a key the request spells more than one way, the context once per
 * spelling, holding that spelling's values only; `undefined` for a key with
 * one spelling (or none). A condition on such a key must hold for every
 * spelling to allow and for any to deny, so that neither a second spelling's
 * values nor their order decides it.
 */
export function caseVariants(context: PreparedContext, lowerKey: string): readonly PreparedContext[] | undefined {
  const each = SPELLINGS.get(context)?.get(lowerKey);
  // Each variant looks the one key up in its spelling and every other in the context, which it does not copy.
  return each?.map((values) => ({ get: (key: string) => (key === lowerKey ? values : context.get(key)) }));
}

/**
 * The values of a key, or `undefined` when the key is absent or has no
 * values (AWS treats an empty set like a missing key). `lowerKey` must be
 * lower-cased already.
 */
export function contextValues(context: PreparedContext, lowerKey: string): readonly string[] | undefined {
  const values = context.get(lowerKey);
  return values === undefined || values.length === 0 ? undefined : values;
}
