import type { IncomingHttpHeaders } from 'node:http';
import type { BenchContext } from '../lib/bench-case';
import { runClosedLoop } from '../lib/closed-loop';
import type { Measurement } from '../lib/measurement';
import { processCpuMicros } from '../lib/process-stats';
import { verifyAgainst, type ObjectSize, type SizeLabel } from './payload';
import { S3HttpClient, type RequestOptions, type S3Response } from './s3-http-client';
import { BENCH_BUCKET, type S3Target, type TargetName } from './s3-targets';

/** An S3 request and object size: `PUT 4 KiB`, `GET 64 MiB`, ... */
export type S3Operation = `${'PUT' | 'GET'} ${SizeLabel}`;

/** Who served it, and how it was driven: the lean client, or the one AWS SDK run. */
export type S3Path = TargetName | 'Strongroom, AWS SDK';

/** One measurement of the S3 case, with the server's side of it. */
export interface S3Measurement extends Measurement<S3Operation, S3Path> {
  /** Object bytes per call. */
  readonly bytesPerCall: number;
  /** CPU time (all threads) of the serving process per call, in microseconds; PostgreSQL's is not in it. */
  readonly serverCpuMicrosPerCall: number;
}

/** How long one measurement runs. */
export interface MeasureWindow {
  readonly warmupSeconds: number;
  readonly seconds: number;
}

/** What one PUT or GET measurement needs. */
export interface S3Call {
  readonly target: S3Target;
  readonly method: 'PUT' | 'GET';
  readonly size: ObjectSize;
  /** The PUT body, and what every GET must return byte for byte. */
  readonly payload: Buffer;
  readonly concurrency: number;
  /** What PUTs and GETs carry beyond the signature, and where their keys live; none by default. */
  readonly variant?: S3CallVariant;
}

/** Headers a call's requests carry (such as SSE ones), under a key prefix of their own. */
export interface S3CallVariant {
  /** Prefix of every key, so that variants neither read nor overwrite each other's objects. */
  readonly keyPrefix: string;
  readonly put: RequestOptions;
  readonly get: RequestOptions;
}

/** The key every GET of a size reads (under `keyPrefix`); put by {@link prepareTarget} or the case. */
export function getKey(size: SizeLabel, keyPrefix = ''): string {
  return `/${BENCH_BUCKET}/${keyPrefix}get/${size.replace(' ', '')}`;
}

/**
 * How long one measurement runs: `seconds` for 4 KiB, half of it for
 * 1 MiB and a third for 64 MiB (whose calls take long: at concurrency 32
 * one call per connection is already 2 GiB); the warm-up only when `first`
 * (the first concurrency of a target, size and method: the code is hot
 * after it, and a fresh pool opens its connections in the first calls
 * anyway), never for 64 MiB.
 */
export function measureWindow(size: ObjectSize, first: boolean, seconds: number, warmupSeconds: number): MeasureWindow {
  const share = size.label === '4 KiB' ? 1 : size.label === '1 MiB' ? 1 / 2 : 1 / 3;
  return { seconds: seconds * share, warmupSeconds: first && size.label !== '64 MiB' ? warmupSeconds : 0 };
}

/**
 * Keys for PUTs: 4 KiB PUTs each write a new key (inserting is the common
 * case, and metadata is most of their cost); larger ones reuse one key per
 * concurrent call (overwrites, which keep the disk use of a run bounded).
 * No key is ever written by two calls at once.
 */
class PutKeys {
  readonly #free: string[] = [];
  #next = 0;

  constructor(
    private readonly prefix: string,
    private readonly reuse: boolean,
  ) {}

  acquire(): string {
    return (this.reuse ? this.#free.pop() : undefined) ?? `${this.prefix}/${this.#next++}`;
  }

  release(key: string): void {
    if (this.reuse) this.#free.push(key);
  }
}

/** The operation a closed loop repeats for `call`, on `client`. */
export function s3Operation(client: S3HttpClient, call: S3Call): () => Promise<unknown> {
  const { method, size, payload, concurrency, variant } = call;
  if (method === 'GET') {
    const path = getKey(size.label, variant?.keyPrefix);
    const sink = verifyAgainst(payload);
    return async () => {
      const response = await client.get(path, sink, variant?.get);
      if (response.bodyBytes !== payload.length) throw new Error(`GET ${path} returned ${response.bodyBytes} bytes, not ${payload.length}`);
    };
  }
  const keys = new PutKeys(`/${BENCH_BUCKET}/${variant?.keyPrefix ?? ''}put/${size.label.replace(' ', '')}/c${concurrency}`, size.throughput);
  return async () => {
    const key = keys.acquire();
    try {
      await client.put(key, payload, payload.length, variant?.put);
    } finally {
      keys.release(key);
    }
  };
}

/** Runs `operation` in a closed loop (warm-up, then measured) and takes the serving process's CPU time over the measured part. */
export async function measureClosedLoop(
  operation: () => Promise<unknown>,
  concurrency: number,
  window: MeasureWindow,
  serverPid: number,
): Promise<{ result: Awaited<ReturnType<typeof runClosedLoop>>; serverCpuMicrosPerCall: number }> {
  if (window.warmupSeconds > 0) await runClosedLoop(operation, concurrency, window.warmupSeconds);
  const cpuBefore = processCpuMicros(serverPid);
  const result = await runClosedLoop(operation, concurrency, window.seconds);
  const calls = result.operations + result.errors;
  return { result, serverCpuMicrosPerCall: calls === 0 ? Number.NaN : (processCpuMicros(serverPid) - cpuBefore) / calls };
}

/** Measures one PUT or GET at one concurrency against one target, with a fresh pool of `concurrency` keep-alive connections. */
export async function measureS3Call(context: BenchContext, call: S3Call, window: MeasureWindow): Promise<S3Measurement> {
  const operation: S3Operation = `${call.method} ${call.size.label}`;
  context.progress(`s3: ${operation} at concurrency ${call.concurrency} on ${call.target.name}`);
  const client = new S3HttpClient({ endpoint: call.target.endpoint, credentials: call.target.credentials, connections: call.concurrency });
  try {
    const measured = await measureClosedLoop(s3Operation(client, call), call.concurrency, window, call.target.pid);
    return { operation, path: call.target.name, concurrency: call.concurrency, bytesPerCall: call.size.bytes, ...measured };
  } finally {
    await client.close();
  }
}

/**
 * Creates the bench bucket on `target` and puts the object every GET of
 * each size reads; returns the headers of the first PUT's response.
 */
export async function prepareTarget(target: S3Target, payloads: ReadonlyMap<SizeLabel, Buffer>): Promise<IncomingHttpHeaders> {
  const client = new S3HttpClient({ endpoint: target.endpoint, credentials: target.credentials, connections: 1 });
  try {
    await client.createBucket(BENCH_BUCKET);
    const responses: S3Response[] = [];
    for (const [label, payload] of payloads) responses.push(await client.put(getKey(label), payload));
    return responses[0]?.headers ?? {};
  } finally {
    await client.close();
  }
}
