import type { BenchCase, BenchContext } from '../lib/bench-case';
import { encryptionReport, type EncryptionMeasurement } from '../s3/encryption-report';
import { createKmsKey, KmsAuditCounter, kmsCallsBetween } from '../s3/kms-json';
import { OBJECT_SIZES, randomPayloads, type ObjectSize, type SizeLabel } from '../s3/payload';
import { S3HttpClient } from '../s3/s3-http-client';
import { getKey, measureClosedLoop, measureWindow, s3Operation, type S3Call } from '../s3/s3-measure';
import { BENCH_BUCKET, startStrongroom, type S3Target } from '../s3/s3-targets';
import { checkPutHeaders, sseVariants, type SseVariant } from '../s3/sse-variants';

/** The one client concurrency the variants are measured at (the s3 case's middle one), to keep the run short. */
const CONCURRENCY = 8;

/** A pool of `connections` to the variant's endpoint (HTTPS, trusting the launcher's certificate, or plain HTTP). */
function clientFor(target: S3Target, variant: SseVariant, connections: number): S3HttpClient {
  const https = target.https;
  if (variant.https && https === undefined) throw new Error('the launcher printed no HTTPS endpoint and certificate');
  return new S3HttpClient({ endpoint: variant.https ? https!.endpoint : target.endpoint, ca: variant.https ? https!.ca : undefined, credentials: target.credentials, connections });
}

/** Creates the bucket and, for each variant, puts the objects its GETs read, checking that each PUT was encrypted as asked. */
async function prepare(target: S3Target, variants: readonly SseVariant[], payloads: ReadonlyMap<SizeLabel, Buffer>): Promise<void> {
  const setupClient = clientFor(target, variants[0]!, 1);
  try {
    await setupClient.createBucket(BENCH_BUCKET);
  } finally {
    await setupClient.close();
  }
  for (const variant of variants) {
    const client = clientFor(target, variant, 1);
    try {
      for (const [label, payload] of payloads) checkPutHeaders(variant, (await client.put(getKey(label, variant.keyPrefix), payload, payload.length, variant.put)).headers);
    } finally {
      await client.close();
    }
  }
}

/** Measures one variant's PUT or GET of one size at {@link CONCURRENCY}, with the KMS calls it caused. */
async function measureVariant(
  context: BenchContext,
  target: S3Target,
  audit: KmsAuditCounter | undefined,
  call: { variant: SseVariant; method: 'PUT' | 'GET'; size: ObjectSize; payload: Buffer },
): Promise<EncryptionMeasurement> {
  const operation = `${call.method} ${call.size.label}` as const;
  context.progress(`s3-encryption: ${operation} ${call.variant.name} at concurrency ${CONCURRENCY}`);
  const s3Call: S3Call = { target, concurrency: CONCURRENCY, ...call };
  const client = clientFor(target, call.variant, CONCURRENCY);
  try {
    const inner = s3Operation(client, s3Call);
    let calls = 0;
    const counted = () => {
      calls++;
      return inner();
    };
    const before = await audit?.counts();
    const window = measureWindow(call.size, true, context.settings.seconds, context.settings.warmupSeconds);
    const measured = await measureClosedLoop(counted, CONCURRENCY, window, target.pid);
    const after = await audit?.counts();
    const kmsCallsPerCall =
      before === undefined || after === undefined ? undefined : new Map([...kmsCallsBetween(before, after)].map(([name, count]): [string, number] => [name, count / calls]));
    return { operation, path: call.variant.name, concurrency: CONCURRENCY, bytesPerCall: call.size.bytes, kmsCallsPerCall, ...measured };
  } finally {
    await client.close();
  }
}

/** Seconds each variant's 4 KiB PUT and GET run before any measurement. */
const STACK_WARMUP_SECONDS = 2;

/**
 * Runs every variant's 4 KiB PUT and GET, uncounted, before the first
 * measurement: a stack just started is still compiling its hot paths, and
 * without this the variant measured first came out up to 3x slower than
 * the same variant measured later in a trial run.
 */
async function warmUpStack(context: BenchContext, target: S3Target, variants: readonly SseVariant[], payload: Buffer): Promise<void> {
  context.progress(`s3-encryption: warming up the stack (${STACK_WARMUP_SECONDS} s per variant, PUT and GET 4 KiB)`);
  const size = OBJECT_SIZES.find((candidate) => candidate.label === '4 KiB')!;
  for (const variant of variants) {
    const client = clientFor(target, variant, CONCURRENCY);
    try {
      for (const method of ['PUT', 'GET'] as const) {
        const operation = s3Operation(client, { target, variant, method, size, payload, concurrency: CONCURRENCY });
        await measureClosedLoop(operation, CONCURRENCY, { seconds: STACK_WARMUP_SECONDS, warmupSeconds: 0 }, target.pid);
      }
    } finally {
      await client.close();
    }
  }
}

function setupLines(context: BenchContext, kmsCounted: boolean): string[] {
  const { seconds, warmupSeconds } = context.settings;
  return [
    'Strongroom as in the s3 case (apps/strongroom/src/main.ts in a child process, fresh database and data directory), started with',
    '  STRONGROOM_LEGACY_BUCKET_DEFAULTS=true so that its new bucket allows SSE-C; the bucket default stays SSE-S3.',
    'Each variant is asked for by signed request headers and checked on every setup PUT\'s response; every GET compared byte for byte:',
    '  SSE-S3: x-amz-server-side-encryption: AES256.',
    '  SSE-KMS: aws:kms under a customer key made with the gateway\'s KMS JSON API (TrentService.CreateKey), bucket-key-enabled true / false.',
    '  SSE-C: one random AES256 customer key, its headers on every PUT and GET.',
    '  SSE-S3, plain HTTP: the s3 case\'s path, for what TLS costs; every other variant goes over HTTPS (SSE-C must), so ratios compare like with like.',
    `Client: the s3 case's undici Pool and SigV4 signer (UNSIGNED-PAYLOAD), trusting the launcher's self-signed certificate; ONE concurrency, ${CONCURRENCY},`,
    '  not the s3 case\'s 1, 8 and 32, to keep the run short. Variants take turns at each size and method, the order reversed every step,',
    `  after ${STACK_WARMUP_SECONDS} s of uncounted 4 KiB PUTs and GETs per variant (a fresh stack is still compiling its hot paths).`,
    `Window: 4 KiB ${seconds} s, 1 MiB ${(seconds / 2).toFixed(1)} s, 64 MiB ${(seconds / 3).toFixed(1)} s; a warm-up of ${warmupSeconds} s before each (none for 64 MiB).`,
    kmsCounted
      ? 'KMS calls per call: rows added to kms.audit_events in the stack\'s database (one per KMS call) over warm-up and measurement, divided by the S3 calls made.'
      : 'KMS calls per call: not counted (the stack\'s database was not reachable).',
    'rate: ops/s (4 KiB) or MB/s (10^6 bytes); ÷ SSE-S3: rate over SSE-S3\'s (HTTPS) for the same operation; server cpu: the stack\'s process per call.',
  ];
}

/** SSE-S3, SSE-KMS with and without bucket keys, and SSE-C, side by side on one stack. */
export const benchCase: BenchCase = {
  description: 'S3 PUT and GET (4 KiB, 1 MiB, 64 MiB) at concurrency 8 with SSE-S3, SSE-KMS (with and without bucket keys) and SSE-C',
  async run(context) {
    await context.postgresUrl();
    const started = process.hrtime.bigint();
    const payloads = randomPayloads();
    context.progress('s3-encryption: starting Strongroom');
    const target = await startStrongroom({ env: { STRONGROOM_LEGACY_BUCKET_DEFAULTS: 'true' } });
    let audit: KmsAuditCounter | undefined;
    try {
      if (target.https === undefined) throw new Error('the launcher printed no HTTPS endpoint and certificate');
      const keyId = await createKmsKey(target.https.endpoint, target.https.ca, target.credentials);
      const variants = sseVariants(keyId);
      await prepare(target, variants, payloads);
      audit = target.databaseUrl === undefined ? undefined : await KmsAuditCounter.connect(target.databaseUrl).catch(() => undefined);
      await warmUpStack(context, target, variants, payloads.get('4 KiB')!);
      const measurements: EncryptionMeasurement[] = [];
      let step = 0;
      for (const size of OBJECT_SIZES) {
        for (const method of ['PUT', 'GET'] as const) {
          // Each step reverses the turn order, so that no variant always goes first (or last) after a size or method change.
          for (const variant of step++ % 2 === 0 ? variants : [...variants].reverse()) {
            measurements.push(await measureVariant(context, target, audit, { variant, method, size, payload: payloads.get(size.label)! }));
          }
        }
      }
      const order = (measurement: EncryptionMeasurement) => variants.findIndex((variant) => variant.name === measurement.path);
      const rows = measurements.map((measurement, index) => ({ measurement, index })).sort((a, b) => Math.floor(a.index / variants.length) - Math.floor(b.index / variants.length) || order(a.measurement) - order(b.measurement));
      for (const line of encryptionReport(rows.map((row) => row.measurement), setupLines(context, audit !== undefined))) context.print(line);
      context.print(`(measured in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s)`);
    } finally {
      await audit?.close();
      await target.stop();
    }
  },
};
