/** Accounts: create (operators) and get. */
import { policyCommand, type PolicyCommand } from './policy-command';
import { accountShape } from './policy-shapes';

const createAccount = policyCommand({
  name: 'create',
  operation: 'CreateAccount',
  summary: 'Creates an account (needs a credential that may act for any account); prints its canonical user id and root ARN.',
  flags: [
    { name: 'account-id', placeholder: '12 digits', description: 'The account id; generated when absent.' },
    { name: 'display-name', required: true, placeholder: 'name', description: "The account's name (1-128 characters)." },
    { name: 'email', placeholder: 'address', description: 'The email address ACL grants by emailAddress resolve to; unique across accounts.' },
  ],
  request: (flags) => ({ accountId: flags.string('account-id') ?? '', displayName: flags.required('display-name'), email: flags.string('email') ?? '' }),
  call: (client, request, signal) => client.createAccount(request, { signal }),
  output: (response) => ({ Account: accountShape(response.account) }),
});

const getAccount = policyCommand({
  name: 'get',
  operation: 'GetAccount',
  summary: 'Shows the account acted for (--account).',
  flags: [],
  request: (_flags, principal) => ({ principal }),
  call: (client, request, signal) => client.getAccount(request, { signal }),
  output: (response) => ({ Account: accountShape(response.account) }),
});

/** The account commands. */
export const ACCOUNT_COMMANDS: readonly PolicyCommand[] = [createAccount, getAccount];
