import { DomainError, statusForReason } from '@strongroom/errors';
import type { Logger } from '@strongroom/observability';
import { isAbortError } from 'abort-controller-x';
import { ServerError, Status, type ServerMiddleware } from 'nice-grpc-common';
import { BadRequest, ErrorInfo, RichServerError, type ErrorDetails } from 'nice-grpc-error-details';

/** The `google.rpc.ErrorInfo.domain` of every Strongroom error. */
export const ERROR_DOMAIN = 'strongroom';

/** A DomainError as the rich gRPC error that carries its reason. */
export function toServerError(error: DomainError): RichServerError {
  const details: ErrorDetails[] = [ErrorInfo.fromPartial({ reason: error.reasonName, domain: ERROR_DOMAIN, metadata: { ...error.metadata } })];
  if (error.fieldViolations.length > 0) {
    details.push(BadRequest.fromPartial({ fieldViolations: error.fieldViolations.map((v) => ({ ...v })) }));
  }
  return new RichServerError(statusForReason(error.reason), error.message, details);
}

/**
 * The one error boundary of every server: a DomainError crosses with its
 * reason and message; cancellation becomes CANCELLED; anything else is
 * logged with its stack and reaches the caller as INTERNAL with a fixed
 * message, so no internal detail (or secret) leaks.
 */
export function errorBoundaryMiddleware(logger: Logger): ServerMiddleware {
  return async function* errorBoundary(call, context) {
    try {
      return yield* call.next(call.request, context);
    } catch (error) {
      if (error instanceof DomainError) {
        if (error.cause !== undefined) logger.warn({ err: error.cause, reason: error.reasonName, method: call.method.path }, error.message);
        throw toServerError(error);
      }
      if (error instanceof ServerError) throw error;
      if (isAbortError(error)) throw new ServerError(Status.CANCELLED, 'the call was cancelled');
      logger.error({ err: error, method: call.method.path }, 'unexpected error in handler');
      throw new ServerError(Status.INTERNAL, 'internal error');
    }
  };
}
