-- SSE-C: server-side encryption with customer-provided keys.
--
-- The customer's key wraps the data key and is never stored. What is stored
-- lets a later request be checked before anything is decrypted:
-- `customer_key_check` is {"salt", "hmac", "wrapId"}: a random per-object
-- salt, HMAC-SHA256(salt, label || key) (both base64), and the id bound as
-- AAD into the wrapped data key (the version's stream id, or for multipart
-- the upload's own id).
ALTER TABLE storage.object_versions DROP CONSTRAINT object_versions_sse_type_check;
ALTER TABLE storage.object_versions ADD CONSTRAINT object_versions_sse_type_check CHECK (sse_type IN ('AES256', 'aws:kms', 'SSE-C'));
ALTER TABLE storage.object_versions ADD COLUMN customer_key_check jsonb;

ALTER TABLE storage.multipart_uploads DROP CONSTRAINT multipart_uploads_sse_type_check;
ALTER TABLE storage.multipart_uploads ADD CONSTRAINT multipart_uploads_sse_type_check CHECK (sse_type IN ('AES256', 'aws:kms', 'SSE-C'));
ALTER TABLE storage.multipart_uploads ADD COLUMN customer_key_check jsonb;
