/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Transpile only (isolatedModules, tsconfig.jest.json): ts-jest then skips type-checking each
  // file it loads, which cost more CPU than most tests; `npm run typecheck` checks test/ with src/.
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }] },
  // Finds or installs redis-server and chromium before any test file runs.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/no-telemetry.ts'],
  testTimeout: 20000,
  // Three workers on two cores: most test time is spent waiting on child processes and sockets
  // (two workers kept the CPUs about half busy), and every test waits on events rather than
  // clocks, so the suite also passes beside a CPU hog.
  maxWorkers: 3,
};
