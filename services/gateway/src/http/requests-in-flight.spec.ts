import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { RequestsInFlight } from './requests-in-flight';

/** A request and its response on `socket`, as far as the tracker looks at them. */
function exchange(socket: Socket, state: { complete?: boolean; headersSent?: boolean } = {}) {
  const req = { socket, complete: state.complete ?? false } as IncomingMessage;
  const res = Object.assign(new EventEmitter(), { headersSent: state.headersSent ?? false }) as unknown as ServerResponse;
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

  test('breaking a connection fails only the bodies still arriving on it, with the reason given', () => {
    const inFlight = new RequestsInFlight();
    const other = {} as Socket;
    const arriving = exchange(socket);
    const arrived = exchange(socket, { complete: true });
    const elsewhere = exchange(other);
    const signals = [arriving, arrived, elsewhere].map(({ req, res }) => inFlight.track(req, res));
    const reason = new Error('cut short');
    inFlight.breakBodies(socket, reason);
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false, false]);
    expect(signals[0]!.reason).toBe(reason);
  });
});
