import { ErrorReason } from '@strongroom/contracts';
import { reasonFromName, statusForReason } from '@strongroom/errors';
import { S3Error, s3CodeFor } from '../../s3/errors';
import { bucketOf } from '../../s3/params';
import { childBoolean, childList, childText } from '../../s3/xml';
import { readXmlBody } from '../../s3/xml-body';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

const MAX_OBJECTS = 1000;

function s3Code(reasonName: string) {
  const reason = reasonFromName(reasonName);
  return reason === ErrorReason.UNRECOGNIZED ? 'InternalError' : s3CodeFor(statusForReason(reason), reason);
}

/** DeleteObjects: `POST /<bucket>?delete` with up to 1000 keys; Content-MD5 (or a checksum) required, as S3 requires. */
export const deleteObjects: Command = async (request, { storage }) => {
  const document = await readXmlBody(request, 'Delete', { limit: 2 * 1024 * 1024, digestRequired: true });
  const objects = childList(document, 'Object').map((object) => {
    const key = childText(object, 'Key');
    if (key === undefined) throw new S3Error('MalformedXML');
    return { key, versionId: childText(object, 'VersionId') ?? '' };
  });
  if (objects.length === 0 || objects.length > MAX_OBJECTS) throw new S3Error('MalformedXML');
  const quiet = childBoolean(document, 'Quiet', false);
  const result = await storage.deleteObjects({ requester: request.requester, bucket: bucketOf(request), objects, quiet });
  return xmlResponse('DeleteResult', {
    Deleted: result.deleted.map((deleted) => ({
      Key: deleted.key,
      VersionId: deleted.versionId || undefined,
      DeleteMarker: deleted.deleteMarker ? true : undefined,
      DeleteMarkerVersionId: deleted.deleteMarkerVersionId || undefined,
    })),
    Error: result.errors.map((failed) => {
      const code = s3Code(failed.reason);
      return { Key: failed.key, VersionId: failed.versionId || undefined, Code: code, Message: new S3Error(code, failed.message || undefined).message };
    }),
  });
};
