/**
 * The integration suite (`npm run test:integration`): the suites that start the moto emulator, run
 * terraform against it, or spawn the project's commands as a user would. Slow (minutes); CI runs
 * it after the fast suite.
 * @type {import('jest').Config}
 */
module.exports = {
  ...require("./jest.config.js"),
  testMatch: ["**/*.integration.test.ts"],
  testPathIgnorePatterns: ["/node_modules/"],
  // The emulator and Terraform suites mostly wait on child processes: two workers halve the wall time.
  maxWorkers: 2,
};
