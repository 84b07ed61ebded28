-- Multipart uploads in progress and their parts. One data key (wrapped like
-- a version's) serves every part; each part is its own sealed stream and blob.

CREATE TABLE storage.multipart_uploads (
  upload_id              text COLLATE "C" PRIMARY KEY,
  bucket_id              uuid NOT NULL REFERENCES storage.buckets,
  key                    text COLLATE "C" NOT NULL,
  initiated_at           timestamptz NOT NULL DEFAULT now(),
  initiator_id           text NOT NULL,
  initiator_display_name text NOT NULL DEFAULT '',
  owner_id               text NOT NULL,
  owner_display_name     text NOT NULL DEFAULT '',
  headers                jsonb NOT NULL DEFAULT '{}',
  user_metadata          jsonb NOT NULL DEFAULT '{}',
  tags                   jsonb NOT NULL DEFAULT '[]',
  acl                    jsonb NOT NULL,
  storage_class          text NOT NULL DEFAULT 'STANDARD',
  sse_type               text NOT NULL CHECK (sse_type IN ('AES256')),
  kms_key_arn            text,
  kms_key_version        integer,
  bucket_key_id          uuid REFERENCES storage.bucket_keys,
  format_version         smallint NOT NULL,
  wrapped_data_key       bytea NOT NULL,
  checksum_algorithm     text CHECK (checksum_algorithm IN ('CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'))
);

CREATE INDEX multipart_uploads_by_key ON storage.multipart_uploads (bucket_id, key, initiated_at, upload_id);
CREATE INDEX multipart_uploads_by_bucket_key ON storage.multipart_uploads (bucket_key_id) WHERE bucket_key_id IS NOT NULL;

CREATE TABLE storage.upload_parts (
  upload_id      text COLLATE "C" NOT NULL REFERENCES storage.multipart_uploads,
  part_number    integer NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
  size           bigint NOT NULL CHECK (size >= 0),
  -- The part's MD5, hex (its ETag without quotes).
  md5_hex        text NOT NULL,
  checksum_value text,
  stream_id      uuid NOT NULL,
  blob_id        uuid NOT NULL REFERENCES storage.blobs,
  last_modified  timestamptz NOT NULL,
  PRIMARY KEY (upload_id, part_number)
);

CREATE INDEX upload_parts_by_blob ON storage.upload_parts (blob_id);
