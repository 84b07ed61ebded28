import type { Effect } from './effect';
import { expectKnownKeys, expectStringList, isJsonObject } from './json';
import { PolicyError } from './policy-error';

/**
 * Who sends a request, as established by authentication. Identity-based
 * conditions (`aws:PrincipalAccount`, `aws:PrincipalArn`, ...) still come
 * from the request context; this is only what `Principal` matches against.
 */
export type RequestPrincipal =
  | { readonly type: 'anonymous' }
  | {
      readonly type: 'aws';
      /** The 12-digit account the caller belongs to. */
      readonly accountId: string;
      /** The caller's ARN: a user, the account root, or an assumed-role session. */
      readonly arn?: string;
      /** For an assumed-role session, the ARN of the role (a policy naming the role matches its sessions). */
      readonly roleArn?: string;
      /** The caller's S3 canonical user id, matched by `{"CanonicalUser": ...}`. */
      readonly canonicalUserId?: string;
      /** For an IAM user, its unique id (`aws:userid`), which a user ARN bound to a user's id ({@link PrincipalBlock.userIds}) must equal. */
      readonly userId?: string;
    }
  | { readonly type: 'service'; readonly service: string }
  | { readonly type: 'federated'; readonly provider: string };

/** The `Principal` or `NotPrincipal` element of a statement. */
export interface PrincipalBlock {
  /** True for `NotPrincipal`: the statement applies to everyone except these. */
  readonly negated: boolean;
  /** `"*"` or `{"AWS": "*"}`: everyone, including anonymous callers. */
  readonly wildcard: boolean;
  /** Account ids (an account-root ARN is recorded as its account id). */
  readonly accounts: ReadonlySet<string>;
  /** User, role and assumed-role ARNs. */
  readonly arns: ReadonlySet<string>;
  /** S3 canonical user ids. */
  readonly canonicalUsers: ReadonlySet<string>;
  /** Service principals such as `cloudfront.amazonaws.com`. */
  readonly services: ReadonlySet<string>;
  /** Identity providers such as `cognito-identity.amazonaws.com` or a SAML provider ARN. */
  readonly federated: ReadonlySet<string>;
  /**
   * User ARNs of {@link arns} bound to the unique id of the user they named
   * when the policy was put (null: no user had that name): such an ARN
   * names only a caller with that id, never a user re-created with the same
   * name. ARNs not in it name whoever has the ARN.
   */
  readonly userIds?: ReadonlyMap<string, string | null>;
}

const PRINCIPAL_TYPES = ['AWS', 'CanonicalUser', 'Service', 'Federated'] as const;
const ACCOUNT_ID = /^\d{12}$/;
const ACCOUNT_ROOT = /^arn:aws(?:-[a-z-]+)?:iam::(\d{12}):root$/;
const PRINCIPAL_ARN = /^arn:aws(?:-[a-z-]+)?:(?:iam::\d{12}:(?:user|role|group|federated-user)\/.+|sts::\d{12}:(?:assumed-role|federated-user)\/.+)$/;

function rejectWildcard(value: string, path: string): void {
  if (value.includes('*') || value.includes('?')) {
    throw new PolicyError(path, `"${value}" has a wildcard; only "*" or {"AWS": "*"} may match every principal`);
  }
}

/** Parses a `Principal`/`NotPrincipal` value. */
export function parsePrincipalBlock(value: unknown, negated: boolean, path: string): PrincipalBlock {
  const block = {
    negated,
    wildcard: false,
    accounts: new Set<string>(),
    arns: new Set<string>(),
    canonicalUsers: new Set<string>(),
    services: new Set<string>(),
    federated: new Set<string>(),
  };
  if (value === '*') return { ...block, wildcard: true };
  if (!isJsonObject(value)) throw new PolicyError(path, 'must be "*" or an object with AWS, CanonicalUser, Service or Federated');
  expectKnownKeys(value, PRINCIPAL_TYPES, path);
  if (Object.keys(value).length === 0) throw new PolicyError(path, 'must name at least one principal');
  for (const item of value.AWS === undefined ? [] : expectStringList(value.AWS, `${path}.AWS`)) {
    const root = ACCOUNT_ROOT.exec(item.value)?.[1];
    if (item.value === '*') {
      block.wildcard = true;
      continue;
    }
    rejectWildcard(item.value, item.path);
    if (ACCOUNT_ID.test(item.value)) block.accounts.add(item.value);
    else if (root !== undefined) block.accounts.add(root);
    else if (PRINCIPAL_ARN.test(item.value)) block.arns.add(item.value);
    else throw new PolicyError(item.path, `"${item.value}" is not "*", an account id or an IAM principal ARN`);
  }
  const others = [
    ['CanonicalUser', block.canonicalUsers],
    ['Service', block.services],
    ['Federated', block.federated],
  ] as const;
  for (const [type, target] of others) {
    for (const item of value[type] === undefined ? [] : expectStringList(value[type], `${path}.${type}`)) {
      rejectWildcard(item.value, item.path);
      if (item.value.trim() === '') throw new PolicyError(item.path, 'must not be empty');
      target.add(item.value);
    }
  }
  return block;
}

/** Whether a block names one identity of the caller. */
type Identity = (block: PrincipalBlock) => boolean;

/** Whether the block names the user with this ARN and unique id: by its ARN, and by its id too where the ARN is bound to one. */
function namesUser(block: PrincipalBlock, arn: string, userId: string | undefined): boolean {
  if (!block.arns.has(arn)) return false;
  const bound = block.userIds?.get(arn);
  return bound === undefined || bound === userId;
}

/**
 * The identities a request is made as, from its account down: an account's
 * root is its account; a user is its account and itself; a role session is
 * its account, its role and itself (a Principal naming the role names its
 * sessions too); a service or identity provider is itself; an anonymous
 * caller is none.
 */
function identitiesOf(principal: RequestPrincipal): readonly Identity[] {
  switch (principal.type) {
    case 'anonymous':
      return [];
    case 'service':
      return [(block) => block.services.has(principal.service)];
    case 'federated':
      return [(block) => block.federated.has(principal.provider)];
    case 'aws': {
      const account: Identity = (block) =>
        block.accounts.has(principal.accountId) || (principal.canonicalUserId !== undefined && block.canonicalUsers.has(principal.canonicalUserId));
      const { arn, roleArn, userId } = principal;
      if (arn === undefined || ACCOUNT_ROOT.test(arn)) return [account];
      if (roleArn === undefined) return [account, (block) => namesUser(block, arn, userId)];
      return [account, (block) => block.arns.has(roleArn), (block) => block.arns.has(arn)];
    }
  }
}

/**
 * True when the block applies to the caller. `Principal` applies when it
 * names any identity of the caller (an account names its users and roles, a
 * role its sessions). `NotPrincipal` applies to everyone it leaves out: with
 * Deny, a caller escapes only when every identity of it is named: a user
 * needs its account and its own ARN, a role session its account, its role
 * and the session's ARN, as in the IAM reference's "NotPrincipal with
 * Deny" example, which names all three (its text says AWS "might validate
 * the account first, then the role, and then the assumed-role user", and
 * recommends naming the role and the account; of the two readings this
 * denies more). With Allow, a caller any identity of which is named gets
 * nothing from it.
 */
export function principalApplies(block: PrincipalBlock, principal: RequestPrincipal, effect: Effect): boolean {
  if (block.wildcard) return !block.negated;
  const identities = identitiesOf(principal);
  if (!block.negated) return identities.some((named) => named(block));
  if (effect === 'Deny') return identities.length === 0 || !identities.every((named) => named(block));
  return !identities.some((named) => named(block));
}

/**
 * True when a `Principal` names a user or role session only as its account
 * (the account id, its root ARN or its canonical user id), not as itself
 * (its ARN, its role, or `"*"`). Such a statement grants the account, not
 * its users: the IAM reference's "AWS account principals" says naming an
 * account "delegates authority to the account", which its administrator
 * passes on through identity policies. An account's root is its account,
 * so the account names it directly.
 */
export function namesOnlyTheAccount(block: PrincipalBlock, principal: RequestPrincipal): boolean {
  if (principal.type !== 'aws' || block.negated || block.wildcard) return false;
  const [account, ...itself] = identitiesOf(principal);
  if (account === undefined || itself.length === 0) return false;
  return account(block) && !itself.some((named) => named(block));
}

/** The account a principal ARN or account id belongs to, if it names one. */
export function accountOfPrincipal(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  return /^arn:[^:]*:(?:iam|sts)::(\d{12}):/.exec(value)?.[1];
}
