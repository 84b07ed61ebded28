import { cpus } from 'node:os';
import type { BenchCase, BenchContext } from '../lib/bench-case';
import { runMemoryCheck, type MemoryCheck } from '../s3/memory-check';
import { OBJECT_SIZES, randomPayloads, type SizeLabel } from '../s3/payload';
import { runS3Profile } from '../s3/s3-profile';
import { s3Report } from '../s3/s3-report';
import { measureS3Call, measureWindow, prepareTarget, type S3Measurement } from '../s3/s3-measure';
import { TARGET_NAMES, startBaseline, startStrongroom, type S3Target } from '../s3/s3-targets';
import { measureSdkRun } from '../s3/sdk-run';
import { serverWarmUpSeconds, warmUpServer } from '../s3/server-warm-up';

/** The client concurrencies measured, as in the issue. */
const CONCURRENCIES = [1, 8, 32] as const;

/** Starts Strongroom and the baselines, one child process each, and prepares their buckets; stops whatever started if one fails. */
async function startTargets(context: BenchContext, payloads: ReadonlyMap<SizeLabel, Buffer>): Promise<S3Target[]> {
  const targets: S3Target[] = [];
  try {
    for (const name of TARGET_NAMES) {
      context.progress(`s3: starting ${name}`);
      const target = name === 'Strongroom' ? await startStrongroom() : await startBaseline(name);
      targets.push(target);
      const headers = await prepareTarget(target, payloads);
      if (name === 'Strongroom' && headers['x-amz-server-side-encryption'] !== 'AES256') {
        throw new Error(`Strongroom answered a PUT with x-amz-server-side-encryption ${JSON.stringify(headers['x-amz-server-side-encryption'])}, not AES256 (SSE-S3)`);
      }
    }
    return targets;
  } catch (error) {
    await Promise.all(targets.map((target) => target.stop()));
    throw error;
  }
}

function setupLines(context: BenchContext, serverWarmUp: number): string[] {
  const { seconds, warmupSeconds } = context.settings;
  return [
    `Servers: each in a child process of its own, the client in this one: on this ${cpus().length}-core machine a shared event loop would bill the`,
    '  client\'s signing and byte-for-byte checks to the server, and the server\'s pauses to the client.',
    'Strongroom: apps/strongroom/src/main.ts as `npm start` runs it (KMS, policy, storage and gateway in one process) on a fresh database',
    '  of DATABASE_URL\'s server; objects SSE-S3 (the bucket default; checked: x-amz-server-side-encryption: AES256).',
    'Client: undici 7 Pool, one keep-alive HTTP/1.1 connection per concurrent call; SigV4 header auth with x-amz-content-sha256:',
    '  UNSIGNED-PAYLOAD (no payload hash on either side), the same for every server; every GET compared byte for byte.',
    `Window: 4 KiB ${seconds} s, 1 MiB ${(seconds / 2).toFixed(1)} s, 64 MiB ${(seconds / 3).toFixed(1)} s, every connection finishing at least one call; a warm-up`,
    `  of ${warmupSeconds} s before the first concurrency of each server, size and method (none for 64 MiB); before any of it, each`,
    `  server served ${serverWarmUp} s of 4 KiB and 1 MiB PUTs and GETs at concurrency 8, not counted, so that every one is measured`,
    '  warm (its JIT-compiled steady state; BENCH_S3_SERVER_WARMUP_SECONDS).',
    ...(seconds < 1 ? ['  (BENCH_SECONDS below 1: figures are rough)'] : []),
  ];
}

/** S3 PUT and GET through the whole stack, beside three baselines on the same machine. */
export const benchCase: BenchCase = {
  description: 'S3 PUT and GET (4 KiB, 1 MiB, 64 MiB) on Strongroom with SSE-S3, beside a file server, the same with its crypto, and s3rver',
  async run(context) {
    // Starts PostgreSQL when DATABASE_URL is unset, and sets it: the stack's database is made there.
    await context.postgresUrl();
    const profileDirectory = process.env.BENCH_S3_CPU_PROFILE;
    if (profileDirectory) {
      await runS3Profile(context, profileDirectory);
      return;
    }
    const started = process.hrtime.bigint();
    const payloads = randomPayloads();
    const { seconds, warmupSeconds } = context.settings;
    const targets = await startTargets(context, payloads);
    try {
      const strongroom = targets.find((target) => target.name === 'Strongroom')!;
      // First, on a stack that has served only the setup: later runs leave the heap grown.
      const memory: MemoryCheck = await runMemoryCheck(context, strongroom);
      const serverWarmUp = serverWarmUpSeconds(process.env);
      for (const target of targets) {
        context.progress(`s3: warming up ${target.name} for ${serverWarmUp} s`);
        await warmUpServer(context, target, payloads, serverWarmUp);
      }
      const measurements: S3Measurement[] = [];
      for (const size of OBJECT_SIZES) {
        for (const method of ['PUT', 'GET'] as const) {
          for (const concurrency of CONCURRENCIES) {
            // Targets take turns at each step, so that drift in the machine's load touches them alike.
            for (const target of targets) {
              const call = { target, method, size, payload: payloads.get(size.label)!, concurrency };
              measurements.push(await measureS3Call(context, call, measureWindow(size, concurrency === CONCURRENCIES[0], seconds, warmupSeconds)));
            }
          }
        }
      }
      measurements.push(await measureSdkRun(context, strongroom, payloads.get('4 KiB')!, { seconds, warmupSeconds }));
      for (const line of s3Report({ measurements, concurrencies: CONCURRENCIES, memory, setup: setupLines(context, serverWarmUp) })) context.print(line);
      context.print(`(measured in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(0)} s)`);
    } finally {
      await Promise.all(targets.map((target) => target.stop()));
    }
  },
};
