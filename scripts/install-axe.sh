#!/usr/bin/env bash
# Installs axe-core (the accessibility rules the browser tests inject into each page; no CDN) into
# .cache/node/ (git-ignored). A no-op once the pinned version is there.
set -euo pipefail
AXE_VERSION=4.14.1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=${KOTACERDAS_NODE_PREFIX:-$ROOT/.cache/node}
PACKAGE=$PREFIX/node_modules/axe-core/package.json
if [ -f "$PACKAGE" ] && grep -q "\"version\": \"$AXE_VERSION\"" "$PACKAGE"; then exit 0; fi
if ! command -v npm >/dev/null; then
  echo "install-axe: npm is missing; run 'sudo apt-get install npm' (the accessibility tests need axe-core)" >&2
  exit 1
fi
mkdir -p "$PREFIX"
npm install --silent --no-audit --no-fund --prefix "$PREFIX" "axe-core@$AXE_VERSION" >/dev/null
echo "install-axe: installed axe-core $AXE_VERSION into $PREFIX"
