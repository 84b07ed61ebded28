/** Bucket policies, as aws s3api: put, get, delete, and the policy status. */
import { textValue } from '../values';
import { policyCommand, type PolicyCommand } from './policy-command';
import { bucketIdFlag } from './policy-flags';
import { publicStatementShape } from './policy-shapes';

const BUCKET_ID = bucketIdFlag(true);

const putBucketPolicy = policyCommand({
  name: 'put-bucket-policy',
  operation: 'PutBucketPolicy',
  summary: 'Validates and stores a bucket policy; BlockPublicPolicy refuses a public one. Prints nothing, as aws does.',
  flags: [BUCKET_ID, { name: 'policy', required: true, placeholder: 'json', description: 'The policy JSON (at most 20 KB), or file://path.' }],
  request: (flags, principal) => ({ principal, bucketId: flags.required('bucket-id'), policy: textValue('policy', flags.required('policy')) }),
  call: (client, request, signal) => client.putBucketPolicy(request, { signal }),
  output: () => undefined,
});

const getBucketPolicy = policyCommand({
  name: 'get-bucket-policy',
  operation: 'GetBucketPolicy',
  summary: 'Shows the bucket policy exactly as it was put (a JSON string, as aws prints it).',
  flags: [BUCKET_ID],
  request: (flags, principal) => ({ principal, bucketId: flags.required('bucket-id') }),
  call: (client, request, signal) => client.getBucketPolicy(request, { signal }),
  output: (response) => ({ Policy: response.policy }),
});

const deleteBucketPolicy = policyCommand({
  name: 'delete-bucket-policy',
  operation: 'DeleteBucketPolicy',
  summary: 'Deletes the bucket policy. Prints nothing, as aws does.',
  flags: [BUCKET_ID],
  request: (flags, principal) => ({ principal, bucketId: flags.required('bucket-id') }),
  call: (client, request, signal) => client.deleteBucketPolicy(request, { signal }),
  output: () => undefined,
});

const getBucketPolicyStatus = policyCommand({
  name: 'get-bucket-policy-status',
  operation: 'GetBucketPolicyStatus',
  summary: "Whether the bucket policy is public by AWS's rule; PublicStatements (Strongroom's addition) says which statements make it so.",
  flags: [BUCKET_ID],
  request: (flags, principal) => ({ principal, bucketId: flags.required('bucket-id') }),
  call: (client, request, signal) => client.getBucketPolicyStatus(request, { signal }),
  output: (response) => ({
    PolicyStatus: { IsPublic: response.isPublic },
    PublicStatements: response.publicStatements.length === 0 ? undefined : response.publicStatements.map(publicStatementShape),
  }),
});

/** The bucket policy commands of the `policy` group. */
export const BUCKET_POLICY_COMMANDS: readonly PolicyCommand[] = [putBucketPolicy, getBucketPolicy, deleteBucketPolicy, getBucketPolicyStatus];
