/**
 * The stylesheet of the HTML status page, inlined in its `<style>` element (the page loads nothing).
 *
 * Colours meet WCAG 2.2 AA contrast (4.5:1 for text, 3:1 for focus rings and borders that carry
 * meaning) in both schemes; `prefers-color-scheme: dark` switches to the dark one. Long codes and
 * JSON wrap instead of scrolling, so no region needs to be scrolled with a keyboard.
 */
export const STATUS_PAGE_CSS = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #4a5360; --link: #0b57d0; --visited: #6b3fa0;
  --border: #c9d1d9; --code-bg: #f2f4f7; --head-bg: #eef1f4; --focus: #0b57d0;
  --yes-fg: #0f5132; --yes-bg: #d7eee2; --target: #fff8c5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1419; --fg: #e6e8eb; --muted: #aab3bf; --link: #8ab4f8; --visited: #c9a7f5;
    --border: #3d4651; --code-bg: #1b222b; --head-bg: #1b222b; --focus: #8ab4f8;
    --yes-fg: #a6e3b8; --yes-bg: #143623; --target: #2b2a12;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { background: var(--bg); color: var(--fg); font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; }
body { margin: 0; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:visited { color: var(--visited); }
a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; overflow-wrap: anywhere; }
pre { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem 1rem; white-space: pre-wrap; overflow-wrap: anywhere; }
pre code { background: none; padding: 0; }
code.id { overflow-wrap: normal; }
.skip { position: absolute; left: 0.5rem; top: -3rem; background: var(--bg); padding: 0.5rem 0.75rem; border: 2px solid var(--focus); }
.skip:focus { top: 0.5rem; }
.layout { max-width: 78rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
header p, .muted { color: var(--muted); }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 0.75rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 1rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.25rem; margin: 0 0 0.75rem; }
h4 { font-size: 1rem; margin: 1.25rem 0 0.5rem; }
nav h2 { font-size: 1.1rem; margin-top: 0; }
nav ol { margin: 0; padding-left: 1.25rem; }
nav ol ol { columns: 2 12rem; padding-left: 1rem; }
nav li { margin: 0.15rem 0; }
section.status { border: 1px solid var(--border); border-radius: 8px; padding: 1rem 1.25rem; margin: 1.25rem 0; scroll-margin-top: 1rem; }
section.status:target, tr:target { background: var(--target); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.35rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid var(--border); padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: var(--head-bg); }
tbody th { font-weight: 600; }
.yes { color: var(--yes-fg); background: var(--yes-bg); padding: 0.05em 0.45em; border-radius: 4px; font-weight: 600; }
.top { margin: 0.75rem 0 0; font-size: 0.9rem; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.9rem; }
@media (max-width: 40rem) {
  .layout { padding: 1rem 0.75rem 2rem; }
  section.status { padding: 0.75rem; }
  th, td { padding: 0.35rem 0.4rem; }
}
@media (min-width: 64rem) {
  .layout { display: grid; grid-template-columns: 17rem minmax(0, 1fr); gap: 0 2.5rem; }
  header, footer { grid-column: 1 / -1; }
  nav { position: sticky; top: 0; align-self: start; max-height: 100vh; overflow-y: auto; padding: 1rem 0; }
  nav ol ol { columns: auto; }
  main h2:first-child { margin-top: 1rem; }
}
@media print {
  nav, .skip, .top { display: none; }
  section.status { break-inside: avoid; }
}
`;
