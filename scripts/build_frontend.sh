#!/usr/bin/env bash
# Builds the workbench's third-party front-end files from the npm registry into
# src/sleuth/web/static/vendor/ (not in git): the graph library as one ES module, and the
# fonts, with their licences. Idempotent: does nothing when the inputs have not changed.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=src/sleuth/web/static/vendor
STAMP=$OUT/.built
want=$(cat frontend/package.json frontend/package-lock.json frontend/graph-entry.js scripts/build_frontend.sh \
       | sha256sum | cut -d' ' -f1)
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "npm is not installed; it builds the workbench's JavaScript. Install it with: apt-get install nodejs npm" >&2
  exit 1
fi

echo "Building the workbench's front-end files (npm ci, esbuild)" >&2
(cd frontend && npm ci --no-audit --no-fund --loglevel=error >&2)
rm -rf "$OUT"
mkdir -p "$OUT/fonts" "$OUT/licences"
frontend/node_modules/.bin/esbuild frontend/graph-entry.js --bundle --format=esm --minify \
  --legal-comments=eof --log-level=warning --outfile="$OUT/graph.js"
for f in noto-sans-latin-400-normal noto-sans-latin-700-normal; do
  cp "frontend/node_modules/@fontsource/noto-sans/files/$f.woff2" "$OUT/fonts/"
done
for f in noto-naskh-arabic-arabic-400-normal noto-naskh-arabic-arabic-700-normal; do
  cp "frontend/node_modules/@fontsource/noto-naskh-arabic/files/$f.woff2" "$OUT/fonts/"
done
for pkg in cytoscape cytoscape-fcose cose-base layout-base @fontsource/noto-sans @fontsource/noto-naskh-arabic; do
  licence=$(ls "frontend/node_modules/$pkg" | grep -i -m1 -E '^licen[cs]e' || true)
  if [ -n "$licence" ]; then
    cp "frontend/node_modules/$pkg/$licence" "$OUT/licences/$(echo "$pkg" | tr '/@' '__')-$licence"
  fi
done
echo "$want" > "$STAMP"
