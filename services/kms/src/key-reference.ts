import { ErrorReason } from '@strongroom/contracts';
import { DomainError } from '@strongroom/errors';

/** What a `key_id` field named, before lookup. */
export type KeyReference =
  | { readonly kind: 'key'; readonly keyId: string; readonly accountId: string | undefined }
  | { readonly kind: 'alias'; readonly aliasName: string; readonly accountId: string | undefined };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ALIAS_NAME = /^alias\/[a-zA-Z0-9/_-]{1,250}$/;
const KEY_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;
const ALIAS_ARN = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(alias\/.+)$/;

function notFound(reference: string): DomainError {
  return new DomainError(ErrorReason.KEY_NOT_FOUND, `key ${JSON.stringify(reference)} does not exist`);
}

/** True when `name` is a well-formed alias name. */
export function isAliasName(name: string): boolean {
  return ALIAS_NAME.test(name);
}

/**
 * Parses a key id, key ARN, alias name or alias ARN. An ARN of another region
 * names nothing here (KEY_NOT_FOUND, as in KMS); a bare id or alias name
 * resolves later in the caller's account (`accountId` undefined).
 */
export function parseKeyReference(reference: string, region: string): KeyReference {
  const lowered = reference.toLowerCase();
  if (UUID.test(lowered)) return { kind: 'key', keyId: lowered, accountId: undefined };
  if (ALIAS_NAME.test(reference)) return { kind: 'alias', aliasName: reference, accountId: undefined };
  const keyArn = KEY_ARN.exec(reference);
  if (keyArn) {
    const [, arnRegion, accountId, keyId = ''] = keyArn;
    if (arnRegion !== region || !UUID.test(keyId.toLowerCase())) throw notFound(reference);
    return { kind: 'key', keyId: keyId.toLowerCase(), accountId };
  }
  const aliasArn = ALIAS_ARN.exec(reference);
  if (aliasArn) {
    const [, arnRegion, accountId, aliasName = ''] = aliasArn;
    if (arnRegion !== region || !ALIAS_NAME.test(aliasName)) throw notFound(reference);
    return { kind: 'alias', aliasName, accountId };
  }
  throw notFound(reference);
}
