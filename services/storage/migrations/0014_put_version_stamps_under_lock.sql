-- put_version stamps Last-Modified under its locks, and says which
-- versioning state it wrote under.
--
-- The version of 0007 stored the Last-Modified its caller stamped before
-- the call, that is before the key's lock: a write that waited for the lock
-- (or for a connection) while another write or a delete marker committed
-- became current with an older date than the version it made noncurrent,
-- and listings and If-Modified-Since saw an order the dates contradicted.
-- Stamped here, after the locks, every version of a key is dated after the
-- one it follows was committed, by one clock (the database's) whichever
-- replica wrote it. Truncated to milliseconds, the precision every answer
-- carries, so the row, the write's answer and later reads agree exactly.
--
-- The caller's answer names the version as the versioning state the
-- version was written under says (no version id for the null version of a
-- bucket never versioned); the state the caller read before streaming the
-- body may have changed since, so the function returns the one it found
-- under the bucket's lock.
--
-- The 0007 form (with p_last_modified) stays for replicas older than this
-- migration, which call it until they are upgraded.
CREATE FUNCTION storage.put_version(
  p_bucket_id uuid,
  p_key text,
  p_version_id text,
  p_is_delete_marker boolean,
  p_size bigint,
  p_etag text,
  p_headers jsonb,
  p_user_metadata jsonb,
  p_tags jsonb,
  p_acl jsonb,
  p_owner_id text,
  p_owner_display_name text,
  p_storage_class text,
  p_sse_type text,
  p_kms_key_arn text,
  p_kms_key_version integer,
  p_bucket_key_id uuid,
  p_format_version smallint,
  p_wrapped_data_key bytea,
  p_stream_id uuid,
  p_blob_id uuid,
  p_checksum_algorithm text,
  p_checksum_value text,
  p_checksum_type text,
  p_part_layout jsonb,
  p_replication_status text,
  p_encryption_context jsonb,
  p_customer_key_check jsonb,
  p_new_blob_ids uuid[],
  p_new_blob_lengths bigint[]
) RETURNS TABLE (placed storage.object_versions, versioning text, released_blob_ids uuid[])
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_version_id text;
  v_dropped boolean := false;
  v_dropped_blob_id uuid;
  v_dropped_layout jsonb;
BEGIN
  SELECT l.versioning INTO versioning FROM storage.lock_bucket_and_key(p_bucket_id, p_key) AS l;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  v_version_id := CASE WHEN versioning = 'Enabled' THEN p_version_id ELSE 'null' END;

  INSERT INTO storage.blobs (blob_id, sealed_length, ref_count)
  SELECT n.id, n.len, 1 FROM unnest(p_new_blob_ids, p_new_blob_lengths) AS n(id, len);

  -- The null version goes before the new one comes, and the current one
  -- stops being current first, so the unique indexes never see two null or
  -- two current versions.
  IF v_version_id = 'null' THEN
    DELETE FROM storage.object_versions v
    WHERE v.bucket_id = p_bucket_id AND v.key = p_key AND v.version_id = 'null'
    RETURNING v.blob_id, v.part_layout INTO v_dropped_blob_id, v_dropped_layout;
    v_dropped := FOUND;
  END IF;
  UPDATE storage.object_versions v SET is_latest = false WHERE v.bucket_id = p_bucket_id AND v.key = p_key AND v.is_latest;

  INSERT INTO storage.object_versions (
    bucket_id, key, version_id, is_latest, is_delete_marker, size, etag, last_modified, headers, user_metadata, tags, acl,
    owner_id, owner_display_name, storage_class, sse_type, kms_key_arn, kms_key_version, bucket_key_id, format_version,
    wrapped_data_key, stream_id, blob_id, checksum_algorithm, checksum_value, checksum_type, part_layout, replication_status,
    encryption_context, customer_key_check
  ) VALUES (
    p_bucket_id, p_key, v_version_id, true, p_is_delete_marker, p_size, p_etag, date_trunc('milliseconds', clock_timestamp()), p_headers, p_user_metadata, p_tags, p_acl,
    p_owner_id, p_owner_display_name, p_storage_class, p_sse_type, p_kms_key_arn, p_kms_key_version, p_bucket_key_id, p_format_version,
    p_wrapped_data_key, p_stream_id, p_blob_id, p_checksum_algorithm, p_checksum_value, p_checksum_type, p_part_layout, p_replication_status,
    p_encryption_context, p_customer_key_check
  )
  RETURNING * INTO placed;

  released_blob_ids := '{}';
  IF v_dropped THEN
    released_blob_ids := storage.release_blobs(
      array_remove(ARRAY[v_dropped_blob_id], NULL)
      || ARRAY(SELECT (part.entry ->> 'blobId')::uuid
               FROM jsonb_array_elements(coalesce(v_dropped_layout, '[]')) WITH ORDINALITY AS part(entry, ordinal)
               ORDER BY part.ordinal));
  END IF;
  RETURN NEXT;
END
$$;
