import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithClient, locateBoto3 } from '../clients/client-binaries';
import { runClientOk } from '../clients/run-client';
import { checkCell, type CellRun } from './check-cell';
import { knownBug } from './known-bugs';
import { PART_SIZE, RANGE, SOURCE_BUCKET, SOURCE_KEY, bodyOf, bucketOf, allCells, keyOf, nameOf, requestParameters, type Cell } from './matrix-cells';
import { startMatrixStack, type MatrixStack } from './matrix-stack';
import { CELLS_AT_ONCE, runAhead } from './run-ahead';

const DRIVER = join(__dirname, 'boto3-matrix-driver.py');
/** What the driver prints: the run without the body, which it writes to a file. */
type DriverRun = Omit<CellRun, 'get'> & { readonly get: Record<string, unknown> };

describeWithClient(locateBoto3(), 'encryption matrix over HTTPS with boto3: all 96 cells', (python) => {
  let stack: MatrixStack;

  beforeAll(async () => {
    stack = await startMatrixStack();
  }, 60_000);
  afterAll(() => stack?.close());

  /** Runs one cell in one driver process. */
  async function runCell(cell: Cell): Promise<CellRun> {
    const name = keyOf(cell).replace(/\//g, '_');
    const file = join(stack.scratch, `${bucketOf(cell.column)}_${name}.in`);
    const out = join(stack.scratch, `${bucketOf(cell.column)}_${name}.out`);
    writeFileSync(file, bodyOf(cell));
    const read = cell.row === 'SSE-C' ? { SSECustomerAlgorithm: 'AES256', SSECustomerKey: requestParameters('SSE-C', stack.keys).SSECustomerKey } : {};
    const args = {
      operation: cell.operation,
      bucket: bucketOf(cell.column),
      key: keyOf(cell),
      sse: requestParameters(cell.row, stack.keys),
      read,
      file,
      out,
      partSize: PART_SIZE,
      copySource: { Bucket: SOURCE_BUCKET, Key: SOURCE_KEY },
      ...(cell.operation === 'range GET' ? { range: `bytes=${RANGE.first}-${RANGE.last}` } : {}),
    };
    const env = stack.env({ STRONGROOM_S3_ENDPOINT: stack.endpoint, PYTHONDONTWRITEBYTECODE: '1' });
    const run = JSON.parse(await runClientOk(python, [DRIVER, JSON.stringify(args)], env)) as DriverRun;
    return { ...run, get: { response: run.get, body: readFileSync(out) } };
  }

  const cells = allCells();
  console.log(`boto3 runs ${cells.length} cells:\n${cells.map(nameOf).join('\n')}`);
  /** Each cell's run, started ahead of its test, two Python drivers at a time. */
  const runs = new Map<Cell, Promise<CellRun>>();
  beforeAll(() => {
    for (const [cell, run] of runAhead(cells, CELLS_AT_ONCE, runCell)) runs.set(cell, run);
  });
  for (const cell of cells) {
    const bug = knownBug('boto3', cell);
    (bug === undefined ? test : test.failing)(`${nameOf(cell)}${bug === undefined ? '' : ` (known bug: ${bug})`}`, async () => {
      checkCell(cell, await runs.get(cell)!, stack.keys);
    });
  }
});
