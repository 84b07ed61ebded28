import { mkdirSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BenchContext } from '../lib/bench-case';
import { summarizeCpuProfile } from '../lib/cpu-profile';
import { measurementTable } from '../lib/measurement-table';
import { OBJECT_SIZES, randomPayloads, type ObjectSize } from './payload';
import { measureS3Call, prepareTarget } from './s3-measure';
import { startStrongroom } from './s3-targets';
import { serverWarmUpSeconds, warmUpServer } from './server-warm-up';

/** What the profile mode measures unless `BENCH_S3_PROFILE_CALL` names another call: the small-object write path. */
const DEFAULT_CALL = 'PUT 4 KiB 8';

/** The call to profile, from `BENCH_S3_PROFILE_CALL` (`<PUT|GET> <size label> <concurrency>`, e.g. `GET 64 MiB 1`). */
function profiledCall(): { method: 'PUT' | 'GET'; size: ObjectSize; concurrency: number } {
  const text = process.env.BENCH_S3_PROFILE_CALL ?? DEFAULT_CALL;
  const match = /^(PUT|GET) (.+) (\d+)$/.exec(text.trim());
  const size = OBJECT_SIZES.find((candidate) => candidate.label === match?.[2]);
  if (match === null || size === undefined) {
    throw new Error(`BENCH_S3_PROFILE_CALL is "<PUT|GET> <${OBJECT_SIZES.map(({ label }) => label).join('|')}> <concurrency>", not "${text}"`);
  }
  return { method: match[1] as 'PUT' | 'GET', size, concurrency: Number(match[3]) };
}

/** The main thread's profile of process `pid` (`CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`; tsx's loader thread writes one too). */
function mainThreadProfile(directory: string, pid: number): string {
  const file = readdirSync(directory).find((name) => name.includes(`.${pid}.0.`) && name.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`process ${pid} wrote no main-thread .cpuprofile to ${directory}`);
  return join(directory, file);
}

/**
 * `BENCH_S3_CPU_PROFILE=<dir>`: starts only Strongroom, with the stack's
 * process under `node --cpu-prof`, measures one call (4 KiB PUTs at
 * concurrency 8, or `BENCH_S3_PROFILE_CALL`) as the case does, after the
 * same server warm-up, stops the stack (which writes the profile into `dir`),
 * and prints where the stack's CPU time went during the measured window.
 */
export async function runS3Profile(context: BenchContext, directory: string): Promise<void> {
  const absolute = resolve(directory);
  mkdirSync(absolute, { recursive: true });
  const call = profiledCall();
  const target = await startStrongroom({ nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${absolute}`] });
  const payloads = randomPayloads();
  let window: { from: bigint; to: bigint };
  let lines: string[];
  try {
    await prepareTarget(target, payloads);
    await warmUpServer(context, target, payloads, serverWarmUpSeconds(process.env));
    const from = process.hrtime.bigint() + BigInt(Math.round(context.settings.warmupSeconds * 1e9));
    const measurement = await measureS3Call(
      context,
      { target, method: call.method, size: call.size, payload: payloads.get(call.size.label)!, concurrency: call.concurrency },
      { warmupSeconds: context.settings.warmupSeconds, seconds: context.settings.seconds },
    );
    window = { from, to: process.hrtime.bigint() };
    lines = measurementTable([measurement], () => 'Strongroom under --cpu-prof (slower than without)');
  } finally {
    await target.stop();
  }
  const profile = mainThreadProfile(absolute, target.pid);
  for (const line of [...lines, '', `Profile: ${profile}`, ...summarizeCpuProfile(profile, window.from, window.to)]) context.print(line);
}
