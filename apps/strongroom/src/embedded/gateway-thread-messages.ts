import type { S3Endpoints } from './gateway';

/** What the gateway thread starts with (structured-cloned; its configuration it reads from its environment). */
export interface GatewayThreadData {
  readonly storageAddress: string;
  readonly policyAddress: string;
  readonly kmsAddress: string;
  readonly token: string;
  readonly dataDir: string;
}

/** From the main thread to the gateway thread. */
export type GatewayThreadRequest = { readonly kind: 'stop' };

/** From the gateway thread to the main thread. */
export type GatewayThreadReply =
  | { readonly kind: 'ready'; readonly endpoints: S3Endpoints }
  | { readonly kind: 'stopped' }
  | GatewayThreadFailure;

/**
 * Why the gateway failed to start, or crashed: `refused` when it was a
 * StartRefused (a port in use), which the launcher reports as one line;
 * else the stack of the thread's error, for the crash log.
 */
export interface GatewayThreadFailure {
  readonly kind: 'failed';
  readonly message: string;
  readonly refused: boolean;
  readonly stack?: string | undefined;
}
