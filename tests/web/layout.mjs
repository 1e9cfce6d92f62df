// The layout of a built site at phone and desktop widths, in headless Chromium.
//   node layout.mjs BASE_URL SITE_DIR SCREENSHOT_DIR
// BASE_URL is where SITE_DIR is served (see serve.mjs).
//
// For the first two languages of the site (the order of its home pages in the
// sitemap), one page of every template (<body class="kind-XXX">: home, cases,
// case, terms, term, indicators, indicator, dimension, agreements, agreement,
// actions, action, reports, report, report as presented, page, search, 404,
// untranslated, chooser…) is opened at 320, 390 and 1280 CSS pixels. Each is
// saved as a screenshot, SCREENSHOT_DIR/<width>/<lang>-<kind>.png (the top
// 6000 pixels of the page), for people to look at; and it fails when:
//   - at 320 and 390 px the page scrolls sideways (scrollWidth > width);
//   - a chart cuts a text, overlaps two labels of its time axis or draws a
//     text under 11 px (chart-check.mjs);
//   - the page has a script error or a subresource that does not load.
// Exits 1 on any failure, after a summary.
import fs from "node:fs";
import path from "node:path";
import { launch, context, open, overflow } from "./browser.mjs";
import { discover } from "./pages.mjs";
import { chartProblems } from "./chart-check.mjs";

const [baseArg, siteArg, shotsArg] = process.argv.slice(2);
if (!baseArg || !siteArg || !shotsArg) {
  console.error("usage: node layout.mjs BASE_URL SITE_DIR SCREENSHOT_DIR");
  process.exit(2);
}
const base = baseArg.endsWith("/") ? baseArg : baseArg + "/";
const shots = path.resolve(shotsArg);
const widths = [
  { width: 320, height: 640, reflow: true },
  { width: 390, height: 844, reflow: true },
  { width: 1280, height: 800, reflow: false },
];
const maxShotHeight = 6000;

const limitMinutes = Number(process.env.LAYOUT_TIMEOUT_MINUTES || 10);
setTimeout(() => {
  console.log(`layout: FAILED: still running after ${limitMinutes} minutes`);
  process.exit(1);
}, limitMinutes * 60000).unref();

const failures = [];
function fail(where, message) {
  failures.push(message);
  console.log(`FAIL [layout] ${where}\n    ${message.replace(/\n/g, "\n    ")}`);
}

const { ordered } = discover(siteArg);
const languages = [...new Set(ordered.filter((p) => p.kind === "home").map((p) => p.lang))].slice(0, 2);
if (!languages.length) fail("/", "no page of kind home was found");
const chosen = new Map(); // "lang kind" -> page
for (const p of ordered) {
  if (!languages.includes(p.lang)) continue;
  const key = `${p.lang}-${p.kind}`;
  if (!chosen.has(key)) chosen.set(key, p);
}
const kinds = [...new Set([...chosen.values()].map((p) => p.kind))].sort();
console.log(`layout: languages ${languages.join(", ")}; templates ${kinds.join(", ")}; widths ${widths.map((w) => w.width).join(", ")} px; screenshots in ${shots}`);

fs.rmSync(shots, { recursive: true, force: true });
const browser = await launch();
let taken = 0;
for (const size of widths) {
  const ctx = await context(browser, { width: size.width, height: size.height }, base);
  fs.mkdirSync(path.join(shots, String(size.width)), { recursive: true });
  for (const [key, p] of [...chosen.entries()].sort()) {
    const where = `${base}${p.rel} at ${size.width}px`;
    try {
      const { page, problems } = await open(ctx, base, p.rel);
      for (const m of problems) fail(where, m);
      if (size.reflow) {
        const over = await overflow(page);
        if (over) fail(where, `the page scrolls sideways (${over.scrollWidth}px wide for ${size.width}px): ${over.out.join(", ") || "?"}`);
      }
      for (const m of await chartProblems(page)) fail(where, m);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.screenshot({
        path: path.join(shots, String(size.width), `${key}.png`),
        fullPage: true,
        clip: { x: 0, y: 0, width: size.width, height: Math.min(height, maxShotHeight) },
      });
      taken++;
      await page.close();
    } catch (e) {
      fail(where, String(e?.stack || e));
    }
  }
  await ctx.close();
}
await browser.close();
console.log(`layout: ${chosen.size} pages × ${widths.length} widths, ${taken} screenshots`);
if (failures.length) {
  console.log(`layout: FAILED: ${failures.length} problem(s)`);
  process.exit(1);
}
