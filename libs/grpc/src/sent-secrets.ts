import { wipeSentSecrets } from '@strongroom/contracts';
import type { ClientMiddleware } from 'nice-grpc';

/**
 * Wipes, once a call is over, the encoded request a wiping definition made
 * of its secrets (`wipeSentSecrets`): grpc-js needs it no longer then. A
 * call that streams its requests holds no such secret.
 */
export const sentSecretsClientMiddleware: ClientMiddleware = async function* wipingSentSecrets(call, options) {
  try {
    return yield* call.next(call.request, options);
  } finally {
    if (!call.requestStream) wipeSentSecrets(call.request);
  }
};
