/** Unit tests live beside the code; end-to-end tests in test/ run against real PostgreSQL. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }];
// openid-client, otplib's base32 and hash plugins and their dependencies ship ES modules only; Jest's CommonJS runtime
// (Node 20) needs them compiled, which ts-jest does for these packages alone.
const esmOnly = ['openid-client', 'oauth4webapi', 'jose', '@scure/base', '@noble/hashes'];
const esmTransform = {
  [`^.+/node_modules/(${esmOnly.join('|')})/.+\\.js$`]: [
    'ts-jest',
    { tsconfig: { allowJs: true, isolatedModules: true }, diagnostics: false },
  ],
};
// (also where npm nested them under another package's node_modules)
const transformIgnorePatterns = [`^(?!.*/node_modules/(${esmOnly.join('|')})/).*/node_modules/`];

module.exports = {
  // jest-circus reads the timeout from the global config only; a project-level one is ignored.
  testTimeout: 60000,
  // JEST_TIMINGS=1 prints the slowest files and the time spent outside tests.
  reporters: ['default', '<rootDir>/test/support/timing-reporter.js'],
  // Each e2e file has its own database and app, so two workers keep both cores busy (one
  // worker leaves the second mostly idle while PostgreSQL answers): about 1.6x faster.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/src/**/*.spec.ts'],
      transform: { '^.+\\.ts$': tsJest, ...esmTransform },
      transformIgnorePatterns,
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      transform: { '^.+\\.ts$': tsJest, ...esmTransform },
      transformIgnorePatterns,
      globalSetup: '<rootDir>/test/global-setup.mjs',
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
      testTimeout: 60000,
      slowTestThreshold: 30,
    },
  ],
};
