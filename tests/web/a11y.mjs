// Accessibility checks of a built site in a real headless Chromium.
//   node a11y.mjs BASE_URL SITE_DIR
// BASE_URL is where SITE_DIR is served (see serve.mjs), e.g. http://127.0.0.1:8080/
//
// 1. axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on representative pages of
//    every template type in every language. Pages are discovered from the site:
//    sitemap.xml, /index.html, /404.html and every other .html file of the folder
//    (pages left out of the sitemap, such as notices of a missing translation).
//    Each page says its template in <body class="kind-XXX">; for each language
//    the first two pages of every kind are checked (every page of kind "page"),
//    so a new template type is covered as soon as the site has such a page.
//    Each page is checked at a desktop width and at 320 CSS pixels (reflow,
//    WCAG 1.4.10: no horizontal scrolling of the whole page). Broken
//    subresources (a stylesheet or script that does not load) and script errors
//    count as failures too.
// 2. Keyboard, on a case page of each language: the first Tab focuses a visible
//    skip link that moves the focus to the main content; Tab reaches the
//    language switcher, and Enter on it opens the same page in the other language.
// 3. The search page of each language, if the site has one: its box is reached by
//    Tab, has an accessible name, and typing a word shows (and announces) results.
//
// Exits 1 on any failure, after a summary.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { launch, context, open as openIn, overflow as overflowOf } from "./browser.mjs";
import { discover } from "./pages.mjs";

const require = createRequire(import.meta.url);
const [baseArg, siteArg] = process.argv.slice(2);
if (!baseArg || !siteArg) {
  console.error("usage: node a11y.mjs BASE_URL SITE_DIR");
  process.exit(2);
}
const base = baseArg.endsWith("/") ? baseArg : baseArg + "/";
const siteDir = path.resolve(siteArg);
const axePath = require.resolve("axe-core/axe.min.js");
const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const desktop = { width: 1280, height: 800 };
const narrow = { width: 320, height: 640 };
const perKind = (kind) => (kind === "page" ? Infinity : 2);

// A hung browser must not hang CI.
const limitMinutes = Number(process.env.A11Y_TIMEOUT_MINUTES || 15);
setTimeout(() => {
  console.log(`a11y: FAILED: still running after ${limitMinutes} minutes`);
  process.exit(1);
}, limitMinutes * 60000).unref();

const failures = [];
function fail(kind, where, message) {
  failures.push({ kind, where, message });
  console.log(`FAIL [${kind}] ${where}\n    ${message.replace(/\n/g, "\n    ")}`);
}

// ---------------------------------------------------------------------------
// Discovery

const { ordered, unmapped, locs, sitemapXml, siteBase, read, attr, links, fileOf, relOf } = discover(siteDir);
if (!sitemapXml) fail("discovery", "sitemap.xml", "the site has no sitemap.xml");
// A local URL (on the test server) as a site-relative path.
const localRel = (url) => decodeURIComponent(new URL(url).pathname).slice(new URL(base).pathname.length);
for (const rel of unmapped) fail("discovery", rel || "/", `the sitemap lists ${siteBase}${rel}, which is not in the folder`);

// Pick the pages to check: per language and kind, the first ones.
const chosen = new Map(); // "lang kind" -> pages
for (const p of ordered) {
  const key = `${p.lang} ${p.kind}`;
  const list = chosen.get(key) || [];
  if (list.length < perKind(p.kind)) list.push(p);
  chosen.set(key, list);
}
const totals = new Map();
for (const p of ordered) totals.set(`${p.lang} ${p.kind}`, (totals.get(`${p.lang} ${p.kind}`) || 0) + 1);

// The kinds that every site has: the home and the listing of cases in every language,
// the page at the root (a chooser of languages when there are several) and the 404 page.
const languages = [...new Set(ordered.filter((p) => p.kind === "home").map((p) => p.lang))].sort();
if (!languages.length) fail("discovery", "/", "no page of kind home (<body class=\"kind-home\">) was found");
for (const lang of languages) {
  for (const kind of ["home", "cases"]) {
    if (!chosen.has(`${lang} ${kind}`)) fail("discovery", lang, `no page of kind ${kind} in ${lang}`);
  }
  if ((totals.get(`${lang} case`) || 0) < 2) console.log(`note: fewer than two case pages in ${lang}`);
}
if (!fileOf("")) fail("discovery", "/", "the site has no /index.html");
if (!fileOf("404.html")) fail("discovery", "/404.html", "the site has no /404.html");
if (languages.length > 1 && !ordered.some((p) => p.kind === "chooser")) console.log("note: no language chooser page (kind-chooser)");
if (!ordered.some((p) => p.kind === "untranslated")) console.log("note: no page of kind untranslated in this site");

// ---------------------------------------------------------------------------
// Browser

const browser = await launch();
const desktopContext = await context(browser, desktop, base);
const narrowContext = await context(browser, narrow, base);

// Opens a page, collecting script errors and failed subresources.
const open = (ctx, rel) => openIn(ctx, base, rel);

async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) await page.addScriptTag({ path: axePath });
  return page.evaluate(
    async (tags) =>
      // eslint-disable-next-line no-undef
      (await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        targets: v.nodes.map((n) => n.target.join(" ")),
        summary: v.nodes[0]?.failureSummary || "",
      })),
    axeTags,
  );
}

function report(violations, where) {
  for (const v of violations) {
    const shown = v.targets.slice(0, 8).map((t) => `at ${t}`);
    if (v.targets.length > 8) shown.push(`... and ${v.targets.length - 8} more`);
    fail("axe", where, `${v.id} (${v.impact}): ${v.help}\n${shown.join("\n")}\n${v.summary.split("\n").slice(0, 3).join(" ")}\n${v.helpUrl}`);
  }
}

// One page at both widths. A violation found at both is reported once.
async function checkPage(p) {
  const url = base + p.rel;
  let wide;
  {
    const { page, problems } = await open(desktopContext, p.rel);
    for (const m of problems) fail("load", url, m);
    wide = await axe(page);
    await page.close();
  }
  const { page } = await open(narrowContext, p.rel);
  const overflow = await overflowOf(page);
  if (overflow) fail("reflow", url, `at ${narrow.width} CSS px the page scrolls sideways (${overflow.scrollWidth}px wide): ${overflow.out.join(", ") || "?"}`);
  const small = await axe(page);
  await page.close();
  const key = (v) => `${v.id} ${v.targets.join(",")}`;
  const wideKeys = new Set(wide.map(key));
  const smallKeys = new Set(small.map(key));
  report(
    [
      ...wide.map((v) => (smallKeys.has(key(v)) ? v : { ...v, help: `${v.help} (at ${desktop.width}px wide only)` })),
      ...small.filter((v) => !wideKeys.has(key(v))).map((v) => ({ ...v, help: `${v.help} (at ${narrow.width}px wide only)` })),
    ],
    url,
  );
}

const checked = new Map();
const queue = [...chosen.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([key, list]) => list.map((p) => ({ key, p })));
async function worker() {
  for (let item = queue.shift(); item; item = queue.shift()) {
    try {
      await checkPage(item.p);
    } catch (e) {
      fail("error", base + item.p.rel, String(e?.stack || e));
    }
    checked.set(item.key, (checked.get(item.key) || 0) + 1);
  }
}
console.log(`axe-core ${JSON.parse(fs.readFileSync(require.resolve("axe-core/package.json"), "utf8")).version}, tags ${axeTags.join(" ")}; ${ordered.length} pages found, checking ${[...chosen.values()].reduce((a, l) => a + l.length, 0)} at ${desktop.width}px and ${narrow.width}px`);
await Promise.all([worker(), worker()]);

// ---------------------------------------------------------------------------
// Keyboard

const alternates = (html) => {
  const map = {};
  for (const l of links(html)) if (l.rel === "alternate" && l.hreflang && l.href) map[l.hreflang] = relOf(l.href);
  return map;
};

async function keyboardOnCase(p) {
  const where = base + p.rel;
  // The first Tab focuses the skip link, visible; Enter moves the focus to the main content.
  {
    const { page } = await open(desktopContext, p.rel);
    await page.keyboard.press("Tab");
    const skip = await page.evaluate(() => {
      const el = document.activeElement;
      const r = el.getBoundingClientRect();
      const href = el.getAttribute("href") || "";
      return {
        tag: el.tagName.toLowerCase(),
        cls: typeof el.className === "string" ? el.className : "",
        href,
        text: el.textContent.trim(),
        target: href.startsWith("#") && !!document.getElementById(decodeURIComponent(href.slice(1))),
        box: { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height },
        inside: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth,
      };
    });
    if (skip.tag !== "a" || !skip.href.startsWith("#") || !skip.target) {
      fail("keyboard", where, `the first Tab focuses <${skip.tag} class="${skip.cls}" href="${skip.href}">, not a link to the main content (a skip link)`);
    } else if (!skip.inside) {
      fail("keyboard", where, `the skip link "${skip.text}" is focused but not visible in the viewport: ${JSON.stringify(skip.box)}`);
    } else {
      await page.keyboard.press("Enter");
      const moved = await page.evaluate((id) => {
        const target = document.getElementById(id);
        return !!target && (document.activeElement === target || target.contains(document.activeElement));
      }, decodeURIComponent(skip.href.slice(1)));
      if (!moved) fail("keyboard", where, `Enter on the skip link does not move the focus to ${skip.href} (give it tabindex="-1")`);
      else console.log(`keyboard: ${p.rel}: first Tab focuses the visible skip link "${skip.text}", Enter moves the focus to ${skip.href}`);
    }
    await page.close();
  }
  // Tab reaches the language switcher; Enter opens the same page in the other language.
  {
    const { page } = await open(desktopContext, p.rel);
    let link = null;
    for (let i = 0; i < 60 && !link; i++) {
      await page.keyboard.press("Tab");
      link = await page.evaluate(() => {
        const el = document.activeElement;
        return el && el.matches("nav.lang-switcher a") ? { href: el.getAttribute("href"), hreflang: el.getAttribute("hreflang"), presses: 0 } : null;
      });
      if (link) link.presses = i + 1;
    }
    if (!link) {
      fail("keyboard", where, "the language switcher (nav.lang-switcher a) cannot be reached with Tab");
    } else {
      const expected = alternates(p.html)[link.hreflang];
      await Promise.all([page.waitForURL((u) => u.href !== base + p.rel, { timeout: 10000 }), page.keyboard.press("Enter")]);
      const now = localRel(page.url());
      const landed = await page.evaluate(() => ({ lang: document.documentElement.lang, kind: (document.body.className.match(/kind-(\S+)/) || [])[1] }));
      if (expected === undefined) {
        fail("keyboard", where, `the page has no <link rel="alternate" hreflang="${link.hreflang}"> for its switcher link to ${link.href}`);
      } else if (now !== expected || landed.lang !== link.hreflang || landed.kind !== p.kind) {
        fail("keyboard", where, `Enter on the language switcher opened /${now} (lang ${landed.lang}, kind ${landed.kind}); expected the same page in ${link.hreflang}: /${expected}`);
      } else {
        console.log(`keyboard: ${p.rel}: Tab ×${link.presses} reaches the language switcher, Enter opens /${now}`);
      }
    }
    await page.close();
  }
}

async function searchPage(p) {
  const where = base + p.rel;
  const { page, problems } = await open(desktopContext, p.rel);
  for (const m of problems) fail("load", where, m);
  const reportedProblems = problems.length;
  let reached = null;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => {
      const el = document.activeElement;
      return el && el.matches('input[type="search"], input:not([type]), input[type="text"]') ? el.id || el.name || "input" : null;
    });
  }
  if (!reached) {
    fail("search", where, "no search box is reached by Tab");
    await page.close();
    return;
  }
  // The accessible name, as Chromium computes it for assistive technologies.
  await page.evaluate(() => document.activeElement.setAttribute("data-a11y-probe", ""));
  const cdp = await page.context().newCDPSession(page);
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: "[data-a11y-probe]" });
  const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
  await cdp.detach();
  await page.evaluate(() => document.activeElement.removeAttribute("data-a11y-probe"));
  const name = (nodes[0]?.name?.value || "").trim();
  if (!name) {
    fail("search", where, `the search box (${reached}) has no accessible name (a <label>)`);
  } else {
    console.log(`search: ${p.rel}: the search box is reached by Tab, accessible name "${name}"`);
  }
  // Typing a word of the title of a case of the same language shows results.
  const casePage = (chosen.get(`${p.lang} case`) || [])[0];
  const title = casePage ? attr(casePage.html, /<h1[^>]*>([^<]+)</) || "" : "";
  const word = title.split(/[^\p{L}\p{N}]+/u).sort((a, b) => b.length - a.length)[0];
  const hasList = await page.evaluate(() => !!document.getElementById("search-results"));
  if (word && hasList) {
    await page.keyboard.type(word);
    const found = await page
      .waitForFunction(() => document.querySelectorAll("#search-results li").length > 0, null, { timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    const status = await page.evaluate(() => document.querySelector('[role="status"], [aria-live]')?.textContent.trim() || "");
    if (!found) fail("search", where, `typing "${word}" shows no results`);
    else {
      const n = await page.locator("#search-results li").count();
      if (!status) fail("search", where, "the results are not announced: no role=\"status\" (aria-live) region says how many were found");
      console.log(`search: ${p.rel}: typing "${word}" shows ${n} results ("${status}")`);
      report((await axe(page)).map((v) => ({ ...v, help: `${v.help} (with search results shown)` })), where);
    }
  }
  // Script errors or failed loads while searching.
  for (const m of problems.slice(reportedProblems)) fail("load", where, m);
  await page.close();
}

for (const lang of languages) {
  const first = (chosen.get(`${lang} case`) || [])[0];
  if (first) await keyboardOnCase(first).catch((e) => fail("error", base + first.rel, String(e?.stack || e)));
  else fail("keyboard", lang, `no case page in ${lang} to check the keyboard on`);
}
const searches = languages.map((l) => (chosen.get(`${l} search`) || [])[0]).filter(Boolean);
if (!searches.length) console.log("no search page yet");
for (const p of searches) await searchPage(p).catch((e) => fail("error", base + p.rel, String(e?.stack || e)));

await browser.close();

// ---------------------------------------------------------------------------
// Summary

console.log("\npages checked with axe-core per language and kind (checked/found):");
for (const [key] of [...chosen.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
  console.log(`  ${key.padEnd(24)} ${checked.get(key) || 0}/${totals.get(key)}`);
}
const byKind = new Map();
for (const f of failures) byKind.set(f.kind, (byKind.get(f.kind) || 0) + 1);
if (failures.length) {
  console.log(`\na11y: ${failures.length} failure(s): ${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  process.exit(1);
}
console.log(`\na11y: ${[...checked.values()].reduce((a, b) => a + b, 0)} pages, no violations; keyboard and search checks passed`);
