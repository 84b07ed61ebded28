import { showUniqueIds, type Policy } from '@strongroom/iam-policy';
import type { PolicyUserIds } from './bucket-store';
import type { PolicyDeps } from './policy-call';
import { existingUserIds } from './user-store';

/**
 * The bucket's policy as GetBucketPolicy returns it: as put, but for a
 * user ARN bound to a user since deleted (or deleted and re-created),
 * which shows the unique id it was bound to, as AWS shows a principal id
 * it can no longer map back to an ARN (AWS Knowledge Center,
 * iam-resource-policy-format). An ARN bound to no user (named by a policy
 * put before ids were recorded, after its user was deleted) shows as
 * written: there is no id to show. Which users exist is read from the
 * database, not the cache, as on PutBucketPolicy. A document shown with
 * ids is the parsed one serialised again: compact, and with what JSON
 * parsing does not keep (a key given twice keeps its last value) as parsed.
 */
export async function shownPolicy(deps: PolicyDeps, text: string, policy: Policy, userIds: PolicyUserIds | null): Promise<string> {
  const bound = Object.entries(userIds ?? {}).filter((entry): entry is [string, string] => entry[1] !== null);
  if (bound.length === 0) return text;
  const existing = await existingUserIds(deps.pool, bound.map(([, userId]) => userId));
  const shown = new Map(bound.filter(([, userId]) => !existing.has(userId)));
  return shown.size === 0 ? text : JSON.stringify(showUniqueIds(policy.document, shown));
}
