import { join } from 'node:path';

/** The repository's root directory, for tests that read its files or run its scripts. */
export const ROOT = join(__dirname, '..', '..');
