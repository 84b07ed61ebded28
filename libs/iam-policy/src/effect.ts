import { PolicyError } from './policy-error';

/** What a matching statement does. */
export type Effect = 'Allow' | 'Deny';

/** Parses the `Effect` element; the value is case-sensitive, as in AWS. */
export function parseEffect(value: unknown, path: string): Effect {
  if (value === 'Allow' || value === 'Deny') return value;
  if (value === undefined) throw new PolicyError(path, 'is required');
  throw new PolicyError(path, `${JSON.stringify(value)} is not "Allow" or "Deny"`);
}
