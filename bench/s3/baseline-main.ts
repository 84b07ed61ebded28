/**
 * A baseline server of the S3 case, run as a child process:
 * `baseline-main.ts <files|sealed-files|durable-files|s3rver> <directory>`
 * (`durable-files` records objects in the database `DATABASE_URL` names).
 * Listens on 127.0.0.1:0, prints `listening http://127.0.0.1:<port>`, and
 * stops on SIGINT or SIGTERM.
 */
import S3rver from 's3rver';
import { createFileServer, prepareFileServerDirectory, type FileServerMode } from './file-server';
import { memoryObjectIndex, postgresObjectIndex, type ObjectIndex } from './object-index';

/** The baselines this entry point runs. */
export type BaselineKind = 'files' | 'sealed-files' | 'durable-files' | 's3rver';

const FILE_SERVER_MODES: Readonly<Record<Exclude<BaselineKind, 's3rver'>, FileServerMode>> = { files: 'plain', 'sealed-files': 'sealed', 'durable-files': 'durable' };

function objectIndex(kind: Exclude<BaselineKind, 's3rver'>): Promise<ObjectIndex> {
  if (kind !== 'durable-files') return Promise.resolve(memoryObjectIndex());
  const url = process.env.DATABASE_URL;
  if (url === undefined) throw new Error('durable-files needs DATABASE_URL');
  return postgresObjectIndex(url);
}

async function listen(kind: BaselineKind, directory: string): Promise<{ port: number; close(): Promise<void> }> {
  if (kind === 's3rver') {
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
    const { port } = await server.run();
    return { port, close: () => server.close() };
  }
  await prepareFileServerDirectory(directory);
  const index = await objectIndex(kind);
  const server = createFileServer(directory, FILE_SERVER_MODES[kind], index);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
  return {
    port: address.port,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve())).then(() => index.close());
    },
  };
}

function isBaselineKind(value: string | undefined): value is BaselineKind {
  return value === 's3rver' || (value !== undefined && Object.hasOwn(FILE_SERVER_MODES, value));
}

async function main([kind, directory]: readonly string[]): Promise<void> {
  if (!isBaselineKind(kind) || directory === undefined) {
    throw new Error('usage: baseline-main.ts <files|sealed-files|durable-files|s3rver> <directory>');
  }
  const server = await listen(kind, directory);
  process.stdout.write(`listening http://127.0.0.1:${server.port}\n`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
