-- Keys, their versions (material wrapped by the root key), aliases and grants.
-- Service-owned keys (the SSE-S3 key) belong to the reserved account 000000000000.

CREATE TABLE kms.keys (
  key_id               uuid PRIMARY KEY,
  account_id           text NOT NULL CHECK (account_id ~ '^[0-9]{12}$'),
  key_manager          text NOT NULL CHECK (key_manager IN ('CUSTOMER', 'AWS', 'SERVICE')),
  description          text NOT NULL DEFAULT '',
  key_state            text NOT NULL CHECK (key_state IN ('ENABLED', 'DISABLED', 'PENDING_DELETION')),
  current_version      integer NOT NULL CHECK (current_version >= 1),
  rotation_enabled     boolean NOT NULL DEFAULT false,
  rotation_period_days integer NOT NULL DEFAULT 365 CHECK (rotation_period_days BETWEEN 90 AND 2560),
  next_rotation_at     timestamptz,
  deletion_at          timestamptz,
  tags                 jsonb NOT NULL DEFAULT '[]',
  created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX keys_by_account ON kms.keys (account_id, created_at, key_id);
CREATE INDEX keys_rotation_due ON kms.keys (next_rotation_at) WHERE rotation_enabled;
CREATE INDEX keys_deletion_due ON kms.keys (deletion_at) WHERE key_state = 'PENDING_DELETION';

CREATE TABLE kms.key_versions (
  key_id           uuid NOT NULL REFERENCES kms.keys ON DELETE CASCADE,
  version          integer NOT NULL CHECK (version >= 1),
  wrapped_material bytea NOT NULL,
  root_key_id      text NOT NULL,
  rotation_type    text NOT NULL CHECK (rotation_type IN ('CREATED', 'AUTOMATIC', 'ON_DEMAND')),
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (key_id, version)
);

CREATE TABLE kms.aliases (
  account_id text NOT NULL,
  alias_name text NOT NULL,
  key_id     uuid NOT NULL REFERENCES kms.keys ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, alias_name)
);

CREATE INDEX aliases_by_key ON kms.aliases (key_id);

CREATE TABLE kms.grants (
  grant_id          text PRIMARY KEY,
  key_id            uuid NOT NULL REFERENCES kms.keys ON DELETE CASCADE,
  grantee_principal text NOT NULL,
  operations        text[] NOT NULL,
  name              text NOT NULL DEFAULT '',
  issuing_account   text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX grants_by_key ON kms.grants (key_id, created_at);
