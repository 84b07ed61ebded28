import { ErrorReason } from '@strongroom/contracts';
import { reasonFromName, statusForReason } from '@strongroom/errors';
import { S3Error, s3CodeFor } from '../../s3/errors';
import { bucketOf } from '../../s3/params';
import { childBoolean, childList, childText, type ParsedXml } from '../../s3/xml';
import { readXmlBody } from '../../s3/xml-body';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

const MAX_OBJECTS = 1000;

function s3Code(reasonName: string) {
  const reason = reasonFromName(reasonName);
  return reason === ErrorReason.UNRECOGNIZED ? 'InternalError' : s3CodeFor(statusForReason(reason), reason);
}

/** One `<Object>` of the request: its key, and its version id when it names one (`''` for an empty `<VersionId/>`). */
function requestedObject(object: ParsedXml): { key: string; versionId: string | undefined } {
  const key = childText(object, 'Key');
  if (key === undefined) throw new S3Error('MalformedXML');
  return { key, versionId: childText(object, 'VersionId') };
}

/**
 * DeleteObjects: `POST /<bucket>?delete` with up to 1000 keys; Content-MD5 (or a checksum) required, as S3 requires.
 * An empty `<VersionId/>` names no version (S3 answers that key NoSuchVersion), never the current one.
 */
export const deleteObjects: Command = async (request, { storage }) => {
  const document = await readXmlBody(request, 'Delete', { limit: 2 * 1024 * 1024, required: true });
  const requested = childList(document, 'Object').map(requestedObject);
  if (requested.length === 0 || requested.length > MAX_OBJECTS) throw new S3Error('MalformedXML');
  const objects = requested.filter((object) => object.versionId !== '').map(({ key, versionId }) => ({ key, versionId: versionId ?? '' }));
  const noVersion = requested.filter((object) => object.versionId === '').map(({ key }) => ({ Key: key, VersionId: '', Code: 'NoSuchVersion', Message: new S3Error('NoSuchVersion').message }));
  const quiet = childBoolean(document, 'Quiet', false);
  const result = objects.length === 0 ? { deleted: [], errors: [] } : await storage.deleteObjects({ requester: request.requester, bucket: bucketOf(request), objects, quiet });
  return xmlResponse('DeleteResult', {
    Deleted: result.deleted.map((deleted) => ({
      Key: deleted.key,
      VersionId: deleted.versionId || undefined,
      DeleteMarker: deleted.deleteMarker ? true : undefined,
      DeleteMarkerVersionId: deleted.deleteMarkerVersionId || undefined,
    })),
    Error: [
      ...noVersion,
      ...result.errors.map((failed) => {
        const code = s3Code(failed.reason);
        return { Key: failed.key, VersionId: failed.versionId || undefined, Code: code, Message: new S3Error(code, failed.message || undefined).message };
      }),
    ],
  });
};
