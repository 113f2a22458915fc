#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver when missing: the browser tests (Selenium,
# testing/Browser.java) drive them headless. Where they cannot be installed the tests are skipped
# with a message saying so, so this never fails the run.
set -euo pipefail
. "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
say "browser: installing chromium and chromium-driver for the browser tests …"
if (apt_install chromium chromium-driver); then
  say "browser: $(chromium --version 2>/dev/null || echo chromium) installed"
else
  say "browser: could not install chromium/chromium-driver (see $SETUP_LOG): browser tests will be skipped"
fi
