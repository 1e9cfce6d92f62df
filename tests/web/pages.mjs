// The pages of a built site, for the web checks (a11y.mjs, layout.mjs):
// found from sitemap.xml, /index.html, /404.html and every other .html file
// of the folder (pages left out of the sitemap, such as notices of a missing
// translation), each with its template (<body class="kind-XXX">) and
// language (<html lang>).
import fs from "node:fs";
import path from "node:path";

/// Everything discovery finds in SITE_DIR: `ordered` (the pages, in the order
/// of the sitemap, then the others: { rel, file, kind, lang, html }),
/// `unmapped` (sitemap entries with no file), and the helpers to map URLs.
export function discover(siteArg) {
  const siteDir = path.resolve(siteArg);
  const read = (rel) => fs.readFileSync(path.join(siteDir, rel), "utf8");
  const attr = (html, re) => (html.match(re) || [])[1];
  const decode = (s) => s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'");
  // The attributes of every <link> of a page, whatever their order.
  const links = (html) =>
    [...html.matchAll(/<link\s([^>]*)>/gi)].map((m) => Object.fromEntries([...m[1].matchAll(/([a-z-]+)\s*=\s*"([^"]*)"/gi)].map((a) => [a[1].toLowerCase(), decode(a[2])])));

  // The file of a site-relative URL path ("", "es/", "404.html"), or null.
  function fileOf(rel) {
    const clean = rel.split(/[?#]/)[0];
    const candidates = clean === "" || clean.endsWith("/") ? [clean + "index.html"] : [clean, clean + "/index.html"];
    for (const c of candidates) {
      const full = path.join(siteDir, c);
      if (!full.startsWith(siteDir)) return null;
      if (fs.existsSync(full) && fs.statSync(full).isFile()) return c;
    }
    return null;
  }

  const sitemapXml = fs.existsSync(path.join(siteDir, "sitemap.xml")) ? read("sitemap.xml") : "";
  const locs = [...sitemapXml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/g)].map((m) => decode(m[1]));

  // The site's base_url, which the sitemap and the <link> elements use: the canonical
  // address of /index.html, else the longest common prefix of the sitemap ending in "/".
  let siteBase = fs.existsSync(path.join(siteDir, "index.html"))
    ? links(read("index.html")).find((l) => l.rel === "canonical")?.href
    : undefined;
  if (!siteBase && locs.length) {
    siteBase = locs.reduce((a, b) => {
      let i = 0;
      while (i < a.length && a[i] === b[i]) i++;
      return a.slice(0, i);
    });
    siteBase = siteBase.slice(0, siteBase.lastIndexOf("/") + 1);
  }
  siteBase = siteBase || "";

  // A site URL (absolute, with the site's base_url) as a site-relative path.
  function relOf(url) {
    if (siteBase && url.startsWith(siteBase)) return url.slice(siteBase.length);
    try {
      return new URL(url, siteBase || "http://x/").pathname.replace(/^\//, "");
    } catch {
      return null;
    }
  }

  function walk(dir, out = []) {
    for (const e of fs.readdirSync(path.join(siteDir, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel, out);
      else if (e.name.endsWith(".html")) out.push(rel.endsWith("/index.html") || rel === "index.html" ? rel.slice(0, -"index.html".length) : rel);
    }
    return out;
  }

  // Every page, in the order of the sitemap, then the others of the folder.
  const ordered = [];
  const seenFiles = new Set();
  const unmapped = [];
  for (const rel of ["", ...locs.map(relOf), "404.html", ...walk("")]) {
    if (rel === null) continue;
    const file = fileOf(rel);
    if (!file) {
      if (locs.includes(siteBase + rel)) unmapped.push(rel);
      continue;
    }
    if (seenFiles.has(file)) continue;
    seenFiles.add(file);
    const html = read(file);
    ordered.push({
      rel,
      file,
      kind: attr(html, /<body[^>]*\sclass="(?:[^"]*\s)?kind-([A-Za-z0-9_-]+)/) || "unknown",
      lang: attr(html, /<html[^>]*\slang="([^"]+)"/) || "none",
      html,
    });
  }
  return { siteDir, ordered, unmapped, locs, sitemapXml, siteBase, read, attr, links, fileOf, relOf };
}
