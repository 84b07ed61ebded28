import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithClient, locateBoto3 } from '../clients/client-binaries';
import { runClientOk } from '../clients/run-client';
import { checkCell, type CellRun } from './check-cell';
import { knownBug } from './known-bugs';
import { PART_SIZE, RANGE, SOURCE_BUCKET, SOURCE_KEY, bodyOf, bucketOf, allCells, keyOf, nameOf, requestParameters, type Cell } from './matrix-cells';
import { startMatrixStack, type MatrixStack } from './matrix-stack';

const DRIVER = join(__dirname, 'boto3-matrix-driver.py');
/** What the driver prints for a cell: the run without the body, which it writes to a file, or the error the cell raised. */
type DriverRun = (Omit<CellRun, 'get'> & { readonly get: Record<string, unknown> }) | { readonly error: string };
/** Driver processes run side by side, each a share of the cells with one Python and one boto3 start-up. */
const DRIVERS = 2;
/** The longest one driver may take for its share. */
const DRIVER_TIMEOUT_MS = 240_000;

describeWithClient(locateBoto3(), 'encryption matrix over HTTPS with boto3: all 96 cells', (python) => {
  let stack: MatrixStack;

  beforeAll(async () => {
    stack = await startMatrixStack();
  }, 60_000);
  afterAll(() => stack?.close());

  /** The driver's arguments for a cell, and the file its GET body lands in. */
  function argumentsOf(cell: Cell): Record<string, unknown> & { out: string } {
    const name = `${bucketOf(cell.column)}_${keyOf(cell).replace(/\//g, '_')}`;
    const file = join(stack.scratch, `${name}.in`);
    writeFileSync(file, bodyOf(cell));
    const read = cell.row === 'SSE-C' ? { SSECustomerAlgorithm: 'AES256', SSECustomerKey: requestParameters('SSE-C', stack.keys).SSECustomerKey } : {};
    return {
      operation: cell.operation,
      bucket: bucketOf(cell.column),
      key: keyOf(cell),
      sse: requestParameters(cell.row, stack.keys),
      read,
      file,
      out: join(stack.scratch, `${name}.out`),
      partSize: PART_SIZE,
      copySource: { Bucket: SOURCE_BUCKET, Key: SOURCE_KEY },
      ...(cell.operation === 'range GET' ? { range: `bytes=${RANGE.first}-${RANGE.last}` } : {}),
    };
  }

  /** A share of the cells, its files written: each cell's arguments, and the file listing them for a driver. */
  function prepareShare(share: readonly Cell[], index: number) {
    const args = share.map(argumentsOf);
    const cellsFile = join(stack.scratch, `driver-${index}.json`);
    writeFileSync(cellsFile, JSON.stringify(args));
    return { share, args, cellsFile };
  }

  /** Runs a prepared share of the cells in one driver process; each cell's run, or the error it raised. */
  async function runShare({ share, args, cellsFile }: ReturnType<typeof prepareShare>): Promise<Array<[Cell, CellRun | Error]>> {
    const env = stack.env({ STRONGROOM_S3_ENDPOINT: stack.endpoint, PYTHONDONTWRITEBYTECODE: '1' });
    const runs = JSON.parse(await runClientOk(python, [DRIVER, cellsFile], env, DRIVER_TIMEOUT_MS)) as DriverRun[];
    return share.map((cell, at) => {
      const run = runs[at]!;
      if ('error' in run) return [cell, new Error(run.error)];
      return [cell, { ...run, get: { response: run.get, body: readFileSync(args[at]!.out) } }];
    });
  }

  const cells = allCells();
  console.log(`boto3 runs ${cells.length} cells:\n${cells.map(nameOf).join('\n')}`);
  /** Each cell's run (or error), from {@link DRIVERS} drivers each given every DRIVERS-th cell. */
  const runs = new Map<Cell, CellRun | Error>();
  beforeAll(async () => {
    // Every share's files are written before any driver starts: writing them (megabytes of generated bodies) holds this process's event loop, which serves the stack, and a driver already running would wait on it.
    const shares = Array.from({ length: DRIVERS }, (_, index) => prepareShare(cells.filter((_, at) => at % DRIVERS === index), index));
    for (const share of await Promise.all(shares.map(runShare))) for (const [cell, run] of share) runs.set(cell, run);
  }, DRIVER_TIMEOUT_MS);
  for (const cell of cells) {
    const bug = knownBug('boto3', cell);
    (bug === undefined ? test : test.failing)(`${nameOf(cell)}${bug === undefined ? '' : ` (known bug: ${bug})`}`, () => {
      const run = runs.get(cell)!;
      if (run instanceof Error) throw run;
      checkCell(cell, run, stack.keys);
    });
  }
});
