#!/usr/bin/env node
// The `express-api-errors` bin (dist/cli.js): `npx express-api-errors docs [--format json] [--codes <module>]`.
import { runCli } from './run-cli';

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`express-api-errors: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
