import { spawn } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'support', 'failing-shutdown.ts');
const CUSTOMER_KEY = 'S3CR3T-customer-key-base64';

describe('exitAfterShutdown', () => {
  it('logs a failed shutdown in one error record, without its secrets, and exits 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], { env: { ...process.env, PLANTED_CUSTOMER_KEY: CUSTOMER_KEY }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.once('close', done));
    expect(code).toBe(1);
    expect(output).not.toContain(CUSTOMER_KEY);
    const lines = output.trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as { level: number; msg: string; err: { message: string; request: unknown } };
    expect(record).toEqual(expect.objectContaining({ level: 50, msg: 'shutdown failed' }));
    expect(record.err).toEqual(expect.objectContaining({ message: 'drain failed', request: { customerKey: '[redacted]' } }));
  }, 30_000);
});
