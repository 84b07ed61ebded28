import { storageV1 } from '@strongroom/contracts';
import { bucketOf } from '../../s3/params';
import type { Command } from '../command';
import { xmlResponse } from '../responses';

const STATUS: Readonly<Partial<Record<storageV1.VersioningStatus, string>>> = {
  [storageV1.VersioningStatus.ENABLED]: 'Enabled',
  [storageV1.VersioningStatus.SUSPENDED]: 'Suspended',
};

/** GetBucketVersioning: `GET /<bucket>?versioning`; a bucket never versioned has no Status. */
export const getBucketVersioning: Command = async (request, { storage }) => {
  const { bucket } = await storage.getBucket({ requester: request.requester, bucket: bucketOf(request) });
  return xmlResponse('VersioningConfiguration', { Status: bucket === undefined ? undefined : STATUS[bucket.versioning] });
};
