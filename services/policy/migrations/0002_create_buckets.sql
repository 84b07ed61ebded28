-- Buckets registered by the storage service, keyed on their immutable id,
-- with everything S3 decides access with: policy (as given), ACL, Block
-- Public Access and Object Ownership. NULL means "not set".

CREATE TABLE policy.buckets (
  bucket_id           text PRIMARY KEY,
  name                text NOT NULL,
  owner_account_id    text NOT NULL REFERENCES policy.accounts,
  region              text NOT NULL,
  policy              text,
  acl                 jsonb NOT NULL,
  public_access_block jsonb,
  object_ownership    text CHECK (object_ownership IN ('BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter')),
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX buckets_by_owner ON policy.buckets (owner_account_id, name);
