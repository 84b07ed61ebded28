/** Aliases: create-alias, update-alias, delete-alias, list-aliases. */
import type { FlagSpec } from '../flags';
import { isoDate } from '../shapes';
import { kmsCommand, type KmsCommand } from './kms-command';
import { keyIdFlag } from './kms-flags';

const ALIAS_NAME: FlagSpec = { name: 'alias-name', required: true, placeholder: 'alias/name', description: 'alias/ followed by letters, digits, /, _ or - (alias/aws/ is reserved).' };
const TARGET_KEY_ID: FlagSpec = { name: 'target-key-id', required: true, placeholder: 'key', description: 'The key the alias points at: key id or key ARN.' };

const createAlias = kmsCommand({
  name: 'create-alias',
  operation: 'CreateAlias',
  summary: 'Creates an alias for a key of the account. Prints nothing, as aws does.',
  flags: [ALIAS_NAME, TARGET_KEY_ID],
  request: (flags, principal) => ({ principal, aliasName: flags.required('alias-name'), targetKeyId: flags.required('target-key-id') }),
  call: (client, request, signal) => client.createAlias(request, { signal }),
  output: () => undefined,
});

const updateAlias = kmsCommand({
  name: 'update-alias',
  operation: 'UpdateAlias',
  summary: 'Points an existing alias at another key. Prints nothing, as aws does.',
  flags: [ALIAS_NAME, TARGET_KEY_ID],
  request: (flags, principal) => ({ principal, aliasName: flags.required('alias-name'), targetKeyId: flags.required('target-key-id') }),
  call: (client, request, signal) => client.updateAlias(request, { signal }),
  output: () => undefined,
});

const deleteAlias = kmsCommand({
  name: 'delete-alias',
  operation: 'DeleteAlias',
  summary: 'Deletes an alias; its key is untouched. Prints nothing, as aws does.',
  flags: [ALIAS_NAME],
  request: (flags, principal) => ({ principal, aliasName: flags.required('alias-name') }),
  call: (client, request, signal) => client.deleteAlias(request, { signal }),
  output: () => undefined,
});

const listAliases = kmsCommand({
  name: 'list-aliases',
  operation: 'ListAliases',
  summary: "Lists the account's aliases, or those of one key.",
  flags: [keyIdFlag(false, 'Only the aliases of this key.')],
  request: (flags, principal) => ({ principal, keyId: flags.string('key-id') ?? '' }),
  call: (client, request, signal) => client.listAliases(request, { signal }),
  output: (response) => ({
    Aliases: response.aliases.map((alias) => ({
      AliasName: alias.aliasName,
      AliasArn: alias.aliasArn,
      TargetKeyId: alias.targetKeyId,
      CreationDate: isoDate(alias.creationDate),
      LastUpdatedDate: isoDate(alias.lastUpdatedDate),
    })),
    Truncated: false,
  }),
});

/** The alias commands. */
export const ALIAS_COMMANDS: readonly KmsCommand[] = [createAlias, updateAlias, deleteAlias, listAliases];
