import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import type * as Axe from 'axe-core';
import type { AxeResults } from 'axe-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ERROR_STATUSES } from '../../src';
import { buildStatusReference, renderStatusReferenceHtml } from '../../src/openapi';
import { appErrors } from '../../examples/errors';
import { launchChromium } from './chromium';
import { analyseScreenshot, pngSize, type ScreenshotStats } from './screenshot';

// The generated status page (`express-api-errors docs --format html`) in headless Chromium: read
// with JavaScript off as a file, screenshotted, and checked by axe-core in both colour schemes.
const BASELINE = join(__dirname, '__screenshots__', 'status-page-light.png');
const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const VIEWPORT = { width: 1280, height: 800 };
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const directory = mkdtempSync(join(tmpdir(), 'status-page-'));
const file = join(directory, 'status-codes.html');
writeFileSync(file, renderStatusReferenceHtml(buildStatusReference({ codes: appErrors })));
const url = pathToFileURL(file).href;

let browser: Browser;
let noScript: BrowserContext; // how the page is read: JavaScript off, as the page needs none
let tools: Page; // a scratch page with JavaScript, to decode screenshots

beforeAll(async () => {
  browser = await launchChromium();
  noScript = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORT, colorScheme: 'light' });
  tools = await (await browser.newContext()).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  rmSync(directory, { recursive: true, force: true });
});

async function screenshot(colorScheme: 'light' | 'dark'): Promise<{ png: Buffer; stats: ScreenshotStats }> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: VIEWPORT, colorScheme });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const png = await page.screenshot();
    return { png, stats: await analyseScreenshot(tools, png) };
  } finally {
    await context.close();
  }
}

describe('the HTML status page in Chromium, JavaScript off', () => {
  test('renders: a 1280×800 PNG, mostly light background with dark text, many colours, not blank', async () => {
    const { png, stats } = await screenshot('light');
    expect(pngSize(png)).toEqual(VIEWPORT);
    expect(stats).toMatchObject(VIEWPORT);
    expect(stats.luminance).toBeGreaterThan(200);
    expect(stats.ink).toBeGreaterThan(0.03); // text, borders, code backgrounds
    expect(stats.ink).toBeLessThan(0.5);
    expect(stats.colors).toBeGreaterThan(50); // anti-aliased text in several colours, not a flat page
    if (UPDATE) {
      mkdirSync(join(__dirname, '__screenshots__'), { recursive: true });
      writeFileSync(BASELINE, png);
    }
  }, 60_000);

  test('looks like the stored screenshot, loosely (cell by cell luminance), so layout regressions show', async () => {
    if (!existsSync(BASELINE)) throw new Error(`No baseline at ${BASELINE}: run UPDATE_SCREENSHOTS=1 npx jest test/browser/status-page`);
    const [{ stats }, baseline] = await Promise.all([screenshot('light'), analyseScreenshot(tools, readFileSync(BASELINE))]);
    const differences = stats.grid.map((value, index) => Math.abs(value - baseline.grid[index]!));
    const mean = differences.reduce((sum, value) => sum + value, 0) / differences.length;
    const worst = Math.max(...differences);
    // Text edits move a few grey levels; a lost stylesheet or a broken layout moves tens.
    expect(mean).toBeLessThan(4);
    expect(worst).toBeLessThan(40);
  }, 60_000);

  test('dark mode: the same page, dark background, light text', async () => {
    const { stats } = await screenshot('dark');
    expect(stats.luminance).toBeLessThan(60);
    expect(stats.ink).toBeGreaterThan(0.03);
  }, 60_000);

  test('no script at all, and the table of contents works by anchors alone', async () => {
    const page = await noScript.newPage();
    await page.goto(url);
    expect(
      await page.evaluate(() => ({ scripts: document.scripts.length, lang: document.documentElement.lang, title: document.title })),
    ).toEqual({
      scripts: 0,
      lang: 'en',
      title: 'Status codes',
    });
    const links = await page.locator('nav a').count();
    expect(links).toBe(ERROR_STATUSES.length + 4); // summary, 4xx, 5xx, every code
    await page.getByRole('navigation').getByRole('link', { name: '429 Too Many Requests' }).click();
    expect(new URL(page.url()).hash).toBe('#status-429');
    const section = await page.locator('#status-429').boundingBox();
    expect(section?.y).toBeGreaterThanOrEqual(0);
    expect(section?.y).toBeLessThan(50); // scrolled to the top of the viewport
    await expect(page.locator('#status-429 h3').textContent()).resolves.toBe('429 Too Many Requests');
    await page.close();
  }, 60_000);

  test('headings, landmarks and tables as a screen reader gets them', async () => {
    const page = await noScript.newPage();
    await page.goto(url);
    expect(await page.getByRole('heading', { level: 1 }).allTextContents()).toEqual(['Status codes']);
    expect(await page.getByRole('heading', { level: 3 }).count()).toBe(ERROR_STATUSES.length);
    await expect(page.getByRole('main').count()).resolves.toBe(1);
    await expect(page.getByRole('navigation', { name: 'Contents' }).count()).resolves.toBe(1);
    const summary = page.getByRole('table', { name: 'Every status, its default code and whether a client may retry it' });
    expect(await summary.getByRole('columnheader').allTextContents()).toEqual(['Status', 'Name', 'Code', 'Retryable']);
    expect(await summary.getByRole('rowheader').count()).toBe(ERROR_STATUSES.length);
    const headers = page.locator('#status-401').getByRole('table', { name: 'Headers' });
    expect(await headers.getByRole('row').allInnerTexts()).toEqual([
      'Header\tRequirement\tExample',
      'WWW-Authenticate\tMUST\tBearer realm="api"',
    ]);
    await page.close();
  }, 60_000);
});

describe('axe-core on the HTML status page', () => {
  async function axe(page: Page, rules?: string[]): Promise<AxeResults> {
    await page.evaluate(AXE_SOURCE);
    return page.evaluate(
      (only) =>
        (window as unknown as { axe: typeof Axe }).axe.run(document, {
          resultTypes: ['violations'],
          ...(only === undefined ? {} : { runOnly: only }),
        }),
      rules,
    );
  }

  const serious = (results: AxeResults) =>
    results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => `${violation.impact} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);

  async function audit(colorScheme: 'light' | 'dark', rules?: string[]): Promise<AxeResults> {
    // bypassCSP: the page's policy forbids scripts, axe included.
    const context = await browser.newContext({ viewport: VIEWPORT, colorScheme, bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(url);
      return await axe(page, rules);
    } finally {
      await context.close();
    }
  }

  test('every rule, light scheme: no serious or critical violation; contrast and structure rules applied', async () => {
    const results = await audit('light');
    expect(serious(results)).toEqual([]);
    const applied = [...results.passes, ...results.violations].map((rule) => rule.id);
    expect(applied).toEqual(
      expect.arrayContaining([
        'color-contrast',
        'html-has-lang',
        'document-title',
        'landmark-one-main',
        'heading-order',
        'scope-attr-valid',
        'th-has-data-cells',
      ]),
    );
  }, 90_000);

  test('dark scheme: colour contrast holds too (the scheme changes colours only)', async () => {
    const results = await audit('dark', ['color-contrast']);
    expect(serious(results)).toEqual([]);
    expect(results.passes.map((rule) => rule.id)).toEqual(['color-contrast']);
  }, 90_000);

  test('the check can fail: a page without lang, with low contrast and an unlabelled image has serious violations', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.setContent(
        '<!DOCTYPE html><html><head><title>x</title></head><body><main><p style="color:#bbb;background:#fff">faint</p><img src="data:,"></main></body></html>',
      );
      const found = serious(await axe(page)).map((line) => line.split(':')[0]);
      expect(found).toEqual(expect.arrayContaining(['serious html-has-lang', 'serious color-contrast', 'critical image-alt']));
    } finally {
      await context.close();
    }
  }, 60_000);
});

describe('escaping, seen by the browser', () => {
  // The HTML parser normalizes CR and NUL and re-encodes lone surrogates, so the inputs are
  // markup-heavy fragments rather than any string: what matters is that none becomes markup.
  const fragment = fc.oneof(
    fc.constantFrom(
      '<',
      '>',
      '&',
      '"',
      "'",
      '=',
      '/',
      '</td>',
      '</title>',
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '&amp;',
      '&lt;',
      '&#39;',
      ' onclick="x"',
      '<!--',
      ']]>',
    ),
    fc.string({ unit: 'grapheme-ascii', maxLength: 6 }).map((text) => text.replace(/[\r\0`]/g, '')),
    fc.constantFrom('é', '日本', '😀', ' ', '\n'),
  );
  const hostile = fc.array(fragment, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

  test('any title and app message reach the page as text: same text back, no element or handler added', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await fc.assert(
        fc.asyncProperty(hostile, hostile, async (title, message) => {
          const reference = buildStatusReference({
            codes: { hostile_code: { status: 400, message, description: message } },
            libraryCodes: false,
          });
          await page.setContent(renderStatusReferenceHtml(reference, { title }));
          const seen = await page.evaluate(() => ({
            title: document.querySelector('title')?.textContent,
            h1: document.querySelector('h1')?.textContent,
            message: document.querySelector('#code-hostile_code td:nth-of-type(2)')?.textContent,
            scripts: document.querySelectorAll('script, img, iframe').length,
            handlers: Array.from(document.querySelectorAll('*')).filter((element) =>
              Array.from(element.attributes).some((attribute) => attribute.name.startsWith('on')),
            ).length,
          }));
          expect(seen).toEqual({ title, h1: title, message, scripts: 0, handlers: 0 });
        }),
        { numRuns: 25 },
      );
    } finally {
      await context.close();
    }
  }, 120_000);
});
