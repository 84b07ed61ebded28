import http2 from 'node:http2';
import { GRPC_CHANNEL_OPTIONS } from './channel-options';

/** The receive window of a gRPC server's connections, as clients get from `grpc-node.flow_control_window`. */
export const SERVER_RECEIVE_WINDOW_BYTES = GRPC_CHANNEL_OPTIONS['grpc-node.flow_control_window'] as number;

/**
 * The receive window of each stream: two 512 KiB data messages, enough to
 * keep an upload flowing. It also bounds what a stream whose handler does
 * not read holds in the server (Node hands the connection's window back as
 * data arrives, so only this one bounds a paused stream).
 */
export const SERVER_STREAM_WINDOW_BYTES = 1024 * 1024 + 64 * 1024;

type CreateServer = typeof http2.createServer;
type CreateSecureServer = typeof http2.createSecureServer;

/**
 * Marks `http2.createServer` once it is wrapped. The mark lives on Node's
 * own module, not in this one, which a test runner may load afresh for
 * every test file of a process (a flag of its own would wrap the wrapper
 * again each time).
 */
const WIDENED = Symbol.for('strongroom.grpc.widenedServerReceiveWindows');

function widened<S extends http2.Http2Server | http2.Http2SecureServer>(server: S): S {
  server.on('session', (session: http2.ServerHttp2Session) => session.setLocalWindowSize(SERVER_RECEIVE_WINDOW_BYTES));
  return server;
}

function withWindow<O extends http2.ServerOptions>(options: O | undefined): O {
  return { ...options, settings: { ...options?.settings, initialWindowSize: SERVER_STREAM_WINDOW_BYTES } } as O;
}

/**
 * Makes every HTTP/2 server this process creates from now on advertise
 * {@link SERVER_STREAM_WINDOW_BYTES} for each stream and
 * {@link SERVER_RECEIVE_WINDOW_BYTES} for the connection.
 * grpc-js sizes only its clients' windows (`grpc-node.flow_control_window`)
 * and leaves its servers at HTTP/2's 64 KiB (grpc/grpc-node#3058), so a
 * client stream of 512 KiB data messages, such as an upload to storage,
 * waited for a WINDOW_UPDATE from the server's event loop every 64 KiB.
 * The processes that install this serve HTTP/2 only through grpc-js.
 */
export function widenServerReceiveWindows(): void {
  if (WIDENED in http2.createServer) return;
  const createServer: CreateServer = http2.createServer;
  const createSecureServer: CreateSecureServer = http2.createSecureServer;
  http2.createServer = Object.assign(
    ((options?: http2.ServerOptions, listener?: Parameters<CreateServer>[1]) => widened(createServer(withWindow(options), listener))) as CreateServer,
    { [WIDENED]: true },
  );
  http2.createSecureServer = ((options?: http2.SecureServerOptions, listener?: Parameters<CreateSecureServer>[1]) =>
    widened(createSecureServer(withWindow(options), listener))) as CreateSecureServer;
}
