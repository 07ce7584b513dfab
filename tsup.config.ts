import { defineConfig } from 'tsup';

export default defineConfig({
  // `cli` is the bin (dist/cli.js, CommonJS like the package; its shebang is kept by esbuild).
  entry: { index: 'src/index.ts', client: 'src/client/index.ts', cli: 'src/cli/cli.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node18',
  // One shared chunk for the error classes, so an error parsed by the client entry is `instanceof`
  // the main entry's classes too.
  splitting: true,
  treeshake: true,
  // Gives the ESM build a real `__filename` (fileURLToPath(import.meta.url)): logger.ts loads pino
  // lazily from it, prometheus.ts its optional peer. Costs one tiny init call per bundled module.
  shims: true,
});
