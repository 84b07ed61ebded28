import type { DestinationStream } from 'pino';
import { createLogger, type LoggerOptions } from './logger';
import { Secret } from './secret';

/** A logger writing into an array, and the parsed records. */
function capture(options: Partial<LoggerOptions> = {}) {
  const lines: string[] = [];
  const destination: DestinationStream = { write: (line: string) => void lines.push(line) };
  const logger = createLogger({ name: 'test', level: 'debug', ...options, destination });
  return {
    logger,
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

const SECRET_FIELDS = [
  'plaintext',
  'Plaintext',
  'secret',
  'secretAccessKey',
  'token',
  'authorization',
  'rootKey',
  'dataKey',
  'keyMaterial',
  'customerKey',
  'password',
];

describe('createLogger', () => {
  it('writes one JSON record per call, with the component name and message', () => {
    const { logger, records } = capture();
    logger.info({ keyId: 'k-1' }, 'key created');
    expect(records()).toEqual([expect.objectContaining({ name: 'test', level: 30, keyId: 'k-1', msg: 'key created' })]);
  });

  it('honours the level', () => {
    const { logger, records } = capture({ level: 'warn' });
    logger.info('dropped');
    logger.warn('kept');
    expect(records().map((r) => r.msg)).toEqual(['kept']);
  });

  it.each(SECRET_FIELDS)('redacts %s at the top level and one object deep', (field) => {
    const { logger, lines, records } = capture();
    logger.info({ [field]: 'S3CR3T-top', request: { [field]: 'S3CR3T-nested', keyId: 'k-1' } }, 'call');
    const [record] = records();
    expect(record![field]).toBe('[redacted]');
    expect(record!.request).toEqual({ [field]: '[redacted]', keyId: 'k-1' });
    expect(lines.join('')).not.toContain('S3CR3T');
  });

  it('leaves fields with other names alone', () => {
    const { logger, records } = capture();
    logger.info({ keyId: 'k-1', tokens: 3, request: { bucket: 'photos' } }, 'call');
    expect(records()[0]).toEqual(expect.objectContaining({ keyId: 'k-1', tokens: 3, request: { bucket: 'photos' } }));
  });

  it('redacts secret names on an error object too', () => {
    const { logger, lines, records } = capture();
    logger.error({ err: Object.assign(new Error('boom'), { token: 'S3CR3T' }) }, 'failed');
    const err = records()[0]!.err as Record<string, unknown>;
    expect(err.message).toBe('boom');
    expect(err.token).toBe('[redacted]');
    expect(lines.join('')).not.toContain('S3CR3T');
  });

  it('redacts secret names in child bindings', () => {
    const { logger, lines, records } = capture();
    logger.child({ authorization: 'Bearer S3CR3T' }).info('call');
    expect(records()[0]!.authorization).toBe('[redacted]');
    expect(lines.join('')).not.toContain('S3CR3T');
  });

  it('prints Buffer and Uint8Array values by size only, at the top level and one level deep', () => {
    const { logger, lines, records } = capture();
    const material = Buffer.from('do-not-print-me');
    logger.info(
      {
        wrapped: material,
        nonce: new Uint8Array(12).fill(0xab),
        empty: new Uint8Array(0),
        version: { ciphertext: new Uint8Array([1, 2, 3]), id: 2 },
        parts: [Buffer.alloc(5, 0xcd), 'label'],
      },
      'wrapped',
    );
    expect(records()[0]).toEqual(
      expect.objectContaining({
        wrapped: '<15 bytes>',
        nonce: '<12 bytes>',
        empty: '<0 bytes>',
        version: { ciphertext: '<3 bytes>', id: 2 },
        parts: ['<5 bytes>', 'label'],
      }),
    );
    const printed = lines.join('');
    expect(printed).not.toContain('do-not-print-me');
    expect(printed).not.toContain(material.toString('base64'));
    expect(printed).not.toMatch(/"data":\[|"type":"Buffer"/);
  });

  it('prints Secret values as [redacted] whatever their field name', () => {
    const { logger, lines, records } = capture();
    logger.info({ key: new Secret('S3CR3T'), holder: { value: new Secret(Buffer.from('S3CR3T')) } }, 'loaded');
    expect(records()[0]).toEqual(expect.objectContaining({ key: '[redacted]', holder: { value: '[redacted]' } }));
    expect(lines.join('')).not.toContain('S3CR3T');
  });

  it('does not change the object it was given', () => {
    const { logger } = capture();
    const fields = { token: 'S3CR3T', body: Buffer.from('abc'), request: { password: 'pw' } };
    logger.info(fields, 'call');
    expect(fields.token).toBe('S3CR3T');
    expect(Buffer.isBuffer(fields.body)).toBe(true);
    expect(fields.request.password).toBe('pw');
  });

  describe('errors', () => {
    const keyBytes = () => Buffer.from('K3Y-BYTES-0123456789');

    /** The printed lines, which must hold none of the planted values. */
    function expectNoSecretIn(printed: string): void {
      expect(printed).not.toContain('S3CR3T');
      expect(printed).not.toContain('K3Y-BYTES');
      expect(printed).not.toContain(keyBytes().toString('base64'));
      expect(printed).not.toMatch(/"data":\[|"type":"Buffer"/);
    }

    it('redacts secret names and describes bytes in an error\'s nested fields', () => {
      const { logger, lines, records } = capture();
      const error = Object.assign(new Error('upload failed'), {
        request: { sse: { algorithm: 'AES256', customerKey: 'S3CR3T-customer', keyBytes: keyBytes() } },
        attempts: [{ credentials: { accessKeyId: 'AKIA1', secretAccessKey: 'S3CR3T-access' } }],
      });
      logger.error({ err: error }, 'failed');
      const err = records()[0]!.err as { message: string; request: unknown; attempts: unknown };
      expect(err.message).toBe('upload failed');
      expect(err.request).toEqual({ sse: { algorithm: 'AES256', customerKey: '[redacted]', keyBytes: '<20 bytes>' } });
      expect(err.attempts).toEqual([{ credentials: { accessKeyId: 'AKIA1', secretAccessKey: '[redacted]' } }]);
      expectNoSecretIn(lines.join(''));
    });

    it('follows the cause chain, with the same redaction at each link', () => {
      const { logger, lines, records } = capture();
      const root = Object.assign(new Error('unwrap failed'), { dataKey: keyBytes(), context: { rootKey: keyBytes(), keyId: 'k-1' } });
      const middle = new Error('decrypt failed', { cause: root });
      logger.error({ err: new Error('get object failed', { cause: middle }) }, 'failed');
      const err = records()[0]!.err as { cause: { message: string; cause: Record<string, unknown> } };
      expect(err.cause.message).toBe('decrypt failed');
      expect(err.cause.cause).toEqual(expect.objectContaining({ type: 'Error', message: 'unwrap failed', dataKey: '[redacted]', context: { rootKey: '[redacted]', keyId: 'k-1' } }));
      expectNoSecretIn(lines.join(''));
    });

    it('describes bytes and Secrets held by an error at any depth, by size or as [redacted]', () => {
      const { logger, lines, records } = capture();
      const error = Object.assign(new Error('boom'), { a: { b: { c: { body: new Uint8Array(keyBytes()), key: new Secret('S3CR3T') } } } });
      logger.error({ err: new Error('outer', { cause: { detail: error } }) }, 'failed');
      const err = records()[0]!.err as { cause: { detail: { a: unknown } } };
      expect(err.cause.detail.a).toEqual({ b: { c: { body: '<20 bytes>', key: '[redacted]' } } });
      expectNoSecretIn(lines.join(''));
    });

    it('logs a cyclic error once and a very deep one up to a limit', () => {
      const { logger, records } = capture();
      const cyclic: Error & { self?: unknown; cause?: unknown } = new Error('cyclic');
      cyclic.self = cyclic;
      cyclic.cause = cyclic;
      let deep: Record<string, unknown> = { token: 'S3CR3T' };
      for (let level = 0; level < 50; level += 1) deep = { deeper: deep };
      logger.error({ err: Object.assign(cyclic, { deep }) }, 'failed');
      const err = records()[0]!.err as { self: unknown; cause: unknown; deep: unknown };
      expect(err.self).toBe('[circular]');
      expect(err.cause).toBe('[circular]');
      expect(JSON.stringify(err.deep)).toContain('[too deep]');
      expect(JSON.stringify(err.deep)).not.toContain('S3CR3T');
    });

    it('keeps the type, message and stack, prints values with toJSON as JSON does, and does not change the error', () => {
      const { logger, records } = capture();
      const body = keyBytes();
      const error = Object.assign(new TypeError('bad'), { details: { password: 'pw', body }, at: new Date(0) });
      logger.error({ err: error }, 'failed');
      expect(records()[0]!.err).toEqual(expect.objectContaining({ type: 'TypeError', message: 'bad', stack: error.stack, at: '1970-01-01T00:00:00.000Z' }));
      expect(error.details.password).toBe('pw');
      expect(error.details.body).toBe(body);
    });
  });
});
