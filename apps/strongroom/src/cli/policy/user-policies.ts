/** A user's inline identity policies, as aws iam's put/get/delete/list-user-policies. */
import { textValue } from '../values';
import { policyCommand, type PolicyCommand } from './policy-command';
import { POLICY_NAME_FLAG, userNameFlag } from './policy-flags';

const USER_NAME = userNameFlag(true);

const putUserPolicy = policyCommand({
  name: 'put-policy',
  operation: 'PutUserPolicy',
  summary: "Creates or replaces a user's inline identity policy. Prints nothing, as aws does.",
  flags: [
    USER_NAME,
    POLICY_NAME_FLAG,
    { name: 'policy-document', required: true, placeholder: 'json', description: 'The policy JSON (no Principal; at most 6144 bytes), or file://path.' },
  ],
  request: (flags, principal) => ({
    principal,
    userName: flags.required('user-name'),
    policyName: flags.required('policy-name'),
    policyDocument: textValue('policy-document', flags.required('policy-document')),
  }),
  call: (client, request, signal) => client.putUserPolicy(request, { signal }),
  output: () => undefined,
});

const getUserPolicy = policyCommand({
  name: 'get-policy',
  operation: 'GetUserPolicy',
  summary: "Shows a user's inline identity policy; PolicyDocument is decoded JSON, as aws prints it.",
  flags: [USER_NAME, POLICY_NAME_FLAG],
  request: (flags, principal) => ({ principal, userName: flags.required('user-name'), policyName: flags.required('policy-name') }),
  call: async (client, request, signal) => ({ request, response: await client.getUserPolicy(request, { signal }) }),
  output: ({ request, response }) => ({ UserName: request.userName, PolicyName: request.policyName, PolicyDocument: JSON.parse(response.policyDocument) as unknown }),
});

const deleteUserPolicy = policyCommand({
  name: 'delete-policy',
  operation: 'DeleteUserPolicy',
  summary: "Deletes a user's inline identity policy. Prints nothing, as aws does.",
  flags: [USER_NAME, POLICY_NAME_FLAG],
  request: (flags, principal) => ({ principal, userName: flags.required('user-name'), policyName: flags.required('policy-name') }),
  call: (client, request, signal) => client.deleteUserPolicy(request, { signal }),
  output: () => undefined,
});

const listUserPolicies = policyCommand({
  name: 'list-policies',
  operation: 'ListUserPolicies',
  summary: "Lists the names of a user's inline identity policies.",
  flags: [USER_NAME],
  request: (flags, principal) => ({ principal, userName: flags.required('user-name') }),
  call: (client, request, signal) => client.listUserPolicies(request, { signal }),
  output: (response) => ({ PolicyNames: response.policyNames }),
});

/** The inline identity policy commands of the `user` group. */
export const USER_POLICY_COMMANDS: readonly PolicyCommand[] = [putUserPolicy, getUserPolicy, deleteUserPolicy, listUserPolicies];
