import type { BenchContext } from '../lib/bench-case';
import { OBJECT_SIZES, type SizeLabel } from './payload';
import { measureS3Call } from './s3-measure';
import type { S3Target } from './s3-targets';

/** What the warm-up runs, each for a quarter of its time: the small and medium paths both ways. */
const WARM_UP_CALLS = [
  { method: 'PUT', size: '4 KiB' },
  { method: 'GET', size: '4 KiB' },
  { method: 'PUT', size: '1 MiB' },
  { method: 'GET', size: '1 MiB' },
] as const;
const WARM_UP_CONCURRENCY = 8;
/** Warm-up PUTs write under a prefix of their own, so that the measured PUTs of new keys never overwrite one of them. */
const WARM_UP_PUTS = { keyPrefix: 'warm-up/', put: {}, get: {} };

/** Seconds of warm-up per server, from `BENCH_S3_SERVER_WARMUP_SECONDS` (default 8; 0 turns it off). */
export function serverWarmUpSeconds(env: NodeJS.ProcessEnv): number {
  const text = env.BENCH_S3_SERVER_WARMUP_SECONDS;
  if (text === undefined || text === '') return 8;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds < 0) throw new Error(`BENCH_S3_SERVER_WARMUP_SECONDS must be a number of seconds >= 0, got ${JSON.stringify(text)}`);
  return seconds;
}

/**
 * Serves PUTs and GETs of 4 KiB and 1 MiB for `seconds` before anything is
 * measured, results discarded, so that every server is measured in its
 * steady state: a JavaScript server runs its first thousands of requests in
 * the interpreter while the optimizing compiler catches up, and the larger
 * the server's code the longer that takes (the whole Strongroom stack takes
 * seconds on a 2-core machine; a per-measurement warm-up of half a second
 * would bill that to whichever measurement comes first).
 */
export async function warmUpServer(context: BenchContext, target: S3Target, payloads: ReadonlyMap<SizeLabel, Buffer>, seconds: number): Promise<void> {
  if (seconds <= 0) return;
  for (const { method, size: label } of WARM_UP_CALLS) {
    const size = OBJECT_SIZES.find((candidate) => candidate.label === label)!;
    const call = { target, method, size, payload: payloads.get(label)!, concurrency: WARM_UP_CONCURRENCY, ...(method === 'PUT' ? { variant: WARM_UP_PUTS } : {}) };
    await measureS3Call(context, call, { warmupSeconds: 0, seconds: seconds / WARM_UP_CALLS.length });
  }
}
