import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isBenchCase, type BenchCase, type BenchContext } from './lib/bench-case';
import { readBenchSettings } from './lib/bench-settings';
import { startPostgresServer, type PostgresServer } from './lib/postgres-server';

const CASES_DIRECTORY = join(__dirname, 'cases');

/** The names of the cases in `bench/cases`, sorted. */
function availableCases(): string[] {
  return readdirSync(CASES_DIRECTORY)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => basename(file, '.ts'))
    .sort();
}

async function loadCase(name: string): Promise<BenchCase> {
  const module: unknown = await import(join(CASES_DIRECTORY, `${name}.ts`));
  const exported = (module as { benchCase?: unknown }).benchCase;
  if (!isBenchCase(exported)) throw new Error(`bench/cases/${name}.ts does not export a benchCase`);
  return exported;
}

/** Runs every case, or those named on the command line, one after another. */
async function main(names: readonly string[]): Promise<void> {
  const available = availableCases();
  const unknown = names.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(`unknown bench case(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const settings = readBenchSettings(process.env);
  let postgres: Promise<PostgresServer> | undefined;
  const context: BenchContext = {
    settings,
    postgresUrl: async () => (await (postgres ??= startPostgresServer())).url,
    print: (line = '') => console.log(line),
    progress: (line) => console.error(`  ... ${line}`),
  };
  try {
    for (const name of names.length > 0 ? names : available) {
      const benchCase = await loadCase(name);
      context.print(`== ${name}: ${benchCase.description}`);
      context.print(`   ${settings.seconds} s per measurement after ${settings.warmupSeconds} s of warm-up (BENCH_SECONDS, BENCH_WARMUP_SECONDS)`);
      context.print();
      await benchCase.run(context);
      context.print();
    }
  } finally {
    if (postgres) await (await postgres).stop();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
