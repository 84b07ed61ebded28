import { Client } from 'pg';
import { DATABASE_DEADLINES, type DatabaseDeadlines } from './pool';

/** A LISTEN subscription; close it to stop. */
export interface Subscription {
  close(): Promise<void>;
}

/** Options of {@link listen}. */
export interface ListenOptions {
  readonly connectionString: string;
  /** The NOTIFY channel (a plain identifier). */
  readonly channel: string;
  /** Called with each payload. */
  readonly onNotify: (payload: string) => void;
  /**
   * Called when the connection was lost and then re-established: anything
   * cached may have missed notifications meanwhile and must be dropped.
   */
  readonly onReconnect: () => void;
  /** Called with connection errors (they are retried). */
  readonly onError: (error: unknown) => void;
  /** The connect and answer deadlines of {@link DATABASE_DEADLINES}, shorter in tests. */
  readonly deadlines?: Pick<DatabaseDeadlines, 'connectMs' | 'answerMs'>;
  /** How often the connection is asked a `SELECT 1` to prove it still answers. @default LISTEN_HEARTBEAT_MS */
  readonly heartbeatMs?: number;
}

/**
 * How often a LISTEN connection proves it still answers. A connection
 * that only waits sends nothing, so nothing would tell it that its server
 * went away without closing it (a lost node, a partition): the caches fed
 * by it would then miss every change, for good.
 */
export const LISTEN_HEARTBEAT_MS = 15_000;

/**
 * What to log about a lost connection: the server's reason and SQLSTATE
 * (`57P01` when PostgreSQL shuts down), not a stack trace. Connection losses
 * are retried, and a stopping PostgreSQL causes one per subscription.
 */
export function connectionLoss(error: unknown): { reason: string; code?: string } {
  const reason = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? { reason, code } : { reason };
}

/**
 * Subscribes to a Postgres NOTIFY channel on a dedicated connection, and
 * reconnects (every second) when the connection drops, or goes without an
 * answer to a heartbeat within the answer deadline: the server is asked a
 * `SELECT 1` every {@link LISTEN_HEARTBEAT_MS} (so a silent server is found
 * within that and the answer deadline, 50 s by default). This is how caches in every
 * replica of a service learn of changes within a second. Connecting (and
 * the LISTEN) has the pool's deadlines, so a server that does not answer
 * fails the first subscription rather than hanging a service's start, and
 * a reconnect is tried again rather than waited on for ever.
 */
export async function listen(options: ListenOptions): Promise<Subscription> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`invalid channel ${options.channel}`);
  const deadlines = options.deadlines ?? DATABASE_DEADLINES;
  const heartbeatMs = options.heartbeatMs ?? LISTEN_HEARTBEAT_MS;
  let closed = false;
  let client: Client | undefined;
  let heartbeat: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({
      connectionString: options.connectionString,
      application_name: `listen:${options.channel}`,
      connectionTimeoutMillis: deadlines.connectMs,
      query_timeout: deadlines.answerMs,
      keepAlive: true,
    });
    next.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotify(message.payload ?? '');
    });
    next.on('error', (error) => {
      if (client !== next) return;
      options.onError(error);
      scheduleReconnect();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${options.channel}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      // close() ran while this reconnect was in flight: nobody else will end this connection.
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    let beating = false;
    heartbeat = setInterval(() => {
      // One heartbeat at a time: an unanswered one has its own deadline, and queueing more behind it on one connection tells nothing.
      if (beating) return;
      beating = true;
      next.query('SELECT 1').then(
        () => (beating = false),
        (error: unknown) => {
          if (client !== next) return;
          options.onError(error);
          scheduleReconnect();
        },
      );
    }, heartbeatMs);
    heartbeat.unref();
  };

  const dropClient = (): void => {
    clearInterval(heartbeat);
    heartbeat = undefined;
    const previous = client;
    client = undefined;
    previous?.end().catch(() => undefined);
  };

  const scheduleReconnect = (): void => {
    if (closed || retry) return;
    dropClient();
    retry = setTimeout(() => {
      retry = undefined;
      connect().then(() => {
        if (!closed) options.onReconnect();
      }, (error: unknown) => {
        options.onError(error);
        scheduleReconnect();
      });
    }, 1000);
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      clearInterval(heartbeat);
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
