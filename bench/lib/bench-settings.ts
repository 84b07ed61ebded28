/** Settings every case honours, read from the environment. */
export interface BenchSettings {
  /** Length of each measurement, in seconds. @default 3 (`BENCH_SECONDS`) */
  readonly seconds: number;
  /** Length of the warm-up before each measurement, in seconds. @default 0.5 (`BENCH_WARMUP_SECONDS`) */
  readonly warmupSeconds: number;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number of seconds >= 0, got ${JSON.stringify(text)}`);
  return value;
}

/** Reads {@link BenchSettings} from `env`; throws naming a malformed variable. */
export function readBenchSettings(env: NodeJS.ProcessEnv): BenchSettings {
  const seconds = positiveNumber(env, 'BENCH_SECONDS', 3);
  if (seconds === 0) throw new Error('BENCH_SECONDS must be more than 0');
  return { seconds, warmupSeconds: positiveNumber(env, 'BENCH_WARMUP_SECONDS', 0.5) };
}
