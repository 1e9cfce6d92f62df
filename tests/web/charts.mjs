// The charts of every indicator page of a built site, in every language, at
// 320 and 1280 CSS pixels, in headless Chromium (chart-check.mjs: no text
// cut, no two labels of the time axis overlapping, no text under 11 px).
//   node charts.mjs BASE_URL SITE_DIR
// Prints the labels shown on each chart; exits 1 on any problem.
import { launch, context, open } from "./browser.mjs";
import { discover } from "./pages.mjs";
import { chartProblems, shownLabels } from "./chart-check.mjs";

const [baseArg, siteArg] = process.argv.slice(2);
if (!baseArg || !siteArg) {
  console.error("usage: node charts.mjs BASE_URL SITE_DIR");
  process.exit(2);
}
const base = baseArg.endsWith("/") ? baseArg : baseArg + "/";
const { ordered } = discover(siteArg);
const pages = ordered.filter((p) => p.kind === "indicator");
let failures = 0;
let charts = 0;
if (!pages.length) {
  console.log("FAIL [charts] the site has no indicator page");
  failures++;
}
const browser = await launch();
for (const width of [320, 1280]) {
  const ctx = await context(browser, { width, height: 800 }, base);
  for (const p of pages) {
    const where = `${base}${p.rel} at ${width}px`;
    const { page, problems } = await open(ctx, base, p.rel);
    const found = [...problems, ...(await chartProblems(page))];
    const labels = await shownLabels(page);
    if (!labels.length) found.push("no chart is shown");
    charts += labels.length;
    for (const m of found) console.log(`FAIL [charts] ${where}\n    ${m}`);
    failures += found.length;
    console.log(`charts: ${p.lang} ${width}px ${p.rel}: ${labels.join(" / ")}`);
    await page.close();
  }
  await ctx.close();
}
await browser.close();
console.log(`charts: ${charts} charts on ${pages.length} pages at 320 and 1280 px`);
if (failures) {
  console.log(`charts: FAILED: ${failures} problem(s)`);
  process.exit(1);
}
