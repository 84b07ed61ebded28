import type { Client } from 'nice-grpc';
import type { policyV1, storageV1 } from '@strongroom/contracts';
import type { Logger } from '@strongroom/observability';
import type { Authenticator } from '../auth/authenticator';
import type { S3Request } from './s3-request';

/** A generated storage client. */
export type StorageClient = Client<typeof storageV1.StorageServiceDefinition>;

/** A generated policy client. */
export type PolicyClient = Client<typeof policyV1.PolicyServiceDefinition>;

/** What an S3 command answers: a status, headers, and a small body or a stream of bytes. */
export interface S3Response {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: string | Buffer | AsyncIterable<Uint8Array>;
}

/** The back ends and settings every command may use. */
export interface GatewayContext {
  readonly storage: StorageClient;
  readonly policy: PolicyClient;
  /** The region this gateway serves (HeadBucket, SigV4 scopes). */
  readonly region: string;
  /** The domain of virtual-hosted-style names (`<bucket>.<domain>`). */
  readonly domain: string;
  /** The request authenticator, whose signing keys also verify browser POST forms. */
  readonly authenticator: Authenticator;
  /** The clock, epoch milliseconds (POST policy expiration). */
  readonly now: () => number;
  readonly logger: Logger;
}

/**
 * One S3 operation: reads what it needs from the request, calls the back
 * ends, renders S3's answer. No business rules: those live in the services.
 */
export type Command = (request: S3Request, context: GatewayContext) => Promise<S3Response>;
