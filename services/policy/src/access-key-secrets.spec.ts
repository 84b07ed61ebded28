import { AccessKeySecrets, SECRET_TTL_MS } from './access-key-secrets';

const secret = (letter: string) => Buffer.from(letter.repeat(40), 'utf8');
const wiped = Buffer.alloc(40);

/** A cache of two secrets on a clock the test moves. */
function secrets() {
  const clock = { now: 0 };
  return { clock, cache: new AccessKeySecrets(2, () => clock.now) };
}

describe('AccessKeySecrets', () => {
  test('hands out copies; the opened bytes are cached, not handed out, and open runs once', async () => {
    const { cache } = secrets();
    const opened = secret('a');
    const open = jest.fn(() => Promise.resolve(opened));
    const first = await cache.get('AKIAFIRST', open);
    first.fill(0);
    const second = await cache.get('AKIAFIRST', open);
    expect([first === opened, second === opened]).toEqual([false, false]);
    expect(second).toEqual(secret('a'));
    expect(opened).toEqual(secret('a'));
    expect(open).toHaveBeenCalledTimes(1);
  });

  test.each([
    ['expires', async ({ clock, cache }: ReturnType<typeof secrets>) => {
      clock.now = SECRET_TTL_MS;
      await cache.get('AKIAFIRST', () => Promise.resolve(secret('z')));
    }],
    ['is pushed out', async ({ cache }: ReturnType<typeof secrets>) => {
      await cache.get('AKIASECOND', () => Promise.resolve(secret('b')));
      await cache.get('AKIATHIRD', () => Promise.resolve(secret('c')));
    }],
    ['is forgotten after its key changed', ({ cache }: ReturnType<typeof secrets>) => Promise.resolve(cache.delete('AKIAFIRST'))],
    ['is forgotten with everything (a lost change feed, a service that stops)', ({ cache }: ReturnType<typeof secrets>) => Promise.resolve(cache.clear())],
  ])('the cached bytes are wiped when the secret %s, while a copy handed out stays whole', async (_name, leave) => {
    const state = secrets();
    const opened = secret('a');
    const held = await state.cache.get('AKIAFIRST', () => Promise.resolve(opened));
    await leave(state);
    expect(opened).toEqual(wiped);
    expect(held).toEqual(secret('a'));
  });

  test('a secret opened while its key changed is handed out but not kept', async () => {
    const { cache } = secrets();
    let finish!: (value: Buffer) => void;
    const opened = secret('a');
    const held = cache.get('AKIAFIRST', () => new Promise((resolve) => (finish = resolve)));
    cache.delete('AKIAFIRST');
    finish(opened);
    expect(await held).toEqual(secret('a'));
    expect(opened).toEqual(wiped);
    expect(await cache.get('AKIAFIRST', () => Promise.resolve(secret('n')))).toEqual(secret('n'));
  });
});
