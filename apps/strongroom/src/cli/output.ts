/** Prints a command's result in the chosen `--output` format. */
import type { OutputDocument } from './command';
import type { OutputFormat } from './global-options';
import { formatText } from './text-output';

/** The result as printed: 4-space JSON like aws-cli's, or aws-cli's text; nothing for an empty result. */
export function renderOutput(document: OutputDocument | undefined, format: OutputFormat): string {
  if (document === undefined) return '';
  return format === 'text' ? formatText(document) : `${JSON.stringify(document, null, 4)}\n`;
}
