import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const IMPLEMENTATION = resolve(__dirname, '../src/embedded-postgres.mjs');

/**
 * The checks, run in a child process: the implementation is ESM, which
 * jest's CommonJS runtime cannot load. Prints one JSON line of findings.
 */
const SCRIPT = `
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, watch } from 'node:fs';
import pg from 'pg';
import { startEmbeddedPostgres } from ${JSON.stringify(IMPLEMENTATION)};
const directory = process.argv[1];
const canLogIn = async (url, password) => {
  const target = new URL(url);
  if (password !== undefined) target.password = password;
  const client = new pg.Client({ connectionString: target.href });
  try { await client.connect(); await client.end(); return true; } catch { return false; }
};
const passwordOf = (url) => decodeURIComponent(new URL(url).password);
process.env.STRONGROOM_ROOT_KEY = 'canary-root-key';
process.env.LANG = 'C';
for (const name of Object.keys(process.env)) if (name.startsWith('LC_')) delete process.env[name];
const shared = directory + '-tmp';
mkdirSync(shared);
process.env.TMPDIR = shared;
const createdInShared = [];
const watcher = watch(shared, (_event, name) => createdInShared.push(String(name)));
const first = await startEmbeddedPostgres({ directory });
watcher.close();
const file = directory + '-password';
const postmaster = readFileSync(directory + '/postmaster.pid', 'utf8').split('\\n')[0];
const findings = {
  fileMode: (statSync(file).mode & 0o777).toString(8),
  fileHoldsUrlPassword: readFileSync(file, 'utf8').trim() === passwordOf(first.url),
  passwordLength: passwordOf(first.url).length,
  urlLogsIn: await canLogIn(first.url),
  legacyLogsIn: await canLogIn(first.url, 'strongroom'),
  postgresSeesRootKey: readFileSync('/proc/' + postmaster + '/environ', 'latin1').includes('canary-root-key'),
  environmentRestored: process.env.STRONGROOM_ROOT_KEY === 'canary-root-key' && process.env.TMPDIR === shared,
  passwordInSharedTmp: createdInShared.some((name) => name.startsWith('pg-password')),
  sharedTmpLeftOver: readdirSync(shared),
  twiceAtOnce: await startEmbeddedPostgres({ directory }).then(() => 'started', (error) => String(error?.message)),
};
const admin = new pg.Client({ connectionString: first.url });
await admin.connect();
findings.encoding = (await admin.query('SHOW server_encoding')).rows[0].server_encoding;
findings.collation = (await admin.query('SHOW lc_collate')).rows[0].lc_collate;
await admin.query("ALTER ROLE strongroom PASSWORD 'strongroom'");
await admin.end();
rmSync(file);
await first.stop();
const second = await startEmbeddedPostgres({ directory });
findings.legacyReplaced = passwordOf(second.url) !== 'strongroom' && readFileSync(file, 'utf8').trim() === passwordOf(second.url);
findings.legacyLogsInAfter = await canLogIn(second.url, 'strongroom');
findings.secondUrlLogsIn = await canLogIn(second.url);
await second.stop();
console.log(JSON.stringify(findings));
`;

describe('the embedded PostgreSQL', () => {
  const parent = mkdtempSync(join(tmpdir(), 'strongroom-embedded-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  test('has a random password of its own in a 0600 file beside the cluster, gives clusters made with the old fixed one their own, keeps secrets out of its processes and the password out of the shared temporary directory, and is in UTF8 whatever the locale of the machine; a failed start says why', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', SCRIPT, join(parent, 'pg')], { timeout: 120_000 });
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({
      fileMode: '600',
      fileHoldsUrlPassword: true,
      passwordLength: 43,
      urlLogsIn: true,
      legacyLogsIn: false,
      postgresSeesRootKey: false,
      environmentRestored: true,
      passwordInSharedTmp: false,
      sharedTmpLeftOver: [],
      twiceAtOnce: expect.stringMatching(/^PostgreSQL in .* did not start: .*lock file "postmaster.pid" already exists/),
      legacyReplaced: true,
      legacyLogsInAfter: false,
      secondUrlLogsIn: true,
      encoding: 'UTF8',
      collation: 'C',
    });
  }, 150_000);
});
