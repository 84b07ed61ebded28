import { REGION_NAME } from '@strongroom/config';
import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';

/** The region S3 names by no LocationConstraint at all. */
const UNNAMED_REGION = 'us-east-1';

/**
 * Checks CreateBucket's LocationConstraint as S3 does: none is us-east-1
 * and always accepted; `us-east-1` itself, or anything that is not a region
 * name, is INVALID_LOCATION_CONSTRAINT; another region than `region` (this
 * deployment's) is ILLEGAL_LOCATION_CONSTRAINT.
 */
export function requireLocationConstraint(constraint: string, region: string): void {
  if (constraint === '' || (constraint === region && constraint !== UNNAMED_REGION)) return;
  if (constraint === UNNAMED_REGION || !REGION_NAME.test(constraint)) {
    throw new DomainError(ErrorReason.INVALID_LOCATION_CONSTRAINT, 'The specified location-constraint is not valid', {
      metadata: { location_constraint: constraint },
    });
  }
  throw new DomainError(ErrorReason.ILLEGAL_LOCATION_CONSTRAINT, `the location constraint ${constraint} is not this region (${region})`);
}
