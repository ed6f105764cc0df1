#!/usr/bin/env bash
# The HTML report in a real headless Chromium (tests/browser/report.test.mjs).
#
#   bash tests/browser/run.sh                      # install what is missing, build, test
#   bash tests/browser/run.sh --update-screenshot  # also refresh docs/html-report.png
#
# Installs Debian's chromium (apt) and the pinned playwright-core (npm ci) when missing,
# builds target/debug/backlint when it is missing or older than the sources (unless
# BACKLINT_BIN names another binary), then runs the tests with node's test runner.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if [ "${1:-}" = "--update-screenshot" ]; then
  export BACKLINT_SCREENSHOT_DOCS=1
fi

export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "== apt-get install chromium"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

command -v node >/dev/null || { echo "node 18 or later is required"; exit 1; }
wanted="$(node -p "require('$here/package.json').devDependencies['playwright-core']")"
installed="$(node -p "require('$here/node_modules/playwright-core/package.json').version" 2>/dev/null || true)"
if [ "$installed" != "$wanted" ]; then
  echo "== npm ci (playwright-core $wanted)"
  (cd "$here" && npm ci --no-audit --no-fund)
fi

if [ -z "${BACKLINT_BIN:-}" ]; then
  export BACKLINT_BIN="$root/target/debug/backlint"
  if [ ! -x "$BACKLINT_BIN" ] \
    || [ -n "$(find "$root/src" "$root/rules" "$root/Cargo.toml" "$root/Cargo.lock" -newer "$BACKLINT_BIN" -print -quit)" ]; then
    echo "== cargo build"
    (cd "$root" && cargo build --locked --quiet)
  fi
fi

echo "== browser tests (Chromium $("$CHROMIUM" --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -1))"
cd "$here"
node --test --test-concurrency=1 report.test.mjs
