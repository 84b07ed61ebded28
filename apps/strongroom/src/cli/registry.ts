/** Every command group the CLI knows; a new group is one line here. */
import type { CommandGroup } from './group';
import { KMS_GROUP } from './kms/kms-group';
import { ACCESS_KEY_GROUP, ACCOUNT_GROUP, POLICY_GROUP, USER_GROUP } from './policy/policy-groups';

/** The command groups, in the order `strongroom --help` lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [KMS_GROUP, ACCOUNT_GROUP, USER_GROUP, ACCESS_KEY_GROUP, POLICY_GROUP];
