import { Client } from 'pg';

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
}

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
 * reconnects (every second) when the connection drops. This is how caches in
 * every replica of a service learn of changes within a second.
 */
export async function listen(options: ListenOptions): Promise<Subscription> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel)) throw new Error(`invalid channel ${options.channel}`);
  let closed = false;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: options.connectionString, application_name: `listen:${options.channel}` });
    next.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotify(message.payload ?? '');
    });
    next.on('error', (error) => {
      options.onError(error);
      scheduleReconnect();
    });
    await next.connect();
    await next.query(`LISTEN ${options.channel}`);
    if (closed) {
      // close() ran while this reconnect was in flight: nobody else will end this connection.
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
  };

  const scheduleReconnect = (): void => {
    if (closed || retry) return;
    const previous = client;
    client = undefined;
    previous?.end().catch(() => undefined);
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
      await client?.end().catch(() => undefined);
    },
  };
}
