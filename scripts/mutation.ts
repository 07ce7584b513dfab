// `npm run test:mutation [group...]`: Stryker over the error normalisation pipeline, one run per
// group of source files, each against the tests of that group only. One run over everything
// cannot tell a survivor from a timeout: Stryker's jest runner loads every test file that imports
// the mutated file (all of them import the pipeline) and filters by test name, so each mutant
// paid the load of ~40 test files and most runs ended past the timeout, counted as detected.
// A group's score only counts its own tests' kills: a lower bound of the real one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Group {
  /** Source files mutated, relative to src/errors/. */
  readonly mutate: readonly string[];
  /** Test files run against each mutant, relative to test/. */
  readonly tests: readonly string[];
}

const r = (names: string): string[] => names.split(' ').map((name) => `recognizers/${name}`);
const groups: Record<string, Group> = {
  core: {
    mutate: ['to-api-error.ts', ...r('index.ts recognizer.ts http-status.ts http-client.ts body-parser.ts csrf.ts')],
    tests: [
      'core/normalization.test.ts',
      ...r('to-api-error.test.ts pipeline.test.ts http-status.test.ts http-client.test.ts body-parser.test.ts csrf.test.ts proxy.test.ts'),
    ],
  },
  tokens: {
    mutate: r('bearer.ts jsonwebtoken.ts express-jwt.ts'),
    tests: r('jsonwebtoken.test.ts express-jwt.test.ts passport.test.ts'),
  },
  schemas: {
    mutate: r('zod.ts valibot.ts arktype.ts standard-schema.ts schema-issue.ts quoted-value.ts issues.ts'),
    tests: r('zod.test.ts valibot.test.ts arktype.test.ts standard-schema.test.ts schema-issue.test.ts issues.test.ts'),
  },
  validators: {
    mutate: r('ajv.ts json-schema-keywords.ts openapi-validator.ts express-validator.ts validator-details.ts yup.ts class-validator.ts'),
    tests: r(
      'ajv.test.ts openapi-validator.test.ts express-validator.test.ts request-validators-edges.test.ts validator-details.test.ts yup.test.ts class-validator.test.ts class-validator-codes.test.ts',
    ),
  },
  joi: { mutate: r('joi.ts joi-details.ts celebrate.ts'), tests: r('joi.test.ts joi-types.test.ts celebrate.test.ts') },
  uploads: { mutate: r('multer.ts'), tests: r('multer.test.ts') },
  databases: {
    mutate: r('databases.ts mongoose.ts postgres.ts prisma.ts sequelize.ts unique-violation.ts'),
    tests: r('mongoose.test.ts postgres.test.ts prisma.test.ts sequelize.test.ts'),
  },
};

const root = join(__dirname, '..');
const reportDir = join(root, 'reports/mutation');
const breakAt = 85;

/** A new recognizer or test file must join a group, or it would silently escape the run. */
function checkGroupsCoverEverything(): void {
  const listed = (pick: (group: Group) => readonly string[]): Set<string> => new Set(Object.values(groups).flatMap(pick));
  const mutated = listed((group) => group.mutate);
  const tested = listed((group) => group.tests);
  const missing = [
    ...readdirSync(join(root, 'src/errors/recognizers'))
      .map((name) => `recognizers/${name}`)
      .filter((file) => !mutated.has(file)),
    ...readdirSync(join(root, 'test/recognizers'))
      // Its app runs in a child process, which loads the unmutated source: it can kill nothing.
      .filter((name) => name.endsWith('.test.ts') && name !== 'celebrate-app.test.ts')
      .map((name) => `recognizers/${name}`)
      .filter((file) => !tested.has(file)),
  ];
  if (missing.length > 0) throw new Error(`scripts/mutation.ts: put these files in a group: ${missing.join(', ')}`);
}

interface Mutant {
  readonly status: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly location: { readonly start: { readonly line: number } };
}
interface Report {
  readonly files: Record<string, { readonly mutants: readonly Mutant[] }>;
}

/** Runs one group; false when Stryker wrote no report (a group under the threshold still does). */
function runGroup(name: string, group: Group, strykerOptions: readonly string[]): boolean {
  const report = join(reportDir, `${name}.json`);
  rmSync(report, { force: true });
  const args = ['stryker', 'run', '--mutate', group.mutate.map((file) => `src/errors/${file}`).join(','), ...strykerOptions];
  const env = { ...process.env, STRYKER_TESTS: group.tests.map((file) => `test/${file}`).join(','), STRYKER_REPORT: name };
  console.log(`\n== ${name}: ${group.mutate.length} source files, ${group.tests.length} test files`);
  spawnSync('npx', args, { cwd: root, env, stdio: 'inherit' });
  return existsSync(report);
}

function summarise(names: readonly string[]): number {
  const detected = new Set(['Killed', 'Timeout']);
  const scored = new Set([...detected, 'Survived', 'NoCoverage']);
  const lines = ['| group | score | killed | timeout | survived | no coverage |', '|---|---|---|---|---|---|'];
  const survivors: string[] = [];
  let allDetected = 0;
  let allScored = 0;
  for (const name of names) {
    const file = join(reportDir, `${name}.json`);
    if (!existsSync(file)) {
      lines.push(`| ${name} | no report | | | | |`);
      continue;
    }
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const count: Record<string, number> = {};
    for (const [path, { mutants }] of Object.entries(report.files)) {
      for (const mutant of mutants) {
        count[mutant.status] = (count[mutant.status] ?? 0) + 1;
        if (mutant.status === 'Survived' || mutant.status === 'NoCoverage') {
          survivors.push(`${path}:${mutant.location.start.line} ${mutant.mutatorName} ${JSON.stringify(mutant.replacement ?? '')}`);
        }
      }
    }
    const sum = (statuses: Set<string>): number => [...statuses].reduce((total, status) => total + (count[status] ?? 0), 0);
    allDetected += sum(detected);
    allScored += sum(scored);
    const score = ((100 * sum(detected)) / Math.max(1, sum(scored))).toFixed(2);
    lines.push(
      `| ${name} | ${score}% | ${count.Killed ?? 0} | ${count.Timeout ?? 0} | ${count.Survived ?? 0} | ${count.NoCoverage ?? 0} |`,
    );
  }
  const total = (100 * allDetected) / Math.max(1, allScored);
  lines.push(`| **all** | **${total.toFixed(2)}%** | | | | |`, '', 'Survivors:', ...survivors.map((line) => `- ${line}`));
  const summary = lines.join('\n');
  writeFileSync(join(reportDir, 'summary.md'), `${summary}\n`);
  console.log(`\n${summary}\n\nreports/mutation/summary.md, one html report per group beside it`);
  return total;
}

checkGroupsCoverEverything();
// Group names, then any of Stryker's own options: `npm run test:mutation -- core --timeoutMS 60000`.
const firstOption = process.argv.findIndex((arg, index) => index > 1 && arg.startsWith('--'));
const asked = process.argv.slice(2, firstOption === -1 ? undefined : firstOption);
const strykerOptions = firstOption === -1 ? [] : process.argv.slice(firstOption);
const unknown = asked.filter((name) => !(name in groups));
if (unknown.length > 0) throw new Error(`unknown group ${unknown.join(', ')}; groups: ${Object.keys(groups).join(', ')}`);
const names = asked.length > 0 ? asked : Object.keys(groups);
const failed = names.filter((name) => !runGroup(name, groups[name]!, strykerOptions));
// The summary sums the latest report of every group, so rerunning one updates its line.
const total = summarise(Object.keys(groups));
if (failed.length > 0 || total < breakAt) {
  console.error(failed.length > 0 ? `no report from ${failed.join(', ')}` : `mutation score under ${breakAt}%`);
  process.exitCode = 1;
}
