-- release_blobs, deciding under a row lock.
--
-- The version of 0007 tried `DELETE ... WHERE ref_count = 1` and otherwise
-- decremented. Two transactions releasing the same shared blob (a copy and
-- its source, overwritten or deleted at once) could both miss the DELETE
-- (each saw 2 in its snapshot), and the second decrement, after waiting for
-- the first, hit ref_count 0 and the CHECK: the write failed. Now every row
-- is locked first, in blob id order (so concurrent releases of several
-- blobs cannot deadlock), and the count read under the lock decides.

CREATE OR REPLACE FUNCTION storage.release_blobs(p_blob_ids uuid[]) RETURNS uuid[]
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_blob_id uuid;
  v_ref_count integer;
  v_released uuid[] := '{}';
BEGIN
  PERFORM 1 FROM storage.blobs b WHERE b.blob_id = ANY(p_blob_ids) ORDER BY b.blob_id FOR UPDATE;
  FOREACH v_blob_id IN ARRAY p_blob_ids LOOP
    SELECT b.ref_count INTO v_ref_count FROM storage.blobs b WHERE b.blob_id = v_blob_id;
    IF v_ref_count = 1 THEN
      DELETE FROM storage.blobs b WHERE b.blob_id = v_blob_id;
      v_released := v_released || v_blob_id;
    ELSIF v_ref_count > 1 THEN
      UPDATE storage.blobs b SET ref_count = b.ref_count - 1 WHERE b.blob_id = v_blob_id;
    END IF;
  END LOOP;
  RETURN v_released;
END
$$;
