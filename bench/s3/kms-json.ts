import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { S3HttpClient } from './s3-http-client';
import type { S3Credentials } from './sigv4-signer';

/**
 * Creates a symmetric customer key through the gateway's KMS JSON API
 * (`TrentService.CreateKey`, SigV4 for service `kms`) and returns its id.
 */
export async function createKmsKey(endpoint: string, ca: string | undefined, credentials: S3Credentials): Promise<string> {
  const client = new S3HttpClient({ endpoint, ca, credentials, connections: 1, service: 'kms' });
  try {
    const body = Buffer.from(JSON.stringify({ Description: 'strongroom bench s3-encryption' }));
    const chunks: Buffer[] = [];
    await client.send('POST', '/', body, body.length, (chunk) => chunks.push(Buffer.from(chunk)), {
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'TrentService.CreateKey' },
      payloadHash: createHash('sha256').update(body).digest('hex'),
    });
    const keyId = (JSON.parse(Buffer.concat(chunks).toString()) as { KeyMetadata?: { KeyId?: unknown } }).KeyMetadata?.KeyId;
    if (typeof keyId !== 'string') throw new Error(`CreateKey answered no KeyMetadata.KeyId: ${Buffer.concat(chunks).toString().slice(0, 300)}`);
    return keyId;
  } finally {
    await client.close();
  }
}

/** KMS calls by operation (`GenerateDataKey`, `Decrypt`, ...). */
export type KmsCallCounts = ReadonlyMap<string, number>;

/**
 * Counts the KMS's calls from its audit trail (`kms.audit_events`, one
 * row per call, committed before the call answers) in the stack's
 * database: read before and after a measurement, the difference is what
 * the measured calls cost the KMS.
 */
export class KmsAuditCounter {
  readonly #client: Client;

  private constructor(client: Client) {
    this.#client = client;
  }

  /** Connects to `databaseUrl`. */
  static async connect(databaseUrl: string): Promise<KmsAuditCounter> {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    return new KmsAuditCounter(client);
  }

  /** Every call so far, by operation. */
  async counts(): Promise<KmsCallCounts> {
    const { rows } = await this.#client.query<{ operation: string; calls: string }>({
      name: 'BenchCountKmsAuditEvents',
      text: 'SELECT operation, count(*) AS calls FROM kms.audit_events GROUP BY operation',
    });
    return new Map(rows.map((row) => [row.operation, Number(row.calls)]));
  }

  /** Closes the connection. */
  close(): Promise<void> {
    return this.#client.end();
  }
}

/** `after - before`, by operation, without the operations that did not change. */
export function kmsCallsBetween(before: KmsCallCounts, after: KmsCallCounts): KmsCallCounts {
  return new Map([...after].map(([operation, calls]): [string, number] => [operation, calls - (before.get(operation) ?? 0)]).filter(([, calls]) => calls > 0));
}
