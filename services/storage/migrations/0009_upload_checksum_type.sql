-- How a multipart upload's object checksum covers it: FULL_OBJECT (a CRC of
-- the whole object, combined from the parts' CRCs) or COMPOSITE (a checksum
-- of the parts' checksums, `<base64>-<parts>`), chosen at CreateMultipartUpload
-- with `x-amz-checksum-type`. NULL when the upload has no checksum algorithm;
-- uploads started before this column take their algorithm's default.
ALTER TABLE storage.multipart_uploads ADD COLUMN checksum_type text CHECK (checksum_type IN ('FULL_OBJECT', 'COMPOSITE'));
UPDATE storage.multipart_uploads
SET checksum_type = CASE WHEN checksum_algorithm = 'CRC64NVME' THEN 'FULL_OBJECT' ELSE 'COMPOSITE' END
WHERE checksum_algorithm IS NOT NULL;
