import { randomBytes } from 'node:crypto';

/** The ids S3 puts on every response: `x-amz-request-id` and `x-amz-id-2`. */
export interface RequestIds {
  /** 16 upper-case hex characters, as S3's request ids look. */
  readonly requestId: string;
  /** The extended request id (S3's "host id"): base64 of 48 random bytes. */
  readonly hostId: string;
}

/** Fresh ids for one request. */
export function newRequestIds(): RequestIds {
  const bytes = randomBytes(56);
  return {
    requestId: bytes.subarray(0, 8).toString('hex').toUpperCase(),
    hostId: bytes.subarray(8).toString('base64'),
  };
}
