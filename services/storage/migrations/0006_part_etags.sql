-- A part's ETag is the MD5 of its plaintext only for SSE-S3; for SSE-KMS and
-- SSE-C it is an opaque random value (an ETag must not leak a hash of
-- encrypted data), so the column is named for what it holds.
ALTER TABLE storage.upload_parts RENAME COLUMN md5_hex TO etag_hex;

-- The part layouts of completed multipart versions carry the same field.
UPDATE storage.object_versions
SET part_layout = (
  SELECT jsonb_agg((entry - 'md5Hex') || jsonb_build_object('etagHex', entry -> 'md5Hex') ORDER BY ordinal)
  FROM jsonb_array_elements(part_layout) WITH ORDINALITY AS layout(entry, ordinal)
)
WHERE part_layout IS NOT NULL AND part_layout -> 0 ? 'md5Hex';
