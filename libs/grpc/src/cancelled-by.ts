import type { CallOptions } from 'nice-grpc';

/**
 * `client` (a nice-grpc client) with every call also cancelled when
 * `signal` aborts, besides any signal the call passes itself: a command
 * given it cannot forget to tie a call to its request.
 */
export function cancelledBy<Client extends object>(client: Client, signal: AbortSignal): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (request: unknown, options: CallOptions = {}) =>
        value.call(target, request, { ...options, signal: options.signal === undefined ? signal : AbortSignal.any([options.signal, signal]) }) as unknown;
    },
  });
}
