import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** A TCP proxy in front of PostgreSQL that can fail in the ways a network or a server does. */
export interface PostgresProxy {
  /** A connection URL like the target's, through the proxy. */
  readonly url: string;
  /**
   * The next statement whose message holds `text` (a named statement's name)
   * reaches the server, but its answer is held back until the server is
   * ready for the next query, and then the connection is cut: the client
   * sees a lost connection after the server has committed.
   */
  dropNextReplyTo(text: string): void;
  /**
   * From now on nothing the server sends reaches a client, and no new
   * connection is answered, as when the server's machine stops answering
   * without closing anything. What clients send still reaches the server.
   */
  freeze(): void;
  /** Ends {@link freeze}: what was held back flows again. */
  thaw(): void;
  close(): Promise<void>;
}

/** The byte of PostgreSQL's ReadyForQuery message, which ends every answer. */
const READY_FOR_QUERY = 0x5a;

/** Whether `buffered` holds a whole ReadyForQuery message, reading message by message from its start. */
function holdsReadyForQuery(buffered: Buffer): boolean {
  for (let offset = 0; offset + 5 <= buffered.length; ) {
    const end = offset + 1 + buffered.readInt32BE(offset + 1);
    if (end > buffered.length) return false;
    if (buffered[offset] === READY_FOR_QUERY) return true;
    offset = end;
  }
  return false;
}

/** Starts a {@link PostgresProxy} on 127.0.0.1:0 in front of the server `databaseUrl` names. */
export async function startPostgresProxy(databaseUrl: string): Promise<PostgresProxy> {
  const target = new URL(databaseUrl);
  let trigger: Buffer | undefined;
  let frozen = false;
  const sockets = new Set<Socket>();
  const servers = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    servers.add(upstream);
    if (frozen) upstream.pause();
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        sockets.delete(socket);
        servers.delete(upstream);
        client.destroy();
        upstream.destroy();
      });
    }
    let held: Buffer | undefined;
    client.on('data', (chunk: Buffer) => {
      if (trigger !== undefined && chunk.includes(trigger)) {
        trigger = undefined;
        held = Buffer.alloc(0);
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (held === undefined) {
        client.write(chunk);
        return;
      }
      held = Buffer.concat([held, chunk]);
      if (holdsReadyForQuery(held)) client.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxied = new URL(databaseUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String((server.address() as AddressInfo).port);
  return {
    url: proxied.toString(),
    dropNextReplyTo(text) {
      trigger = Buffer.from(text);
    },
    freeze() {
      frozen = true;
      for (const upstream of servers) upstream.pause();
    },
    thaw() {
      frozen = false;
      for (const upstream of servers) upstream.resume();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
