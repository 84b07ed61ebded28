import { abortMultipartUpload } from './abort-multipart-upload';
import { completeMultipartUpload } from './complete-multipart-upload';
import { copyObject } from './copy-object';
import { createBucket } from './create-bucket';
import { createMultipartUpload } from './create-multipart-upload';
import { deleteBucket } from './delete-bucket';
import { deleteBucketEncryption } from './delete-bucket-encryption';
import { deleteBucketOwnershipControls } from './delete-bucket-ownership-controls';
import { deleteBucketPolicy } from './delete-bucket-policy';
import { deleteBucketTagging } from './delete-bucket-tagging';
import { deleteObject } from './delete-object';
import { deleteObjectTagging } from './delete-object-tagging';
import { deleteObjects } from './delete-objects';
import { deletePublicAccessBlock } from './delete-public-access-block';
import { getBucketAccelerateConfiguration } from './get-bucket-accelerate-configuration';
import { getBucketAcl } from './get-bucket-acl';
import { getBucketCors } from './get-bucket-cors';
import { getBucketEncryption } from './get-bucket-encryption';
import { getBucketLifecycleConfiguration } from './get-bucket-lifecycle-configuration';
import { getBucketLocation } from './get-bucket-location';
import { getBucketLogging } from './get-bucket-logging';
import { getBucketNotificationConfiguration } from './get-bucket-notification-configuration';
import { getBucketOwnershipControls } from './get-bucket-ownership-controls';
import { getBucketPolicy } from './get-bucket-policy';
import { getBucketPolicyStatus } from './get-bucket-policy-status';
import { getBucketReplication } from './get-bucket-replication';
import { getBucketRequestPayment } from './get-bucket-request-payment';
import { getBucketTagging } from './get-bucket-tagging';
import { getBucketVersioning } from './get-bucket-versioning';
import { getBucketWebsite } from './get-bucket-website';
import { getObject } from './get-object';
import { getObjectAcl } from './get-object-acl';
import { getObjectAttributes } from './get-object-attributes';
import { getObjectLockConfiguration } from './get-object-lock-configuration';
import { getObjectTagging } from './get-object-tagging';
import { getPublicAccessBlock } from './get-public-access-block';
import { headBucket } from './head-bucket';
import { headObject } from './head-object';
import { listBuckets } from './list-buckets';
import { listBucketInventoryConfigurations } from './list-bucket-inventory-configurations';
import { listBucketAnalyticsConfigurations } from './list-bucket-analytics-configurations';
import { listBucketMetricsConfigurations } from './list-bucket-metrics-configurations';
import { listBucketIntelligentTieringConfigurations } from './list-bucket-intelligent-tiering-configurations';
import { listMultipartUploads } from './list-multipart-uploads';
import { listObjectVersions } from './list-object-versions';
import { listObjects } from './list-objects';
import { listObjectsV2 } from './list-objects-v2';
import { listParts } from './list-parts';
import { postObject } from './post-object';
import { putBucketAcl } from './put-bucket-acl';
import { putBucketEncryption } from './put-bucket-encryption';
import { putBucketOwnershipControls } from './put-bucket-ownership-controls';
import { putBucketPolicy } from './put-bucket-policy';
import { putBucketTagging } from './put-bucket-tagging';
import { putBucketVersioning } from './put-bucket-versioning';
import { putObject } from './put-object';
import { putObjectAcl } from './put-object-acl';
import { putObjectTagging } from './put-object-tagging';
import { putPublicAccessBlock } from './put-public-access-block';
import { uploadPart } from './upload-part';
import { uploadPartCopy } from './upload-part-copy';
import type { Command } from '../command';
import type { Operation } from '../router';

/** The command serving each operation: one file per S3 operation. */
export const COMMANDS: Readonly<Record<Operation, Command>> = {
  ListBuckets: listBuckets,
  CreateBucket: createBucket,
  DeleteBucket: deleteBucket,
  HeadBucket: headBucket,
  GetBucketLocation: getBucketLocation,
  GetBucketVersioning: getBucketVersioning,
  PutBucketVersioning: putBucketVersioning,
  GetBucketTagging: getBucketTagging,
  PutBucketTagging: putBucketTagging,
  DeleteBucketTagging: deleteBucketTagging,
  GetBucketEncryption: getBucketEncryption,
  PutBucketEncryption: putBucketEncryption,
  DeleteBucketEncryption: deleteBucketEncryption,
  ListObjects: listObjects,
  ListObjectsV2: listObjectsV2,
  ListObjectVersions: listObjectVersions,
  PutObject: putObject,
  PostObject: postObject,
  GetObject: getObject,
  HeadObject: headObject,
  GetObjectAttributes: getObjectAttributes,
  DeleteObject: deleteObject,
  DeleteObjects: deleteObjects,
  CopyObject: copyObject,
  GetObjectTagging: getObjectTagging,
  PutObjectTagging: putObjectTagging,
  DeleteObjectTagging: deleteObjectTagging,
  GetObjectAcl: getObjectAcl,
  PutObjectAcl: putObjectAcl,
  GetBucketAcl: getBucketAcl,
  PutBucketAcl: putBucketAcl,
  GetBucketPolicy: getBucketPolicy,
  PutBucketPolicy: putBucketPolicy,
  DeleteBucketPolicy: deleteBucketPolicy,
  GetBucketPolicyStatus: getBucketPolicyStatus,
  GetPublicAccessBlock: getPublicAccessBlock,
  PutPublicAccessBlock: putPublicAccessBlock,
  DeletePublicAccessBlock: deletePublicAccessBlock,
  GetBucketOwnershipControls: getBucketOwnershipControls,
  PutBucketOwnershipControls: putBucketOwnershipControls,
  DeleteBucketOwnershipControls: deleteBucketOwnershipControls,
  GetBucketCors: getBucketCors,
  GetBucketWebsite: getBucketWebsite,
  GetBucketLifecycleConfiguration: getBucketLifecycleConfiguration,
  GetBucketReplication: getBucketReplication,
  GetObjectLockConfiguration: getObjectLockConfiguration,
  GetBucketRequestPayment: getBucketRequestPayment,
  GetBucketAccelerateConfiguration: getBucketAccelerateConfiguration,
  GetBucketLogging: getBucketLogging,
  GetBucketNotificationConfiguration: getBucketNotificationConfiguration,
  ListBucketInventoryConfigurations: listBucketInventoryConfigurations,
  ListBucketAnalyticsConfigurations: listBucketAnalyticsConfigurations,
  ListBucketMetricsConfigurations: listBucketMetricsConfigurations,
  ListBucketIntelligentTieringConfigurations: listBucketIntelligentTieringConfigurations,
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  UploadPartCopy: uploadPartCopy,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
  ListParts: listParts,
  ListMultipartUploads: listMultipartUploads,
};
