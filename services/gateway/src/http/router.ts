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
  'GetObjectAttributes',
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
  'GetBucketCors',
  'GetBucketWebsite',
  'GetBucketLifecycleConfiguration',
  'GetBucketReplication',
  'GetObjectLockConfiguration',
  'GetBucketRequestPayment',
  'GetBucketAccelerateConfiguration',
  'GetBucketLogging',
  'GetBucketNotificationConfiguration',
  'ListBucketInventoryConfigurations',
  'ListBucketAnalyticsConfigurations',
  'ListBucketMetricsConfigurations',
  'ListBucketIntelligentTieringConfigurations',
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
    cors: 'GetBucketCors',
    website: 'GetBucketWebsite',
    lifecycle: 'GetBucketLifecycleConfiguration',
    replication: 'GetBucketReplication',
    'object-lock': 'GetObjectLockConfiguration',
    requestPayment: 'GetBucketRequestPayment',
    accelerate: 'GetBucketAccelerateConfiguration',
    logging: 'GetBucketLogging',
    notification: 'GetBucketNotificationConfiguration',
    inventory: 'ListBucketInventoryConfigurations',
    analytics: 'ListBucketAnalyticsConfigurations',
    metrics: 'ListBucketMetricsConfigurations',
    'intelligent-tiering': 'ListBucketIntelligentTieringConfigurations',
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
  GET: { acl: 'GetObjectAcl', attributes: 'GetObjectAttributes', tagging: 'GetObjectTagging', uploadId: 'ListParts' },
  PUT: { acl: 'PutObjectAcl', tagging: 'PutObjectTagging' },
  DELETE: { tagging: 'DeleteObjectTagging', uploadId: 'AbortMultipartUpload' },
  POST: { uploads: 'CreateMultipartUpload', uploadId: 'CompleteMultipartUpload' },
};

/**
 * Sub-resources S3 has whose operations we do not serve yet: NotImplemented
 * rather than a wrong answer, for every method the tables above do not
 * route (GET of a bucket's CORS, lifecycle, ... is served: Strongroom
 * keeps none, and answers as S3 does for a bucket without one).
 */
const UNSUPPORTED_SUBRESOURCES = [
  'accelerate',
  'analytics',
  'cors',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'logging',
  'metadataConfiguration',
  'metadataTable',
  'metrics',
  'notification',
  'object-lock',
  'renameObject',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'session',
  'torrent',
  'website',
];

/** Of those, the ones S3 also deletes (DeleteBucketLifecycle, ...): NotImplemented for DELETE too; the others have no DELETE. */
const UNSUPPORTED_DELETABLE = new Set([
  'analytics',
  'cors',
  'intelligent-tiering',
  'inventory',
  'lifecycle',
  'metadataConfiguration',
  'metadataTable',
  'metrics',
  'replication',
  'website',
]);

/** Every query name S3 reads as a sub-resource: what the tables route for any method, and what we do not serve. */
const SUBRESOURCES = new Set([
  ...[BUCKET_SUBRESOURCES, OBJECT_SUBRESOURCES].flatMap((table) => Object.values(table).flatMap((byName) => Object.keys(byName))),
  ...UNSUPPORTED_SUBRESOURCES,
]);

function subresource(table: Table, method: string, query: URLSearchParams): Operation | undefined {
  const byName = table[method];
  if (byName === undefined) return undefined;
  for (const name of Object.keys(byName)) if (query.has(name)) return byName[name];
  return undefined;
}

/**
 * True when a request names a sub-resource. A PUT or DELETE that names one
 * its method has no operation for (`DELETE /<bucket>/<key>?acl`,
 * `PUT /<bucket>/<key>?uploadId=` without a part number, `PUT /<bucket>?location`)
 * is not a plain PutObject, CreateBucket, DeleteObject or DeleteBucket: it
 * must write and delete nothing.
 */
function namesSubresource(query: URLSearchParams): boolean {
  for (const name of query.keys()) if (SUBRESOURCES.has(name)) return true;
  return false;
}

/**
 * The unsupported sub-resource a request names, unless the tables route it
 * for this method and level (bucket or object) or S3 has no such operation
 * for its method (a DELETE of most of them).
 */
function unsupportedSubresource(input: RouteInput): string | undefined {
  const routed = (input.key === undefined ? BUCKET_SUBRESOURCES : OBJECT_SUBRESOURCES)[input.method] ?? {};
  const name = UNSUPPORTED_SUBRESOURCES.find((candidate) => input.query.has(candidate) && !Object.hasOwn(routed, candidate));
  if (name === undefined) return undefined;
  return input.method !== 'DELETE' || UNSUPPORTED_DELETABLE.has(name) ? name : undefined;
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
      return namesSubresource(query) ? undefined : operation('CreateBucket');
    case 'DELETE':
      return namesSubresource(query) ? undefined : operation('DeleteBucket');
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
      return namesSubresource(query) ? undefined : operation(copySource ? 'CopyObject' : 'PutObject');
    case 'DELETE':
      return namesSubresource(query) ? undefined : operation('DeleteObject');
    default:
      return undefined;
  }
}

/** Routes a request to the operation that serves it. */
export function route(input: RouteInput): Route {
  const unsupported = unsupportedSubresource(input);
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
