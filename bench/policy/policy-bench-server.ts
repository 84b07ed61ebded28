import { policyV1 } from '@strongroom/contracts';
import { createServiceClient, type RunningGrpcServer } from '@strongroom/grpc';
import { namedIdentities, parsePolicy, type RequestContext } from '@strongroom/iam-policy';
import { createLogger } from '@strongroom/observability';
import { migratePolicy, startPolicyService } from '@strongroom/policy';
import { randomUUID } from 'node:crypto';
import type { Channel, Client } from 'nice-grpc';
import { HealthDefinition } from 'nice-grpc-server-health';
import { BENCH_BUCKET_NAME, BENCH_POLICY, BENCH_REQUEST } from '../../libs/iam-policy/bench/bench-policy';
import { BENCH_REGION, startBenchKms, type BenchKms } from '../lib/bench-kms';

/** Condition keys the policy service sets itself from the principal (lower case); a gateway does not send them. */
const SERVICE_SET_KEYS = new Set(['aws:principalaccount', 'aws:principalarn', 'aws:principaltype', 'aws:username', 'aws:userid']);

/** Clients on one channel (one HTTP/2 connection) to the bench's policy service. */
export interface PolicyBenchClients {
  readonly policy: Client<typeof policyV1.PolicyServiceDefinition>;
  /** `grpc.health.v1.Health` on the authenticated API port, with the same credential. */
  readonly health: Client<typeof HealthDefinition>;
  readonly channel: Channel;
}

/**
 * A KMS and a policy service on 127.0.0.1:0 over a fresh database, with the
 * bench policy on a registered bucket whose owner has the bench request's user.
 */
export interface PolicyBenchServer {
  /** The KMS under the policy service, its database, and the credential every client calls with. */
  readonly kms: BenchKms;
  /** The Authorize request of every call: the bench request, which the policy allows. */
  readonly request: policyV1.AuthorizeRequest;
  /** Opens a new channel with a policy and a health client on it; the caller closes the channel. */
  connect(): PolicyBenchClients;
  /** Stops both services and drops the database. */
  close(): Promise<void>;
}

/** The request's condition keys as a gateway sends them: without those the service sets. */
function gatewayContext(context: RequestContext): Record<string, policyV1.ContextValue> {
  const sent: Record<string, policyV1.ContextValue> = {};
  for (const [key, value] of Object.entries(context)) {
    if (value === undefined || SERVICE_SET_KEYS.has(key.toLowerCase())) continue;
    sent[key] = { values: typeof value === 'string' ? [value] : [...value] };
  }
  return sent;
}

/** The principal of {@link BENCH_REQUEST}: an IAM user. */
function benchPrincipal(): { readonly accountId: string; readonly arn: string; readonly userName: string } {
  const { principal } = BENCH_REQUEST;
  const arn = principal.type === 'aws' ? principal.arn : undefined;
  const userName = arn === undefined ? undefined : /^arn:aws:iam::\d{12}:user\/(.+)$/.exec(arn)?.[1];
  if (principal.type !== 'aws' || arn === undefined || userName === undefined) throw new Error('the bench request must come from an IAM user');
  return { accountId: principal.accountId, arn, userName };
}

/** {@link BENCH_REQUEST} as an Authorize request on `bucketId`. */
function authorizeRequest(bucketId: string): policyV1.AuthorizeRequest {
  const principal = benchPrincipal();
  return policyV1.AuthorizeRequest.fromPartial({
    principal: { kind: { $case: 'aws', value: { accountId: principal.accountId, arn: principal.arn } } },
    action: BENCH_REQUEST.action,
    resource: BENCH_REQUEST.resource,
    bucketId,
    context: gatewayContext(BENCH_REQUEST.context ?? {}),
  });
}

/** The accounts the bench policy names other than `ownerAccountId`: PutBucketPolicy refuses a policy naming an account that does not exist. */
function partnerAccounts(ownerAccountId: string): string[] {
  const named = namedIdentities(parsePolicy(JSON.stringify(BENCH_POLICY), { kind: 'bucket' })).map((identity) => identity.accountId);
  return [...new Set(named)].filter((accountId) => accountId !== ownerAccountId);
}

/**
 * The user's identity policy: the bench policy's Home statement names her
 * account, which grants the account, not its users; the account passes it
 * on to her with this.
 */
const HOME_DELEGATION = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:*Object', Resource: `arn:aws:s3:::${BENCH_BUCKET_NAME}/home/\${aws:username}/*` }],
});

/**
 * Creates the owner account and its user (with {@link HOME_DELEGATION}), and
 * the partner accounts the bench policy names, registers the bucket, turns its
 * Block Public Access off (the bench policy is public), puts the policy, and
 * checks that the bench request is allowed; returns the request.
 */
async function prepareBucket(clients: PolicyBenchClients): Promise<policyV1.AuthorizeRequest> {
  const principal = benchPrincipal();
  const owner = { accountId: principal.accountId, arn: `arn:aws:iam::${principal.accountId}:root` };
  const bucketId = randomUUID();
  await clients.policy.createAccount({ accountId: owner.accountId, displayName: 'bench account' });
  await clients.policy.createUser({ principal: owner, userName: principal.userName });
  await clients.policy.putUserPolicy({ principal: owner, userName: principal.userName, policyName: 'home', policyDocument: HOME_DELEGATION });
  for (const accountId of partnerAccounts(owner.accountId)) await clients.policy.createAccount({ accountId, displayName: 'bench partner' });
  await clients.policy.registerBucket({ bucketId, name: BENCH_BUCKET_NAME, ownerAccountId: owner.accountId, region: BENCH_REGION });
  const off = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
  await clients.policy.putBucketPublicAccessBlock({ principal: owner, bucketId, publicAccessBlock: off });
  await clients.policy.putBucketPolicy({ principal: owner, bucketId, policy: JSON.stringify(BENCH_POLICY) });
  const request = authorizeRequest(bucketId);
  const answer = await clients.policy.authorize(request);
  if (answer.decision !== policyV1.Decision.ALLOW) {
    throw new Error(`Authorize of the bench request answered ${policyV1.decisionToJSON(answer.decision)}, not ALLOW: ${JSON.stringify(answer.reasons)}`);
  }
  return request;
}

/** Starts a KMS and the policy service the way the policy service tests do, on a fresh database of the server `DATABASE_URL` names. */
export async function startPolicyBenchServer(): Promise<PolicyBenchServer> {
  const kms = await startBenchKms({ name: 'policy-bench-kms' });
  let policyServer: RunningGrpcServer | undefined;
  const close = async () => {
    await policyServer?.shutdown();
    await kms.close();
  };
  try {
    await migratePolicy(kms.database.pool);
    policyServer = await startPolicyService({
      pool: kms.database.pool,
      databaseUrl: kms.database.url,
      credentials: kms.credentials,
      logger: createLogger({ name: 'policy-bench', level: 'error' }),
      address: '127.0.0.1:0',
      healthAddress: '127.0.0.1:0',
      kmsEndpoint: kms.address,
      kmsToken: kms.token,
    });
    const address = `127.0.0.1:${policyServer.port}`;
    const connect = (): PolicyBenchClients => {
      const { client, channel } = createServiceClient(policyV1.PolicyServiceDefinition, { address, token: kms.token });
      const { client: health } = createServiceClient(HealthDefinition, { address, token: kms.token, channel });
      return { policy: client, health, channel };
    };
    const setup = connect();
    try {
      const request = await prepareBucket(setup);
      return { kms, request, connect, close };
    } finally {
      setup.channel.close();
    }
  } catch (error) {
    await close();
    throw error;
  }
}
