/**
 * Block Public Access, as `aws s3api` (with --bucket-id) and `aws s3control`
 * (without: the account's settings): get, put, delete.
 */
import { policyCommand, type PolicyCommand } from './policy-command';
import { bucketIdFlag } from './policy-flags';
import { publicAccessBlockShape } from './policy-shapes';
import { publicAccessBlockValue } from './policy-values';

const BUCKET_ID = bucketIdFlag(false, "The bucket's immutable id; absent: the account's settings, which apply to every bucket of the account.");

const getPublicAccessBlock = policyCommand({
  name: 'get-public-access-block',
  operation: 'GetPublicAccessBlock',
  summary: "Shows the bucket's own Block Public Access settings, or the account's.",
  flags: [BUCKET_ID],
  request: (flags, principal) => ({ principal, bucketId: flags.string('bucket-id') }),
  call: (client, { principal, bucketId }, signal) =>
    bucketId === undefined ? client.getAccountPublicAccessBlock({ principal }, { signal }) : client.getBucketPublicAccessBlock({ principal, bucketId }, { signal }),
  output: (response) => ({ PublicAccessBlockConfiguration: publicAccessBlockShape(response.publicAccessBlock) }),
});

const putPublicAccessBlock = policyCommand({
  name: 'put-public-access-block',
  operation: 'PutPublicAccessBlock',
  summary: "Sets the bucket's Block Public Access settings, or the account's. Prints nothing, as aws does.",
  flags: [
    BUCKET_ID,
    {
      name: 'public-access-block-configuration',
      required: true,
      placeholder: 'settings',
      description: 'BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true, or the same as JSON; a member left out is false.',
    },
  ],
  request: (flags, principal) => ({
    principal,
    bucketId: flags.string('bucket-id'),
    publicAccessBlock: publicAccessBlockValue('public-access-block-configuration', flags.required('public-access-block-configuration')),
  }),
  call: (client, { principal, bucketId, publicAccessBlock }, signal) =>
    bucketId === undefined
      ? client.putAccountPublicAccessBlock({ principal, publicAccessBlock }, { signal })
      : client.putBucketPublicAccessBlock({ principal, bucketId, publicAccessBlock }, { signal }),
  output: () => undefined,
});

const deletePublicAccessBlock = policyCommand({
  name: 'delete-public-access-block',
  operation: 'DeletePublicAccessBlock',
  summary: "Removes the bucket's Block Public Access settings, or the account's. Prints nothing, as aws does.",
  flags: [BUCKET_ID],
  request: (flags, principal) => ({ principal, bucketId: flags.string('bucket-id') }),
  call: (client, { principal, bucketId }, signal) =>
    bucketId === undefined ? client.deleteAccountPublicAccessBlock({ principal }, { signal }) : client.deleteBucketPublicAccessBlock({ principal, bucketId }, { signal }),
  output: () => undefined,
});

/** The Block Public Access commands of the `policy` group. */
export const PUBLIC_ACCESS_BLOCK_COMMANDS: readonly PolicyCommand[] = [getPublicAccessBlock, putPublicAccessBlock, deletePublicAccessBlock];
