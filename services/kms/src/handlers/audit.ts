import type { kmsV1 } from '@strongroom/contracts';
import { run } from '@strongroom/db';
import { invalidArgument } from '@strongroom/errors';
import type { KmsHandler } from '../kms-call';

interface AuditRow {
  event_id: string;
  event_time: Date;
  account_id: string;
  principal_arn: string;
  operation: string;
  key_id: string | null;
  key_version: number | null;
  encryption_context: Record<string, string>;
  outcome: string;
}

const LIST_AUDIT_EVENTS = {
  name: 'kms.listAuditEvents',
  text: `SELECT event_id, event_time, account_id, principal_arn, operation, key_id, key_version, encryption_context, outcome
         FROM kms.audit_events
         WHERE (account_id = $1 OR key_account_id = $1)
           AND ($2::uuid IS NULL OR key_id = $2)
           AND ($3::bigint = 0 OR event_id < $3)
           AND ($4::timestamptz IS NULL OR event_time >= $4)
         ORDER BY event_id DESC LIMIT $5`,
};

export const listAuditEvents: KmsHandler<kmsV1.ListAuditEventsRequest, kmsV1.ListAuditEventsResponse> = async (deps, request, call) => {
  if (request.limit > 1000) throw invalidArgument('limit', 'must be 1 to 1000');
  const limit = request.limit === 0 ? 100 : request.limit;
  const keyId = request.keyId === '' ? null : (await deps.keyring.find(call, request.keyId, 'DescribeKey')).keyId;
  const rows = await run<AuditRow>(deps.pool, LIST_AUDIT_EVENTS, [call.principal.accountId, keyId, request.before, request.startTime ?? null, limit + 1]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    events: page.map((row) => ({
      eventId: Number(row.event_id),
      eventTime: row.event_time,
      accountId: row.account_id,
      principalArn: row.principal_arn,
      operation: row.operation,
      keyId: row.key_id ?? '',
      keyVersion: row.key_version ?? 0,
      encryptionContext: row.encryption_context,
      outcome: row.outcome,
    })),
    nextBefore: rows.length > limit && last ? Number(last.event_id) : 0,
  };
};
