/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Tests live in test/; the code they run is listed too, so `npm run test:watch` sees a change there and
  // re-runs only the suites that import it.
  roots: ['<rootDir>/test', '<rootDir>/src', '<rootDir>/scripts', '<rootDir>/sandbox'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  // Installs the Forge runtime stand-in before any test imports @forge/api (it captures fetch at import).
  setupFiles: ['<rootDir>/test/harness/runtime.ts'],
  // The `__LOCALES__` bundle `forge deploy` would add: functions and pages read their texts from it.
  globalSetup: '<rootDir>/test/support/i18n-setup.ts',
  // Fails any test that used the Jira REST API in a way its OpenAPI description does not define.
  setupFilesAfterEnv: ['<rootDir>/test/emulator/run-check.ts'],
  testTimeout: 60_000,
  // One worker per core. Jest's default (cores - 1) is a single worker on two cores, leaving one idle: the main
  // process only collects results. Test files are independent (own ports, own temp folders, one shared UI build).
  maxWorkers: '100%',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
