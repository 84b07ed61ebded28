import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';

/**
 * The version a read or a copy began with was replaced or deleted before
 * its data was reached: its blob is gone, and that is no damage. Sent as
 * NO_SUCH_KEY; a GetObject that has sent nothing yet, or a CopyObject,
 * starts over with the key's version as it is now ({@link withFreshVersion}),
 * as S3 serves either the old object or the new one.
 */
export class VersionGone extends DomainError {
  constructor(message: string, metadata: Readonly<Record<string, string>> = {}) {
    super(ErrorReason.NO_SUCH_KEY, message, { metadata });
    this.name = 'VersionGone';
  }
}

/** How often an operation starts over after {@link VersionGone} before it gives that answer. */
const ATTEMPTS = 3;

/**
 * Runs `operation` (told which attempt it is, from 1), starting it over
 * (at most {@link ATTEMPTS} times in all) when the version it read went
 * away under it, unless the call was cancelled meanwhile.
 */
export async function withFreshVersion<T>(signal: AbortSignal, operation: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof VersionGone) || attempt >= ATTEMPTS || signal.aborted) throw error;
    }
  }
}
