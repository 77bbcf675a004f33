/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  // Installs the Forge runtime stand-in before any test imports @forge/api (it captures fetch at import).
  setupFiles: ['<rootDir>/test/harness/runtime.ts'],
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
