import type { NamedQuery } from '@strongroom/db';
import { LARGEST_CHARACTER } from './key-order';

/** Keys that roll up into common prefixes: those under `prefix` holding `delimiter` after it. */
export interface RollUp {
  readonly prefix: string;
  readonly delimiter: string;
}

/**
 * What a listing reads from one table: rows in key order, then in `within`
 * order among a key's rows. Conditions are SQL on the row `v`, naming the
 * caller's parameters.
 */
export interface ListedRows {
  /** The statement's name; a rolled-up walk is named `<name>-rolled-up`. */
  readonly name: string;
  readonly table: string;
  /** The columns a listing returns, as `SELECT` lists them. */
  readonly columns: string;
  /** A column that names one row. */
  readonly id: string;
  /** The columns that order a key's rows after the key, all one way; empty when a key has one listed row. */
  readonly within: readonly string[];
  readonly descending: boolean;
  /** What every listed row meets: its bucket, the window's upper bound. */
  readonly listed: string;
  /** What the first row meets too: it is in the window, after the cursor. */
  readonly first: string;
  /** The parameter holding the page size, as `$n`. */
  readonly limit: string;
}

/** The common prefix of the key in `column` under `$prefix` up to `$delimiter`, or NULL, as `listing.ts` rolls keys up. */
function commonPrefixSql(column: string, prefix: string, delimiter: string): string {
  const at = `strpos(substr(${column}, length(${prefix}) + 1), ${delimiter})`;
  return `CASE WHEN ${at} > 0 THEN left(${column}, length(${prefix}) + ${at} - 1 + length(${delimiter})) END`;
}

/**
 * The statement that reads a listing's rows, at most the page size. With a
 * delimiter, only the first row of each common prefix: the others would be
 * rolled up into it, and a listing of a bucket whose "directories" hold
 * thousands of keys read them all, 1,001 rows per common prefix, and took
 * seconds for a page. A recursive walk reads one row at a time instead:
 * the next of the same key, or the first after the key, or, after a row
 * that rolls up, the first past its common prefix, sought in the index
 * (the bound after its last possible key, less those that start with it and
 * U+10FFFF, which the filter drops). Every bound is a plain comparison, so
 * that each probe is an index range in a generic plan too. `values` are the
 * caller's parameters; the walk's own follow them.
 */
export function listingQuery(rows: ListedRows, values: readonly unknown[], rollUp?: RollUp): { query: NamedQuery; values: unknown[] } {
  const qualified = (row: string, columns: readonly string[]) => columns.map((column) => `${row}.${column}`).join(', ');
  const order = (row: string) => [`${row}.key`, ...rows.within.map((column) => `${row}.${column}${rows.descending ? ' DESC' : ''}`)].join(', ');
  const from = `FROM ${rows.table} v WHERE ${rows.listed}`;
  if (rollUp === undefined || rollUp.delimiter === '') {
    return { query: { name: rows.name, text: `SELECT ${rows.columns} ${from} AND ${rows.first} ORDER BY ${order('v')} LIMIT ${rows.limit}` }, values: [...values] };
  }
  const walkParameter = (offset: number) => `$${values.length + offset}::text`;
  const [prefix, delimiter, largest] = [walkParameter(1), walkParameter(2), walkParameter(3)];
  const rolled = (row: string) => commonPrefixSql(`${row}.key`, prefix, delimiter);
  /** What the walk keeps of each row: enough to find the next, and the id that fetches it. */
  const walked = [...new Set(['key', rows.id, ...rows.within])];
  const probe = (condition: string) => `(SELECT ${qualified('v', walked)} ${from} AND ${condition} ORDER BY ${order('v')} LIMIT 1)`;
  const pastKey = probe(`v.key > COALESCE(walk.rolled || ${largest}, walk.key) AND (walk.rolled IS NULL OR NOT starts_with(v.key, walk.rolled))`);
  const sameKey = probe(`walk.rolled IS NULL AND v.key = walk.key AND (${qualified('v', rows.within)}) ${rows.descending ? '<' : '>'} (${qualified('walk', rows.within)})`);
  const next =
    rows.within.length === 0 ? pastKey : `(SELECT ${qualified('candidate', walked)} FROM (${sameKey} UNION ALL ${pastKey}) candidate ORDER BY ${order('candidate')} LIMIT 1)`;
  const text = `WITH RECURSIVE walk(n, ${walked.join(', ')}, rolled) AS (
      (SELECT 1, ${qualified('v', walked)}, ${rolled('v')} ${from} AND ${rows.first} ORDER BY ${order('v')} LIMIT 1)
      UNION ALL
      SELECT walk.n + 1, ${qualified('next', walked)}, ${rolled('next')} FROM walk CROSS JOIN LATERAL ${next} next
      WHERE walk.n < ${rows.limit})
    SELECT ${rows.columns} FROM ${rows.table} v WHERE v.${rows.id} IN (SELECT ${rows.id} FROM walk) ORDER BY ${order('v')}`;
  return { query: { name: `${rows.name}-rolled-up`, text }, values: [...values, rollUp.prefix, rollUp.delimiter, LARGEST_CHARACTER] };
}
