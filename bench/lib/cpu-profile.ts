import { readFileSync } from 'node:fs';
import { formatTable } from './text-table';

/** The parts of a V8 `.cpuprofile` (as `node --cpu-prof` writes it) the summary reads. */
interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }[];
  /** Microseconds, on the monotonic clock `process.hrtime` reads. */
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a function lives, coarsely: a package, a service or library of this repository, a part of Node, or V8's own. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const npm = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (npm) return `npm ${npm[1]}`;
  const repo = /\/((?:services|libs|apps)\/[^/]+)\//.exec(url);
  if (repo) return repo[1]!;
  const node = /^node:(?:internal\/)?([^/]+)/.exec(url);
  if (node) return `node ${node[1]!.replace(/^_/, '').replace(/_.*$/, '')}`;
  return url.slice(url.lastIndexOf('/', url.lastIndexOf('/') - 1) + 1);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*?\/(node_modules|services|libs|apps|bench)\//, '$1/');
}

/** One line of a summary table. */
interface Share {
  readonly name: string;
  readonly samples: number;
}

function shareTable(title: string, shares: Map<string, number>, total: number, limit: number): string[] {
  const top: Share[] = [...shares].map(([name, samples]) => ({ name, samples })).sort((x, y) => y.samples - x.samples).slice(0, limit);
  return formatTable(
    [
      { title, align: 'left' },
      { title: 'samples', align: 'right' },
      { title: '%', align: 'right' },
    ],
    top.map(({ name, samples }) => [name, String(samples), ((samples / total) * 100).toFixed(1)]),
  );
}

/**
 * Summarises the samples of a `.cpuprofile` taken between two
 * `process.hrtime.bigint()` readings: self time by area ({@link areaOf}),
 * inclusive time by package, service or library (each sample counted once
 * for every one on its stack; Node's own modules left out, since async
 * continuations put them under everything), and the functions with the
 * most self time. Time is counted in
 * samples (one per interval in which the thread ran), not in the gaps
 * between them: on a busy machine a gap also holds time the thread waited
 * for a core, which would be billed to whatever ran last.
 */
export function summarizeCpuProfile(path: string, fromNs: bigint, toNs: bigint, limit = 20): string[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const from = Number(fromNs / 1000n);
  const to = Number(toNs / 1000n);
  const selfByArea = new Map<string, number>();
  const inclusiveByArea = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, samples: number) => map.set(key, (map.get(key) ?? 0) + samples);
  let time = profile.startTime;
  let total = 0;
  profile.samples.forEach((id, index) => {
    time += profile.timeDeltas[index] ?? 0;
    const node = byId.get(id);
    if (time < from || time > to || node === undefined) return;
    total += 1;
    const { functionName, url, lineNumber } = node.callFrame;
    add(selfByArea, areaOf(url, functionName), 1);
    add(selfByFunction, `${functionName || '(anonymous)'} ${url === '' ? '' : `${shortUrl(url)}:${lineNumber + 1}`}`.trim(), 1);
    const onStack = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame !== undefined && frame.url !== '') onStack.add(areaOf(frame.url, frame.functionName));
    }
    for (const area of onStack) if (!area.startsWith('node ')) add(inclusiveByArea, area, 1);
  });
  return [
    `${total} samples of the thread in the window (about one per ms while it runs)`,
    '',
    ...shareTable('self time by area', selfByArea, total, limit),
    '',
    ...shareTable('inclusive time by package, service or library (each sample once per area on its stack)', inclusiveByArea, total, limit),
    '',
    ...shareTable('self time by function', selfByFunction, total, limit),
  ];
}
