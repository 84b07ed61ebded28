import type { BenchContext } from '../lib/bench-case';
import { processRssBytes, sampleRss } from '../lib/process-stats';
import { PatternedBody } from './payload';
import { S3HttpClient } from './s3-http-client';
import { BENCH_BUCKET, type S3Target } from './s3-targets';

/** The object of the memory check: 1 GiB. */
export const MEMORY_CHECK_BYTES = 1024 * 1024 * 1024;

/** What a large transfer did to the serving process's memory. */
export interface MemoryTransfer {
  /** RSS just before the transfer, in bytes. */
  readonly rssBefore: number;
  /** The highest RSS sampled during it (every 20 ms), in bytes. */
  readonly rssPeak: number;
  readonly seconds: number;
}

/** The memory check's upload of one object. */
export interface MemoryCheck {
  readonly bytes: number;
  readonly put: MemoryTransfer;
}

async function transfer(pid: number, run: () => Promise<unknown>): Promise<MemoryTransfer> {
  const rssBefore = processRssBytes(pid);
  const sampler = sampleRss(pid);
  const started = process.hrtime.bigint();
  try {
    await run();
  } finally {
    sampler.stop();
  }
  return { rssBefore, rssPeak: sampler.stop(), seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/**
 * Uploads one {@link MEMORY_CHECK_BYTES} object to `target`, generated as
 * it is sent ({@link PatternedBody}), sampling the serving process's RSS
 * throughout.
 */
export async function runMemoryCheck(context: BenchContext, target: S3Target): Promise<MemoryCheck> {
  const body = new PatternedBody(MEMORY_CHECK_BYTES);
  const path = `/${BENCH_BUCKET}/memory/1GiB`;
  const client = new S3HttpClient({ endpoint: target.endpoint, credentials: target.credentials, connections: 1 });
  try {
    context.progress(`s3: memory: PUT 1 GiB on ${target.name}`);
    const put = await transfer(target.pid, () => client.put(path, body.stream(), body.bytes));
    return { bytes: body.bytes, put };
  } finally {
    await client.close();
  }
}
