import { DATA_ACCEPTED_HEADER, type storageV1 } from '@strongroom/contracts';
import { cancelledBy, type CallerContext } from '@strongroom/grpc';
import type { CallContext, ServiceImplementation } from 'nice-grpc';
import { deleteBucketEncryption, getBucketEncryption, putBucketEncryption } from './handlers/bucket-encryption';
import { deleteBucketTagging, getBucketTagging, putBucketTagging } from './handlers/bucket-tagging';
import { createBucket, deleteBucket, getBucket, getBucketLocation, getBucketVersioning, listAllBuckets, putBucketVersioning } from './handlers/buckets';
import { completeMultipartUpload } from './handlers/complete-multipart-upload';
import { copyObject } from './handlers/copy-object';
import { deleteObject, deleteObjects } from './handlers/delete-objects';
import { getObject, headObject } from './handlers/get-object';
import { listObjects, listObjectVersions } from './handlers/list-objects';
import { abortMultipartUpload, createMultipartUpload, listMultipartUploads, listParts } from './handlers/multipart-uploads';
import { getObjectAcl, putObjectAcl } from './handlers/object-acl';
import { getObjectAttributes } from './handlers/object-attributes';
import { deleteObjectTagging, getObjectTagging, putObjectTagging } from './handlers/object-tagging';
import { putObject } from './handlers/put-object';
import { resolveBucket } from './handlers/resolve-bucket';
import { uploadPart, uploadPartCopy } from './handlers/upload-part';
import { assertRequester } from './requester';
import type { StorageDeps, StorageHandler, StreamingHandler, UploadHandler } from './storage-call';

type Definition = typeof storageV1.StorageServiceDefinition;
type Context = CallContext & CallerContext;

/**
 * The deps of one call: its authorization checks and its requesters' KMS
 * calls end when the call does (its caller left or its deadline passed).
 * Left unbound on purpose: the shared loads (the keyring's bucket keys, the
 * policy directory), which one caller's cancel must not fail for the others
 * waiting on them, and `policy` itself, whose writes in bucket creation and
 * deletion must be cleaned up after (unregistering a bucket) even once the
 * caller has gone.
 */
function callDeps(deps: StorageDeps, signal: AbortSignal): StorageDeps {
  return { ...deps, authorizer: deps.authorizer.withSignal(signal), kms: cancelledBy(deps.kms, signal) };
}

/** The StorageService implementation: each RPC's handler behind the check that the caller may speak for its requester. */
export function createStorageService(deps: StorageDeps): ServiceImplementation<Definition, CallerContext> {
  function unary<Request extends { requester?: storageV1.Requester }, Response>(handler: StorageHandler<Request, Response>) {
    return (request: Request, context: Context): Promise<Response> =>
      handler(callDeps(deps, context.signal), request, { requester: assertRequester(context, request.requester), signal: context.signal });
  }

  function streaming<Request extends { requester?: storageV1.Requester }, Response>(handler: StreamingHandler<Request, Response>) {
    return (request: Request, context: Context): AsyncIterable<Response> =>
      handler(callDeps(deps, context.signal), request, { requester: assertRequester(context, request.requester), signal: context.signal });
  }

  function upload<Request, Response>(handler: UploadHandler<Request, Response>) {
    return (requests: AsyncIterable<Request>, context: Context): Promise<Response> =>
      handler(callDeps(deps, context.signal), requests, {
        assertRequester: (requester) => assertRequester(context, requester),
        acceptData: () => {
          context.header.set(DATA_ACCEPTED_HEADER, '1');
          context.sendHeader();
        },
        signal: context.signal,
      });
  }

  return {
    createBucket: unary(createBucket),
    deleteBucket: unary(deleteBucket),
    getBucket: unary(getBucket),
    listBuckets: unary(listAllBuckets),
    putBucketVersioning: unary(putBucketVersioning),
    getBucketVersioning: unary(getBucketVersioning),
    getBucketLocation: unary(getBucketLocation),
    resolveBucket: unary(resolveBucket),
    putBucketTagging: unary(putBucketTagging),
    getBucketTagging: unary(getBucketTagging),
    deleteBucketTagging: unary(deleteBucketTagging),
    putBucketEncryption: unary(putBucketEncryption),
    getBucketEncryption: unary(getBucketEncryption),
    deleteBucketEncryption: unary(deleteBucketEncryption),
    putObject: upload(putObject),
    getObject: streaming(getObject),
    headObject: unary(headObject),
    getObjectAttributes: unary(getObjectAttributes),
    deleteObject: unary(deleteObject),
    deleteObjects: unary(deleteObjects),
    copyObject: unary(copyObject),
    listObjects: unary(listObjects),
    listObjectVersions: unary(listObjectVersions),
    getObjectTagging: unary(getObjectTagging),
    putObjectTagging: unary(putObjectTagging),
    deleteObjectTagging: unary(deleteObjectTagging),
    getObjectAcl: unary(getObjectAcl),
    putObjectAcl: unary(putObjectAcl),
    createMultipartUpload: unary(createMultipartUpload),
    uploadPart: upload(uploadPart),
    uploadPartCopy: unary(uploadPartCopy),
    completeMultipartUpload: unary(completeMultipartUpload),
    abortMultipartUpload: unary(abortMultipartUpload),
    listParts: unary(listParts),
    listMultipartUploads: unary(listMultipartUploads),
  };
}
