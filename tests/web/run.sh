#!/usr/bin/env bash
# HTML validity and accessibility checks of a site built by memoria.
#
#   bash tests/web/run.sh [SITE_DIR]        (default: public/ at the repository root)
#
# The caller builds the site first (cargo run --release -- build). This script:
#   1. runs the Nu Html Checker (vnu) on every .html file of SITE_DIR, and on its
#      CSS, and fails on any error;
#   2. serves SITE_DIR on 127.0.0.1 (a free port) with serve.mjs, and runs
#      a11y.mjs: axe-core in headless Chromium on pages of every template type in
#      every language, plus keyboard and search-box checks;
#   3. layout.mjs: one page of every template in two languages at 320, 390 and
#      1280 px, saved as screenshots in $MEMORIA_SCREENSHOTS (default
#      target/screenshots/site), failing when a page scrolls sideways at 320 or
#      390 px or a chart cuts or overlaps its labels;
#   4. only when asked: charts.mjs, the charts of every indicator page in every
#      language at 320 and 1280 px.
# MEMORIA_WEB_STEPS chooses the steps (default "vnu a11y layout"; "charts" alone
# for a site made to test its charts).
# Needs Java, Node with this folder's node_modules (npm ci --prefix tests/web) and
# Chromium (/usr/bin/chromium, or $CHROMIUM). When one is missing the checks are
# skipped with a message, except under CI=true, where that is a failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
site_arg="${1:-$repo/public}"
if [ ! -d "$site_arg" ] || [ ! -f "$site_arg/index.html" ]; then
  echo "web checks: $site_arg is not a built site (no index.html); build it first: cargo run --release -- build" >&2
  exit 1
fi
site="$(cd "$site_arg" && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"
vnu_jar="$here/node_modules/vnu-jar/build/dist/vnu.jar"

missing=()
command -v java >/dev/null 2>&1 || missing+=("java (apt-get install default-jre-headless)")
command -v node >/dev/null 2>&1 || missing+=("node")
if [ ! -f "$vnu_jar" ] || [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
  missing+=("tests/web/node_modules (npm ci --prefix tests/web)")
fi
[ -x "$chromium" ] || missing+=("chromium at $chromium (apt-get install chromium)")
if [ ${#missing[@]} -gt 0 ]; then
  if [ "${CI:-}" = "true" ]; then
    printf 'web checks: missing %s\n' "${missing[@]}" >&2
    exit 1
  fi
  echo "SKIPPED web checks: $(IFS=';'; echo "${missing[*]}" | sed 's/;/; /g')"
  exit 0
fi

steps=" ${MEMORIA_WEB_STEPS:-vnu a11y layout} "
wants() { [[ "$steps" == *" $1 "* ]]; }
shots="${MEMORIA_SCREENSHOTS:-$repo/target/screenshots/site}"

status=0
work="$(mktemp -d)"
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# --- 1. Nu Html Checker -------------------------------------------------------
if wants vnu; then
  pages="$(find "$site" -type f -name '*.html' | wc -l | tr -d ' ')"
  echo "== Nu Html Checker ($(java -jar "$vnu_jar" --version)) on the $pages .html files and the CSS of $site"
  start=$SECONDS
  # --skip-non-html would also skip the stylesheets; the files are listed instead.
  find "$site" -type f \( -name '*.html' -o -name '*.css' \) -print0 | sort -z > "$work/files"
  if xargs -0 java -Xss4m -jar "$vnu_jar" --errors-only --also-check-css --format gnu < "$work/files" > "$work/vnu.txt" 2>&1; then
    echo "vnu: $pages pages, no errors ($((SECONDS - start)) s)"
  else
    # "file:/abs/site/es/index.html":12.3-12.9: error: … → /es/index.html:12.3-12.9: error: …
    sed "s#^\"file:$site\(/[^\"]*\)\"#\1#" "$work/vnu.txt" > "$work/vnu-short.txt"
    cat "$work/vnu-short.txt"
    errors="$(grep -c ': error' "$work/vnu-short.txt" || true)"
    files="$(grep ': error' "$work/vnu-short.txt" | sed 's/:[0-9][0-9.-]*: error.*//' | sort -u | wc -l | tr -d ' ')"
    echo "vnu: FAILED: $errors error(s) in $files file(s) ($((SECONDS - start)) s)"
    status=1
fi
fi

# --- 2. axe-core, keyboard and search in Chromium ------------------------------
echo
echo "== headless Chromium: $("$chromium" --version 2>/dev/null | head -n 1)"
# The site is served under the path of its base_url (read from the canonical address
# of /index.html), so that its absolute links work.
prefix="$(sed -n 's#.*<link rel="canonical" href="[a-z]*://[^/"]*\(/[^"]*\)".*#\1#p' "$site/index.html" | head -n 1)"
# The log exists before the server starts: the shell opens a background job's
# redirection in the child, which may run after the first read below.
: > "$work/server.log"
node "$here/serve.mjs" "$site" 0 "${prefix:-/}" >> "$work/server.log" 2>&1 &
server=$!
url=""
for _ in $(seq 1 100); do
  url="$(head -n 1 "$work/server.log" 2>/dev/null || true)"
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "web checks: the static server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
fi
echo "serving $site at $url"
if wants a11y; then
  echo "== axe-core, keyboard and search checks"
  start=$SECONDS
  if node "$here/a11y.mjs" "$url" "$site"; then
    echo "a11y: passed ($((SECONDS - start)) s)"
  else
    echo "a11y: FAILED ($((SECONDS - start)) s)"
    status=1
  fi
fi

# --- 3. layout at phone and desktop widths, with screenshots --------------------
if wants layout; then
  echo
  echo "== layout at 320, 390 and 1280 px (screenshots in $shots)"
  start=$SECONDS
  if node "$here/layout.mjs" "$url" "$site" "$shots"; then
    echo "layout: passed ($((SECONDS - start)) s)"
  else
    echo "layout: FAILED ($((SECONDS - start)) s)"
    status=1
  fi
fi

# --- 4. the charts of every indicator page --------------------------------------
if wants charts; then
  echo
  echo "== charts of every indicator page at 320 and 1280 px"
  start=$SECONDS
  if node "$here/charts.mjs" "$url" "$site"; then
    echo "charts: passed ($((SECONDS - start)) s)"
  else
    echo "charts: FAILED ($((SECONDS - start)) s)"
    status=1
  fi
fi

echo
if [ "$status" -ne 0 ]; then
  echo "web checks: FAILED (see above)"
else
  echo "web checks: passed"
fi
exit "$status"
