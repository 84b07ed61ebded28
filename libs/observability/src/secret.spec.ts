import pino from 'pino';
import { format, inspect } from 'node:util';
import { Secret } from './secret';

const VALUE = 'root-key-0123456789abcdef';

describe('Secret', () => {
  const secret = new Secret(VALUE);

  it('reveals the wrapped value, and only through reveal()', () => {
    expect(secret.reveal()).toBe(VALUE);
    expect(Object.keys(secret)).toEqual([]);
  });

  it.each([
    ['String()', () => String(secret)],
    ['concatenation', () => 'key=' + secret.toString()],
    ['JSON.stringify', () => JSON.stringify(secret)],
    ['JSON.stringify inside an object', () => JSON.stringify({ nested: { secret } })],
    ['util.inspect', () => inspect(secret)],
    ['util.inspect deep, with hidden fields', () => inspect({ a: { b: secret } }, { depth: 10, showHidden: true })],
    ['util.format %o', () => format('%o', secret)],
    ['util.format %j', () => format('%j', { secret })],
  ])('never prints through %s', (_how, print) => {
    const printed = print();
    expect(printed).toContain('[redacted]');
    expect(printed).not.toContain(VALUE);
  });

  it('never prints through a plain pino logger', () => {
    const lines: string[] = [];
    const logger = pino({}, { write: (line: string) => lines.push(line) });
    logger.info({ secret, nested: { secret } }, 'hello %s', secret);
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(record.secret).toBe('[redacted]');
    expect(record.nested).toEqual({ secret: '[redacted]' });
    expect(record.msg).toBe('hello [redacted]');
    expect(lines[0]).not.toContain(VALUE);
  });

  it('hides byte values as well', () => {
    const key = new Secret(Buffer.from(VALUE));
    expect(JSON.stringify({ key })).toBe('{"key":"[redacted]"}');
    expect(inspect(key)).toBe('[redacted]');
    expect(key.reveal().toString()).toBe(VALUE);
  });
});
