/** `kms audit`: the audit trail of the account's keys (ListAuditEvents), newest first. */
import { integerValue, timestampValue } from '../values';
import { isoDate } from '../shapes';
import { kmsCommand, type KmsCommand } from './kms-command';
import { integerOrZero, keyIdFlag } from './kms-flags';

const audit = kmsCommand({
  name: 'audit',
  operation: 'ListAuditEvents',
  summary: "Lists one page of the audit trail of the account's keys, newest first; follow NextMarker for more.",
  flags: [
    keyIdFlag(false, 'Only the events of this key.'),
    { name: 'limit', placeholder: 'count', description: 'Page size, 1 to 1000 (default 100).' },
    { name: 'marker', placeholder: 'marker', description: 'The NextMarker of the previous page.' },
    { name: 'start-time', placeholder: 'time', description: 'Only events at or after this time (ISO 8601 or epoch seconds).' },
  ],
  request: (flags, principal) => {
    const marker = flags.string('marker');
    const startTime = flags.string('start-time');
    return {
      principal,
      keyId: flags.string('key-id') ?? '',
      limit: integerOrZero(flags, 'limit'),
      before: marker === undefined ? 0 : integerValue('marker', marker),
      startTime: startTime === undefined ? undefined : timestampValue('start-time', startTime),
    };
  },
  call: (client, request, signal) => client.listAuditEvents(request, { signal }),
  output: (response) => ({
    Events: response.events.map((event) => ({
      EventId: event.eventId,
      EventTime: isoDate(event.eventTime),
      AccountId: event.accountId,
      PrincipalArn: event.principalArn,
      Operation: event.operation,
      KeyId: event.keyId === '' ? undefined : event.keyId,
      KeyVersion: event.keyVersion === 0 ? undefined : event.keyVersion,
      EncryptionContext: Object.keys(event.encryptionContext).length === 0 ? undefined : event.encryptionContext,
      Outcome: event.outcome,
    })),
    NextMarker: response.nextBefore === 0 ? undefined : String(response.nextBefore),
  }),
});

/** The audit commands. */
export const AUDIT_COMMANDS: readonly KmsCommand[] = [audit];
