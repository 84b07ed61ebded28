import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';

/** Seconds a client is told to wait after the KMS throttled a request (`Retry-After`). */
export const KMS_RETRY_AFTER_SECONDS = 1;

/**
 * Runs one KMS call for an object operation, so that its failures read as
 * S3 reports them: a denial names the KMS (the requester may use the bucket,
 * but not the key), and throttling carries a `retry_after` for the 503
 * SlowDown S3 answers with. Key state errors (not found, disabled, pending
 * deletion) pass through with their reasons.
 */
export async function callKms<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.reason === ErrorReason.ACCESS_DENIED) {
      throw new DomainError(ErrorReason.ACCESS_DENIED, `KMS denied ${operation}: ${error.message}`, { metadata: error.metadata, cause: error });
    }
    if (error.reason === ErrorReason.KMS_THROTTLED) {
      throw new DomainError(ErrorReason.KMS_THROTTLED, 'Please reduce your request rate for operations involving AWS KMS.', {
        metadata: { ...error.metadata, retry_after: String(KMS_RETRY_AFTER_SECONDS) },
        cause: error,
      });
    }
    throw error;
  }
}
