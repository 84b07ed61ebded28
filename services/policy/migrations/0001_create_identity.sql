-- Accounts, IAM-style users with inline identity policies, and access keys.
-- Access-key secrets are stored only sealed by the KMS (key
-- alias/strongroom/access-key-secrets, encryption context = the key id).

CREATE TABLE policy.accounts (
  account_id          text PRIMARY KEY CHECK (account_id ~ '^[0-9]{12}$'),
  canonical_user_id   text NOT NULL UNIQUE CHECK (canonical_user_id ~ '^[0-9a-f]{64}$'),
  display_name        text NOT NULL,
  email               text UNIQUE,
  public_access_block jsonb,
  created_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE policy.users (
  account_id text NOT NULL REFERENCES policy.accounts ON DELETE CASCADE,
  user_name  text NOT NULL,
  user_id    text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, user_name)
);

CREATE TABLE policy.user_policies (
  account_id  text NOT NULL,
  user_name   text NOT NULL,
  policy_name text NOT NULL,
  document    text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, user_name, policy_name),
  FOREIGN KEY (account_id, user_name) REFERENCES policy.users ON DELETE CASCADE
);

-- user_name NULL: a key of the account root.
CREATE TABLE policy.access_keys (
  access_key_id text PRIMARY KEY CHECK (access_key_id ~ '^AKIA[A-Z2-7]{16}$'),
  account_id    text NOT NULL REFERENCES policy.accounts ON DELETE CASCADE,
  user_name     text,
  status        text NOT NULL CHECK (status IN ('Active', 'Inactive')),
  sealed_secret bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (account_id, user_name) REFERENCES policy.users ON DELETE CASCADE
);

CREATE INDEX access_keys_by_owner ON policy.access_keys (account_id, user_name, created_at);
