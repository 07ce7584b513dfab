import { defineConfig } from 'tsup';

export default defineConfig({
  // One entry per package.json "exports" subpath: the core (`.`) and one per feature folder.
  // `cli` is the bin (dist/cli.js, CommonJS like the package; its shebang is kept by esbuild).
  entry: {
    index: 'src/index.ts',
    http: 'src/http/index.ts',
    idempotency: 'src/idempotency/index.ts',
    metrics: 'src/metrics/index.ts',
    openapi: 'src/openapi/index.ts',
    validation: 'src/validation/index.ts',
    client: 'src/client/index.ts',
    cli: 'src/cli/cli.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // Code shared by entries goes to shared chunks, one copy per format: the error classes exist once,
  // so an error thrown with the core's classes is `instanceof` them in every entry of that format
  // (test/core/package-consumers.test.ts checks it across the subpaths).
  splitting: true,
  treeshake: true,
  // The ESM build gets `__filename` as the chunk's URL (scripts/esm-filename.mjs): logger.ts loads
  // pino lazily from it, prometheus.ts its optional peer. Not tsup's `shims`: they import node:path
  // and node:url into the chunk the client shares, and the client would not load in a browser
  // (test/browser/client.test.ts). Costs one tiny init call per bundled module.
  shims: false,
  esbuildOptions(options, { format }) {
    if (format === 'esm') options.inject = [...(options.inject ?? []), 'scripts/esm-filename.mjs'];
  },
});
