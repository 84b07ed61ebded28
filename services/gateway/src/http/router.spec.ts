import { route, type RouteInput } from './router';

function input(method: string, bucket: string | undefined, key: string | undefined, query = '', copySource = false): RouteInput {
  return { method, bucket, key, query: new URLSearchParams(query), copySource };
}

function operationOf(routeInput: RouteInput): string {
  const found = route(routeInput);
  return found.kind === 'operation' ? found.operation : found.kind;
}

describe('route', () => {
  it.each([
    [input('GET', undefined, undefined), 'ListBuckets'],
    [input('PUT', undefined, undefined), 'method-not-allowed'],
    [input('PUT', 'b', undefined), 'CreateBucket'],
    [input('DELETE', 'b', undefined), 'DeleteBucket'],
    [input('HEAD', 'b', undefined), 'HeadBucket'],
    [input('GET', 'b', undefined), 'ListObjects'],
    [input('GET', 'b', undefined, 'list-type=2&prefix=a'), 'ListObjectsV2'],
    [input('GET', 'b', undefined, 'versions'), 'ListObjectVersions'],
    [input('GET', 'b', undefined, 'uploads'), 'ListMultipartUploads'],
    [input('GET', 'b', undefined, 'location'), 'GetBucketLocation'],
    [input('GET', 'b', undefined, 'versioning'), 'GetBucketVersioning'],
    [input('PUT', 'b', undefined, 'versioning'), 'PutBucketVersioning'],
    [input('GET', 'b', undefined, 'tagging'), 'GetBucketTagging'],
    [input('PUT', 'b', undefined, 'tagging'), 'PutBucketTagging'],
    [input('DELETE', 'b', undefined, 'tagging'), 'DeleteBucketTagging'],
    [input('GET', 'b', undefined, 'acl'), 'GetBucketAcl'],
    [input('PUT', 'b', undefined, 'acl'), 'PutBucketAcl'],
    [input('GET', 'b', undefined, 'policy'), 'GetBucketPolicy'],
    [input('PUT', 'b', undefined, 'policy'), 'PutBucketPolicy'],
    [input('DELETE', 'b', undefined, 'policy'), 'DeleteBucketPolicy'],
    [input('GET', 'b', undefined, 'policyStatus'), 'GetBucketPolicyStatus'],
    [input('GET', 'b', undefined, 'publicAccessBlock'), 'GetPublicAccessBlock'],
    [input('PUT', 'b', undefined, 'publicAccessBlock'), 'PutPublicAccessBlock'],
    [input('DELETE', 'b', undefined, 'publicAccessBlock'), 'DeletePublicAccessBlock'],
    [input('GET', 'b', undefined, 'ownershipControls'), 'GetBucketOwnershipControls'],
    [input('PUT', 'b', undefined, 'ownershipControls'), 'PutBucketOwnershipControls'],
    [input('DELETE', 'b', undefined, 'ownershipControls'), 'DeleteBucketOwnershipControls'],
    [input('POST', 'b', undefined, 'delete'), 'DeleteObjects'],
    [input('POST', 'b', undefined), 'PostObject'],
    [input('GET', 'b', undefined, 'lifecycle'), 'GetBucketLifecycleConfiguration'],
    [input('PUT', 'b', undefined, 'encryption'), 'PutBucketEncryption'],
    [input('GET', 'b', undefined, 'encryption'), 'GetBucketEncryption'],
    [input('DELETE', 'b', undefined, 'encryption'), 'DeleteBucketEncryption'],
    [input('PUT', 'b', undefined, 'cors'), 'not-implemented'],
    [input('PUT', 'b', 'k'), 'PutObject'],
    [input('PUT', 'b', 'k', 'x-id=PutObject'), 'PutObject'],
    [input('PUT', 'b', 'k', '', true), 'CopyObject'],
    [input('GET', 'b', 'k'), 'GetObject'],
    [input('GET', 'b', 'k', 'versionId=v&partNumber=2'), 'GetObject'],
    [input('HEAD', 'b', 'k'), 'HeadObject'],
    [input('DELETE', 'b', 'k'), 'DeleteObject'],
    [input('GET', 'b', 'k', 'tagging'), 'GetObjectTagging'],
    [input('PUT', 'b', 'k', 'tagging'), 'PutObjectTagging'],
    [input('DELETE', 'b', 'k', 'tagging'), 'DeleteObjectTagging'],
    [input('GET', 'b', 'k', 'acl'), 'GetObjectAcl'],
    [input('GET', 'b', 'k', 'attributes'), 'GetObjectAttributes'],
    [input('GET', 'b', 'k', 'attributes&versionId=v'), 'GetObjectAttributes'],
    [input('PUT', 'b', 'k', 'attributes'), 'method-not-allowed'],
    [input('PUT', 'b', 'k', 'acl'), 'PutObjectAcl'],
    [input('POST', 'b', 'k', 'uploads'), 'CreateMultipartUpload'],
    [input('PUT', 'b', 'k', 'partNumber=1&uploadId=u'), 'UploadPart'],
    [input('PUT', 'b', 'k', 'partNumber=1&uploadId=u', true), 'UploadPartCopy'],
    [input('POST', 'b', 'k', 'uploadId=u'), 'CompleteMultipartUpload'],
    [input('DELETE', 'b', 'k', 'uploadId=u'), 'AbortMultipartUpload'],
    [input('GET', 'b', 'k', 'uploadId=u'), 'ListParts'],
    [input('GET', 'b', 'k', 'retention'), 'not-implemented'],
    [input('POST', 'b', 'k'), 'method-not-allowed'],
    [input('PATCH', 'b', 'k'), 'method-not-allowed'],
    [input('DELETE', 'b', 'k', 'versionId=v'), 'DeleteObject'],
    [input('DELETE', 'b', 'k', 'x-id=DeleteObject'), 'DeleteObject'],
    [input('DELETE', 'b', 'k', 'versionId=v&tagging'), 'DeleteObjectTagging'],
    [input('DELETE', 'b', undefined, 'lifecycle'), 'not-implemented'],
    [input('DELETE', 'b', undefined, 'cors'), 'not-implemented'],
    [input('PUT', 'b', 'k', 'object-lock'), 'not-implemented'],
    [input('PUT', 'b', 'k', 'renameObject'), 'not-implemented'],
  ])('%o → %s', (routeInput, expected) => {
    expect(operationOf(routeInput)).toBe(expected);
  });

  const unkeptConfigurations = [
    ['cors', 'GetBucketCors'],
    ['website', 'GetBucketWebsite'],
    ['lifecycle', 'GetBucketLifecycleConfiguration'],
    ['replication', 'GetBucketReplication'],
    ['object-lock', 'GetObjectLockConfiguration'],
    ['requestPayment', 'GetBucketRequestPayment'],
    ['accelerate', 'GetBucketAccelerateConfiguration'],
    ['logging', 'GetBucketLogging'],
    ['notification', 'GetBucketNotificationConfiguration'],
    ['inventory', 'ListBucketInventoryConfigurations'],
    ['analytics', 'ListBucketAnalyticsConfigurations'],
    ['metrics', 'ListBucketMetricsConfigurations'],
    ['intelligent-tiering', 'ListBucketIntelligentTieringConfigurations'],
  ];

  it.each(unkeptConfigurations)('GET /b?%s reads a configuration Strongroom does not keep: %s', (name, operation) => {
    expect(operationOf(input('GET', 'b', undefined, name))).toBe(operation);
  });

  it.each(unkeptConfigurations.map(([name]) => name))('?%s: PUT and HEAD of the bucket, and GET of an object, stay not-implemented', (name) => {
    expect(operationOf(input('PUT', 'b', undefined, name))).toBe('not-implemented');
    expect(operationOf(input('GET', 'b', 'k', name))).toBe('not-implemented');
    expect(operationOf(input('HEAD', 'b', undefined, name))).toBe('not-implemented');
  });

  it.each(['cors', 'website', 'lifecycle', 'replication'])('DELETE /b?%s stays not-implemented', (name) => {
    expect(operationOf(input('DELETE', 'b', undefined, name))).toBe('not-implemented');
  });

  it('GET /b?cors with another unserved sub-resource is still not-implemented', () => {
    expect(operationOf(input('GET', 'b', undefined, 'cors&torrent'))).toBe('not-implemented');
  });

  const withoutDelete = [
    'acl',
    'versioning',
    'location',
    'policyStatus',
    'versions',
    'uploads',
    'delete',
    'requestPayment',
    'object-lock',
    'attributes',
    'accelerate',
    'logging',
    'notification',
    'legal-hold',
    'retention',
    'restore',
    'select',
    'torrent',
  ];

  it.each(withoutDelete)('DELETE /b?%s deletes no bucket: method-not-allowed', (name) => {
    expect(operationOf(input('DELETE', 'b', undefined, name))).toBe('method-not-allowed');
  });

  it.each([...withoutDelete, 'policy', 'publicAccessBlock', 'ownershipControls', 'encryption'])('DELETE /b/k?%s deletes no object: method-not-allowed', (name) => {
    expect(operationOf(input('DELETE', 'b', 'k', `versionId=v&${name}`))).toBe('method-not-allowed');
  });

  it('DELETE /b?uploadId= deletes no bucket', () => {
    expect(operationOf(input('DELETE', 'b', undefined, 'uploadId=u'))).toBe('method-not-allowed');
  });

  it.each(['uploadId=u', 'uploads', 'versions', 'location', 'delete', 'policy'])('PUT /b/k?%s writes no object: method-not-allowed', (query) => {
    expect(operationOf(input('PUT', 'b', 'k', query))).toBe('method-not-allowed');
  });

  it.each(['location', 'uploads', 'versions', 'delete', 'policyStatus'])('PUT /b?%s creates no bucket: method-not-allowed', (query) => {
    expect(operationOf(input('PUT', 'b', undefined, query))).toBe('method-not-allowed');
  });

  it('PUT /b/k with the SDK\'s x-id, and with both part number and upload id, still routes', () => {
    expect(operationOf(input('PUT', 'b', 'k', 'x-id=PutObject'))).toBe('PutObject');
    expect(operationOf(input('PUT', 'b', 'k', 'partNumber=1&uploadId=u'))).toBe('UploadPart');
  });
});
