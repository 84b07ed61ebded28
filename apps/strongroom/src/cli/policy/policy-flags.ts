/** Flags shared by several commands of the policy service's groups. */
import type { FlagSpec } from '../flags';

/** `--user-name`, the IAM-style user a command is about. */
export function userNameFlag(required: boolean, description = 'The user (1-64 of A-Za-z0-9+=,.@_-).'): FlagSpec {
  return { name: 'user-name', required, placeholder: 'name', description };
}

/** `--bucket-id`, the immutable id the storage service registered a bucket under. */
export function bucketIdFlag(required: boolean, description = "The bucket's immutable id (as registered by storage)."): FlagSpec {
  return { name: 'bucket-id', required, placeholder: 'bucket-id', description };
}

/** `--access-key-id`, an existing access key. */
export const ACCESS_KEY_ID_FLAG: FlagSpec = { name: 'access-key-id', required: true, placeholder: 'AKIA...', description: 'The access key.' };

/** `--policy-name`, an inline identity policy of a user. */
export const POLICY_NAME_FLAG: FlagSpec = { name: 'policy-name', required: true, placeholder: 'name', description: 'The inline policy (1-128 of A-Za-z0-9+=,.@_-).' };
