import { isJsonObject, type JsonObject } from '../json';

/** `value` (a string or a list of strings) with each string that `shown` has replaced by its entry. */
function replaceIn(value: unknown, shown: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return shown.get(value) ?? value;
  return Array.isArray(value) ? value.map((item) => replaceIn(item, shown)) : value;
}

/**
 * The policy document as GetBucketPolicy shows it: in every `Principal`'s
 * `AWS`, each ARN in `shown` replaced by the unique id it was bound to,
 * for a user since deleted (or re-created), as AWS shows the principal id
 * it can no longer map back to an ARN (AWS Knowledge Center,
 * iam-resource-policy-format). `NotPrincipal` is left as written, as it
 * is not bound.
 */
export function showUniqueIds(document: JsonObject, shown: ReadonlyMap<string, string>): JsonObject {
  const statements = document.Statement;
  const show = (statement: unknown) => {
    if (!isJsonObject(statement) || !isJsonObject(statement.Principal) || statement.Principal.AWS === undefined) return statement;
    return { ...statement, Principal: { ...statement.Principal, AWS: replaceIn(statement.Principal.AWS, shown) } };
  };
  return { ...document, Statement: Array.isArray(statements) ? statements.map(show) : show(statements) };
}
