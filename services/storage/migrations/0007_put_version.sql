-- A new version's commit in one statement.
--
-- A write used to take a transaction of four round trips or more: BEGIN,
-- lock the bucket and the key, insert the version, release the replaced
-- null version's blobs, COMMIT. `put_version` does all of it in one call,
-- so a plain PutObject sends a single statement in autocommit, and its
-- locks last exactly as long as that implicit transaction.
--
-- Why reads inside see what the locks protect: these functions are
-- VOLATILE, and under READ COMMITTED each statement of a volatile PL/pgSQL
-- function takes a new snapshot. A lock is released only after its holder's
-- commit is visible, so every statement after the one that waited for a
-- lock sees what the previous holder committed.

-- Drops one reference to each blob, in order (a blob listed twice loses
-- two); returns those whose last reference that was: their rows are gone,
-- and the caller deletes their files once the transaction has committed.
CREATE FUNCTION storage.release_blobs(p_blob_ids uuid[]) RETURNS uuid[]
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_blob_id uuid;
  v_released uuid[] := '{}';
BEGIN
  FOREACH v_blob_id IN ARRAY p_blob_ids LOOP
    DELETE FROM storage.blobs b WHERE b.blob_id = v_blob_id AND b.ref_count = 1;
    IF FOUND THEN
      v_released := v_released || v_blob_id;
    ELSE
      UPDATE storage.blobs b SET ref_count = b.ref_count - 1 WHERE b.blob_id = v_blob_id;
    END IF;
  END LOOP;
  RETURN v_released;
END
$$;

-- Until the transaction ends, locks the bucket row against versioning
-- changes and deletion (both UPDATE or DELETE the row, which FOR SHARE
-- blocks), then one key of it against other writers (a transaction-scoped
-- advisory lock, the same key as before this migration). Returns
-- the bucket as it is now (FOR SHARE returns the newest committed row), or
-- nothing when it is gone. Taking the locks again in the same transaction
-- is a no-op. Every lock taker takes the row first, then the key.
CREATE FUNCTION storage.lock_bucket_and_key(p_bucket_id uuid, p_key text) RETURNS SETOF storage.buckets
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN QUERY SELECT * FROM storage.buckets b WHERE b.bucket_id = p_bucket_id FOR SHARE;
  IF FOUND THEN
    PERFORM pg_advisory_xact_lock(hashtextextended(p_bucket_id::text || '/' || p_key, 0));
  END IF;
END
$$;

-- Puts a version as the key's current one, by S3's versioning rules, under
-- lock_bucket_and_key: with versioning enabled it gets `p_version_id`;
-- otherwise it is the null version and replaces the previous null version,
-- whose blobs lose a reference. Records the new blobs (one reference each)
-- first. Returns the inserted row and the blobs whose last reference went
-- (their files go after commit); no row when the bucket is gone.
CREATE FUNCTION storage.put_version(
  p_bucket_id uuid,
  p_key text,
  p_version_id text,
  p_is_delete_marker boolean,
  p_size bigint,
  p_etag text,
  p_last_modified timestamptz,
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
) RETURNS TABLE (placed storage.object_versions, released_blob_ids uuid[])
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_versioning text;
  v_version_id text;
  v_dropped boolean := false;
  v_dropped_blob_id uuid;
  v_dropped_layout jsonb;
BEGIN
  SELECT l.versioning INTO v_versioning FROM storage.lock_bucket_and_key(p_bucket_id, p_key) AS l;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  v_version_id := CASE WHEN v_versioning = 'Enabled' THEN p_version_id ELSE 'null' END;

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
    p_bucket_id, p_key, v_version_id, true, p_is_delete_marker, p_size, p_etag, p_last_modified, p_headers, p_user_metadata, p_tags, p_acl,
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
