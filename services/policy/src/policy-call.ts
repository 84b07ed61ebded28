import type { Random } from '@strongroom/crypto';
import type { Pool } from '@strongroom/db';
import type { ActingPrincipal, ServiceCredential } from '@strongroom/grpc';
import type { PolicyCache } from './policy-cache';
import type { SecretSealer } from './secret-sealer';

/** What every handler works with. */
export interface PolicyDeps {
  readonly pool: Pool;
  readonly cache: PolicyCache;
  readonly sealer: SecretSealer;
  /** New buckets get the pre-2023 defaults (ACLs enabled, no Block Public Access). */
  readonly legacyBucketDefaults: boolean;
  readonly random: Random;
  /** Milliseconds since the epoch. */
  readonly now: () => number;
}

/** One call: the caller's credential, and the principal when the request names one. */
export interface PolicyCall {
  readonly caller: ServiceCredential;
  readonly principal: ActingPrincipal;
}

/** A handler of an RPC that acts for a principal. */
export type PolicyHandler<Request, Response> = (deps: PolicyDeps, request: Request, call: PolicyCall) => Promise<Response>;

/** A handler of an RPC without a principal (the credential alone decides). */
export type CallerHandler<Request, Response> = (deps: PolicyDeps, request: Request, caller: ServiceCredential) => Promise<Response>;
