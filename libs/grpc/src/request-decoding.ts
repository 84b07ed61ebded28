import { DomainError } from '@strongroom/errors';
import { ErrorReason } from '@strongroom/contracts';
import type { CompatServiceDefinition } from 'nice-grpc';

/**
 * Stands in for a request message its decoder refused (an integer beyond
 * 2^53, invalid UTF-8 in a string, a truncated field), until
 * {@link refusingUndecodableRequests} refuses the call. grpc-js answers a
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

async function* refusingUndecodable(messages: AsyncIterable<unknown>, method: string): AsyncGenerator<unknown, void, undefined> {
  for await (const message of messages) {
    refuseUndecodable(message, method);
    yield message;
  }
}

/** A method implementation of any kind, as the guard sees it. */
type AnyMethod = (request: unknown, context: unknown) => unknown;

/**
 * `implementation` with every method refusing, as INVALID_ARGUMENT, a
 * request (or a message of its request stream, when it is read) that a
 * decoder of {@link withGuardedDecoding} could not decode. The check runs
 * where the request meets its handler, after every middleware, so an
 * unauthenticated caller learns nothing about its bytes.
 */
export function refusingUndecodableRequests<Implementation extends object>(service: CompatServiceDefinition, implementation: Implementation): Implementation {
  const { fullName, methods } = service as unknown as { fullName: string; methods: Record<string, { name: string; requestStream: boolean }> };
  const handlers = implementation as Record<string, AnyMethod>;
  const guarded = Object.entries(methods).map(([name, method]) => {
    const handle = handlers[name]!;
    const path = `/${fullName}/${method.name}`;
    const checked: AnyMethod = method.requestStream
      ? (requests, context) => handle(refusingUndecodable(requests as AsyncIterable<unknown>, path), context)
      : (request, context) => {
          refuseUndecodable(request, path);
          return handle(request, context);
        };
    return [name, checked];
  });
  return Object.fromEntries(guarded) as Implementation;
}
