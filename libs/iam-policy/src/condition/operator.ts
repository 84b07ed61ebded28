import { PolicyError } from '../policy-error';

/** The operator families of the IAM condition language. */
export type ConditionFamily =
  | 'String'
  | 'StringIgnoreCase'
  | 'StringLike'
  | 'Numeric'
  | 'Date'
  | 'Bool'
  | 'Binary'
  | 'IpAddress'
  | 'Arn'
  | 'Null';

/** How a context value is compared with a policy value (`lt`: context value < policy value). */
export type Comparison = 'eq' | 'lt' | 'lte' | 'gt' | 'gte';

/** How a multi-valued key is compared: `ForAnyValue:` or `ForAllValues:`. */
export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

/** A parsed condition operator name such as `ForAnyValue:StringNotLikeIfExists`. */
export interface ConditionOperator {
  /** The name as written in the policy. */
  readonly name: string;
  /** The operator without qualifier and `IfExists`, e.g. `StringNotLike`. */
  readonly base: string;
  readonly family: ConditionFamily;
  readonly comparison: Comparison;
  /** The negated forms (StringNotEquals, NotIpAddress, ...): true when no policy value matches. */
  readonly negated: boolean;
  /** `...IfExists`: a missing key makes the condition true. */
  readonly ifExists: boolean;
  readonly qualifier: SetQualifier | undefined;
}

type OperatorShape = Pick<ConditionOperator, 'family' | 'comparison' | 'negated'>;

const shape = (family: ConditionFamily, comparison: Comparison = 'eq', negated = false): OperatorShape => ({ family, comparison, negated });

function ordered(family: 'Numeric' | 'Date'): Record<string, OperatorShape> {
  return {
    [`${family}Equals`]: shape(family),
    [`${family}NotEquals`]: shape(family, 'eq', true),
    [`${family}LessThan`]: shape(family, 'lt'),
    [`${family}LessThanEquals`]: shape(family, 'lte'),
    [`${family}GreaterThan`]: shape(family, 'gt'),
    [`${family}GreaterThanEquals`]: shape(family, 'gte'),
  };
}

const OPERATORS: ReadonlyMap<string, OperatorShape> = new Map(
  Object.entries({
    StringEquals: shape('String'),
    StringNotEquals: shape('String', 'eq', true),
    StringEqualsIgnoreCase: shape('StringIgnoreCase'),
    StringNotEqualsIgnoreCase: shape('StringIgnoreCase', 'eq', true),
    StringLike: shape('StringLike'),
    StringNotLike: shape('StringLike', 'eq', true),
    ...ordered('Numeric'),
    ...ordered('Date'),
    Bool: shape('Bool'),
    BinaryEquals: shape('Binary'),
    IpAddress: shape('IpAddress'),
    NotIpAddress: shape('IpAddress', 'eq', true),
    ArnEquals: shape('Arn'),
    ArnLike: shape('Arn'),
    ArnNotEquals: shape('Arn', 'eq', true),
    ArnNotLike: shape('Arn', 'eq', true),
    Null: shape('Null'),
  }),
);

const QUALIFIERS: readonly SetQualifier[] = ['ForAnyValue', 'ForAllValues'];

/** Parses an operator name (case-sensitive, as AWS reads it). */
export function parseConditionOperator(name: string, path: string): ConditionOperator {
  let rest = name;
  let qualifier: SetQualifier | undefined;
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    qualifier = QUALIFIERS.find((candidate) => candidate === rest.slice(0, colon));
    if (qualifier === undefined) throw new PolicyError(path, `unknown set qualifier in "${name}" (ForAnyValue or ForAllValues)`);
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith('IfExists');
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const found = OPERATORS.get(base);
  if (found === undefined) throw new PolicyError(path, `unknown condition operator "${name}"`);
  if (found.family === 'Null' && (ifExists || qualifier !== undefined)) {
    throw new PolicyError(path, `"${name}": Null takes neither IfExists nor a set qualifier`);
  }
  return { name, base, ...found, ifExists, qualifier };
}
