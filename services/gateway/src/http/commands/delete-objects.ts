import { distinctObjects, ErrorReason } from '@strongroom/contracts';
import { reasonFromName, statusForReason } from '@strongroom/errors';
import { DIRECTORY_BUCKET_ELEMENTS, directoryBucketOnly, versionedConditionRefused } from '../../s3/delete-conditions';
import { S3Error, s3CodeFor, s3MessageFor } from '../../s3/errors';
import { bucketOf } from '../../s3/params';
import { childBoolean, childList, childText, type ParsedXml } from '../../s3/xml';
import { readXmlBody } from '../../s3/xml-body';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

const MAX_OBJECTS = 1000;

/** One `<Object>` of the request. */
interface RequestedObject {
  readonly key: string;
  /** The version id when it names one (`''` for an empty `<VersionId/>`). */
  readonly versionId: string | undefined;
  /** Its `<ETag>` condition on the current version; `''` for none. */
  readonly ifMatch: string;
}

function s3Code(reasonName: string) {
  const reason = reasonFromName(reasonName);
  return reason === ErrorReason.UNRECOGNIZED ? 'InternalError' : s3CodeFor(statusForReason(reason), reason);
}

/**
 * Reads one `<Object>`. An empty `<ETag/>` is MalformedXML; `<LastModifiedTime>` and `<Size>`
 * (directory-bucket conditions) are NotImplemented: the whole request is refused rather than a condition ignored.
 */
function requestedObject(object: ParsedXml): RequestedObject {
  const key = childText(object, 'Key');
  if (key === undefined) throw new S3Error('MalformedXML');
  const unsupported = DIRECTORY_BUCKET_ELEMENTS.find((name) => childText(object, name) !== undefined);
  if (unsupported !== undefined) throw directoryBucketOnly(unsupported);
  const etag = childText(object, 'ETag');
  if (etag === '') throw new S3Error('MalformedXML');
  return { key, versionId: childText(object, 'VersionId'), ifMatch: etag ?? '' };
}

/**
 * The per-key error the gateway answers itself, without asking storage: an empty `<VersionId/>` names no version
 * (S3 answers NoSuchVersion), never the current one; an `<ETag>` with a version id is NotImplemented, as If-Match is.
 */
function refusal({ versionId, ifMatch }: RequestedObject): S3Error | undefined {
  if (versionId === '') return new S3Error('NoSuchVersion');
  if (versionId !== undefined && ifMatch !== '') return versionedConditionRefused('ETag');
  return undefined;
}

/**
 * DeleteObjects: `POST /<bucket>?delete` with up to 1000 keys; Content-MD5 (or a checksum) required, as S3 requires.
 * An `<ETag>` makes that key's delete conditional on its current version (a per-key PreconditionFailed or NoSuchKey).
 * An `<Object>` repeated is deleted and reported once.
 */
export const deleteObjects: Command = async (request, { storage }) => {
  const document = await readXmlBody(request, 'Delete', { limit: 2 * 1024 * 1024, required: true });
  const named = childList(document, 'Object').map(requestedObject);
  if (named.length === 0 || named.length > MAX_OBJECTS) throw new S3Error('MalformedXML');
  // Storage deletes and reports an object named twice once; the objects refused here are counted the same way.
  const objects = named.filter((object) => refusal(object) === undefined).map(({ key, versionId, ifMatch }) => ({ key, versionId: versionId ?? '', ifMatch }));
  const refused = distinctObjects(named).flatMap((object) => {
    const error = refusal(object);
    return error === undefined ? [] : [{ Key: object.key, VersionId: object.versionId, Code: error.code, Message: error.message }];
  });
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
      ...refused,
      ...result.errors.map((failed) => {
        const code = s3Code(failed.reason);
        return { Key: failed.key, VersionId: failed.versionId || undefined, Code: code, Message: s3MessageFor(code, failed.message) };
      }),
    ],
  });
};
