import { DomainError, statusForReason } from '@strongroom/errors';
import type { Logger } from '@strongroom/observability';
import { isAbortError } from 'abort-controller-x';
import { ClientError, ServerError, Status, type ServerMiddleware } from 'nice-grpc-common';
import { BadRequest, ErrorInfo, RichServerError, type ErrorDetails } from 'nice-grpc-error-details';

/** The `google.rpc.ErrorInfo.domain` of every Strongroom error. */
export const ERROR_DOMAIN = 'strongroom';

/**
 * The most characters of an error's message, and of each of its metadata
 * values and field violations, that cross. Errors echo what the caller sent
 * (a name, an id); unbounded, a 100 KB one overflowed the HTTP/2 trailers
 * the error travels in, and the connection, every other caller's call on
 * it included, hung until keepalive dropped it. Every legitimate value (a
 * key is at most 1024 bytes) fits.
 */
export const MAX_ERROR_TEXT = 1024;

/** `text`, cut to {@link MAX_ERROR_TEXT} characters (never inside a surrogate pair) and marked `…` when cut. */
function bounded(text: string): string {
  if (text.length <= MAX_ERROR_TEXT) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(MAX_ERROR_TEXT - 1)) ? MAX_ERROR_TEXT - 1 : MAX_ERROR_TEXT;
  return `${text.slice(0, end)}…`;
}

/** A DomainError as the rich gRPC error that carries its reason, every text in it {@link bounded}. */
export function toServerError(error: DomainError): RichServerError {
  const metadata = Object.fromEntries(Object.entries(error.metadata).map(([name, value]) => [name, bounded(value)]));
  const details: ErrorDetails[] = [ErrorInfo.fromPartial({ reason: error.reasonName, domain: ERROR_DOMAIN, metadata })];
  if (error.fieldViolations.length > 0) {
    const fieldViolations = error.fieldViolations.map(({ field, description }) => ({ field: bounded(field), description: bounded(description) }));
    details.push(BadRequest.fromPartial({ fieldViolations }));
  }
  return new RichServerError(statusForReason(error.reason), bounded(error.message), details);
}

/** Recognizes a failure of something a server needs that cannot serve now (its database unreachable or shutting down). */
export type UnavailabilityCheck = (error: unknown) => boolean;

/**
 * The one error boundary of every server: a DomainError crosses with its
 * reason and message, a ServerError as it is, each text {@link bounded};
 * cancellation becomes CANCELLED; a dependency that cannot serve now (what
 * `isUnavailable` recognizes, or another service answering UNAVAILABLE or
 * not within its deadline) makes the call UNAVAILABLE, which callers may
 * retry; anything else is logged with its stack and reaches the caller as
 * INTERNAL with a fixed message. Neither of the last two passes on any internal detail (or secret).
 */
export function errorBoundaryMiddleware(logger: Logger, isUnavailable: UnavailabilityCheck = () => false): ServerMiddleware {
  return async function* errorBoundary(call, context) {
    try {
      return yield* call.next(call.request, context);
    } catch (error) {
      if (error instanceof DomainError) {
        if (error.cause !== undefined) logger.warn({ err: error.cause, reason: error.reasonName, method: call.method.path }, bounded(error.message));
        throw toServerError(error);
      }
      if (error instanceof ServerError) throw error.details.length <= MAX_ERROR_TEXT ? error : new ServerError(error.code, bounded(error.details));
      if (isAbortError(error)) throw new ServerError(Status.CANCELLED, 'the call was cancelled');
      if (isUnavailable(error)) {
        logger.warn({ err: error, method: call.method.path }, 'the database is unavailable');
        throw new ServerError(Status.UNAVAILABLE, 'the database is unavailable; try again');
      }
      if (error instanceof ClientError && (error.code === Status.UNAVAILABLE || error.code === Status.DEADLINE_EXCEEDED)) {
        logger.warn({ err: error, method: call.method.path }, 'a service this call needs is unavailable');
        throw new ServerError(Status.UNAVAILABLE, 'a service this call needs is unavailable; try again');
      }
      logger.error({ err: error, method: call.method.path }, 'unexpected error in handler');
      throw new ServerError(Status.INTERNAL, 'internal error');
    }
  };
}
