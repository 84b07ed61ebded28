-- Buckets, keyed on their immutable id (shared with the policy service).
-- Names are S3's global namespace; names and keys sort by their UTF-8 bytes
-- (COLLATE "C"), as S3 lists them.

CREATE TABLE storage.buckets (
  bucket_id        uuid PRIMARY KEY,
  name             text COLLATE "C" NOT NULL UNIQUE,
  owner_account_id text NOT NULL CHECK (owner_account_id ~ '^[0-9]{12}$'),
  region           text NOT NULL,
  versioning       text NOT NULL DEFAULT 'Unversioned' CHECK (versioning IN ('Unversioned', 'Enabled', 'Suspended')),
  -- The tag set as [{"key", "value"}]; NULL when the bucket has none.
  tags             jsonb,
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX buckets_by_owner ON storage.buckets (owner_account_id, name);

-- Bucket keys: 256-bit keys that wrap SSE-S3 data keys. Each is a KMS data
-- key of the service-owned SSE-S3 key, made with the encryption context
-- {"aws:s3:arn": "arn:aws:s3:::<bucket>"} on behalf of the bucket owner;
-- only the KMS ciphertext blob is stored.
CREATE TABLE storage.bucket_keys (
  bucket_key_id   uuid PRIMARY KEY,
  bucket_id       uuid NOT NULL REFERENCES storage.buckets ON DELETE CASCADE,
  kms_key_arn     text NOT NULL,
  kms_key_version integer NOT NULL,
  wrapped_key     bytea NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX bucket_keys_by_bucket ON storage.bucket_keys (bucket_id, created_at);
CREATE INDEX bucket_keys_by_kms_key ON storage.bucket_keys (kms_key_arn, kms_key_version);
