/** The `kms` command group: the KMS API, with aws kms's command and flag names. */
import { kmsServiceDefinition } from '@strongroom/contracts';
import { createServiceClient } from '@strongroom/grpc';
import { DEFAULT_KMS_ENDPOINT } from '../../embedded/defaults';
import { defineGroup } from '../group';
import { ALIAS_COMMANDS } from './aliases';
import { AUDIT_COMMANDS } from './audit';
import { DATA_KEY_COMMANDS } from './data-keys';
import { ENCRYPTION_COMMANDS } from './encryption';
import { GRANT_COMMANDS } from './grants';
import { KEY_COMMANDS } from './keys';
import type { KmsClient } from './kms-command';
import { ROTATION_COMMANDS } from './rotation';

/** `strongroom kms ...`. */
export const KMS_GROUP = defineGroup<KmsClient>({
  name: 'kms',
  summary: 'Keys, rotation, aliases, grants, envelope encryption and the audit trail (as aws kms).',
  endpoint: { env: 'STRONGROOM_KMS_ENDPOINT', fallback: DEFAULT_KMS_ENDPOINT },
  errorDialect: 'kms',
  connect: ({ address, token, tls }) => {
    const { client, channel } = createServiceClient(kmsServiceDefinition, { address, token, tls });
    return { client, close: () => channel.close() };
  },
  commands: [...KEY_COMMANDS, ...ROTATION_COMMANDS, ...ALIAS_COMMANDS, ...DATA_KEY_COMMANDS, ...ENCRYPTION_COMMANDS, ...GRANT_COMMANDS, ...AUDIT_COMMANDS],
});
