import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithClient, locateAwsCli } from '../clients/client-binaries';
import { runClientOk } from '../clients/run-client';
import { checkCell, type CellRun, type WriteResponse } from './check-cell';
import { knownBug } from './known-bugs';
import { RANGE, SOURCE_BUCKET, SOURCE_KEY, bodyOf, bucketOf, keyOf, latinSquareCells, nameOf, requestParameters, type Cell, type Row } from './matrix-cells';
import { startMatrixStack, type MatrixStack } from './matrix-stack';
import { CELLS_AT_ONCE, runAhead } from './run-ahead';

/** `aws s3api` flags of S3's request fields. */
const S3API_FLAGS: Readonly<Record<string, string>> = {
  ServerSideEncryption: '--server-side-encryption',
  SSEKMSKeyId: '--ssekms-key-id',
  SSECustomerAlgorithm: '--sse-customer-algorithm',
  SSECustomerKey: '--sse-customer-key',
};

describeWithClient(locateAwsCli(), 'encryption matrix over HTTPS with aws-cli v2: every row and operation, columns in a Latin square', (command) => {
  let stack: MatrixStack;

  beforeAll(async () => {
    stack = await startMatrixStack();
    const multipart = 's3 =\n  multipart_threshold = 5MB\n  multipart_chunksize = 5MB\n';
    writeFileSync(join(stack.env().HOME!, '.aws', 'config'), `[default]\nregion = us-east-1\noutput = json\ncli_pager =\n${multipart}`);
    writeFileSync(join(stack.env().HOME!, '.aws', 'credentials'), '');
  }, 60_000);
  afterAll(() => stack?.close());

  /** Runs `aws <args>` against the gateway over HTTPS; its JSON output (`{}` when it prints nothing). */
  async function aws(args: readonly string[]): Promise<Record<string, unknown>> {
    const output = await runClientOk(command, [...args, '--endpoint-url', stack.endpoint, '--output', 'json'], stack.env({ AWS_PAGER: '' }));
    return output.trim() === '' ? {} : (JSON.parse(output) as Record<string, unknown>);
  }
  const s3apiFlags = (parameters: Record<string, string>) => Object.entries(parameters).flatMap(([field, value]) => [S3API_FLAGS[field]!, value]);
  /** `aws s3 cp`'s flags for a row (the raw SSE-C key from a file: v2 reads `--sse-c-key` as a blob). */
  function cpFlags(row: Row): string[] {
    const parameters = requestParameters(row, stack.keys);
    if (row === 'SSE-C') return ['--sse-c', 'AES256', '--sse-c-key', `fileb://${join(stack.env().HOME!, '.aws', 'customer-key')}`];
    return [...(parameters.ServerSideEncryption ? ['--sse', parameters.ServerSideEncryption] : []), ...(parameters.SSEKMSKeyId ? ['--sse-kms-key-id', parameters.SSEKMSKeyId] : [])];
  }

  /** Writes with `s3api put-object` / `copy-object`, or for multipart `aws s3 cp` (s3transfer: 5 MiB parts), then reads with `s3api`. */
  async function runCell(cell: Cell): Promise<CellRun> {
    const bucket = bucketOf(cell.column);
    const key = keyOf(cell);
    const file = join(stack.scratch, `${bucket}_${key.replace(/\//g, '_')}`);
    writeFileSync(`${file}.in`, bodyOf(cell));
    const sse = s3apiFlags(requestParameters(cell.row, stack.keys));
    const read = cell.row === 'SSE-C' ? s3apiFlags(requestParameters('SSE-C', stack.keys)) : [];
    const where = ['--bucket', bucket, '--key', key];
    const writes: WriteResponse[] = [];
    if (cell.operation === 'multipart') await aws(['s3', 'cp', `${file}.in`, `s3://${bucket}/${key}`, '--only-show-errors', ...cpFlags(cell.row)]);
    else if (cell.operation === 'copy') writes.push({ call: 'CopyObject', response: await aws(['s3api', 'copy-object', ...where, '--copy-source', `${SOURCE_BUCKET}/${SOURCE_KEY}`, ...sse]) });
    else writes.push({ call: 'PutObject', response: await aws(['s3api', 'put-object', ...where, '--body', `${file}.in`, ...sse]) });
    const head = await aws(['s3api', 'head-object', ...where, ...read]);
    const range = cell.operation === 'range GET' ? ['--range', `bytes=${RANGE.first}-${RANGE.last}`] : [];
    const got = await aws(['s3api', 'get-object', ...where, ...range, ...read, `${file}.out`]);
    return { writes, head, get: { response: got, body: readFileSync(`${file}.out`) } };
  }

  const cells = latinSquareCells();
  console.log(`aws-cli runs ${cells.length} cells:\n${cells.map(nameOf).join('\n')}`);
  /** Each cell's run, started ahead of its test, two `aws` processes at a time. */
  const runs = new Map<Cell, Promise<CellRun>>();
  beforeAll(() => {
    for (const [cell, run] of runAhead(cells, CELLS_AT_ONCE, runCell)) runs.set(cell, run);
  });
  for (const cell of cells) {
    const bug = knownBug('aws-cli', cell);
    (bug === undefined ? test : test.failing)(`${nameOf(cell)}${bug === undefined ? '' : ` (known bug: ${bug})`}`, async () => {
      checkCell(cell, await runs.get(cell)!, stack.keys);
    });
  }
});
