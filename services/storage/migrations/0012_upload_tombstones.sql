-- Where an upload that is gone (aborted or completed) stood among its key's
-- uploads, kept for a day: a ListMultipartUploads whose upload-id-marker
-- names an upload aborted since the page before resumes right after its
-- place, as S3 does, rather than at the key's first upload (listing again
-- what the client already had). As version_tombstones does for versions.
CREATE TABLE storage.upload_tombstones (
  upload_id    text COLLATE "C" PRIMARY KEY,
  bucket_id    uuid NOT NULL REFERENCES storage.buckets ON DELETE CASCADE,
  key          text COLLATE "C" NOT NULL,
  initiated_at timestamptz NOT NULL,
  deleted_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX upload_tombstones_by_age ON storage.upload_tombstones (deleted_at);

-- Every way an upload row goes (an abort, a completion, its bucket's
-- deletion) leaves its tombstone, in the same transaction.
CREATE FUNCTION storage.keep_upload_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO storage.upload_tombstones (upload_id, bucket_id, key, initiated_at)
  VALUES (OLD.upload_id, OLD.bucket_id, OLD.key, OLD.initiated_at)
  ON CONFLICT (upload_id) DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER keep_upload_tombstone AFTER DELETE ON storage.multipart_uploads
  FOR EACH ROW EXECUTE FUNCTION storage.keep_upload_tombstone();
