import { policyV1, type storageV1 } from '@strongroom/contracts';
import { isAclGroupUri, isCanonicalUserId } from '@strongroom/iam-policy';
import type { S3Request } from '../http/s3-request';
import { aclFromHeaders, permissionEnum, permissionName } from './acl-headers';
import { S3Error } from './errors';
import { childList, childText, childrenOf, XSI_NS, type ParsedXml, type XmlElement } from './xml';
import { readVerifiedBody } from './xml-body';
import { parseXml } from './xml';

const { GranteeType } = policyV1;

const XSI_TYPES: Readonly<Record<string, policyV1.GranteeType>> = {
  CanonicalUser: GranteeType.CANONICAL_USER,
  AmazonCustomerByEmail: GranteeType.EMAIL,
  Group: GranteeType.GROUP,
};

function malformed(): S3Error {
  return new S3Error('MalformedACLError');
}

/** S3's InvalidArgument for an `<ID>` (of the Owner or a CanonicalUser grantee) that is not a canonical user id. */
function requireCanonicalId(id: string): string {
  if (!isCanonicalUserId(id)) throw new S3Error('InvalidArgument', 'Invalid id', { ArgumentName: 'CanonicalUser/ID', ArgumentValue: id });
  return id;
}

/** S3's InvalidArgument for a Group grantee whose `<URI>` is not an S3 group. */
function requireGroupUri(uri: string): string {
  if (!isAclGroupUri(uri)) throw new S3Error('InvalidArgument', 'Invalid group uri', { ArgumentName: 'Group/URI', ArgumentValue: uri });
  return uri;
}

function granteeXml(grantee: policyV1.Grantee | undefined): XmlElement | undefined {
  if (grantee === undefined) return undefined;
  const attributes = { 'xmlns:xsi': XSI_NS };
  switch (grantee.type) {
    case GranteeType.CANONICAL_USER:
      return { '@': { ...attributes, 'xsi:type': 'CanonicalUser' }, ID: grantee.id };
    case GranteeType.EMAIL:
      return { '@': { ...attributes, 'xsi:type': 'AmazonCustomerByEmail' }, EmailAddress: grantee.emailAddress };
    default:
      return { '@': { ...attributes, 'xsi:type': 'Group' }, URI: grantee.uri };
  }
}

/** The `<AccessControlPolicy>` content of an ACL: owner and grantees by ID alone, without the DisplayName S3 no longer returns (see ownerXml). */
export function accessControlPolicyXml(policy: policyV1.AccessControlPolicy | undefined): XmlElement {
  return {
    Owner: policy === undefined ? undefined : { ID: policy.ownerId },
    AccessControlList: { Grant: (policy?.grants ?? []).map((grant) => ({ Grantee: granteeXml(grant.grantee), Permission: permissionName(grant.permission) })) },
  };
}

function parseGrant(grant: ParsedXml): policyV1.Grant {
  const granteeElement = childrenOf(grant).Grantee;
  if (granteeElement === undefined || Array.isArray(granteeElement)) throw malformed();
  const xsiType = childrenOf(granteeElement)['@type'];
  const type = typeof xsiType === 'string' ? XSI_TYPES[xsiType] : undefined;
  const permission = permissionEnum(childText(grant, 'Permission') ?? '');
  if (type === undefined || permission === undefined) throw malformed();
  const value = (name: string) => childText(granteeElement, name) ?? '';
  const grantee = {
    type,
    id: type === GranteeType.CANONICAL_USER ? requireCanonicalId(value('ID')) : value('ID'),
    emailAddress: value('EmailAddress'),
    uri: type === GranteeType.GROUP ? requireGroupUri(value('URI')) : value('URI'),
    displayName: '',
  };
  return { grantee, permission };
}

/**
 * Parses an `<AccessControlPolicy>` body: MalformedACLError when it is not
 * one, lacks its `<Owner>` or `<AccessControlList>`, or breaks the schema
 * anywhere (an element where text belongs, a repeated `<Permission>`),
 * InvalidArgument for an id that is not a canonical user id or a URI that
 * is not an S3 group.
 */
function parseAccessControlPolicy(body: string): policyV1.AccessControlPolicy {
  try {
    return readAccessControlPolicy(parseXml(body, 'AccessControlPolicy'));
  } catch (error) {
    if (error instanceof S3Error && error.code === 'MalformedXML') throw malformed();
    throw error;
  }
}

function readAccessControlPolicy(document: ParsedXml): policyV1.AccessControlPolicy {
  const owner = childrenOf(document).Owner;
  const list = childrenOf(document).AccessControlList;
  if (owner === undefined || Array.isArray(owner) || list === undefined || Array.isArray(list)) throw malformed();
  const ownerElement = owner as ParsedXml;
  return {
    ownerId: requireCanonicalId(childText(ownerElement, 'ID') ?? ''),
    ownerDisplayName: childText(ownerElement, 'DisplayName') ?? '',
    grants: childList(list as ParsedXml, 'Grant').map(parseGrant),
  };
}

/**
 * The ACL a PutBucketAcl or PutObjectAcl sets: from the headers (canned or
 * grants) or from the AccessControlPolicy body, not both (UnexpectedContent);
 * neither is MissingSecurityHeader naming `x-amz-acl`.
 */
export async function aclFromRequest(request: S3Request): Promise<storageV1.ObjectAcl> {
  const fromHeaders = aclFromHeaders(request.headers);
  const body = await readVerifiedBody(request, 256 * 1024);
  if (fromHeaders !== undefined) {
    if (body.length > 0) throw new S3Error('UnexpectedContent', 'This request does not support content');
    return fromHeaders;
  }
  // As S3 answers a request that sets no ACL (quoted from S3 in crossplane-contrib/provider-aws#1767).
  if (body.length === 0) throw new S3Error('MissingSecurityHeader', undefined, { MissingHeaderName: 'x-amz-acl' });
  return { acl: { $case: 'accessControlPolicy', value: parseAccessControlPolicy(body.toString('utf8')) } };
}
