/** The part of the untyped `s3rver` package (3.x) the bench uses. */
declare module 's3rver' {
  import type { AddressInfo } from 'node:net';

  /** Options of the S3rver constructor. */
  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    configureBuckets?: { name: string }[];
  }

  /** A Koa app serving S3 from a directory; its only credentials are S3RVER / S3RVER. */
  class S3rver {
    constructor(options?: S3rverOptions);
    /** Creates the configured buckets and listens; resolves with the bound address. */
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }

  export = S3rver;
}
