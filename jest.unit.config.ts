/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';
import base from './jest.config';

// `npm run test:unit`: the fast lane, without Redis, the build (dist/) or Chromium. It leaves out
// the files that need them, and TEST_LANE=unit tells files that mix both to leave their Redis
// cases out (test/helpers/lanes.ts). Everywhere else a missing dependency fails the test loudly.
process.env.TEST_LANE = 'unit';

const config: Config = {
  ...base,
  testPathIgnorePatterns: [
    '/node_modules/',
    // Chromium, and the built client bundle.
    '<rootDir>/test/browser/',
    // The built package: dist/ and its consumers (attw, publint, TypeScript under each resolution).
    '<rootDir>/test/core/package-consumers\\.test\\.ts$',
    '<rootDir>/test/core/module-load\\.test\\.ts$',
    '<rootDir>/test/cli/bin\\.test\\.ts$',
    '<rootDir>/test/docs/samples\\.test\\.ts$',
    '<rootDir>/test/logging/default-destination\\.test\\.ts$',
    '<rootDir>/test/tracing/lazy-api\\.test\\.ts$',
    // A real Redis only.
    '<rootDir>/test/idempotency/multi-instance\\.test\\.ts$',
    '<rootDir>/test/idempotency/redis-faults\\.test\\.ts$',
    // `npm start` in child processes, driven by curl.
    '<rootDir>/test/examples/server\\.test\\.ts$',
  ],
  // The coverage bar is the full run's: this lane leaves tests out.
  coverageThreshold: { global: {} },
};

export default config;
