-- Where a version that is gone stood in its key's history, kept for a day:
-- a ListObjectVersions whose version-id-marker names a version deleted
-- since the page before resumes right after its place, as S3 does, rather
-- than at the key's newest version (listing again what the client already
-- had: a pruning tool deleted it a second time). Null versions keep none:
-- `null` names whichever null version the key has now.
CREATE TABLE storage.version_tombstones (
  bucket_id   uuid NOT NULL REFERENCES storage.buckets ON DELETE CASCADE,
  key         text COLLATE "C" NOT NULL,
  version_id  text COLLATE "C" NOT NULL,
  seq         bigint NOT NULL,
  deleted_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bucket_id, key, version_id)
);
CREATE INDEX version_tombstones_by_age ON storage.version_tombstones (deleted_at);

-- Every way a version row goes (a delete by id, a completion or write that
-- replaces it) leaves its tombstone, in the same transaction; an id deleted
-- again (a replica may keep its source's id) keeps its latest place.
CREATE FUNCTION storage.keep_version_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO storage.version_tombstones (bucket_id, key, version_id, seq)
  VALUES (OLD.bucket_id, OLD.key, OLD.version_id, OLD.seq)
  ON CONFLICT (bucket_id, key, version_id) DO UPDATE SET seq = EXCLUDED.seq, deleted_at = EXCLUDED.deleted_at;
  RETURN NULL;
END
$$;

CREATE TRIGGER keep_version_tombstone AFTER DELETE ON storage.object_versions
  FOR EACH ROW WHEN (OLD.version_id <> 'null') EXECUTE FUNCTION storage.keep_version_tombstone();
