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
});
