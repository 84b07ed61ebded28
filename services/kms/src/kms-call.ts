import type { Random } from '@strongroom/crypto';
import type { Pool } from '@strongroom/db';
import type { ActingPrincipal, ServiceCredential } from '@strongroom/grpc';
import type { Envelope } from './envelope';
import type { KeyLifecycle } from './key-lifecycle';
import type { KeyRecord } from './key-record';
import type { Keyring } from './keyring';
import type { RequestQuota } from './request-quota';

/** What every handler works with. */
export interface KmsDeps {
  readonly region: string;
  readonly pool: Pool;
  readonly keyring: Keyring;
  readonly lifecycle: KeyLifecycle;
  readonly envelope: Envelope;
  readonly quota: RequestQuota;
  readonly random: Random;
  readonly clock: () => Date;
}

/** Facts a handler reports for the audit record of its call. */
export interface AuditFacts {
  key?: KeyRecord;
  keyVersion?: number;
  encryptionContext?: Readonly<Record<string, string>>;
}

/** One call, after its principal was accepted. */
export interface KmsCall {
  readonly principal: ActingPrincipal;
  readonly caller: ServiceCredential;
  /** Filled in by the handler as it learns which key and context it used. */
  readonly audit: AuditFacts;
}

/** A handler: one RPC's logic, given the accepted principal. */
export type KmsHandler<Request, Response> = (deps: KmsDeps, request: Request, call: KmsCall) => Promise<Response>;
