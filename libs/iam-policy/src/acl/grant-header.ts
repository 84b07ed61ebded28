import { PolicyError } from '../policy-error';
import { GrantHeaderError } from './grant-header-error';
import { isAclGroupUri, type AclPermission, type Grant, type Grantee } from './grant';

/** The `x-amz-grant-*` request headers and the permission each grants. */
export const GRANT_HEADERS: Readonly<Record<string, AclPermission>> = {
  'x-amz-grant-read': 'READ',
  'x-amz-grant-write': 'WRITE',
  'x-amz-grant-read-acp': 'READ_ACP',
  'x-amz-grant-write-acp': 'WRITE_ACP',
  'x-amz-grant-full-control': 'FULL_CONTROL',
};

/**
 * S3's InvalidArgument messages for a grantee it cannot read and for a group
 * it does not know (LocalStack's AWS-validated test_s3_bucket_acl_exceptions
 * and test_s3_object_acl_exceptions: `fakekey="1234"` and
 * `uri="http://acs.amazonaws.com/groups/s3/FakeGroup"`).
 */
const UNRECOGNISED_GRANTEE = 'Argument format not recognized';
const UNKNOWN_GROUP = 'Invalid group uri';

const ITEM = /^\s*([A-Za-z]+)\s*=\s*(?:"([^"]*)"|([^\s",]+))\s*$/;

function splitItems(value: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (char === ',' && !quoted) {
      items.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  items.push(current);
  return items;
}

function toGrantee(type: string, value: string, path: string, item: string): Grantee {
  switch (type.toLowerCase()) {
    case 'id':
      if (value === '') throw new PolicyError(path, 'id must not be empty');
      return { type: 'CanonicalUser', id: value };
    case 'emailaddress':
      if (!value.includes('@')) throw new PolicyError(path, `"${value}" is not an email address`);
      return { type: 'AmazonCustomerByEmail', emailAddress: value };
    case 'uri':
      if (!isAclGroupUri(value)) throw new GrantHeaderError(path, `"${value}" is not an S3 group URI`, UNKNOWN_GROUP, { name: 'uri', value });
      return { type: 'Group', uri: value };
    default:
      throw new GrantHeaderError(path, `unknown grantee type "${type}" (id, emailAddress or uri)`, UNRECOGNISED_GRANTEE, { name: path, value: item });
  }
}

/**
 * Parses one `x-amz-grant-*` header value, e.g.
 * `id="79a59df9...", uri="http://acs.amazonaws.com/groups/global/AllUsers"`.
 * Throws a {@link PolicyError} whose path is the header name, a
 * {@link GrantHeaderError} where S3's answer is known.
 */
export function parseGrantHeader(header: string, value: string): Grantee[] {
  const items = splitItems(value);
  return items.map((item) => {
    const match = ITEM.exec(item);
    const type = match?.[1];
    if (type === undefined) throw new PolicyError(header, `"${item.trim()}" is not key="value"`);
    return toGrantee(type, match?.[2] ?? match?.[3] ?? '', header, item.trim());
  });
}

/**
 * Collects the grants of every `x-amz-grant-*` header present (header names
 * in lower case, as Node delivers them).
 */
export function grantsFromHeaders(headers: Readonly<Record<string, string | undefined>>): Grant[] {
  const grants: Grant[] = [];
  for (const [header, permission] of Object.entries(GRANT_HEADERS)) {
    const value = headers[header];
    if (value === undefined) continue;
    for (const grantee of parseGrantHeader(header, value)) grants.push({ grantee, permission });
  }
  return grants;
}
