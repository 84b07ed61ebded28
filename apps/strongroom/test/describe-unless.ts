/**
 * `describe` when nothing the tests need is `missing`. Otherwise the block
 * is skipped with the reason printed, except in CI (`CI` set), where a
 * missing need must not pass unnoticed: there the block holds one test,
 * named by `requirement`, that fails with the reason.
 */
export function describeUnless(missing: string | undefined, requirement: string, title: string, body: () => void): void {
  if (missing === undefined) {
    describe(title, body);
    return;
  }
  if (process.env.CI) {
    describe(title, () => {
      test(requirement, () => {
        throw new Error(missing);
      });
    });
    return;
  }
  console.warn(`skipping "${title}": ${missing}`);
  describe.skip(title, body);
}
