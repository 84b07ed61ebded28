/** `policy get-bucket-access-analysis`: the console's Access column for a bucket, and why. */
import { policyCommand, type PolicyCommand } from './policy-command';
import { bucketIdFlag } from './policy-flags';
import { accessLevelName, grantShape, objectOwnershipName, permissionName, present, publicAccessBlockShape, publicStatementShape } from './policy-shapes';

const getBucketAccessAnalysis = policyCommand({
  name: 'get-bucket-access-analysis',
  operation: 'GetBucketAccessAnalysis',
  summary: "Explains a bucket's access level: the statements and grants that make it public, and the settings that neutralise them.",
  flags: [bucketIdFlag(true)],
  request: (flags, principal) => ({ principal, bucketId: flags.required('bucket-id') }),
  call: (client, request, signal) => client.getBucketAccessAnalysis(request, { signal }),
  output: (response) => ({
    AccessLevel: accessLevelName(response.accessLevel),
    PublicStatements: response.publicStatements.map(publicStatementShape),
    PublicGrants: response.publicGrants.map((publicGrant) => ({
      Grant: grantShape(publicGrant.grant),
      Actions: publicGrant.actions,
      NeutralisedBy: present(publicGrant.neutralisedBy),
    })),
    ExternalGrants: response.externalGrants.map((external) => ({
      Grantee: external.grantee,
      StatementIndexes: external.statementIndexes.length === 0 ? undefined : external.statementIndexes,
      Permissions: external.permissions.length === 0 ? undefined : external.permissions.map(permissionName),
    })),
    EffectivePublicAccessBlockConfiguration: publicAccessBlockShape(response.effectivePublicAccessBlock),
    ObjectOwnership: objectOwnershipName(response.objectOwnership),
    Explanation: response.explanation,
  }),
});

/** The access analysis commands of the `policy` group. */
export const ACCESS_ANALYSIS_COMMANDS: readonly PolicyCommand[] = [getBucketAccessAnalysis];
