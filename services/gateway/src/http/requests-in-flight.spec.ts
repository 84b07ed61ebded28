import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { RequestsInFlight } from './requests-in-flight';

/** A request and its response on `socket`, as far as the tracker looks at them. */
function exchange(socket: Socket, state: { complete?: boolean; headersSent?: boolean } = {}) {
  const req = { socket, complete: state.complete ?? false } as IncomingMessage;
  const res = Object.assign(new EventEmitter(), { headersSent: state.headersSent ?? false, shouldKeepAlive: true }) as unknown as ServerResponse;
  return { req, res };
}

describe('RequestsInFlight', () => {
  const socket = {} as Socket;

  test('a connection owes an answer from the request until the response closes', () => {
    const inFlight = new RequestsInFlight();
    expect(inFlight.stateOf(socket)).toBe('idle');
    const { req, res } = exchange(socket);
    inFlight.track(req, res);
    expect(inFlight.stateOf(socket)).toBe('owes-answer');
    Object.assign(res, { headersSent: true });
    expect(inFlight.stateOf(socket)).toBe('answering');
    res.emit('close');
    expect(inFlight.stateOf(socket)).toBe('idle');
  });

  test('an answer under way on a pipelined connection makes it answering', () => {
    const inFlight = new RequestsInFlight();
    const first = exchange(socket, { complete: true, headersSent: true });
    const second = exchange(socket);
    inFlight.track(first.req, first.res);
    inFlight.track(second.req, second.res);
    expect(inFlight.stateOf(socket)).toBe('answering');
    first.res.emit('close');
    expect(inFlight.stateOf(socket)).toBe('owes-answer');
  });

  test('breaking a connection fails only the bodies still arriving on it, with the reason given, and closes its answers', () => {
    const inFlight = new RequestsInFlight();
    const other = {} as Socket;
    const exchanges = [exchange(socket), exchange(socket, { complete: true }), exchange(other)];
    const heard: (Error | undefined)[] = [undefined, undefined, undefined];
    const breaks = exchanges.map(({ req, res }, index) => {
      const news = inFlight.track(req, res);
      news.onBreak((reason) => (heard[index] = reason));
      return news;
    });
    const reason = new Error('cut short');
    inFlight.breakConnection(socket, reason);
    expect(heard).toEqual([reason, undefined, undefined]);
    expect(breaks.map((news) => news.reason)).toEqual([reason, undefined, undefined]);
    expect(exchanges.map(({ res }) => res.shouldKeepAlive)).toEqual([false, false, true]);
  });

  test('a listener that stopped listening hears nothing', () => {
    const inFlight = new RequestsInFlight();
    const { req, res } = exchange(socket);
    const news = inFlight.track(req, res);
    const heard: Error[] = [];
    news.onBreak((reason) => heard.push(reason))();
    inFlight.breakConnection(socket, new Error('cut short'));
    expect([heard, news.reason?.message]).toEqual([[], 'cut short']);
  });

  test('counts the quiet periods the requests on a connection have waited, each its own', () => {
    const inFlight = new RequestsInFlight();
    expect(inFlight.countQuietPeriod(socket)).toBe(0);
    const first = exchange(socket);
    inFlight.track(first.req, first.res);
    expect([inFlight.countQuietPeriod(socket), inFlight.countQuietPeriod(socket)]).toEqual([1, 2]);
    const second = exchange(socket);
    inFlight.track(second.req, second.res);
    first.res.emit('close');
    expect(inFlight.countQuietPeriod(socket)).toBe(1);
  });
});
