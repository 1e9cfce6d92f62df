// A minimal static file server for the web checks.
//   node serve.mjs DIR [PORT] [PREFIX]
// Serves DIR on 127.0.0.1:PORT (0, the default, picks a free port) under the
// URL path PREFIX (default "/", e.g. "/sub/dir/" for a site whose base_url
// has a path), then prints its base URL (http://127.0.0.1:PORT/PREFIX) as the
// first line of its output. A folder is served by its index.html (a folder
// asked without its final slash is redirected to it, like real servers do);
// a missing file gets DIR/404.html with status 404. Paths that leave DIR,
// through "..", encoded separators or symbolic links, are refused.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const root = fs.realpathSync(path.resolve(process.argv[2] || "public"));
const port = Number(process.argv[3] || 0);
let prefix = process.argv[4] || "/";
if (!prefix.startsWith("/")) prefix = "/" + prefix;
if (!prefix.endsWith("/")) prefix += "/";

const types = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".jsonld": "application/ld+json",
  ".xml": "application/xml",
  ".atom": "application/atom+xml",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".webmanifest": "application/manifest+json",
};

// The real file for a request path, or null when it does not exist or is outside root.
function resolve(rel) {
  const file = path.resolve(root, "." + path.posix.normalize("/" + rel));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  let real;
  try {
    real = fs.realpathSync(file);
  } catch {
    return null;
  }
  if (real !== root && !real.startsWith(root + path.sep)) return null;
  return real;
}

function send(req, res, status, file, headers = {}) {
  const type = types[path.extname(file).toLowerCase()] || "application/octet-stream";
  const size = fs.statSync(file).size;
  res.writeHead(status, { "content-type": type, "content-length": size, "cache-control": "no-store", ...headers });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const stream = fs.createReadStream(file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

function notFound(req, res) {
  const page = resolve("404.html");
  if (page && fs.statSync(page).isFile()) send(req, res, 404, page);
  else res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found\n");
}

const server = http.createServer((req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  let pathname;
  try {
    pathname = new URL(req.url, "http://127.0.0.1").pathname;
  } catch {
    res.writeHead(400).end("bad request\n");
    return;
  }
  if (!pathname.startsWith(prefix)) {
    if (pathname + "/" === prefix) {
      res.writeHead(301, { location: prefix }).end();
      return;
    }
    notFound(req, res);
    return;
  }
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    res.writeHead(400).end("bad request\n");
    return;
  }
  // An encoded separator or NUL could smuggle a path component past the checks.
  if (rel.includes("\0") || rel.includes("\\")) {
    res.writeHead(400).end("bad request\n");
    return;
  }
  let file = resolve(rel);
  if (file === null) {
    notFound(req, res);
    return;
  }
  if (fs.statSync(file).isDirectory()) {
    if (!pathname.endsWith("/")) {
      const url = new URL(req.url, "http://127.0.0.1");
      res.writeHead(301, { location: pathname + "/" + url.search }).end();
      return;
    }
    file = resolve(path.posix.join(rel, "index.html"));
    if (file === null || !fs.statSync(file).isFile()) {
      notFound(req, res);
      return;
    }
  }
  send(req, res, 200, file);
});

server.listen(port, "127.0.0.1", () => {
  console.log(`http://127.0.0.1:${server.address().port}${prefix}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
