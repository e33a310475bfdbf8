#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, from Debian's packages and the npm registry only:
# Debian's chromium (driven by playwright-core) and the VS Code server from the npm package code-server,
# in its own prefix (its postinstall compiles native modules and needs the environment below).
set -euo pipefail
cd "$(dirname "$0")/../.."
CS_VERSION=4.100.3
PREFIX=.vscode-test/cs

need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v rg >/dev/null || need_apt+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null || need_apt+=(build-essential)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "== apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f "$PREFIX/node_modules/code-server/out/node/entry.js" ] && grep -q "\"version\": \"$CS_VERSION\"" "$PREFIX/node_modules/code-server/package.json"; then
  echo "== code-server $CS_VERSION already installed"
  exit 0
fi
echo "== npm install code-server@$CS_VERSION"
# @vscode/ripgrep's postinstall would download ripgrep from GitHub: seed its cache with Debian's rg instead.
cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
mkdir -p "$cache"
d=$(mktemp -d)
cp "$(command -v rg)" "$d/rg"
tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$d" rg
rm -rf "$d"
mkdir -p "$PREFIX"
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --prefix "$PREFIX" "code-server@$CS_VERSION" --no-audit --no-fund --no-save >/dev/null 2>"$PREFIX/install.log" || {
    tail -50 "$PREFIX/install.log"
    exit 1
  }
echo "== code-server installed"
