import { spawn } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(__dirname, 'support', 'crash-with-secret.ts');
const CUSTOMER_KEY = 'S3CR3T-customer-key-base64';
const KEY_BYTES = 'K3Y-BYTES-0123456789abcdef';

interface Crash {
  readonly code: number | null;
  readonly output: string;
}

/** Runs the crashing script and collects everything it printed, on either stream. */
function crash(how: 'throw' | 'reject', level = 'info'): Promise<Crash> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, how], {
      env: { ...process.env, PLANTED_CUSTOMER_KEY: CUSTOMER_KEY, PLANTED_KEY_BYTES: KEY_BYTES, CRASH_LOG_LEVEL: level },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output: Buffer.concat(chunks).toString() }));
  });
}

/** The bytes as util.inspect prints a Buffer: `<Buffer 4b 33 ...>`. */
function inspectedBytes(text: string): string {
  return [...Buffer.from(text).subarray(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

describe('logCrashesThrough', () => {
  it.each(['throw', 'reject'] as const)('logs a crash by %s through the logger, without its secrets, and exits 1', async (how) => {
    const { code, output } = await crash(how);
    expect(code).toBe(1);
    expect(output).not.toContain(CUSTOMER_KEY);
    expect(output).not.toContain(KEY_BYTES);
    expect(output).not.toContain(inspectedBytes(KEY_BYTES));
    const record = JSON.parse(output.trim().split('\n').at(-1)!) as { level: number; err: { message: string; cause: unknown } };
    expect(record.level).toBe(60);
    expect(record.err.message).toBe('get object failed');
    expect(record.err.cause).toEqual(expect.objectContaining({ message: 'unwrap failed', request: { customerKey: '[redacted]', material: '<26 bytes>' } }));
  }, 30_000);

  it('says that it crashed, in one line without the error, when the log level is silent', async () => {
    const { code, output } = await crash('throw', 'silent');
    expect(code).toBe(1);
    expect(output.trim()).toBe('uncaught exception: Error (log level silent)');
  }, 30_000);
});
