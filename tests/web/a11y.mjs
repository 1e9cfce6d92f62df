// Accessibility checks in a real headless Chromium: axe-core (WCAG 2.0, 2.1
// and 2.2, levels A and AA) on pages of every template type in every
// language, and keyboard access to the skip link, the language switcher and
// the search box. Usage: node a11y.mjs BASE_URL SITE_DIR
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const base = process.argv[2];
const siteDir = process.argv[3];
const axePath = require.resolve("axe-core/axe.min.js");

// Every page of the site, from the sitemap (paths only), plus the chooser and 404.
const sitemap = fs.readFileSync(path.join(siteDir, "sitemap.xml"), "utf8");
const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
paths.push("/404.html");

// Pick, per language and per kind of page (<body class="kind-…">), the first two pages.
const chosen = new Map();
for (const p of [...new Set(paths)]) {
  const file = path.join(siteDir, p.endsWith("/") ? p + "index.html" : p);
  if (!file.endsWith(".html") || !fs.existsSync(file)) continue;
  const html = fs.readFileSync(file, "utf8");
  const kind = (html.match(/<body class="kind-([a-z0-9-]+)"/) || [])[1] || "unknown";
  const lang = (html.match(/<html lang="([^"]+)"/) || [])[1] || "?";
  const key = `${lang} ${kind}`;
  const list = chosen.get(key) || [];
  if (list.length < 2) {
    list.push(p);
    chosen.set(key, list);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const context = await browser.newContext();
let failures = 0;
const kinds = new Map();
for (const [key, list] of [...chosen.entries()].sort()) {
  for (const p of list) {
    const page = await context.newPage();
    await page.goto(base + p, { waitUntil: "load" });
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } }),
    );
    for (const v of result.violations) {
      failures++;
      console.log(`VIOLATION ${p} [${v.impact}] ${v.id}: ${v.help}`);
      for (const n of v.nodes.slice(0, 5)) console.log(`    at ${n.target.join(" ")}`);
    }
    kinds.set(key, (kinds.get(key) || 0) + 1);
    await page.close();
  }
}
console.log("axe: pages checked per language and kind:");
for (const [k, n] of kinds) console.log(`  ${k}: ${n}`);

// Keyboard: skip link first, then the language switcher leads to the same page in the other language.
const casePage = [...chosen.entries()].find(([k]) => k.endsWith(" case"));
if (casePage) {
  const page = await context.newPage();
  const start = casePage[1][0];
  await page.goto(base + start);
  await page.keyboard.press("Tab");
  const skip = await page.evaluate(() => {
    const el = document.activeElement;
    const r = el.getBoundingClientRect();
    return { cls: el.className, visible: r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0 };
  });
  if (skip.cls !== "skip-link" || !skip.visible) {
    failures++;
    console.log(`KEYBOARD ${start}: the first Tab does not focus a visible skip link (${JSON.stringify(skip)})`);
  }
  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => !!document.activeElement.closest("nav.lang-switcher") && document.activeElement.tagName === "A");
  }
  if (!reached) {
    failures++;
    console.log(`KEYBOARD ${start}: the language switcher cannot be reached with Tab`);
  } else {
    const target = await page.evaluate(() => document.activeElement.getAttribute("href"));
    await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
    const now = new URL(page.url()).pathname;
    if (now !== target || now === start || now.split("/").filter(Boolean).length < 3) {
      failures++;
      console.log(`KEYBOARD ${start}: the switcher went to ${now}, expected the same page in the other language (${target})`);
    } else {
      console.log(`keyboard: ${start} -> ${now} through the language switcher`);
    }
  }
  await page.close();
}
const search = [...chosen.entries()].find(([k]) => k.endsWith(" search"));
if (search) {
  const page = await context.newPage();
  await page.goto(base + search[1][0]);
  let reached = false;
  for (let i = 0; i < 20 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement.id === "search-input");
  }
  const label = await page.evaluate(() => {
    const input = document.getElementById("search-input");
    return input && input.labels && input.labels.length ? input.labels[0].textContent.trim() : "";
  });
  if (!reached || !label) {
    failures++;
    console.log(`KEYBOARD ${search[1][0]}: the search box is not reachable by Tab or has no label`);
  } else {
    await page.keyboard.type(search[0].startsWith("es") ? "cooperacion" : "cooperation");
    await page.waitForSelector("#search-results li", { timeout: 5000 }).catch(() => {});
    const n = await page.locator("#search-results li").count();
    if (n === 0) {
      failures++;
      console.log(`SEARCH ${search[1][0]}: typing a word found nothing`);
    } else {
      console.log(`keyboard: search box reached and labelled; ${n} results`);
    }
  }
  await page.close();
} else {
  console.log("no search page yet");
}
await browser.close();
if (failures) {
  console.log(`a11y: ${failures} problem(s)`);
  process.exit(1);
}
console.log("a11y: no violations");
