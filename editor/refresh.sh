#!/usr/bin/env bash
# Refreshes editor/vendor/ from the npm package recorded in editor/package.json
# and editor/package-lock.json: the browser bundle of Decap CMS, the parts it
# loads lazily (numbered chunks) and the licence texts. Left out: source maps,
# the unbundled build (cms.js) and the optional WebAssembly image encoders,
# which the editor page's Content-Security-Policy does not let run. The
# bundle already holds its dependencies, so only the package's own tarball is
# fetched (`npm pack`), and its checksum is compared with the lock file's.
#
# To move to another release: change the version in package.json, run
# `npm install --package-lock-only --ignore-scripts` in editor/, then this
# script, then `cargo test --test editor_backend`.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version=$(node -p "require('./package-lock.json').packages['node_modules/decap-cms'].version")
integrity=$(node -p "require('./package-lock.json').packages['node_modules/decap-cms'].integrity")
npm pack "decap-cms@$version" --pack-destination "$work" --json >"$work/pack.json"
tarball="$work/decap-cms-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
  echo "decap-cms-$version.tgz does not match package-lock.json ($actual)" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work"
dist="$work/package/dist"
find vendor -type f ! -name LICENSE -delete 2>/dev/null || true
mkdir -p vendor
cp "$dist"/decap-cms.js "$dist"/decap-cms.js.LICENSE.txt vendor/
cp "$dist"/*.decap-cms.js vendor/
echo "$version" >vendor/VERSION
echo "editor/vendor/: decap-cms $version, $(ls vendor | wc -l) files, $(du -sh vendor | cut -f1)"
