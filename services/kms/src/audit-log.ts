import { run, type Pool } from '@strongroom/db';
import type { Logger } from '@strongroom/observability';

/** One key operation, as recorded. Never plaintext, never key material. */
export interface AuditRecord {
  readonly time: Date;
  readonly accountId: string;
  readonly principalArn: string;
  /** The service credential that carried the call. */
  readonly credential: string;
  readonly operation: string;
  readonly keyId: string | undefined;
  readonly keyAccountId: string | undefined;
  readonly keyVersion: number | undefined;
  readonly encryptionContext: Readonly<Record<string, string>>;
  /** `OK` or the error reason. */
  readonly outcome: string;
}

interface Pending {
  readonly record: AuditRecord;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const INSERT_BATCH = {
  name: 'kms.insertAuditEvents',
  text: `INSERT INTO kms.audit_events
           (event_time, account_id, principal_arn, credential, operation, key_id, key_account_id, key_version, encryption_context, outcome)
         SELECT event_time, account_id, principal_arn, credential, operation, key_id, key_account_id, key_version, encryption_context, outcome
         FROM jsonb_to_recordset($1::jsonb) AS batch(
           event_time timestamptz, account_id text, principal_arn text, credential text, operation text,
           key_id uuid, key_account_id text, key_version integer, encryption_context jsonb, outcome text)`,
};

/**
 * The durable audit trail, group-committed: a call's `record` resolves once
 * its row is committed, and every record that arrives while one batch is
 * being written goes into the next batch, so under load many calls share one
 * INSERT and one commit instead of paying one each. The first batch waits
 * one turn of the event loop, so that records of calls answered in the same
 * turn travel together.
 */
export class AuditLog {
  #queue: Pending[] = [];
  #flushing: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly logger: Logger,
  ) {}

  /** Records one operation; resolves when it is durable, rejects when it could not be written. */
  record(record: AuditRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record, resolve, reject });
      this.#flushing ??= this.#drain();
    });
  }

  /** Resolves when everything recorded so far is written. */
  async drained(): Promise<void> {
    while (this.#flushing) await this.#flushing;
  }

  async #drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        await this.#write(batch.map((pending) => pending.record));
        for (const pending of batch) pending.resolve();
      } catch (error) {
        if (batch.length === 1) {
          this.logger.error({ err: error, events: 1 }, 'audit events could not be written');
          batch[0]?.reject(error);
          continue;
        }
        // One unwritable record (say, a principal ARN Postgres cannot store)
        // must not fail the other callers' calls that shared its batch:
        // write them one by one, so only the records that cannot be written fail.
        for (const pending of batch) {
          try {
            await this.#write([pending.record]);
            pending.resolve();
          } catch (single) {
            this.logger.error({ err: single, events: 1 }, 'audit events could not be written');
            pending.reject(single);
          }
        }
      }
    }
    this.#flushing = undefined;
  }

  /** Writes records with one statement: the batch travels as one JSON parameter, which costs far less to encode than a column array each. */
  async #write(records: readonly AuditRecord[]): Promise<void> {
    const rows = records.map((r) => ({
      event_time: r.time.toISOString(),
      account_id: r.accountId,
      principal_arn: r.principalArn,
      credential: r.credential,
      operation: r.operation,
      key_id: r.keyId ?? null,
      key_account_id: r.keyAccountId ?? null,
      key_version: r.keyVersion ?? null,
      encryption_context: r.encryptionContext,
      outcome: r.outcome,
    }));
    await run(this.pool, INSERT_BATCH, [JSON.stringify(rows)]);
  }
}
