import { nameOf, type Cell } from './matrix-cells';

/** The clients of the matrix. */
export type MatrixClient = 'sdk' | 'aws-cli' | 'boto3';

/**
 * Cells that fail because of a reported gateway or storage bug, by client and
 * cell name, with the bug's one-line summary. They run as `test.failing`, so
 * the suite stays green and the fix turns them red until they are removed here.
 */
const KNOWN_BUGS: Readonly<Record<MatrixClient, Readonly<Record<string, string>>>> = {
  sdk: {},
  'aws-cli': {},
  boto3: {},
};

/** The known bug that makes `cell` fail for `client`, if any. */
export function knownBug(client: MatrixClient, cell: Cell): string | undefined {
  return KNOWN_BUGS[client][nameOf(cell)];
}
