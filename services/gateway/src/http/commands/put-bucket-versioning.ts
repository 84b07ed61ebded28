import { storageV1 } from '@strongroom/contracts';
import { S3Error } from '../../s3/errors';
import { bucketOf } from '../../s3/params';
import { childText, onlyChildren } from '../../s3/xml';
import { readXmlBody } from '../../s3/xml-body';
import type { Command } from '../command';
import { emptyResponse } from '../responses';

const STATUS: Readonly<Record<string, storageV1.VersioningStatus>> = {
  Enabled: storageV1.VersioningStatus.ENABLED,
  Suspended: storageV1.VersioningStatus.SUSPENDED,
};

/** What `<MfaDelete>` may say; Enabled is refused as not implemented. */
const MFA_DELETE = new Set(['Enabled', 'Disabled']);

/**
 * PutBucketVersioning: `PUT /<bucket>?versioning` with Status Enabled or
 * Suspended. As in S3: an element other than Status and MfaDelete is
 * MalformedXML (S3 validates the body against its schema: read leniently,
 * a misspelt `<MFADelete>` was dropped without a word), no Status is
 * IllegalVersioningConfigurationException, any other Status or MfaDelete
 * value MalformedXML.
 */
export const putBucketVersioning: Command = async (request, { storage }) => {
  const configuration = await readXmlBody(request, 'VersioningConfiguration');
  onlyChildren(configuration, ['Status', 'MfaDelete']);
  const statusText = childText(configuration, 'Status');
  if (statusText === undefined) throw new S3Error('IllegalVersioningConfigurationException');
  const status = STATUS[statusText];
  const mfaDelete = childText(configuration, 'MfaDelete');
  if (status === undefined || (mfaDelete !== undefined && !MFA_DELETE.has(mfaDelete))) throw new S3Error('MalformedXML');
  if (mfaDelete === 'Enabled') throw new S3Error('NotImplemented', 'MFA Delete is not implemented.');
  await storage.putBucketVersioning({ requester: request.requester, bucket: bucketOf(request), status });
  return emptyResponse(200);
};
