// Headless Chromium for the web checks (a11y.mjs, layout.mjs, charts.mjs):
// one way to launch it, contexts that reach only the test server, and pages
// opened with their script errors and failed subresources collected.
import { chromium } from "playwright-core";

/// Chromium (/usr/bin/chromium, or $CHROMIUM), headless.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/// A browser context of `viewport` ({ width, height }) in which nothing leaves
/// the machine: only `base` (the test server) and data: URLs are reachable.
export async function context(browser, viewport, base) {
  const ctx = await browser.newContext({ viewport, reducedMotion: "reduce" });
  const origin = new URL(base).origin + "/";
  await ctx.route(/.*/, (route) => (route.request().url().startsWith(origin) || route.request().url().startsWith("data:") ? route.continue() : route.abort()));
  return ctx;
}

/// Opens `base + rel` in `ctx`; `problems` lists script errors, subresources
/// that failed, and an error status of the page itself (except 404.html).
export async function open(ctx, base, rel) {
  const page = await ctx.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  const bad = new Set();
  page.on("response", (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== "document") {
      bad.add(r.url());
      problems.push(`${r.status()} for ${r.url()}`);
    }
  });
  page.on("requestfailed", (r) => {
    if (!bad.has(r.url())) problems.push(`could not load ${r.url()}: ${r.failure()?.errorText}`);
  });
  const response = await page.goto(base + rel, { waitUntil: "load" });
  if (!response || (response.status() >= 400 && rel !== "404.html")) problems.push(`status ${response?.status()} for the page itself`);
  return { page, problems };
}

/// Where the page scrolls sideways: null when it does not, else its
/// scrollWidth and the outermost elements that stick out.
export function overflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    if (doc.scrollWidth <= doc.clientWidth + 1) return null;
    const out = [];
    for (const el of document.body.querySelectorAll("*")) {
      const r = el.getBoundingClientRect();
      if (r.right > doc.clientWidth + 1 && r.width > 0) {
        let inside = false;
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
          if (a.getBoundingClientRect().right > doc.clientWidth + 1) inside = true;
        }
        const cls = typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "";
        if (!inside) out.push(`${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls} (right edge at ${Math.round(r.right)}px)`);
      }
      if (out.length >= 5) break;
    }
    return { scrollWidth: doc.scrollWidth, out };
  });
}
