-- Blobs and object versions.
--
-- A blob is one sealed stream on disk (<data>/blobs/<2 hex>/<blob id>), with
-- an id of its own: copies and re-wraps share ciphertext, so a blob is
-- reference-counted and its row is deleted (then its file) when the count
-- would reach zero. A file without a row is an orphan the sweeper removes.

CREATE TABLE storage.blobs (
  blob_id       uuid PRIMARY KEY,
  sealed_length bigint NOT NULL CHECK (sealed_length >= 0),
  ref_count     integer NOT NULL CHECK (ref_count > 0),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Every version and delete marker. `seq` orders the versions of a key
-- (newest has the highest). `version_id` is 'null' for the null version,
-- else 192 random bits, so ids are unique across buckets and regions (and a
-- replica can keep its source's). The encryption columns say how to open
-- the data: the data key, wrapped by a bucket key (AAD binds the bucket-key
-- id), seals the stream `stream_id` of blob `blob_id`; indexes answer
-- "which versions use this key".
CREATE TABLE storage.object_versions (
  seq                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bucket_id          uuid NOT NULL REFERENCES storage.buckets,
  key                text COLLATE "C" NOT NULL,
  version_id         text COLLATE "C" NOT NULL,
  is_latest          boolean NOT NULL,
  is_delete_marker   boolean NOT NULL,
  size               bigint NOT NULL DEFAULT 0 CHECK (size >= 0),
  etag               text,
  last_modified      timestamptz NOT NULL,
  -- Content-Type and the other stored HTTP headers.
  headers            jsonb NOT NULL DEFAULT '{}',
  user_metadata      jsonb NOT NULL DEFAULT '{}',
  tags               jsonb NOT NULL DEFAULT '[]',
  -- The ACL as {"owner", "grants"}; NULL for delete markers.
  acl                jsonb,
  owner_id           text NOT NULL,
  owner_display_name text NOT NULL DEFAULT '',
  storage_class      text NOT NULL DEFAULT 'STANDARD',
  sse_type           text CHECK (sse_type IN ('AES256')),
  kms_key_arn        text,
  kms_key_version    integer,
  bucket_key_id      uuid REFERENCES storage.bucket_keys,
  format_version     smallint,
  wrapped_data_key   bytea,
  stream_id          uuid,
  blob_id            uuid REFERENCES storage.blobs,
  checksum_algorithm text CHECK (checksum_algorithm IN ('CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256')),
  checksum_value     text,
  checksum_type      text CHECK (checksum_type IN ('FULL_OBJECT', 'COMPOSITE')),
  -- Multipart objects: [{"partNumber", "size", "etag", "streamId", "blobId", "checksum"}].
  part_layout        jsonb,
  replication_status text CHECK (replication_status IN ('PENDING', 'COMPLETED', 'FAILED', 'REPLICA')),
  CHECK (is_delete_marker OR (etag IS NOT NULL AND sse_type IS NOT NULL AND wrapped_data_key IS NOT NULL AND format_version IS NOT NULL)),
  CHECK (NOT is_delete_marker OR (blob_id IS NULL AND part_layout IS NULL))
);

CREATE UNIQUE INDEX object_versions_by_key ON storage.object_versions (bucket_id, key, version_id);
CREATE UNIQUE INDEX object_versions_latest ON storage.object_versions (bucket_id, key) WHERE is_latest;
CREATE UNIQUE INDEX object_versions_by_version_id ON storage.object_versions (bucket_id, version_id) WHERE version_id <> 'null';
CREATE INDEX object_versions_history ON storage.object_versions (bucket_id, key, seq DESC);
CREATE INDEX object_versions_current ON storage.object_versions (bucket_id, key) WHERE is_latest AND NOT is_delete_marker;
CREATE INDEX object_versions_by_kms_key ON storage.object_versions (kms_key_arn, kms_key_version) WHERE kms_key_arn IS NOT NULL;
CREATE INDEX object_versions_by_bucket_key ON storage.object_versions (bucket_key_id) WHERE bucket_key_id IS NOT NULL;
CREATE INDEX object_versions_by_blob ON storage.object_versions (blob_id) WHERE blob_id IS NOT NULL;
