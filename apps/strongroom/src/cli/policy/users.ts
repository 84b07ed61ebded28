/** Users, as aws iam: create, get, list, delete. */
import { policyCommand, type PolicyCommand } from './policy-command';
import { userNameFlag } from './policy-flags';
import { userShape } from './policy-shapes';

const USER_NAME = userNameFlag(true);

const createUser = policyCommand({
  name: 'create',
  operation: 'CreateUser',
  summary: 'Creates a user in the account (aws iam create-user).',
  flags: [USER_NAME],
  request: (flags, principal) => ({ principal, userName: flags.required('user-name') }),
  call: (client, request, signal) => client.createUser(request, { signal }),
  output: (response) => ({ User: userShape(response.user) }),
});

const getUser = policyCommand({
  name: 'get',
  operation: 'GetUser',
  summary: 'Shows a user (aws iam get-user).',
  flags: [USER_NAME],
  request: (flags, principal) => ({ principal, userName: flags.required('user-name') }),
  call: (client, request, signal) => client.getUser(request, { signal }),
  output: (response) => ({ User: userShape(response.user) }),
});

const listUsers = policyCommand({
  name: 'list',
  operation: 'ListUsers',
  summary: "Lists the account's users by name (aws iam list-users).",
  flags: [],
  request: (_flags, principal) => ({ principal }),
  call: (client, request, signal) => client.listUsers(request, { signal }),
  output: (response) => ({ Users: response.users.map(userShape) }),
});

const deleteUser = policyCommand({
  name: 'delete',
  operation: 'DeleteUser',
  summary: 'Deletes a user with its inline policies and access keys. Prints nothing, as aws does.',
  flags: [USER_NAME],
  request: (flags, principal) => ({ principal, userName: flags.required('user-name') }),
  call: (client, request, signal) => client.deleteUser(request, { signal }),
  output: () => undefined,
});

/** The user commands. */
export const USER_COMMANDS: readonly PolicyCommand[] = [createUser, getUser, listUsers, deleteUser];
