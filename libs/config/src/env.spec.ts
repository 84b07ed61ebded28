import { ConfigError, boolean, integer, listenAddress, optionalText, parseEnv, text } from './env';

/** Runs parseEnv expecting a ConfigError, and returns its problems. */
function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEnv', () => {
  const schema = {
    databaseUrl: text('DATABASE_URL'),
    region: text('STRONGROOM_REGION', { pattern: /^[a-z]{2}-[a-z]+-\d$/, hint: 'a region like eu-west-1' }),
    workers: integer('STRONGROOM_WORKERS', { default: 4, min: 1, max: 64 }),
    address: listenAddress('STRONGROOM_ADDRESS', '127.0.0.1:7001'),
    rootKeyFile: optionalText('STRONGROOM_ROOT_KEY_FILE'),
  };

  it('returns typed values, frozen', () => {
    const config = parseEnv(
      {
        DATABASE_URL: 'postgres://db/strongroom',
        STRONGROOM_REGION: 'eu-west-1',
        STRONGROOM_WORKERS: '8',
        STRONGROOM_ADDRESS: '0.0.0.0:7001',
        STRONGROOM_ROOT_KEY_FILE: '/run/key',
      },
      schema,
    );
    expect(config).toEqual({
      databaseUrl: 'postgres://db/strongroom',
      region: 'eu-west-1',
      workers: 8,
      address: '0.0.0.0:7001',
      rootKeyFile: '/run/key',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('applies defaults for unset and empty variables', () => {
    const base = { DATABASE_URL: 'postgres://db', STRONGROOM_REGION: 'eu-west-1' };
    for (const env of [base, { ...base, STRONGROOM_WORKERS: '', STRONGROOM_ADDRESS: '', STRONGROOM_ROOT_KEY_FILE: '' }]) {
      const config = parseEnv(env, schema);
      expect(config.workers).toBe(4);
      expect(config.address).toBe('127.0.0.1:7001');
      expect(config.rootKeyFile).toBeUndefined();
    }
  });

  it('lists every problem at once, one per variable, in schema order', () => {
    const problems = problemsOf(() =>
      parseEnv({ STRONGROOM_REGION: 'Europe', STRONGROOM_WORKERS: '0', STRONGROOM_ADDRESS: 'nowhere' }, schema),
    );
    expect(problems).toEqual([
      'DATABASE_URL: is required',
      'STRONGROOM_REGION: must be a region like eu-west-1',
      'STRONGROOM_WORKERS: must be an integer from 1 to 64',
      'STRONGROOM_ADDRESS: must be host:port with a port from 0 to 65535',
    ]);
  });

  it('puts every problem in the error message', () => {
    expect(() => parseEnv({}, schema)).toThrow(
      'invalid configuration:\n  - DATABASE_URL: is required\n  - STRONGROOM_REGION: is required',
    );
  });

  it('treats an empty required variable as missing', () => {
    expect(problemsOf(() => parseEnv({ DATABASE_URL: '', STRONGROOM_REGION: 'eu-west-1' }, schema))).toEqual([
      'DATABASE_URL: is required',
    ]);
  });

  it('describes a pattern without a hint by the pattern itself', () => {
    expect(problemsOf(() => parseEnv({ X: 'abc' }, { x: text('X', { pattern: /^\d+$/ }) }))).toEqual(['X: must be like /^\\d+$/']);
  });
});

describe('integer', () => {
  const read = (raw: string) => integer('N', { min: -5, max: 10 }).read({ N: raw });

  it.each([
    ['-5', -5],
    ['0', 0],
    ['10', 10],
    ['007', 7],
  ])('accepts %j within bounds', (raw, value) => {
    expect(read(raw)).toEqual({ ok: true, value });
  });

  it.each(['-6', '11', '1.5', 'ten', ' ', ' 3', '0x5', '1e1', '+3', 'Infinity', 'NaN'])('rejects %j', (raw) => {
    expect(read(raw)).toEqual({ ok: false, problem: 'must be an integer from -5 to 10' });
  });

  it('rejects integers beyond the safe range when unbounded', () => {
    expect(integer('N', {}).read({ N: '9007199254740993' }).ok).toBe(false);
    expect(integer('N', {}).read({ N: '9007199254740991' })).toEqual({ ok: true, value: Number.MAX_SAFE_INTEGER });
  });

  it('is required without a default', () => {
    expect(integer('N', {}).read({})).toEqual({ ok: false, problem: 'is required' });
  });

  it('takes a default of 0 as a default, not as absent', () => {
    expect(integer('N', { default: 0 }).read({})).toEqual({ ok: true, value: 0 });
  });
});

describe('boolean', () => {
  it('reads true and false, and the default when unset or empty', () => {
    expect(boolean('B', false).read({ B: 'true' })).toEqual({ ok: true, value: true });
    expect(boolean('B', true).read({ B: 'false' })).toEqual({ ok: true, value: false });
    expect(boolean('B', true).read({})).toEqual({ ok: true, value: true });
    expect(boolean('B', false).read({ B: '' })).toEqual({ ok: true, value: false });
  });

  it.each(['TRUE', 'yes', '1', ' true'])('rejects %j', (raw) => {
    expect(boolean('B', false).read({ B: raw })).toEqual({ ok: false, problem: 'must be true or false' });
  });
});

describe('listenAddress', () => {
  const read = (raw: string) => listenAddress('A', '127.0.0.1:0').read({ A: raw });

  it.each(['0.0.0.0:7001', '127.0.0.1:0', 'localhost:65535', 'kms.strongroom.svc:7001', '[::]:7001', '[::1]:80'])('accepts %s', (raw) => {
    expect(read(raw)).toEqual({ ok: true, value: raw });
  });

  it.each(['7001', ':7001', '0.0.0.0', '0.0.0.0:', 'host:65536', 'host:123456', 'host:port', '::1:7001', 'a b:1', 'http://host:1'])(
    'rejects %s',
    (raw) => {
      expect(read(raw)).toEqual({ ok: false, problem: 'must be host:port with a port from 0 to 65535' });
    },
  );

  it('falls back to its default when unset', () => {
    expect(listenAddress('A', '0.0.0.0:7101').read({})).toEqual({ ok: true, value: '0.0.0.0:7101' });
  });
});
