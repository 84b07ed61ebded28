import { run, type PoolClient } from '@strongroom/db';

/** The NOTIFY channel on which every policy replica hears of changes. */
export const CHANGE_CHANNEL = 'policy_changes';

/** What changed: a bucket's settings, an account's, a user's identity policies, or an access key. */
export type Change =
  | { readonly kind: 'bucket'; readonly bucketId: string }
  | { readonly kind: 'account'; readonly accountId: string }
  | { readonly kind: 'user'; readonly accountId: string; readonly userName: string }
  | { readonly kind: 'access-key'; readonly accessKeyId: string };

/** The NOTIFY payload of a change. */
export function encodeChange(change: Change): string {
  switch (change.kind) {
    case 'bucket':
      return `bucket:${change.bucketId}`;
    case 'account':
      return `account:${change.accountId}`;
    case 'user':
      return `user:${change.accountId}:${change.userName}`;
    case 'access-key':
      return `access-key:${change.accessKeyId}`;
  }
}

/** Parses a NOTIFY payload; undefined for anything else. */
export function decodeChange(payload: string): Change | undefined {
  const colon = payload.indexOf(':');
  const kind = payload.slice(0, colon);
  const rest = payload.slice(colon + 1);
  if (colon < 0 || rest === '') return undefined;
  if (kind === 'bucket') return { kind, bucketId: rest };
  if (kind === 'account') return { kind, accountId: rest };
  if (kind === 'access-key') return { kind, accessKeyId: rest };
  const [accountId = '', ...name] = rest.split(':');
  if (kind === 'user' && name.length > 0) return { kind, accountId, userName: name.join(':') };
  return undefined;
}

/** Announces a change inside the transaction that makes it: replicas hear of it when (and only if) it commits. */
export async function announce(client: PoolClient, change: Change): Promise<void> {
  await run(client, { name: 'policy.announce', text: 'SELECT pg_notify($1, $2)' }, [CHANGE_CHANNEL, encodeChange(change)]);
}
