import { createTestDatabase } from '@strongroom/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLauncherCommand } from './launcher';

const CRASH = 'a gateway thread crash for the test';

/** Preloaded into every thread of the launcher: the gateway thread throws, uncaught, as soon as it has said it is ready. */
const CRASHING_GATEWAY = `
const { isMainThread, parentPort } = require('node:worker_threads');
if (!isMainThread && parentPort !== null) {
  const post = parentPort.postMessage.bind(parentPort);
  parentPort.postMessage = (message) => {
    post(message);
    if (message.kind === 'ready') setImmediate(() => { throw new Error(${JSON.stringify(CRASH)}); });
  };
}
`;

test('a gateway thread that crashes is logged once, by the main thread (a worker\'s pino record can be lost as it exits), and the whole stack stops with exit status 1', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'strongroom-gateway-crash-'));
  const preload = join(dataDir, 'crashing-gateway.cjs');
  writeFileSync(preload, CRASHING_GATEWAY);
  const database = await createTestDatabase();
  try {
    const run = await runLauncherCommand(dataDir, [], { DATABASE_URL: database.url, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${preload}` });
    expect(run.code).toBe(1);
    const records = run.output.split('\n').filter((line) => line.includes(CRASH));
    expect(records).toHaveLength(1);
    expect(JSON.parse(records[0]!)).toMatchObject({ level: 60, msg: 'the gateway thread died' });
    expect(run.output).toContain('gateway thread died: stopping...');
    expect(run.output).not.toContain('Press Ctrl-C to stop.');
  } finally {
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 30_000);
