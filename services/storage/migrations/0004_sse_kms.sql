-- SSE-KMS and default bucket encryption.
--
-- A version or upload encrypted with SSE-KMS records `aws:kms` with the ARN
-- and version of the KMS key, and its encryption context as S3 reports it
-- (the requested pairs and `aws:s3:arn`, the object's ARN). Without a bucket
-- key, `wrapped_data_key` is the KMS ciphertext blob of the data key, made
-- under that context; with one, it is wrapped by a bucket key (whose KMS
-- context is the bucket's ARN), as SSE-S3 data keys are.
ALTER TABLE storage.object_versions DROP CONSTRAINT object_versions_sse_type_check;
ALTER TABLE storage.object_versions ADD CONSTRAINT object_versions_sse_type_check CHECK (sse_type IN ('AES256', 'aws:kms'));
ALTER TABLE storage.object_versions ADD COLUMN encryption_context jsonb;

ALTER TABLE storage.multipart_uploads DROP CONSTRAINT multipart_uploads_sse_type_check;
ALTER TABLE storage.multipart_uploads ADD CONSTRAINT multipart_uploads_sse_type_check CHECK (sse_type IN ('AES256', 'aws:kms'));
ALTER TABLE storage.multipart_uploads ADD COLUMN encryption_context jsonb;

-- The default encryption (PutBucketEncryption) as {"algorithm",
-- "kmsMasterKeyId", "bucketKeyEnabled"}; NULL means SSE-S3.
ALTER TABLE storage.buckets ADD COLUMN encryption jsonb;
