import { StartRefused } from '@strongroom/config';
import type { Pool } from '@strongroom/db';

/**
 * The encodings in which storage's database holds every key: UTF-8, or the
 * bytes it is given (SQL_ASCII). Keys are Unicode and listings bound their
 * windows with U+10FFFF (key-order.ts); in any other encoding (LATIN1,
 * say) every listing and most keys would fail, request by request.
 */
const UNICODE_ENCODINGS: ReadonlySet<string> = new Set(['UTF8', 'SQL_ASCII']);

/** Refuses a database storage cannot keep keys in, naming its encoding: before migrations run, and when the service starts. */
export async function requireUnicodeDatabase(pool: Pool): Promise<void> {
  const { rows } = await pool.query<{ server_encoding: string }>('SHOW server_encoding');
  const encoding = rows[0]?.server_encoding ?? 'unknown';
  if (!UNICODE_ENCODINGS.has(encoding)) throw new StartRefused(`storage needs a database in UTF8 encoding, and this one is in ${encoding}: create one with ENCODING 'UTF8' and point DATABASE_URL at it`);
}
