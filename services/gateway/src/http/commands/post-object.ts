import type { storageV1 } from '@strongroom/contracts';
import { postFormContext } from '../../auth/request-context';
import { checksumResponseHeaders, requestChecksum, toApiChecksum } from '../../s3/checksum-headers';
import { customerKeyResponseHeaders, requireSecureCustomerKey, wipingAfter } from '../../s3/customer-key-headers';
import { versionIdHeader } from '../../s3/object-headers';
import { bucketOf } from '../../s3/params';
import { formBoundary, readPostForm } from '../../s3/post-form';
import { formPoster } from '../../s3/post-form-auth';
import { formHeaders, formObjectKey, formTags, withFilename } from '../../s3/post-form-fields';
import { withinLengthRange } from '../../s3/post-policy-check';
import { bucketUrl } from '../../s3/object-location';
import { postObjectAnswer } from '../../s3/post-response';
import { encryptionHeaders } from '../../s3/sse-headers';
import { streamUpload } from '../../s3/upload-stream';
import { writeOptions } from '../../s3/write-options';
import type { Command } from '../command';
import { header, requestPrincipal } from '../s3-request';

/**
 * PostObject: `POST /<bucket>` with a `multipart/form-data` body, the
 * browser upload of HTML forms, boto3's `generate_presigned_post` and
 * `@aws-sdk/s3-presigned-post`. The fields are read and the form's
 * signature and policy checked before a byte of the file is read (SSE-C
 * fields over plain HTTP are refused before either, so that no error
 * quoting a policy that holds the key goes out in the clear); the fields
 * then say what a PutObject's headers would (see post-form-fields).
 * The file streams to the storage service's PutObject (its length not
 * known up front; `content-length-range` enforced as it streams), which
 * authorizes the write as it authorizes any PutObject, before it reads
 * the file's first byte.
 */
export const postObject: Command = async (request, { storage, authenticator, domain, now }) => {
  const bucket = bucketOf(request);
  const boundary = formBoundary(header(request, 'content-type'));
  const form = await readPostForm(request.body.open(), boundary);
  const fields = withFilename(form.fields, form.filename);
  requireSecureCustomerKey({ headers: Object.fromEntries(fields), requester: request.requester });
  const key = formObjectKey(fields);
  const poster = await formPoster(request, { fields, bucket }, authenticator, now());
  const headers = formHeaders(fields);
  const requester: storageV1.Requester = {
    ...request.requester,
    principal: requestPrincipal(poster.caller),
    context: postFormContext(request.requester.context, poster.signed),
  };
  const checksum = requestChecksum(headers);
  const tags = formTags(fields);
  const options = { ...writeOptions(headers), ...(tags === undefined ? {} : { tags }) };
  const head: storageV1.PutObjectHeader = {
    requester,
    bucket,
    key,
    contentLength: 0,
    lengthUnknown: true,
    contentMd5: header({ headers }, 'content-md5') ?? '',
    confirmBeforeData: false,
    ...(checksum === undefined ? {} : { checksum: toApiChecksum(checksum.name, checksum.value) }),
    options,
  };
  async function* file(): AsyncGenerator<Buffer> {
    yield* withinLengthRange(form.file, poster.contentLength);
    await form.finish();
  }
  const response = await wipingAfter(streamUpload((messages, callOptions) => storage.putObject(messages, callOptions), head, file), options.customerKey);
  const posted = { bucket, key, etag: response.etag };
  return postObjectAnswer(fields, posted, bucketUrl(request, domain, bucket), {
    etag: response.etag,
    'x-amz-version-id': versionIdHeader(response.versionId),
    ...encryptionHeaders(response.encryption, { context: true }),
    ...customerKeyResponseHeaders(response.encryption, options.customerKey),
    ...checksumResponseHeaders(response.checksum),
  });
};
