/** Every command group the CLI knows; a new group is one line here. */
import type { CommandGroup } from './group';
import { KMS_GROUP } from './kms/kms-group';

/** The command groups, in the order `strongroom --help` lists them. */
export const COMMAND_GROUPS: readonly CommandGroup[] = [KMS_GROUP];
