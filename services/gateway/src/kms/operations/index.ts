/** Every operation of the gateway's KMS JSON API, by its name in `X-Amz-Target: TrentService.<name>`. */
import type { KmsOperation } from '../kms-operation';
import { ALIAS_OPERATIONS } from './aliases';
import { DATA_KEY_OPERATIONS } from './data-keys';
import { ENCRYPTION_OPERATIONS } from './encryption';
import { GRANT_OPERATIONS } from './grants';
import { KEY_OPERATIONS } from './keys';
import { ROTATION_OPERATIONS } from './rotation';

/** The operations served, by name. */
export const KMS_OPERATIONS: ReadonlyMap<string, KmsOperation> = new Map(
  Object.entries({
    ...KEY_OPERATIONS,
    ...ROTATION_OPERATIONS,
    ...ALIAS_OPERATIONS,
    ...DATA_KEY_OPERATIONS,
    ...ENCRYPTION_OPERATIONS,
    ...GRANT_OPERATIONS,
  }),
);
