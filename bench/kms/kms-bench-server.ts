import { kmsV1 } from '@strongroom/contracts';
import { createServiceClient, type ServiceCredential } from '@strongroom/grpc';
import type { RunningKms } from '@strongroom/kms';
import type { Secret } from '@strongroom/observability';
import type { TestDatabase } from '@strongroom/testing';
import type { Channel, Client } from 'nice-grpc';
import { HealthDefinition } from 'nice-grpc-server-health';
import { startBenchKms } from '../lib/bench-kms';

/** The account every call acts for. */
export const BENCH_ACCOUNT = '111111111111';

/** The encryption context of every data key. */
export const BENCH_CONTEXT: Readonly<Record<string, string>> = { bucket: 'bench-bucket', key: 'bench/object' };

/**
 * The per-account quota the bench runs with, far above the default 5500
 * cryptographic requests per second, so it measures capacity, not the limit.
 */
export const BENCH_QUOTA = 1_000_000_000;

/** Clients on one channel (one HTTP/2 connection) to the bench's KMS. */
export interface BenchClients {
  readonly kms: Client<typeof kmsV1.KeyManagementServiceDefinition>;
  /** `grpc.health.v1.Health` on the authenticated API port, with the same credential. */
  readonly health: Client<typeof HealthDefinition>;
  readonly channel: Channel;
}

/** A KMS on 127.0.0.1:0 over a fresh database, with one customer key and a data key sealed under it. */
export interface KmsBenchServer {
  readonly kms: RunningKms;
  readonly database: TestDatabase;
  readonly rootKey: Secret<Uint8Array>;
  /** The credential the clients call with, as the server resolves it. */
  readonly caller: ServiceCredential;
  /** The customer key the cryptographic calls use. */
  readonly keyId: string;
  /** A data key sealed under `keyId` with {@link BENCH_CONTEXT}, for Decrypt. */
  readonly ciphertextBlob: Buffer;
  /** Opens a new channel with a KMS and a health client on it; the caller closes the channel. */
  connect(): BenchClients;
  /** Stops the server (waiting for the audit trail) and drops the database. */
  close(): Promise<void>;
}

/** Starts the KMS the way its service tests do, on a fresh database of the server `DATABASE_URL` names. */
export async function startKmsBenchServer(): Promise<KmsBenchServer> {
  const base = await startBenchKms({ name: 'kms-bench', requestRatePerAccount: BENCH_QUOTA });
  const { address, token } = base;
  const connect = (): BenchClients => {
    const { client, channel } = createServiceClient(kmsV1.KeyManagementServiceDefinition, { address, token });
    const { client: health } = createServiceClient(HealthDefinition, { address, token, channel });
    return { kms: client, health, channel };
  };

  const setup = connect();
  try {
    const principal = { accountId: BENCH_ACCOUNT, arn: '' };
    const created = await setup.kms.createKey({ principal, description: 'bench key' });
    const keyId = created.keyMetadata?.keyId;
    if (keyId === undefined) throw new Error('CreateKey returned no key metadata');
    const dataKey = await setup.kms.generateDataKey({ principal, keyId, keySpec: kmsV1.DataKeySpec.AES_256, encryptionContext: BENCH_CONTEXT });
    return {
      kms: base.kms,
      database: base.database,
      rootKey: base.rootKey,
      caller: base.caller,
      keyId,
      ciphertextBlob: dataKey.ciphertextBlob,
      connect,
      close: () => base.close(),
    };
  } catch (error) {
    await base.close();
    throw error;
  } finally {
    setup.channel.close();
  }
}
