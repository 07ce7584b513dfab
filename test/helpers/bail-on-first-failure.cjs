// Jest test environment for mutation runs only (stryker.config.mjs): once a test fails while a
// mutant is active, the rest of that mutant's tests are skipped. Stryker's other runners stop at
// the first failing test; its jest runner cannot (https://github.com/jestjs/jest/issues/11766).
// Without this, a mutant that leaves requests unanswered waits out jest's timeout once per
// covering test, overruns Stryker's budget and ends as a timeout, which restarts the runner.
// Outside a mutant run (the dry run, `npm test`) it is jest's node environment, unchanged.
'use strict';

const { TestEnvironment } = require('jest-environment-node');

// Stryker names the active mutant in this variable for the length of its run; it runs the tests
// in band, so one module instance sees every file of the run.
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__';
const failedMutants = new Set();

class BailOnFirstFailure extends TestEnvironment {
  /** @param {import('@jest/types').Circus.Event} event */
  handleTestEvent(event) {
    const mutant = process.env[ACTIVE_MUTANT];
    if (mutant === undefined) return;
    if (event.name === 'test_fn_failure' || event.name === 'hook_failure') failedMutants.add(mutant);
    // jest-circus reads `mode` after dispatching test_start, so a test marked here is skipped.
    else if (event.name === 'test_start' && failedMutants.has(mutant)) event.test.mode = 'skip';
  }
}

module.exports = BailOnFirstFailure;
