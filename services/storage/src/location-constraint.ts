import { REGION_NAME } from '@strongroom/config';
import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';

/** The region S3 names by no LocationConstraint at all. */
const UNNAMED_REGION = 'us-east-1';

/**
 * LocationConstraint values that are not region names but name a region:
 * S3 still takes `EU` (s3cmd's `--bucket-location=EU`) and creates the
 * bucket in eu-west-1.
 */
const LEGACY_CONSTRAINTS: ReadonlyMap<string, string> = new Map([['EU', 'eu-west-1']]);

/**
 * Checks CreateBucket's LocationConstraint as S3 does: none is us-east-1
 * and always accepted; `us-east-1` itself, or anything that is not a region
 * name (nor `EU`), is INVALID_LOCATION_CONSTRAINT; another region than
 * `region` (this deployment's) is ILLEGAL_LOCATION_CONSTRAINT.
 */
export function requireLocationConstraint(constraint: string, region: string): void {
  const named = LEGACY_CONSTRAINTS.get(constraint) ?? constraint;
  if (constraint === '' || (named === region && named !== UNNAMED_REGION)) return;
  if (named === UNNAMED_REGION || !REGION_NAME.test(named)) {
    throw new DomainError(ErrorReason.INVALID_LOCATION_CONSTRAINT, 'The specified location-constraint is not valid', {
      metadata: { location_constraint: constraint },
    });
  }
  throw new DomainError(ErrorReason.ILLEGAL_LOCATION_CONSTRAINT, `the location constraint ${constraint} is not this region (${region})`);
}
