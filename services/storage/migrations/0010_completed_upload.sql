-- The multipart upload a version was completed from, so that a repeated
-- CompleteMultipartUpload (an SDK retrying after a lost answer) gets the
-- first one's answer while that version exists, as S3 gives it. NULL for
-- versions written any other way.
ALTER TABLE storage.object_versions ADD COLUMN completed_upload_id text;
CREATE UNIQUE INDEX object_versions_by_completed_upload ON storage.object_versions (completed_upload_id) WHERE completed_upload_id IS NOT NULL;
