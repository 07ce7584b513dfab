import { defineConfig } from 'tsup';

export default defineConfig({
  // `cli` is the bin (dist/cli.js, CommonJS like the package; its shebang is kept by esbuild).
  entry: { index: 'src/index.ts', client: 'src/client/index.ts', cli: 'src/cli/cli.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node18',
  splitting: false,
  treeshake: true,
});
