-- The audit trail of key operations. No foreign key to kms.keys: the trail
-- outlives deleted keys. Never holds plaintext or key material.

CREATE TABLE kms.audit_events (
  event_id           bigserial PRIMARY KEY,
  event_time         timestamptz NOT NULL,
  account_id         text NOT NULL,
  principal_arn      text NOT NULL,
  credential         text NOT NULL,
  operation          text NOT NULL,
  key_id             uuid,
  key_account_id     text,
  key_version        integer,
  encryption_context jsonb NOT NULL DEFAULT '{}',
  outcome            text NOT NULL
);

CREATE INDEX audit_events_by_caller ON kms.audit_events (account_id, event_id DESC);
CREATE INDEX audit_events_by_key_owner ON kms.audit_events (key_account_id, event_id DESC);
CREATE INDEX audit_events_by_key ON kms.audit_events (key_id, event_id DESC);
