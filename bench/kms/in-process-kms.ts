import { kmsV1 } from '@strongroom/contracts';
import type { Pool } from '@strongroom/db';
import type { ServiceCredential } from '@strongroom/grpc';
import type { Secret } from '@strongroom/observability';
import { decrypt, generateDataKey } from '../../services/kms/src/handlers/cryptography';
import { createKmsDeps } from '../../services/kms/src/server';
import { AuditFacts, type KmsCall } from '../../services/kms/src/kms-call';
import { BENCH_REGION } from '../lib/bench-kms';
import { BENCH_ACCOUNT, BENCH_CONTEXT, BENCH_QUOTA } from './kms-bench-server';

/** What {@link createInProcessKms} needs: the bench server's database, root key, caller, key and blob. */
export interface InProcessKmsOptions {
  readonly pool: Pool;
  readonly rootKey: Secret<Uint8Array>;
  readonly caller: ServiceCredential;
  readonly keyId: string;
  readonly ciphertextBlob: Buffer;
}

/** The two cryptographic calls, made in this process without gRPC. */
export interface InProcessKms {
  generateDataKey(): Promise<unknown>;
  decrypt(): Promise<unknown>;
}

/**
 * Calls the KMS's own handlers (quota, key lookup and authorization through
 * the cache, seal/open) with the wiring `startKmsService` uses (`createKmsDeps`),
 * over the same database: what a call costs without gRPC, authentication and
 * the audit write. A cache of its own, warmed by the first calls.
 */
export function createInProcessKms(options: InProcessKmsOptions): InProcessKms {
  const deps = createKmsDeps({ pool: options.pool, region: BENCH_REGION, rootKey: options.rootKey, requestRatePerAccount: BENCH_QUOTA });
  const principal = { accountId: BENCH_ACCOUNT, arn: `arn:aws:iam::${BENCH_ACCOUNT}:root` };
  const call = (): KmsCall => ({ principal, caller: options.caller, audit: new AuditFacts() });
  const generateRequest = kmsV1.GenerateDataKeyRequest.fromPartial({
    principal,
    keyId: options.keyId,
    keySpec: kmsV1.DataKeySpec.AES_256,
    encryptionContext: BENCH_CONTEXT,
  });
  const decryptRequest = kmsV1.DecryptRequest.fromPartial({
    principal,
    ciphertextBlob: options.ciphertextBlob,
    encryptionContext: BENCH_CONTEXT,
  });
  return {
    generateDataKey: () => generateDataKey(deps, generateRequest, call()),
    decrypt: () => decrypt(deps, decryptRequest, call()),
  };
}
