import { storageV1 } from '@strongroom/contracts';
import { checksumResponseHeaders } from '../../s3/checksum-headers';
import { namingCopySource, parseCopySource } from '../../s3/copy-source';
import { S3Error } from '../../s3/errors';
import { copyRequester } from '../../s3/expected-bucket-owner';
import { versionIdHeader } from '../../s3/object-headers';
import { customerKeyResponseHeaders, sourceCustomerKeyAfter, wipingAfter } from '../../s3/customer-key-headers';
import { encryptionHeaders } from '../../s3/sse-headers';
import { bucketOf, keyOf } from '../../s3/params';
import { copySourcePreconditions, writePreconditions } from '../../s3/preconditions';
import { writeOptions } from '../../s3/write-options';
import { checksumXml } from '../../s3/xml-shapes';
import { xmlTimestamp } from '../../s3/xml-timestamp';
import { header } from '../s3-request';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

/** Reads `x-amz-<what>-directive` (`metadata` or `tagging`): COPY (default) or REPLACE; else InvalidArgument "Unknown <what> directive.", as S3 words it. */
function directive(what: 'metadata' | 'tagging', value: string | undefined): storageV1.CopyDirective {
  if (value === undefined || value === 'COPY') return storageV1.CopyDirective.COPY;
  if (value === 'REPLACE') return storageV1.CopyDirective.REPLACE;
  throw new S3Error('InvalidArgument', `Unknown ${what} directive.`, { ArgumentName: `x-amz-${what}-directive`, ArgumentValue: value });
}

/** CopyObject: `PUT /<bucket>/<key>` with `x-amz-copy-source`, server-side. */
export const copyObject: Command = async (request, { storage }) => {
  const source = parseCopySource(header(request, 'x-amz-copy-source') ?? '');
  const sourceConditions = copySourcePreconditions(request.headers);
  const conditions = writePreconditions(request.headers);
  const metadataDirective = directive('metadata', header(request, 'x-amz-metadata-directive'));
  const taggingDirective = directive('tagging', header(request, 'x-amz-tagging-directive'));
  // The customer keys are decoded last, so that no other header's error leaves one unwiped.
  const options = writeOptions(request.headers);
  const sourceCustomerKey = sourceCustomerKeyAfter(options.customerKey, request.headers);
  const call = storage.copyObject({
    requester: copyRequester(request, source.bucket),
    sourceBucket: source.bucket,
    sourceKey: source.key,
    sourceVersionId: source.versionId,
    ...(sourceConditions === undefined ? {} : { sourcePreconditions: sourceConditions }),
    bucket: bucketOf(request),
    key: keyOf(request),
    metadataDirective,
    taggingDirective,
    options,
    ...(conditions === undefined ? {} : { preconditions: conditions }),
    ...(sourceCustomerKey === undefined ? {} : { sourceCustomerKey }),
  });
  const response = await wipingAfter(call, options.customerKey, sourceCustomerKey).catch((error: unknown) => {
    throw namingCopySource(error, source);
  });
  return xmlResponse(
    'CopyObjectResult',
    { ETag: response.etag, LastModified: xmlTimestamp(response.lastModified), ...checksumXml(response.checksum, true) },
    {
      'x-amz-version-id': versionIdHeader(response.versionId),
      'x-amz-copy-source-version-id': versionIdHeader(response.sourceVersionId),
      ...encryptionHeaders(response.encryption, { context: true }),
      ...customerKeyResponseHeaders(response.encryption, options.customerKey),
      ...checksumResponseHeaders(response.checksum),
    },
  );
};
