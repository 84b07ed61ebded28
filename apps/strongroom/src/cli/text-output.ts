/**
 * `--output text`, following aws-cli's text formatter: a mapping prints its
 * scalars (sorted by key) on one tab-separated line, prefixed by its key in
 * upper case when nested; nested mappings and lists follow, one line each.
 */

type Line = string[];

function isScalar(value: unknown): boolean {
  return typeof value !== 'object' || value === null;
}

/** The keys of a mapping that hold a value (JSON drops undefined ones too), sorted. */
function presentKeys(item: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(item)
    .filter((key) => item[key] !== undefined)
    .sort();
}

function scalarText(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null) return 'None';
  return typeof value === 'string' ? value : String(JSON.stringify(value));
}

function formatMapping(item: Readonly<Record<string, unknown>>, identifier: string | undefined, columns: readonly string[] | undefined, lines: Line[]): void {
  const keys = presentKeys(item);
  const scalarKeys = columns ?? keys.filter((key) => isScalar(item[key]));
  const scalars = scalarKeys.map((key) => (item[key] === undefined ? '' : scalarText(item[key])));
  if (scalars.length > 0) lines.push(identifier === undefined ? scalars : [identifier.toUpperCase(), ...scalars]);
  for (const key of keys.filter((candidate) => !scalarKeys.includes(candidate))) format(item[key], key, undefined, lines);
}

function formatList(items: readonly unknown[], identifier: string | undefined, lines: Line[]): void {
  const mappings = items.filter((item): item is Record<string, unknown> => !isScalar(item) && !Array.isArray(item));
  if (mappings.length > 0) {
    const columns = [...new Set(mappings.flatMap((mapping) => presentKeys(mapping).filter((key) => isScalar(mapping[key]))))].sort();
    for (const item of items) format(item, identifier, columns, lines);
    return;
  }
  const scalars = items.filter(isScalar).map(scalarText);
  if (scalars.length > 0) {
    if (identifier === undefined) lines.push(scalars);
    else for (const scalar of scalars) lines.push([identifier.toUpperCase(), scalar]);
  }
  for (const item of items.filter(Array.isArray)) format(item, identifier, undefined, lines);
}

function format(value: unknown, identifier: string | undefined, columns: readonly string[] | undefined, lines: Line[]): void {
  if (Array.isArray(value)) formatList(value, identifier, lines);
  else if (!isScalar(value)) formatMapping(value as Record<string, unknown>, identifier, columns, lines);
  else lines.push([scalarText(value)]);
}

/** A JSON document as aws-cli's `--output text` prints it. */
export function formatText(document: Readonly<Record<string, unknown>>): string {
  const lines: Line[] = [];
  format(document, undefined, undefined, lines);
  return lines.map((line) => `${line.join('\t')}\n`).join('');
}
