/**
 * Readers of the structured flag values of the policy service's commands:
 * Block Public Access settings and an Authorize request context, each as
 * JSON or aws-cli shorthand.
 */
import type { policyV1 } from '@strongroom/contracts';
import { jsonObjectValue, parameterError, stringMapValue, textValue } from '../values';

/** The members of S3's PublicAccessBlockConfiguration, by their AWS names. */
const SETTING_BY_MEMBER: ReadonlyMap<string, keyof policyV1.PublicAccessBlock> = new Map([
  ['BlockPublicAcls', 'blockPublicAcls'],
  ['IgnorePublicAcls', 'ignorePublicAcls'],
  ['BlockPublicPolicy', 'blockPublicPolicy'],
  ['RestrictPublicBuckets', 'restrictPublicBuckets'],
]);

function booleanMember(flag: string, member: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw parameterError(flag, `${member} must be true or false, not ${JSON.stringify(value)}`);
}

/**
 * `--public-access-block-configuration`: JSON `{"BlockPublicAcls":true,...}`
 * or shorthand `BlockPublicAcls=true,IgnorePublicAcls=true,...`. A member
 * left out is false, as in S3.
 */
export function publicAccessBlockValue(flag: string, value: string): policyV1.PublicAccessBlock {
  const text = textValue(flag, value).trim();
  const members: Readonly<Record<string, unknown>> = text.startsWith('{') ? jsonObjectValue(flag, text) : stringMapValue(flag, text);
  const settings: policyV1.PublicAccessBlock = { blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false };
  for (const [member, memberValue] of Object.entries(members)) {
    const setting = SETTING_BY_MEMBER.get(member);
    if (setting === undefined) {
      throw parameterError(flag, `Unknown parameter in PublicAccessBlockConfiguration: "${member}", must be one of: ${[...SETTING_BY_MEMBER.keys()].join(', ')}`);
    }
    settings[setting] = booleanMember(flag, member, memberValue);
  }
  return settings;
}

function contextWord(flag: string, key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw parameterError(flag, `the value of "${key}" must be a string, number, boolean or a list of them`);
}

/**
 * `--context`: the request's condition keys. JSON, where a list gives a
 * multi-valued key (`{"aws:SourceIp":"203.0.113.7","s3:prefix":["a/","b/"]}`),
 * or shorthand `aws:SourceIp=203.0.113.7,aws:SecureTransport=true`.
 */
export function requestContextValue(flag: string, value: string): Record<string, policyV1.ContextValue> {
  const text = textValue(flag, value).trim();
  const entries: Readonly<Record<string, unknown>> = text.startsWith('{') ? jsonObjectValue(flag, text) : stringMapValue(flag, text);
  return Object.fromEntries(
    Object.entries(entries).map(([key, entry]) => [key, { values: Array.isArray(entry) ? entry.map((item: unknown) => contextWord(flag, key, item)) : [contextWord(flag, key, entry)] }]),
  );
}
