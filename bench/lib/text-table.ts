/** How a column lines up. */
export type Align = 'left' | 'right';

/** One column of a {@link formatTable} table. */
export interface Column {
  readonly title: string;
  readonly align: Align;
}

/** Renders rows of cells under titled columns, padded to line up, with a rule under the titles. */
export function formatTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string[] {
  const widths = columns.map((column, index) => Math.max(column.title.length, ...rows.map((row) => (row[index] ?? '').length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((column, index) => {
        const cell = cells[index] ?? '';
        const width = widths[index] ?? 0;
        return column.align === 'left' ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((column) => column.title)), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];
}

/** A rate as a whole number with thousands separators. */
export function formatRate(opsPerSecond: number): string {
  return Math.round(opsPerSecond).toLocaleString('en-US');
}

/** Milliseconds with three decimals (microsecond resolution); `-` when there is no value. */
export function formatMs(ms: number): string {
  return Number.isNaN(ms) ? '-' : ms.toFixed(3);
}

/** Microseconds: two decimals below 10, whole numbers above; `-` when there is no value. */
export function formatMicros(micros: number): string {
  if (Number.isNaN(micros)) return '-';
  return micros < 10 ? micros.toFixed(2) : micros.toFixed(0);
}

/** A ratio as a percentage; `-` when undefined. */
export function formatPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(0)}%` : '-';
}

/** Bytes per second as MB/s (10^6 bytes): one decimal below 100, whole numbers above; `-` when undefined. */
export function formatMegabytesPerSecond(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond)) return '-';
  const mb = bytesPerSecond / 1e6;
  return mb < 100 ? mb.toFixed(1) : Math.round(mb).toLocaleString('en-US');
}

/** A ratio as a multiple, such as `1.52x`; `-` when undefined. */
export function formatMultiple(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : '-';
}

/** Bytes as MiB with one decimal. */
export function formatMebibytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
