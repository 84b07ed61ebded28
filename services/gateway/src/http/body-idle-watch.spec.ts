import { EventEmitter } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import { watchBodyIdle } from './body-idle-watch';

/** A sink that holds every write until `release` is called, so it fills up like a consumer that is behind. */
function slowSink(): { sink: Writable; release: () => void } {
  const pending: (() => void)[] = [];
  const sink = new Writable({ highWaterMark: 4, write: (_chunk, _encoding, done) => pending.push(done) });
  return { sink, release: () => pending.splice(0).forEach((done) => done()) };
}

describe('watchBodyIdle', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  function watched(sink: Writable = new PassThrough()) {
    const source = new PassThrough();
    source.pipe(sink);
    const connection = new EventEmitter();
    const body = { whole: false };
    const onIdle = jest.fn();
    const stop = watchBodyIdle({ source, sink, connection, whole: () => body.whole, idleMs: 1000, onIdle });
    return { source, connection, body, onIdle, stop };
  }

  test('a body that gets no byte for the whole wait is idle, once', () => {
    const { onIdle } = watched();
    jest.advanceTimersByTime(999);
    expect(onIdle).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(5000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  test('every byte that arrives starts the wait over', () => {
    const { source, onIdle } = watched();
    for (let i = 0; i < 5; i++) {
      jest.advanceTimersByTime(900);
      source.write('x');
    }
    jest.advanceTimersByTime(900);
    expect(onIdle).not.toHaveBeenCalled();
    jest.advanceTimersByTime(100);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  test('time the consumer is behind is not the client\'s stall', async () => {
    const { sink, release } = slowSink();
    const { source, onIdle } = watched(sink);
    await settle();
    source.write('more than the sink holds');
    await settle();
    jest.advanceTimersByTime(3000);
    expect(onIdle).not.toHaveBeenCalled();
    release();
    await settle();
    jest.advanceTimersByTime(1000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  /** Lets the streams' own callbacks (`end`, `drain`) run. */
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  test('a body that ended, or a watch stopped, is never idle', async () => {
    const ended = watched();
    ended.source.end();
    await settle();
    const stopped = watched();
    stopped.stop();
    jest.advanceTimersByTime(5000);
    expect(ended.onIdle).not.toHaveBeenCalled();
    expect(stopped.onIdle).not.toHaveBeenCalled();
  });

  test('a body whose bytes all arrived, or whose connection closed, leaves nothing behind, whatever its consumer does', async () => {
    const { sink } = slowSink();
    const whole = watched(sink);
    await settle();
    whole.source.write('more than the sink holds');
    whole.body.whole = true;
    const gone = watched();
    gone.connection.emit('close');
    jest.advanceTimersByTime(1000);
    for (const { source, connection, onIdle } of [whole, gone]) {
      expect(onIdle).not.toHaveBeenCalled();
      // Only the pipe's own listeners are left.
      expect([source.listenerCount('data'), source.listenerCount('end'), connection.listenerCount('close')]).toEqual([1, 1, 0]);
    }
    expect(jest.getTimerCount()).toBe(0);
  });
});
