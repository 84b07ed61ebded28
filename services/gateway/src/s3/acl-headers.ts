import { policyV1, type storageV1 } from '@strongroom/contracts';
import { GrantHeaderError, PolicyError, grantsFromHeaders, isCanonicalUserId, parseCannedAcl, type AclPermission, type Grant, type Grantee } from '@strongroom/iam-policy';
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './errors';

const { AclPermission: Permission, GranteeType } = policyV1;

const PERMISSIONS: Readonly<Record<AclPermission, policyV1.AclPermission>> = {
  READ: Permission.READ,
  WRITE: Permission.WRITE,
  READ_ACP: Permission.READ_ACP,
  WRITE_ACP: Permission.WRITE_ACP,
  FULL_CONTROL: Permission.FULL_CONTROL,
};

/** An ACL permission name as the API enum, or undefined for an unknown name. */
export function permissionEnum(name: string): policyV1.AclPermission | undefined {
  return Object.hasOwn(PERMISSIONS, name) ? PERMISSIONS[name as AclPermission] : undefined;
}

/** The S3 name of an API permission. */
export function permissionName(permission: policyV1.AclPermission): AclPermission | undefined {
  return (Object.keys(PERMISSIONS) as AclPermission[]).find((name) => PERMISSIONS[name] === permission);
}

/** A library grantee as the API's Grantee. */
function granteeFromLibrary(grantee: Grantee): policyV1.Grantee {
  const base = { id: '', emailAddress: '', uri: '', displayName: '' };
  switch (grantee.type) {
    case 'CanonicalUser':
      return { ...base, type: GranteeType.CANONICAL_USER, id: grantee.id };
    case 'AmazonCustomerByEmail':
      return { ...base, type: GranteeType.EMAIL, emailAddress: grantee.emailAddress };
    case 'Group':
      return { ...base, type: GranteeType.GROUP, uri: grantee.uri };
  }
}

function flatHeaders(headers: IncomingHttpHeaders): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) flat[name] = Array.isArray(value) ? value.join(',') : value;
  return flat;
}

/**
 * The grants of the `x-amz-grant-*` headers; InvalidArgument for a malformed
 * one, in S3's words where they are known ("Argument format not recognized",
 * "Invalid group uri"), or for an `id` that is not a canonical user id (S3's "Invalid id").
 */
function headerGrants(headers: Readonly<Record<string, string | undefined>>): Grant[] {
  let grants: Grant[];
  try {
    grants = grantsFromHeaders(headers);
  } catch (error) {
    if (error instanceof GrantHeaderError) {
      throw new S3Error('InvalidArgument', error.s3Message, { ArgumentName: error.argumentName, ArgumentValue: error.argumentValue });
    }
    if (error instanceof PolicyError) throw new S3Error('InvalidArgument', error.message, { ArgumentName: error.path });
    throw error;
  }
  for (const { grantee } of grants) {
    if (grantee.type === 'CanonicalUser' && !isCanonicalUserId(grantee.id)) {
      throw new S3Error('InvalidArgument', 'Invalid id', { ArgumentName: 'id', ArgumentValue: grantee.id });
    }
  }
  return grants;
}

/**
 * The ACL a request sets through headers: the canned `x-amz-acl`, or the
 * grants of the `x-amz-grant-*` headers (parsed by libs/iam-policy), or
 * undefined when it sets none (an empty `x-amz-acl` sets none). Both at once is InvalidRequest; a malformed
 * grant or an unknown canned ACL is InvalidArgument.
 */
export function aclFromHeaders(headers: IncomingHttpHeaders): storageV1.ObjectAcl | undefined {
  const flat = flatHeaders(headers);
  // An empty x-amz-acl sets nothing, as S3 takes it (an aws-cli `--acl ''` stores the default ACL; quoted from S3 in open-io/swift3#90).
  const canned = flat['x-amz-acl'] === '' ? undefined : flat['x-amz-acl'];
  const grants = headerGrants(flat);
  if (canned !== undefined && grants.length > 0) {
    throw new S3Error('InvalidRequest', 'Specifying both Canned ACLs and Header Grants is not allowed');
  }
  if (canned !== undefined) {
    // S3 names the header and the value but says nothing: its <Message> is empty (LocalStack's AWS-validated test_s3_bucket_acl_exceptions, put-bucket-canned-acl).
    if (parseCannedAcl(canned) === undefined) throw new S3Error('InvalidArgument', '', { ArgumentName: 'x-amz-acl', ArgumentValue: canned });
    return { acl: { $case: 'cannedAcl', value: canned } };
  }
  if (grants.length === 0) return undefined;
  return {
    acl: {
      $case: 'accessControlPolicy',
      value: {
        ownerId: '',
        ownerDisplayName: '',
        grants: grants.map((grant) => ({ grantee: granteeFromLibrary(grant.grantee), permission: PERMISSIONS[grant.permission] })),
      },
    },
  };
}
