import { DomainError, reasonFromName } from '@strongroom/errors';
import {
  ChannelCredentials,
  ClientError,
  Metadata,
  createChannel,
  createClientFactory,
  type Channel,
  type Client,
  type ClientMiddleware,
  type CompatServiceDefinition,
} from 'nice-grpc';
import { BadRequest, ErrorInfo, RichClientError, errorDetailsClientMiddleware } from 'nice-grpc-error-details';
import { AUTHORIZATION_METADATA } from './auth';
import { ERROR_DOMAIN } from './error-boundary';
import { GRPC_CHANNEL_OPTIONS } from './channel-options';
import { ANSWER_DEADLINE_MS, answerDeadlineMiddleware } from './answer-deadline';
import { sentSecretsClientMiddleware } from './sent-secrets';
import { wipingUndeliveredAnswers } from './undelivered-answers';
import type { ServicesTls } from '@strongroom/config';

/** Options of {@link createServiceClient}. */
export interface ServiceClientOptions {
  /** `host:port` of the server. */
  readonly address: string;
  /** The bearer token of this process's service credential. */
  readonly token: string;
  /** Present: the server serves TLS, verified by these settings; plaintext when absent (loopback only). */
  readonly tls?: ServicesTls | undefined;
  /** An existing channel to share (several clients to one server). */
  readonly channel?: Channel;
  /** How long a call may wait for the server's next answer before it fails with DEADLINE_EXCEEDED. @default ANSWER_DEADLINE_MS */
  readonly answerDeadlineMs?: number;
}

/** The channel credentials of `tls`: TLS verified by its CA or the system's roots, or plaintext when absent. */
function channelCredentials(tls: ServicesTls | undefined): ChannelCredentials {
  return tls === undefined ? ChannelCredentials.createInsecure() : ChannelCredentials.createSsl(tls.ca ?? null);
}

/**
 * Turns a Strongroom error back into the DomainError the server threw, with
 * its reason, so a service that forwards another's failure keeps the reason
 * (a disabled KMS key stays KEY_DISABLED all the way to the gateway).
 * Transport failures (UNAVAILABLE, DEADLINE_EXCEEDED) stay ClientErrors.
 */
export const domainErrorClientMiddleware: ClientMiddleware = async function* domainErrors(call, options) {
  try {
    return yield* call.next(call.request, options);
  } catch (error) {
    if (error instanceof RichClientError) {
      const info = error.extra.find((detail): detail is ErrorInfo => detail.$type === ErrorInfo.$type);
      if (info?.domain === ERROR_DOMAIN) {
        const fieldViolations = error.extra
          .filter((detail): detail is BadRequest => detail.$type === BadRequest.$type)
          .flatMap((badRequest) => badRequest.fieldViolations.map(({ field, description }) => ({ field, description })));
        throw new DomainError(reasonFromName(info.reason), error.details, { metadata: info.metadata, fieldViolations, cause: error });
      }
    }
    throw error;
  }
};

/**
 * A promise client for a generated service definition, authenticating every
 * call and bounding its wait for each answer; the secrets of a wiping
 * definition (libs/contracts) are wiped once sent, and an answer its call
 * never delivers is wiped undecoded ({@link wipingUndeliveredAnswers}).
 */
export function createServiceClient<Service extends CompatServiceDefinition>(
  definition: Service,
  options: ServiceClientOptions,
): { client: Client<Service>; channel: Channel } {
  const channel =
    options.channel ?? createChannel(options.address, channelCredentials(options.tls), GRPC_CHANNEL_OPTIONS);
  const metadata = new Metadata({ [AUTHORIZATION_METADATA]: `Bearer ${options.token}` });
  const client = createClientFactory()
    .use(errorDetailsClientMiddleware)
    .use(domainErrorClientMiddleware)
    .use(sentSecretsClientMiddleware)
    .use(answerDeadlineMiddleware(options.answerDeadlineMs ?? ANSWER_DEADLINE_MS))
    .create(definition, wipingUndeliveredAnswers(channel, definition), { '*': { metadata } });
  return { client, channel };
}

export { ClientError };
