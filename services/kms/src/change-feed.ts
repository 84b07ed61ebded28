import { run, type PoolClient } from '@strongroom/db';

/** The NOTIFY channel on which every kms replica hears of key, alias and grant changes. */
export const CHANGE_CHANNEL = 'kms_changes';

/** What changed: a key's record or grants (by key id), or an alias (by account and name). */
export type Change = { readonly kind: 'key'; readonly keyId: string } | { readonly kind: 'alias'; readonly accountId: string; readonly aliasName: string };

/** The NOTIFY payload of a change. */
export function encodeChange(change: Change): string {
  return change.kind === 'key' ? `key:${change.keyId}` : `alias:${change.accountId}:${change.aliasName}`;
}

/** Parses a NOTIFY payload; undefined for anything else. */
export function decodeChange(payload: string): Change | undefined {
  const [kind, first = '', ...rest] = payload.split(':');
  if (kind === 'key' && first !== '') return { kind: 'key', keyId: first };
  if (kind === 'alias' && rest.length > 0) return { kind: 'alias', accountId: first, aliasName: rest.join(':') };
  return undefined;
}

/** Announces a change inside the transaction that makes it: replicas hear of it when (and only if) it commits. */
export async function announce(client: PoolClient, change: Change): Promise<void> {
  await run(client, { name: 'kms.announce', text: 'SELECT pg_notify($1, $2)' }, [CHANGE_CHANNEL, encodeChange(change)]);
}
