import type { policyV1, storageV1 } from '@strongroom/contracts';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestBody } from './request-body';
import type { RequestIds } from './request-id';

/** Who sent a request, once its signature verified. */
export type Caller =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'aws';
      readonly accountId: string;
      /** The principal's ARN (a user's, or the account root's). */
      readonly arn: string;
      /** The account's S3 canonical user id. */
      readonly canonicalUserId: string;
      /** True for the account root. */
      readonly isRoot: boolean;
      /** The unique id of the user the access key belongs to (GetSigningKey's); undefined for the account root. */
      readonly userId: string | undefined;
    };

/**
 * The principal the back ends authorize a caller as: a user with the id of
 * the user its key belonged to, so that a key of a user deleted while its
 * signing key was cached never acts as a user re-created with the name.
 */
export function requestPrincipal(caller: Caller): policyV1.RequestPrincipal {
  if (caller.kind !== 'aws') return { kind: { $case: 'anonymous', value: {} } };
  return { kind: { $case: 'aws', value: { accountId: caller.accountId, arn: caller.arn, ...(caller.userId === undefined ? {} : { userId: caller.userId }) } } };
}

/** A request after authentication and routing: what every command reads. */
export interface S3Request {
  readonly ids: RequestIds;
  readonly method: string;
  /** The bucket addressed, or undefined for the service. */
  readonly bucket: string | undefined;
  /** The key addressed (decoded, opaque), or undefined for a bucket or the service. */
  readonly key: string | undefined;
  /** The query parameters, decoded. */
  readonly query: URLSearchParams;
  /** The request headers, names in lower case; a presigned request's `x-amz-*` query parameters among them (see `presigned-headers.ts`). */
  readonly headers: IncomingHttpHeaders;
  /** The checksum a presigned URL asks an upload to be stored with, as named (see `presigned-headers.ts`); undefined for other requests. */
  readonly presignedChecksumAlgorithm: string | undefined;
  readonly caller: Caller;
  /** The principal and the condition keys of the request, as the back ends take them. */
  readonly requester: storageV1.Requester;
  readonly body: RequestBody;
  /** The path as sent, for the Resource element of errors. */
  readonly resource: string;
}

/** A header's value (repeated headers joined with `,`), or undefined. */
export function header(request: Pick<S3Request, 'headers'>, name: string): string | undefined {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}
