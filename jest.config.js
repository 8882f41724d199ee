/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Type checking is `npm run typecheck`; Jest only transpiles.
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  testTimeout: 60000,
  // Jest's default on this 2-core machine is one worker; the emulator and Terraform suites mostly
  // wait on child processes, so two workers halve the wall time.
  maxWorkers: 2,
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
};
