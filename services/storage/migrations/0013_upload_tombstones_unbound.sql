-- Upload tombstones keep no foreign key to their bucket: checking it locked
-- the bucket's row from an abort that held its upload's row, the reverse of
-- DeleteBucket's order (bucket, then uploads), and parallel aborts and a
-- bucket deletion deadlocked. A deleted bucket's tombstones now expire
-- with the others; bucket ids are never reused.
ALTER TABLE storage.upload_tombstones DROP CONSTRAINT IF EXISTS upload_tombstones_bucket_id_fkey;
