import { DomainError } from '@strongroom/errors';
import { ErrorReason } from '@strongroom/contracts';
import type { CompatServiceDefinition } from 'nice-grpc';
import type { ServerMiddleware } from 'nice-grpc-common';

/**
 * Stands in for a request message its decoder refused (an integer beyond
 * 2^53, invalid UTF-8 in a string, a truncated field), until
 * {@link undecodableRequestMiddleware} refuses the call. grpc-js answers a
 * decoder's throw itself, as INTERNAL "Error deserializing request", which
 * blames the server for the caller's bytes.
 */
class UndecodableRequest {
  constructor(readonly problem: string) {}
}

/** The part of a ts-proto service definition (what `proto/` generates) the guard rewrites. */
interface DecodedService {
  readonly methods: Readonly<Record<string, { readonly requestType: { decode(input: Uint8Array): unknown } }>>;
}

/** `definition` (a ts-proto one) with every request decoder returning an {@link UndecodableRequest} where it would throw. */
export function withGuardedDecoding<Service extends CompatServiceDefinition>(service: Service): Service {
  if (!('methods' in service)) throw new Error('only ts-proto service definitions are served');
  const definition = service as Service & DecodedService;
  const methods = Object.fromEntries(
    Object.entries(definition.methods).map(([name, method]) => {
      const decode = (input: Uint8Array): unknown => {
        try {
          return method.requestType.decode(input);
        } catch (error) {
          return new UndecodableRequest(error instanceof Error ? error.message : String(error));
        }
      };
      return [name, { ...method, requestType: { ...method.requestType, decode } }];
    }),
  );
  return { ...definition, methods };
}

function refuseUndecodable(message: unknown, method: string): void {
  if (message instanceof UndecodableRequest) {
    throw new DomainError(ErrorReason.INVALID_ARGUMENT, `the request to ${method} is not a valid message: ${message.problem}`);
  }
}

async function* refusingUndecodable<Request>(messages: AsyncIterable<Request>, method: string): AsyncGenerator<Request, void, undefined> {
  for await (const message of messages) {
    refuseUndecodable(message, method);
    yield message;
  }
}

/**
 * Server middleware that refuses, as INVALID_ARGUMENT, a call whose request
 * (or any message of its request stream, when it is read) a decoder of
 * {@link withGuardedDecoding} could not decode. It runs after
 * authentication, so an unauthenticated caller learns nothing about its
 * bytes.
 */
export const undecodableRequestMiddleware: ServerMiddleware = async function* undecodableRequests(call, context) {
  if (call.requestStream) return yield* call.next(refusingUndecodable(call.request, call.method.path), context);
  refuseUndecodable(call.request, call.method.path);
  return yield* call.next(call.request, context);
};
