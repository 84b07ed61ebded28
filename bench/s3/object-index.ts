import { createPool, type Pool } from '@strongroom/db';

/** What a sealed baseline keeps per object: the wrapped data key, the stream id, the length and the ETag. */
export interface SealedObject {
  readonly wrappedKey: Uint8Array;
  readonly streamId: Buffer;
  readonly length: number;
  readonly etag: string;
}

/** Where a sealed baseline records its objects. */
export interface ObjectIndex {
  put(bucket: string, key: string, object: SealedObject): Promise<void>;
  get(bucket: string, key: string): Promise<SealedObject | undefined>;
  close(): Promise<void>;
}

/** An in-memory map: the stand-in for a metadata database (baseline (b)). */
export function memoryObjectIndex(): ObjectIndex {
  const objects = new Map<string, SealedObject>();
  return {
    put: (bucket, key, object) => {
      objects.set(`${bucket}/${key}`, object);
      return Promise.resolve();
    },
    get: (bucket, key) => Promise.resolve(objects.get(`${bucket}/${key}`)),
    close: () => Promise.resolve(),
  };
}

/**
 * A table in PostgreSQL (baseline (d)): one autocommit upsert per PUT, so
 * each write waits for its commit to be durable, and one SELECT per GET.
 */
export async function postgresObjectIndex(connectionString: string): Promise<ObjectIndex> {
  const pool: Pool = createPool({ connectionString, applicationName: 'bench-durable-files' });
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_objects (
    bucket text NOT NULL, key text NOT NULL, wrapped_key bytea NOT NULL, stream_id bytea NOT NULL, length bigint NOT NULL, etag text NOT NULL,
    PRIMARY KEY (bucket, key))`);
  return {
    async put(bucket, key, object) {
      await pool.query({
        name: 'bench-put',
        text: `INSERT INTO bench_objects (bucket, key, wrapped_key, stream_id, length, etag) VALUES ($1, $2, $3, $4, $5, $6)
               ON CONFLICT (bucket, key) DO UPDATE SET wrapped_key = EXCLUDED.wrapped_key, stream_id = EXCLUDED.stream_id, length = EXCLUDED.length, etag = EXCLUDED.etag`,
        values: [bucket, key, Buffer.from(object.wrappedKey), object.streamId, object.length, object.etag],
      });
    },
    async get(bucket, key) {
      const { rows } = await pool.query<{ wrapped_key: Buffer; stream_id: Buffer; length: string; etag: string }>({
        name: 'bench-get',
        text: 'SELECT wrapped_key, stream_id, length, etag FROM bench_objects WHERE bucket = $1 AND key = $2',
        values: [bucket, key],
      });
      const row = rows[0];
      return row === undefined ? undefined : { wrappedKey: row.wrapped_key, streamId: row.stream_id, length: Number(row.length), etag: row.etag };
    },
    close: () => pool.end(),
  };
}
