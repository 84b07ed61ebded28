-- The id of the blob volume this database's rows describe. The blob
-- directory holds the same id in its `volume-id` file (blob-volume.ts): a
-- storage server whose database and directory name different volumes (a
-- wrong or empty DATABASE_URL, an embedded database beside an external
-- one, two deployments on one volume) refuses to start, since its sweeper
-- would take every file its own database does not name for an orphan and
-- delete the other database's data. One row at most, written by the first
-- server to start. `pending` is true from the insert of a server adopting
-- a directory until the directory's file is written and synced: a start
-- that finds it pending and no file finishes the adoption (the first one
-- stopped in between), where a row not pending, no file and blob files
-- are another directory's. A row written by hand is not pending.
CREATE TABLE storage.volume (
  singleton  boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  volume_id  uuid NOT NULL,
  pending    boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
