/**
 * The fast suite (`npm test`): configuration, constructs, stacks, the registry-driven checks, the
 * connectivity matrix and drift, all in-process. Suites that start emulators, run terraform or
 * spawn the commands are named `*.integration.test.ts` and run with `npm run test:integration`
 * (jest.integration.config.js); CI runs both.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test", "<rootDir>/topologies", "<rootDir>/connectivity"],
  testMatch: ["**/*.test.ts"],
  testPathIgnorePatterns: ["/node_modules/", "\\.integration\\.test\\.ts$"],
  transform: {
    // Type checking is `npm run typecheck`; Jest only transpiles.
    "^.+\\.ts$": ["ts-jest", { diagnostics: false }],
  },
  testTimeout: 60000,
  maxWorkers: 2,
  globalSetup: "<rootDir>/test/global-setup.ts",
  globalTeardown: "<rootDir>/test/global-teardown.ts",
  setupFilesAfterEnv: ["<rootDir>/test/setup-after-env.ts"],
};
