// Mutation testing of the error normalisation pipeline: `npm run test:mutation` (slow, not part
// of `npm test`) runs scripts/mutation.ts, which calls Stryker once per group of source files,
// each with the tests of its group in STRYKER_TESTS and its report name in STRYKER_REPORT. Each
// mutant is checked by the TypeScript compiler first, then run against the tests that cover it.
//
// Why groups: the jest runner loads every test file that imports the mutated file (every one
// imports the pipeline) and only then filters by test name, so one run over everything spends
// each mutant's time budget loading ~40 test files and reports timeouts for survivors.
// To iterate on one file:
// `STRYKER_TESTS=test/recognizers/ajv.test.ts STRYKER_REPORT=ajv npx stryker run --mutate src/errors/recognizers/ajv.ts`.
const tests = (process.env.STRYKER_TESTS ?? 'test/recognizers/**/*.test.ts,test/core/normalization.test.ts')
  .split(',')
  .map((glob) => `<rootDir>/${glob.trim()}`)
  // Tests whose app runs in a child process: the child loads the unmutated source, so they can
  // kill no mutant, and each run costs seconds (a run past the timeout would count as a kill).
  .concat('!**/test/recognizers/celebrate-app.test.ts');
// STRYKER_REPORT names the report of such a partial run (reports/mutation/<name>.{html,json}).
const report = `reports/mutation/${process.env.STRYKER_REPORT ?? 'index'}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.ts',
    // `src` is a root too: `--findRelatedTests` only sees the files under jest's roots.
    // A mutant that leaves a request unanswered fails its test at jest's timeout: a failed test
    // is a kill, while a Stryker timeout (timeoutMS) also restarts the test runner, seconds each.
    // The environment skips a mutant's remaining tests once one has failed, so a mutant that
    // hangs every covering test costs one jest timeout, not one per test. A mutant that hangs
    // synchronously still ends as a timeout.
    config: {
      roots: ['<rootDir>/src', '<rootDir>/test'],
      testMatch: tests,
      testTimeout: 2500,
      // Stryker loads it relative to the sandbox; jest's `<rootDir>` is not expanded there.
      testEnvironment: './test/helpers/bail-on-first-failure.cjs',
    },
    enableFindRelatedTests: true,
  },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  // A static mutant (an entry of a module-level table, say) is covered by no test in
  // particular, so each one reruns every test in a fresh module registry: minutes apiece. The
  // report lists them as ignored, outside the score (CONTRIBUTING.md, Mutation testing).
  ignoreStatic: true,
  mutate: ['src/errors/to-api-error.ts', 'src/errors/recognizers/**/*.ts'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `${report}.html` },
  jsonReporter: { fileName: `${report}.json` },
  thresholds: { high: 90, low: 85, break: 85 },
  // 2 checkers and 2 test runners on 2 cores: with 2, only 1 runner.
  concurrency: 4,
  timeoutMS: 6000,
  tempDirName: '.stryker-tmp',
  // The sandbox gets only what the tests and the checker read: a whitelist, so a file another
  // tool writes and deletes at the top of the checkout while the sandbox is copied cannot fail the run.
  ignorePatterns: ['/*', '!/src', '!/test', '!/package.json', '!/jest.config.ts', '!/tsconfig.json', '!/tsconfig.stryker.json'],
};
