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

/**
 * What a call touched, for its audit records: every key it looked up (with
 * the version it used, once known) and the encryption context it was given.
 * A key is noted as soon as it is found, before authorization, so a refused
 * or failed use is recorded where the key's owner sees it.
 */
export class AuditFacts {
  readonly #keys = new Map<string, { key: KeyRecord; version: number | undefined }>();
  encryptionContext: Readonly<Record<string, string>> | undefined;

  /** Notes a key the call used, with the version when known. */
  touch(key: KeyRecord, version?: number): void {
    this.#keys.set(key.keyId, { key, version: version ?? this.#keys.get(key.keyId)?.version });
  }

  /** The keys noted, in the order first touched. */
  keys(): { key: KeyRecord; version: number | undefined }[] {
    return [...this.#keys.values()];
  }
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
