/** What names one object of a DeleteObjects request: its key, version id (undefined when none was named) and ETag condition. */
export interface NamedObject {
  readonly key: string;
  readonly versionId?: string | undefined;
  readonly ifMatch?: string;
}

/**
 * Each object of a DeleteObjects request once, in the order first named:
 * S3 deletes an object a request names twice once and reports it once, so a
 * repeated simple delete in a versioned bucket adds one delete marker, not
 * two. Shared by storage (which deletes them) and the gateway (which answers
 * some itself), so that both count an object the same way.
 */
export function distinctObjects<T extends NamedObject>(objects: readonly T[]): T[] {
  const named = new Set<string>();
  return objects.filter(({ key, versionId, ifMatch }) => {
    const identity = JSON.stringify([key, versionId ?? null, ifMatch ?? '']);
    if (named.has(identity)) return false;
    named.add(identity);
    return true;
  });
}
