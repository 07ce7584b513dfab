import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './root';

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** The pages a reader of the repository is sent to: the README, CONTRIBUTING, CHANGELOG and docs/, as absolute paths. */
export function markdownPages(): string[] {
  return [...['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md'].map((name) => join(ROOT, name)), ...markdownFiles(join(ROOT, 'docs'))].filter(
    (page) => existsSync(page),
  );
}
