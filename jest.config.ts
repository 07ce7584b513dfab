/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type errors are caught by `npm run typecheck`; the transform only strips types.
    '^.+\\.ts$': ['ts-jest', {}],
  },
  collectCoverageFrom: ['src/**/*.ts'],
  coverageThreshold: { global: { lines: 85, branches: 75 } },
  testTimeout: 20000,
  // Jest's soft clean-up of globals between files wraps each global a file set in an accessor; the
  // OpenTelemetry API keeps its registry on a global, and a later file in the same worker setting
  // it again recursed through those accessors (RangeError). The files own their globals instead.
  testEnvironmentOptions: { globalsCleanup: 'off' },
};

export default config;
