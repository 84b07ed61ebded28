import { ErrorReason } from '@strongroom/contracts';

/** A request field that failed validation (becomes a `google.rpc.BadRequest` violation). */
export interface FieldViolation {
  readonly field: string;
  readonly description: string;
}

/** Options of a {@link DomainError}. */
export interface DomainErrorOptions {
  /** Non-secret facts the caller may see (`google.rpc.ErrorInfo.metadata`), for example a key id. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Field-level validation failures. */
  readonly fieldViolations?: readonly FieldViolation[];
  /** The underlying failure: logged by the server, never sent to the caller. */
  readonly cause?: unknown;
}

/**
 * The one error type that crosses a service boundary with its own reason and
 * message. Anything else thrown in a handler reaches the caller as INTERNAL
 * with a fixed message, so a message written here must never hold a secret.
 */
export class DomainError extends Error {
  readonly reason: ErrorReason;
  readonly metadata: Readonly<Record<string, string>>;
  readonly fieldViolations: readonly FieldViolation[];

  constructor(reason: ErrorReason, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.reason = reason;
    this.metadata = options.metadata ?? {};
    this.fieldViolations = options.fieldViolations ?? [];
  }

  /** The reason as sent on the wire (`google.rpc.ErrorInfo.reason`), e.g. `KEY_DISABLED`. */
  get reasonName(): string {
    return ErrorReason[this.reason];
  }
}

/** Shorthand for an INVALID_ARGUMENT error naming the offending field. */
export function invalidArgument(field: string, description: string): DomainError {
  return new DomainError(ErrorReason.INVALID_ARGUMENT, `${field}: ${description}`, {
    fieldViolations: [{ field, description }],
  });
}

/** True for a {@link DomainError} with the given reason. */
export function hasReason(error: unknown, reason: ErrorReason): error is DomainError {
  return error instanceof DomainError && error.reason === reason;
}
