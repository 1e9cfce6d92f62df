// The editor of `memoria serve` in headless Chromium, as an author uses it.
//   node editor.mjs ADMIN_URL SCREENSHOT.png CASE_PATH
// Opens ADMIN_URL (http://127.0.0.1:PORT/admin/), logs in (the local
// backend has no password; the buttons are found by their words in the
// interface language the site's config.yml sets, read from Decap's own
// phrases, see editor-words.mjs), opens the first entry of the first collection,
// and takes a screenshot. Every request that would leave this computer is
// blocked and counted. It then changes the entry's first text field and
// publishes, takes the change back and publishes again. Then, from the
// editor's page, it saves CASE_PATH with
// an unknown country code through the editor's API, waits for the banner of
// build errors, saves the original text back and waits for the banner to go.
// Prints one line of JSON: what the Rust test (tests/editor_web.rs) checks.
import { chromium } from "playwright-core";
import { editorWords } from "./editor-words.mjs";

const [adminUrl, screenshot, casePath] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const loopback = new Set(["127.0.0.1", "localhost", "[::1]"]);
const report = { outside: [], requests: 0, problems: [], collections: 0, entries: 0, fields: 0 };

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === "http:" && loopback.has(url.hostname)) {
      report.requests += 1;
      return route.continue();
    }
    report.outside.push(route.request().url());
    return route.abort();
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource: .*404/.test(m.text())) {
      report.problems.push("console: " + m.text().slice(0, 300));
    }
  });
  page.on("pageerror", (e) => report.problems.push("page: " + e.message.slice(0, 300)));

  await page.goto(adminUrl);
  const words = await editorWords(page);
  report.locale = words.locale;
  await page.getByRole("button", { name: words.login, exact: true }).click({ timeout: 30000 });
  const collections = page.locator('a[href*="#/collections/"]');
  await collections.first().waitFor({ timeout: 30000 });
  report.collections = await collections.count();
  await collections.first().click();
  const entries = page.locator('a[href*="/entries/"]');
  await entries.first().waitFor({ timeout: 30000 });
  report.entries = await entries.count();
  await entries.first().click();
  const fields = page.locator("input, textarea, [contenteditable=true]");
  await fields.first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(1000);
  report.fields = await fields.count();
  await page.screenshot({ path: screenshot });

  // Saving through the editor: a change to the first text field, published,
  // then taken back and published again. The files are rewritten in the
  // editor's own layout; the Rust test checks the site is as before.
  const publish = async () => {
    await page.locator("[role=button], button", { hasText: words.publishExactly }).first().click({ timeout: 30000 });
    await page.getByText(words.publishNow, { exact: true }).first().click({ timeout: 30000 });
    await page.getByText(words.changesSaved, { exact: true }).first().waitFor({ timeout: 30000 });
  };
  const text = page.locator("input[type=text], input:not([type])").first();
  await text.click();
  await text.press("End");
  await text.type(" x");
  await publish();
  report.firstSave = await text.inputValue();
  // Decap still compares with the entry as first opened: open it again.
  await page.waitForTimeout(1500);
  await page.reload();
  await text.waitFor({ timeout: 30000 });
  await page.waitForTimeout(1000);
  await text.click();
  await text.press("End");
  await text.press("Backspace");
  await text.press("Backspace");
  await publish();
  report.secondSave = await text.inputValue();

  // A save that breaks the site, sent by the editor's own page.
  const banner = page.locator("#memoria-build-error");
  report.bannerBefore = await banner.isVisible();
  const save = (raw) =>
    page.evaluate(
      async ([path, raw]) => {
        const response = await fetch("/api/v1", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({
            action: "persistEntry",
            params: { branch: "main", dataFiles: [{ slug: "x", path, raw }], assets: [], options: {} },
          }),
        });
        return response.status;
      },
      [casePath, raw],
    );
  const original = await page.evaluate(async (path) => {
    const response = await fetch("/api/v1", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ action: "getEntry", params: { branch: "main", path } }),
    });
    return (await response.json()).data;
  }, casePath);
  report.brokenSave = await save(original.replace(/^country: [A-Z]{2}$/m, "country: ZZ"));
  await banner.waitFor({ state: "visible", timeout: 30000 });
  report.banner = await banner.textContent();
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-error.png") });
  report.fixedSave = await save(original);
  await banner.waitFor({ state: "hidden", timeout: 30000 });
  report.bannerAfter = await banner.isVisible();
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
