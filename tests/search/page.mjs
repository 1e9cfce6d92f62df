// Runs the theme's search.js, unchanged, against a built site, the way the
// search page runs it, with a small stand-in for the page's DOM (elements,
// text nodes, fetch of the built files) instead of a browser, and prints
// what the page then shows as JSON: the status line and each result's
// title, address, kind, text and marked words.
//
//     node tests/search/page.mjs PUBLIC_DIR PAGE_PATH QUERY
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const [root, page, query] = process.argv.slice(2);
const html = fs.readFileSync(path.join(root, page), "utf8");
const attr = (name) => {
  const m = html.match(new RegExp(`id="search-form"[^>]*?${name}="([^"]*)"`));
  return m ? m[1].replace(/&quot;/g, '"').replace(/&amp;/g, "&") : null;
};
const lang = html.match(/<html lang="([^"]+)"/)[1];
const script = html.match(/<script src="([^"]*search\.js)"/)[1];

class Node {
  constructor(tag, text) {
    this.tag = tag;
    this.children = [];
    this.text = text ?? "";
    this.attrs = {};
    this.listeners = {};
    this.className = "";
    this.href = "";
    this.value = "";
  }
  appendChild(n) { this.children.push(n); return n; }
  get textContent() { return this.tag === "#text" ? this.text : this.text + this.children.map((c) => c.textContent).join(""); }
  set textContent(t) { this.text = String(t); this.children = []; }
  getAttribute(n) { return this.attrs[n] ?? null; }
  addEventListener(type, f) { this.listeners[type] = f; }
}
const form = new Node("form");
for (const name of ["data-index", "data-none", "data-loading", "data-count"]) form.attrs[name] = attr(name);
const byId = {
  "search-form": form,
  "search-input": new Node("input"),
  "search-status": new Node("div"),
  "search-results": new Node("ol"),
};
const document = {
  documentElement: { lang },
  getElementById: (id) => byId[id] ?? null,
  createElement: (tag) => new Node(tag),
  createTextNode: (text) => new Node("#text", text),
};
const fetch = async (url) => {
  const file = path.join(root, decodeURI(url.split("?")[0]));
  if (!fs.existsSync(file)) return { ok: false, json: async () => null };
  return { ok: true, json: async () => JSON.parse(fs.readFileSync(file, "utf8")) };
};
const context = {
  document, fetch, URLSearchParams, Intl, Promise, setTimeout, clearTimeout, RegExp,
  location: { search: "?q=" + encodeURIComponent(query) },
};
context.window = context;
vm.runInNewContext(fs.readFileSync(path.join(root, script), "utf8"), context);

const status = byId["search-status"];
const loading = form.attrs["data-loading"];
for (let i = 0; i < 200 && (status.textContent === "" || status.textContent === loading); i++) {
  await new Promise((r) => setTimeout(r, 10));
}
const results = byId["search-results"].children.map((li) => {
  const [a, , kind, p] = li.children;
  const marks = [a, p].flatMap((el) => el.children.filter((c) => c.tag === "mark").map((c) => c.textContent));
  return { title: a.textContent, href: a.href, kind: kind.textContent, text: p.textContent, marks };
});
console.log(JSON.stringify({ status: status.textContent, results }));
