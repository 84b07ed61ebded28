/**
 * (method, bucket?, key?, sub-resource) → S3 operation. Pure: the commands
 * that serve each operation are looked up by name elsewhere.
 */

/** The S3 operations the gateway serves. */
export const OPERATIONS = [
  'ListBuckets',
  'CreateBucket',
  'DeleteBucket',
  'HeadBucket',
  'GetBucketLocation',
  'GetBucketVersioning',
  'PutBucketVersioning',
  'GetBucketTagging',
  'PutBucketTagging',
  'DeleteBucketTagging',
  'GetBucketEncryption',
  'PutBucketEncryption',
  'DeleteBucketEncryption',
  'ListObjects',
  'ListObjectsV2',
  'ListObjectVersions',
  'PutObject',
  'PostObject',
  'GetObject',
  'HeadObject',
  'DeleteObject',
  'DeleteObjects',
  'CopyObject',
  'GetObjectTagging',
  'PutObjectTagging',
  'DeleteObjectTagging',
  'GetObjectAcl',
  'PutObjectAcl',
  'GetBucketAcl',
  'PutBucketAcl',
  'GetBucketPolicy',
  'PutBucketPolicy',
  'DeleteBucketPolicy',
  'GetBucketPolicyStatus',
  'GetPublicAccessBlock',
  'PutPublicAccessBlock',
  'DeletePublicAccessBlock',
  'GetBucketOwnershipControls',
  'PutBucketOwnershipControls',
  'DeleteBucketOwnershipControls',
  'CreateMultipartUpload',
  'UploadPart',
  'UploadPartCopy',
  'CompleteMultipartUpload',
  'AbortMultipartUpload',
  'ListParts',
  'ListMultipartUploads',
] as const;

/** An S3 operation the gateway serves. */
export type Operation = (typeof OPERATIONS)[number];

/** What a request routes to: an operation, or S3's answer for what we do not serve. */
export type Route =
  | { readonly kind: 'operation'; readonly operation: Operation }
  | { readonly kind: 'not-implemented'; readonly what: string }
  | { readonly kind: 'method-not-allowed' };

/** What the router looks at. */
export interface RouteInput {
  readonly method: string;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly query: URLSearchParams;
  /** True when `x-amz-copy-source` is present. */
  readonly copySource: boolean;
}

type Table = Readonly<Record<string, Readonly<Record<string, Operation>>>>;

/** Bucket sub-resources by method. */
const BUCKET_SUBRESOURCES: Table = {
  GET: {
    acl: 'GetBucketAcl',
    policy: 'GetBucketPolicy',
    policyStatus: 'GetBucketPolicyStatus',
    publicAccessBlock: 'GetPublicAccessBlock',
    ownershipControls: 'GetBucketOwnershipControls',
    versioning: 'GetBucketVersioning',
    tagging: 'GetBucketTagging',
    encryption: 'GetBucketEncryption',
    location: 'GetBucketLocation',
    uploads: 'ListMultipartUploads',
    versions: 'ListObjectVersions',
  },
  PUT: {
    acl: 'PutBucketAcl',
    policy: 'PutBucketPolicy',
    publicAccessBlock: 'PutPublicAccessBlock',
    ownershipControls: 'PutBucketOwnershipControls',
    versioning: 'PutBucketVersioning',
    tagging: 'PutBucketTagging',
    encryption: 'PutBucketEncryption',
  },
  DELETE: {
    policy: 'DeleteBucketPolicy',
    publicAccessBlock: 'DeletePublicAccessBlock',
    ownershipControls: 'DeleteBucketOwnershipControls',
    tagging: 'DeleteBucketTagging',
    encryption: 'DeleteBucketEncryption',
  },
  POST: { delete: 'DeleteObjects' },
};

/** Object sub-resources by method. */
const OBJECT_SUBRESOURCES: Table = {
  GET: { acl: 'GetObjectAcl', tagging: 'GetObjectTagging', uploadId: 'ListParts' },
  PUT: { acl: 'PutObjectAcl', tagging: 'PutObjectTagging' },
  DELETE: { tagging: 'DeleteObjectTagging', uploadId: 'AbortMultipartUpload' },
  POST: { uploads: 'CreateMultipartUpload', uploadId: 'CompleteMultipartUpload' },
};

/** Sub-resources S3 has and we do not serve yet: NotImplemented rather than a wrong answer. */
const UNSUPPORTED_SUBRESOURCES = [
  'accelerate',
  'analytics',
  'attributes',
  'cors',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'logging',
  'metadataTable',
  'metrics',
  'notification',
  'object-lock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'session',
  'torrent',
  'website',
];

function subresource(table: Table, method: string, query: URLSearchParams): Operation | undefined {
  const byName = table[method];
  if (byName === undefined) return undefined;
  for (const name of Object.keys(byName)) if (query.has(name)) return byName[name];
  return undefined;
}

function operation(operation: Operation): Route {
  return { kind: 'operation', operation };
}

function bucketRoute(method: string, query: URLSearchParams): Route | undefined {
  const sub = subresource(BUCKET_SUBRESOURCES, method, query);
  if (sub !== undefined) return operation(sub);
  switch (method) {
    case 'GET':
      return operation(query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects');
    case 'PUT':
      return operation('CreateBucket');
    case 'DELETE':
      return operation('DeleteBucket');
    case 'HEAD':
      return operation('HeadBucket');
    default:
      return undefined;
  }
}

function objectRoute(method: string, query: URLSearchParams, copySource: boolean): Route | undefined {
  if (method === 'PUT' && query.has('partNumber') && query.has('uploadId')) {
    return operation(copySource ? 'UploadPartCopy' : 'UploadPart');
  }
  const sub = subresource(OBJECT_SUBRESOURCES, method, query);
  if (sub !== undefined) return operation(sub);
  switch (method) {
    case 'GET':
      return operation('GetObject');
    case 'HEAD':
      return operation('HeadObject');
    case 'PUT':
      return operation(copySource ? 'CopyObject' : 'PutObject');
    case 'DELETE':
      return operation('DeleteObject');
    default:
      return undefined;
  }
}

/** Routes a request to the operation that serves it. */
export function route(input: RouteInput): Route {
  const unsupported = UNSUPPORTED_SUBRESOURCES.find((name) => input.query.has(name));
  if (input.bucket !== undefined && unsupported !== undefined) return { kind: 'not-implemented', what: `?${unsupported}` };
  let found: Route | undefined;
  if (input.bucket === undefined) {
    found = input.method === 'GET' ? operation('ListBuckets') : undefined;
  } else if (input.key === undefined) {
    found = bucketRoute(input.method, input.query);
    if (input.method === 'POST' && found === undefined) return operation('PostObject');
  } else {
    found = objectRoute(input.method, input.query, input.copySource);
  }
  return found ?? { kind: 'method-not-allowed' };
}
