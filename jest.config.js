/**
 * One jest run for the whole repository: unit specs beside the code
 * (`src/**\/*.spec.ts`) and integration tests (`test/**\/*.test.ts`) that talk
 * to real PostgreSQL: `DATABASE_URL` when set, else an embedded server that
 * the global setup starts once per run.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/services', '<rootDir>/apps'],
  testMatch: ['**/src/**/*.spec.ts', '**/test/**/*.test.ts'],
  transform: { '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }] },
  transformIgnorePatterns: ['/node_modules/(?!@noble/)'],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.mjs',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.mjs',
  testTimeout: 30_000,
};
