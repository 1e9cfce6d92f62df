// The editor of `memoria serve` in headless Chromium, driven through its
// forms as an author works, in the interface language config.yml sets.
//   node editor-e2e.mjs ADMIN_URL STEP SCREENSHOT_DIR
// STEP is one of:
//   new-case   take screenshots of the collection list; create a good
//              practice through the form in Spanish and in English (texts
//              in both columns, selects, a date, a relation to an indicator,
//              a list), screenshot the form at 1280 and 390 px wide, and
//              publish; then change the latest measurement of the indicator
//              "agreement-processing-days" to 77 and publish.
//   error      show the banner of build errors (a file saved with an
//              unknown country code through the editor's API) and take its
//              screenshot; put the file back and wait for the banner to go.
// (An entry opened and saved unchanged: Decap CMS 3.16 does not publish an
// entry whose values are those it opened, even after a letter is typed and
// deleted; editor.mjs saves a change and then takes it back, and
// tests/editor_web.rs checks the site is then byte for byte as before.)
// Every request that would leave this computer is blocked and counted.
// Prints one line of JSON: what tests/editor_web.rs checks.
import { chromium } from "playwright-core";
import { editorWords } from "./editor-words.mjs";

const [adminUrl, step, shots] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const loopback = new Set(["127.0.0.1", "localhost", "[::1]"]);
const report = { step, outside: [], requests: 0, problems: [], screenshots: [] };

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
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
  // After a save, Decap's text editor sometimes marks the entry changed
  // again (it writes the Markdown its own way), and leaving the page then
  // asks to confirm: what was published is saved, so leave.
  page.on("dialog", (d) => {
    report.dialogs = (report.dialogs ?? 0) + 1;
    return d.type() === "beforeunload" ? d.accept() : d.dismiss();
  });
  page.on("pageerror", (e) => report.problems.push("page: " + e.message.slice(0, 300)));

  const shot = async (name, options = {}) => {
    await page.waitForTimeout(500);
    await page.screenshot({ path: `${shots}/${name}.png`, ...options });
    report.screenshots.push(`${name}.png`);
  };

  await page.goto(adminUrl);
  const words = await editorWords(page);
  report.locale = words.locale;
  await page.getByRole("button", { name: words.login, exact: true }).click({ timeout: 30000 });
  await page.locator('a[href*="#/collections/"]').first().waitFor({ timeout: 30000 });

  // The control of field `name` in column `column` (0: the default
  // language, 1: the second), found through its label.
  const control = async (name, column = 0) => {
    const label = page.locator(`label[for^="${name}-field-"]`).nth(column);
    await label.waitFor({ timeout: 30000 });
    return page.locator(`[id="${await label.getAttribute("for")}"]`);
  };
  const fill = async (name, column, text) => (await control(name, column)).fill(text);
  // A choice of a select or relation: typed, then taken from the menu.
  const choose = async (name, typed) => {
    const input = await control(name, 0);
    await input.click();
    await input.pressSequentially(typed, { delay: 20 });
    await page.locator('[class*="-option"]', { hasText: typed }).first().waitFor({ timeout: 30000 });
    await input.press("Enter");
  };
  const publish = async () => {
    await page.locator("[role=button], button", { hasText: words.publishExactly }).first().click({ timeout: 30000 });
    await page.getByText(words.publishNow, { exact: true }).first().click({ timeout: 30000 });
    try {
      await page.getByText(words.changesSaved, { exact: true }).first().waitFor({ timeout: 30000 });
    } catch (e) {
      // What the editor showed instead (its messages about the fields).
      await page.screenshot({ path: `${shots}/failed-publish.png` });
      const errors = await page.locator("ul[class*='ErrorList'], [class*='error']").allTextContents();
      throw new Error(`not saved: ${errors.join(" | ").slice(0, 800)}\n${e.message}`);
    }
  };
  // Opens an entry by its address, as a bookmark would, and waits for the
  // label of its field `first`.
  // Leaving for a blank page first makes the visit a whole new load: a
  // change of the address's fragment alone stays inside Decap, which may
  // ask to confirm leaving an entry it thinks changed (and a dismissed
  // question keeps the old entry open).
  const open = async (hash, first) => {
    await page.goto("about:blank");
    await page.goto(new URL(hash, adminUrl).href);
    const label = page.locator(`label[for^="${first}-field-"]`).first();
    const login = page.getByRole("button", { name: words.login, exact: true });
    try {
      await label.or(login).first().waitFor({ timeout: 30000 });
      // After a reload Decap may ask to log in again (no password here).
      if (await login.isVisible()) await login.click();
      await label.waitFor({ timeout: 30000 });
    } catch (e) {
      await page.screenshot({ path: `${shots}/failed-open.png` });
      const shown = (await page.locator("body").innerText()).replace(/\s+/g, " ").slice(0, 600);
      throw new Error(`${page.url()} did not show "${first}"; the page read: ${shown}\n${e.message}`);
    }
    await page.waitForTimeout(1000);
  };

  if (step === "new-case") {
    await page.locator('a[href$="#/collections/cases"]').first().click();
    await page.locator('a[href*="/collections/cases/entries/"]').first().waitFor({ timeout: 30000 });
    await shot("editor-collection");
    await page.locator('a[href$="/collections/cases/new"]').first().click({ timeout: 30000 });
    await fill("title", 0, "Red de prueba de ciudades");
    await fill("title", 1, "Test network of cities");
    await fill("city", 0, "Lima");
    await fill("city", 1, "Lima");
    await choose("country", "PE");
    await (await control("date", 0)).fill("2026-03-15");
    await choose("scale", "Regional");
    await choose("dimension", "Polític");
    await choose("themes", "Participación ciudadana");
    await choose("sdgs", "17.");
    // Both lists are found before an item is added (an item brings its own
    // label "actors"). The list's heading holds its fold button, then "Add".
    const lists = [await control("actors", 0), await control("actors", 1)];
    for (const [list, actor] of [[lists[0], "Concejo Municipal"], [lists[1], "City Council"]]) {
      await list.locator(":scope > div:first-child > button").last().click();
      await list.locator("input").last().fill(actor);
    }
    await fill("summary", 0, "Una red de ciudades que comparte sus informes al concejo.");
    await fill("summary", 1, "A network of cities that shares its reports to the council.");
    await choose("indicators", "convenios");
    report.indicatorChosen = await page.locator(`[id="${await (await control("indicators", 0)).getAttribute("id")}"]`).evaluate(
      (el) => el.closest("[class*='-container']")?.textContent ?? "",
    );
    await page.locator('label[for^="title-field-"]').first().scrollIntoViewIfNeeded();
    await shot("editor-new-case");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot("editor-new-case-390");
    await page.setViewportSize({ width: 1280, height: 900 });
    await publish();
    report.newCaseUrl = page.url();

    await open("#/collections/indicators/entries/agreement-processing-days", "observations");
    // The last "Valor" of the list of measurements is the latest one.
    const observations = await control("observations", 0);
    const valueLabel = observations.locator('label[for^="value-field-"]').last();
    if (!(await valueLabel.isVisible())) {
      // The measurements are shown folded: unfold the last one (the first
      // button of its bar, beside the handle that moves it).
      const bars = observations.locator('div:has(> [aria-roledescription="sortable"])');
      await bars.last().locator("button").first().click();
    }
    await valueLabel.waitFor({ timeout: 30000 });
    const value = page.locator(`[id="${await valueLabel.getAttribute("for")}"]`);
    report.valueBefore = await value.inputValue();
    await value.fill("77");
    await publish();
  } else if (step === "error") {
    const casePath = "content/cases/bogota.en.md";
    const api = (action, params) =>
      page.evaluate(
        async ([action, params]) => {
          const response = await fetch("/api/v1", {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ action, params }),
          });
          return { status: response.status, body: await response.json() };
        },
        [action, params],
      );
    const original = (await api("getEntry", { branch: "main", path: casePath })).body.data;
    const save = async (raw) =>
      (await api("persistEntry", {
        branch: "main",
        dataFiles: [{ slug: "bogota", path: casePath, raw }],
        assets: [],
        options: {},
      })).status;
    report.brokenSave = await save(original.replace(/^country: [A-Z]{2}$/m, "country: ZZ"));
    const banner = page.locator("#memoria-build-error");
    await banner.waitFor({ state: "visible", timeout: 30000 });
    report.banner = await banner.textContent();
    await shot("editor-error");
    report.fixedSave = await save(original);
    await banner.waitFor({ state: "hidden", timeout: 30000 });
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
