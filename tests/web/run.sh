#!/usr/bin/env bash
# HTML validity and accessibility checks of a built site.
#   bash tests/web/run.sh [SITE_DIR]      (default: public)
# Needs Java, Node with this folder's node_modules, and Chromium. When one is
# missing the checks are skipped with a message, except under CI=true, where
# a missing tool is a failure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
site="$(cd "${1:-public}" && pwd)"

missing=()
command -v java >/dev/null 2>&1 || missing+=("java")
command -v node >/dev/null 2>&1 || missing+=("node")
[ -f "$here/node_modules/vnu-jar/build/dist/vnu.jar" ] || missing+=("tests/web/node_modules (npm ci --prefix tests/web)")
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || missing+=("chromium")
if [ ${#missing[@]} -gt 0 ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "web checks: missing ${missing[*]}" >&2
    exit 1
  fi
  echo "SKIPPED web checks: missing ${missing[*]}"
  exit 0
fi

echo "== Nu Html Checker on every page"
find "$site" -name '*.html' -print0 | xargs -0 java -jar "$here/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only
echo "vnu: $(find "$site" -name '*.html' | wc -l) pages, no errors"

echo "== axe-core and keyboard checks in headless Chromium"
log="$(mktemp)"
node "$here/serve.mjs" "$site" 0 > "$log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 50); do
  url="$(head -n 1 "$log")"
  [ -n "$url" ] && break
  sleep 0.1
done
node "$here/a11y.mjs" "$url" "$site"
