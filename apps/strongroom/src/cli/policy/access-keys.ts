/** Access keys, as aws iam: create, list, update (activate/deactivate), delete. */
import { UsageError } from '../errors';
import type { ParsedFlags } from '../flags';
import { isoDate } from '../shapes';
import { choiceValue, textValue } from '../values';
import { policyCommand, type PolicyCommand } from './policy-command';
import { ACCESS_KEY_ID_FLAG, userNameFlag } from './policy-flags';
import { ACCESS_KEY_STATUS_BY_NAME, accessKeyShape, accessKeyStatusName, present } from './policy-shapes';

const USER_NAME = userNameFlag(false, "The user whose keys these are; absent: the account root's.");

/** `--access-key-id` with `--secret-access-key` (provisioning), or neither (generated). */
function provisionedCredentials(flags: ParsedFlags): { accessKeyId: string; secretAccessKey: string } {
  const accessKeyId = flags.string('access-key-id');
  const secret = flags.string('secret-access-key');
  if (accessKeyId === undefined && secret === undefined) return { accessKeyId: '', secretAccessKey: '' };
  if (accessKeyId === undefined || secret === undefined) throw new UsageError('give both --access-key-id and --secret-access-key, or neither');
  return { accessKeyId, secretAccessKey: textValue('secret-access-key', secret).trim() };
}

const createAccessKey = policyCommand({
  name: 'create',
  operation: 'CreateAccessKey',
  summary: 'Creates an access key and prints its secret, the only time it is ever shown (aws iam create-access-key).',
  flags: [
    USER_NAME,
    { name: 'access-key-id', placeholder: 'AKIA...', description: 'Provisioning from a secret store: the id to use (AKIA + 16 of A-Z2-7), with --secret-access-key.' },
    { name: 'secret-access-key', placeholder: 'secret', description: 'The 40-character secret to use, or file://path to read it from (keeps it out of the process list).' },
  ],
  request: (flags, principal) => ({ principal, userName: flags.string('user-name') ?? '', ...provisionedCredentials(flags) }),
  call: (client, request, signal) => client.createAccessKey(request, { signal }),
  output: ({ accessKey, secretAccessKey }) => ({
    AccessKey: accessKey && {
      UserName: present(accessKey.userName),
      AccessKeyId: accessKey.accessKeyId,
      Status: accessKeyStatusName(accessKey.status),
      SecretAccessKey: secretAccessKey,
      CreateDate: isoDate(accessKey.createTime),
    },
  }),
});

const listAccessKeys = policyCommand({
  name: 'list',
  operation: 'ListAccessKeys',
  summary: "Lists a user's access keys, or the account root's, oldest first; never a secret.",
  flags: [USER_NAME],
  request: (flags, principal) => ({ principal, userName: flags.string('user-name') ?? '' }),
  call: (client, request, signal) => client.listAccessKeys(request, { signal }),
  output: (response) => ({ AccessKeyMetadata: response.accessKeys.map(accessKeyShape) }),
});

const updateAccessKey = policyCommand({
  name: 'update',
  operation: 'UpdateAccessKey',
  summary: 'Activates or deactivates an access key; an inactive key stops signing within a minute. Prints nothing, as aws does.',
  flags: [ACCESS_KEY_ID_FLAG, { name: 'status', required: true, placeholder: 'Active|Inactive', description: 'Active or Inactive.' }],
  request: (flags, principal) => ({
    principal,
    accessKeyId: flags.required('access-key-id'),
    status: choiceValue('status', flags.required('status'), ACCESS_KEY_STATUS_BY_NAME),
  }),
  call: (client, request, signal) => client.updateAccessKey(request, { signal }),
  output: () => undefined,
});

const deleteAccessKey = policyCommand({
  name: 'delete',
  operation: 'DeleteAccessKey',
  summary: 'Deletes an access key; it stops signing within a minute. Prints nothing, as aws does.',
  flags: [ACCESS_KEY_ID_FLAG],
  request: (flags, principal) => ({ principal, accessKeyId: flags.required('access-key-id') }),
  call: (client, request, signal) => client.deleteAccessKey(request, { signal }),
  output: () => undefined,
});

/** The access key commands. */
export const ACCESS_KEY_COMMANDS: readonly PolicyCommand[] = [createAccessKey, listAccessKeys, updateAccessKey, deleteAccessKey];
