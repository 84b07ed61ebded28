import { S3Error } from '../../s3/errors';
import { authorizeUnkeptConfigurationRead } from '../../s3/unkept-configuration';
import type { Command } from '../command';

/** GetBucketReplication: `GET /<bucket>?replication`, authorized as s3:GetReplicationConfiguration. Strongroom keeps no replication configuration, so the answer is always S3's for a bucket without one: ReplicationConfigurationNotFoundError. */
export const getBucketReplication: Command = async (request, context) => {
  await authorizeUnkeptConfigurationRead(request, context, 's3:GetReplicationConfiguration');
  throw new S3Error('ReplicationConfigurationNotFoundError');
};
