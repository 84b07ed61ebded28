/** Where verification of sealed object data failed. None of these reveal key material or plaintext. */
export type IntegrityFailure =
  /** The blob's header is not the one this format version writes. */
  | 'header'
  /** A segment's tag did not verify: tampered, reordered, wrong data key or wrong stream id. */
  | 'authentication'
  /** The blob ended before the segments its recorded length requires. */
  | 'truncated'
  /** Bytes follow the final segment. */
  | 'trailing-data'
  /** A sealed length that no plaintext length produces. */
  | 'length';

/**
 * The one error every failure to open sealed object data raises, whatever the
 * cause. Its message names the kind of failure and the segment, never a key
 * or a byte of data, so it can go to logs and integrity alarms as it is.
 */
export class IntegrityError extends Error {
  /** What failed. */
  readonly failure: IntegrityFailure;
  /** The index of the segment that failed, when one did. */
  readonly segment: number | undefined;

  constructor(failure: IntegrityFailure, segment?: number) {
    super(`sealed object data failed verification: ${failure}${segment === undefined ? '' : ` at segment ${segment}`}`);
    this.name = 'IntegrityError';
    this.failure = failure;
    this.segment = segment;
  }
}
