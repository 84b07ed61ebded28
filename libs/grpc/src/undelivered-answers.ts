import { status, type InterceptingListener, type StatusObject } from '@grpc/grpc-js';
import type { Channel, CompatServiceDefinition } from 'nice-grpc';

/**
 * `listener` with a call's one answer (as received, not yet decoded) held
 * until the call's status: passed on before an OK one, else wiped, never
 * decoded. An answer that comes after the status is wiped at once: grpc-js
 * hands on an answer it was still decompressing when the call was
 * cancelled (its status already told), and nobody reads it.
 */
function holdingTheAnswer(listener: InterceptingListener): InterceptingListener {
  let answer: Buffer | undefined;
  let ended = false;
  return {
    onReceiveMetadata: (metadata) => listener.onReceiveMetadata(metadata),
    onReceiveMessage: (message: Buffer) => {
      if (ended) {
        message.fill(0);
        return;
      }
      // A second answer: grpc-js fails the call when it sees it.
      if (answer !== undefined) listener.onReceiveMessage(answer);
      answer = message;
    },
    onReceiveStatus: (ending: StatusObject) => {
      ended = true;
      if (ending.code === status.OK && answer !== undefined) listener.onReceiveMessage(answer);
      else answer?.fill(0);
      answer = undefined;
      listener.onReceiveStatus(ending);
    },
  };
}

/** A method as a service definition tells it: its path, and whether it answers with a stream. */
interface MethodPath {
  readonly path: string;
  readonly responseStream: boolean;
}

/** The part of a ts-proto service definition (what `proto/` generates) read here. */
interface TsProtoMethods {
  readonly fullName: string;
  readonly methods: Readonly<Record<string, { readonly name: string; readonly responseStream: boolean }>>;
}

/** The paths of a definition's methods that answer once (unary and client-streaming): a ts-proto definition, as nice-grpc tells it, or a grpc-js one. */
function answeringOncePaths(definition: CompatServiceDefinition): ReadonlySet<string> {
  const methods: MethodPath[] =
    'name' in definition && 'fullName' in definition && 'methods' in definition
      ? Object.values((definition as TsProtoMethods).methods).map((method) => ({ path: `/${(definition as TsProtoMethods).fullName}/${method.name}`, responseStream: method.responseStream }))
      : Object.values(definition as Readonly<Record<string, MethodPath>>);
  return new Set(methods.filter((method) => !method.responseStream).map((method) => method.path));
}

/**
 * `channel` for a client of `definition`, where a call that answers once
 * holds its answer until its status and wipes it, undecoded, when the call
 * ends otherwise: cancelled (its caller aborted, or its wait ran out) after
 * the answer came and before the trailers did, grpc-js drops an answer it
 * has decoded, so a secret in it (a signing key, a data key) would stay in
 * the heap. grpc-js hands a unary answer to its caller only with the
 * status, so holding it delays nothing. The channel itself is unchanged.
 */
export function wipingUndeliveredAnswers(channel: Channel, definition: CompatServiceDefinition): Channel {
  const answeringOnce = answeringOncePaths(definition);
  const wrapper = Object.create(channel) as Channel;
  wrapper.createCall = (method, ...rest) => {
    const call = channel.createCall(method, ...rest);
    if (answeringOnce.has(method)) {
      const start = call.start.bind(call);
      call.start = (metadata, listener) => start(metadata, holdingTheAnswer(listener));
    }
    return call;
  };
  return wrapper;
}
