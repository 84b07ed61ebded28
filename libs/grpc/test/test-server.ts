import type { TlsCertificate } from '@strongroom/config';
import { ErrorReason, kmsV1 } from '@strongroom/contracts';
import { isDatabaseUnavailable } from '@strongroom/db';
import { DomainError } from '@strongroom/errors';
import { createLogger } from '@strongroom/observability';
import { testCredentials } from '@strongroom/testing';
import type { ServiceImplementation } from 'nice-grpc';
import { ClientError, ServerError, Status } from 'nice-grpc-common';
import { randomBytes } from 'node:crypto';
import { assertPrincipal, type CallerContext } from '../src/auth';
import { startGrpcServer, type RunningGrpcServer } from '../src/server';
import { crossedNetworkInClear } from '../src/transport-security';

/**
 * A two-method slice of the generated KMS definition: enough to exercise
 * the transport (authentication, error boundary, principals) without a KMS.
 */
export const TestService = {
  name: kmsV1.KeyManagementServiceDefinition.name,
  fullName: kmsV1.KeyManagementServiceDefinition.fullName,
  methods: {
    describeKey: kmsV1.KeyManagementServiceDefinition.methods.describeKey,
    listKeys: kmsV1.KeyManagementServiceDefinition.methods.listKeys,
  },
} as const;

/** The full name the slice is registered (and reflected) under. */
export const TEST_SERVICE_NAME = TestService.fullName;

/** A message that must never reach a client. */
export const INTERNAL_DETAIL = 'connection to 10.0.0.5:5432 failed: password=hunter2';

/** The account the `tenant` credential may act for. */
export const TENANT_ACCOUNT = '111122223333';

/**
 * `describeKey` behaves by the key id asked for:
 * - `domain-error`: throws a DomainError with metadata, a field violation and a cause;
 * - `crash`: throws a plain Error carrying {@link INTERNAL_DETAIL};
 * - `throw-string`: throws a string;
 * - `abort`: throws the AbortError of an aborted signal;
 * - `server-error`: throws a nice-grpc ServerError;
 * - `database-down`: throws what pg throws when PostgreSQL refuses connections, its address in the message;
 * - `downstream-unavailable`: throws the ClientError of a call to another service that answered UNAVAILABLE;
 * - `downstream-deadline`: throws the ClientError of a call to another service that did not answer within its deadline;
 * - `slow`: answers after 300 ms;
 * - `echo:<anything>`: throws a DomainError that echoes the whole key id in its message, metadata and field violation;
 * - `server-echo:<anything>`: throws a nice-grpc ServerError that echoes the whole key id;
 * - `principal`: answers with the acting principal that assertPrincipal returned;
 * - `transport`: answers with `in the clear` or `secure` as the description, by {@link crossedNetworkInClear};
 * - anything else: answers with the key id and the caller's credential name.
 */
const implementation: ServiceImplementation<typeof TestService, CallerContext> = {
  async describeKey(request, context) {
    if (request.keyId.startsWith('server-echo:')) throw new ServerError(Status.NOT_FOUND, `no key ${request.keyId}`);
    if (request.keyId.startsWith('echo:')) {
      throw new DomainError(ErrorReason.KEY_NOT_FOUND, `no key ${request.keyId}`, {
        metadata: { key_id: request.keyId },
        fieldViolations: [{ field: request.keyId, description: `names no key: ${request.keyId}` }],
      });
    }
    switch (request.keyId) {
      case 'domain-error':
        throw new DomainError(ErrorReason.KEY_DISABLED, 'key k-1 is disabled', {
          metadata: { key_id: 'k-1', state: 'DISABLED' },
          fieldViolations: [{ field: 'key_id', description: 'names a disabled key' }],
          cause: new Error(INTERNAL_DETAIL),
        });
      case 'crash':
        throw new Error(INTERNAL_DETAIL);
      case 'throw-string':
        // eslint-disable-next-line @typescript-eslint/only-throw-error -- the boundary must contain whatever a handler throws
        throw INTERNAL_DETAIL;
      case 'abort':
        AbortSignal.abort().throwIfAborted();
        break;
      case 'server-error':
        throw new ServerError(Status.NOT_FOUND, 'no such thing');
      case 'database-down':
        throw Object.assign(new Error(`connect ECONNREFUSED ${INTERNAL_DETAIL}`), { code: 'ECONNREFUSED' });
      case 'downstream-unavailable':
        throw new ClientError('/strongroom.policy.v1.PolicyService/Authorize', Status.UNAVAILABLE, INTERNAL_DETAIL);
      case 'downstream-deadline':
        throw new ClientError('/strongroom.policy.v1.PolicyService/Authorize', Status.DEADLINE_EXCEEDED, INTERNAL_DETAIL);
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, 300));
        break;
      case 'transport':
        return { keyMetadata: kmsV1.KeyMetadata.fromPartial({ description: crossedNetworkInClear(context) ? 'in the clear' : 'secure' }) };
      case 'principal': {
        const acting = assertPrincipal(context, request.principal);
        return { keyMetadata: kmsV1.KeyMetadata.fromPartial({ awsAccountId: acting.accountId, arn: acting.arn }) };
      }
    }
    return { keyMetadata: kmsV1.KeyMetadata.fromPartial({ keyId: request.keyId, description: context.caller.name }) };
  },
  listKeys() {
    return Promise.resolve(kmsV1.ListKeysResponse.fromPartial({}));
  },
};

/** A running test server, its tokens, and what it logged. */
export interface TestServer {
  readonly server: RunningGrpcServer;
  readonly address: string;
  readonly healthAddress: string;
  /** Token of `gateway`: any account. */
  readonly gatewayToken: string;
  /** Token of `tenant`: only {@link TENANT_ACCOUNT}. */
  readonly tenantToken: string;
  /** Every log line the server wrote. */
  readonly logLines: string[];
}

/** Starts the test service on 127.0.0.1:0 (or `address`; health on 127.0.0.1:0) with two credentials; its API port serves TLS with `tls`. */
export async function startTestServer(options: { address?: string; tls?: TlsCertificate; probeConnectionAgeMs?: number } = {}): Promise<TestServer> {
  const tenantToken = randomBytes(24).toString('base64url');
  const { token: gatewayToken, registry } = testCredentials({ name: 'gateway' }, [
    { name: 'tenant', accounts: [TENANT_ACCOUNT], serviceKeys: false, token: tenantToken },
  ]);
  const logLines: string[] = [];
  const server = await startGrpcServer({
    name: 'test',
    address: options.address ?? '127.0.0.1:0',
    tls: options.tls,
    healthAddress: '127.0.0.1:0',
    credentials: registry,
    logger: createLogger({ name: 'grpc-test', destination: { write: (line: string) => void logLines.push(line) } }),
    register: (api) => api.add(TestService, implementation),
    serviceNames: [TEST_SERVICE_NAME],
    isUnavailable: isDatabaseUnavailable,
    probeConnectionAgeMs: options.probeConnectionAgeMs,
  });
  return {
    server,
    address: `127.0.0.1:${server.port}`,
    healthAddress: `127.0.0.1:${server.healthPort}`,
    gatewayToken,
    tenantToken,
    logLines,
  };
}

