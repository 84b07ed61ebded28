import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
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

/** The profiles process `pid` wrote (`CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`), by thread id. */
function profilesOf(directory: string, pid: number): Map<number, string> {
  const profiles = new Map<number, string>();
  for (const name of readdirSync(directory)) {
    const thread = new RegExp(`\\.${pid}\\.(\\d+)\\.\\d+\\.cpuprofile$`).exec(name)?.[1];
    if (thread !== undefined) profiles.set(Number(thread), join(directory, name));
  }
  return profiles;
}

/**
 * The profiles to summarise: the main thread's (KMS, policy, storage) and
 * the gateway thread's, told from tsx's loader thread (which writes one
 * too) by the gateway's code in it.
 */
function stackProfiles(directory: string, pid: number): { thread: string; path: string }[] {
  const profiles = profilesOf(directory, pid);
  const main = profiles.get(0);
  if (main === undefined) throw new Error(`process ${pid} wrote no main-thread .cpuprofile to ${directory}`);
  const gateway = [...profiles.entries()].find(([thread, path]) => thread !== 0 && readFileSync(path, 'utf8').includes('services/gateway/'));
  return [{ thread: 'main thread (KMS, policy, storage)', path: main }, ...(gateway === undefined ? [] : [{ thread: 'gateway thread', path: gateway[1] }])];
}

/**
 * `BENCH_S3_CPU_PROFILE=<dir>`: starts only Strongroom, with the stack's
 * process under `node --cpu-prof`, measures one call (4 KiB PUTs at
 * concurrency 8, or `BENCH_S3_PROFILE_CALL`) as the case does, after the
 * same server warm-up, stops the stack (which writes the profiles into
 * `dir`), and prints where each of the stack's two threads spent its CPU
 * time during the measured window.
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
  for (const line of lines) context.print(line);
  for (const { thread, path } of stackProfiles(absolute, target.pid)) {
    for (const line of ['', `Profile of the ${thread}: ${path}`, ...summarizeCpuProfile(path, window.from, window.to)]) context.print(line);
  }
}
