import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzePolicyPublic, evaluate, parsePolicy, type EvaluationRequest } from '../src';

/** One named policy of the corpus, with the answers AWS would give. */
interface PolicyFixture {
  readonly description: string;
  readonly isPublic: boolean;
  readonly policy: Record<string, unknown>;
  readonly cases: readonly (EvaluationRequest & {
    readonly name: string;
    readonly decision: 'allow' | 'deny' | 'no-match';
    readonly sids?: readonly string[];
  })[];
}

const directory = join(__dirname, 'fixtures', 'policies');
const fixtures = readdirSync(directory)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(join(directory, file), 'utf8')) as PolicyFixture] as const);

describe('fixture policies', () => {
  it('has a corpus to run', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
  });

  describe.each(fixtures)('%s', (_name, fixture) => {
    const policy = parsePolicy(JSON.stringify(fixture.policy));

    it(`is ${fixture.isPublic ? 'public' : 'not public'}`, () => {
      expect(analyzePolicyPublic(policy).public).toBe(fixture.isPublic);
    });

    it.each(fixture.cases.map((testCase) => [testCase.name, testCase] as const))('%s', (_caseName, testCase) => {
      const result = evaluate(policy, testCase);
      expect(result.decision).toBe(testCase.decision);
      if (testCase.sids !== undefined) expect(result.matched.map((ref) => ref.sid)).toEqual(testCase.sids);
    });
  });
});
