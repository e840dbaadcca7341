#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests when it is missing and this machine allows
# it (root with apt-get). Otherwise says loudly that the browser tests will be skipped.
# Never fails: the test run itself reports skipped browser tests.
CHROMIUM=${CAREERPATH_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (once; about a minute)..."
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1; then
    exit 0
  fi
  echo "!!! apt-get could not install chromium." >&2
fi
echo "!!! Chromium is not available at $CHROMIUM: the browser tests will be SKIPPED." >&2
echo "!!! Install Debian's 'chromium' package (or set CAREERPATH_CHROMIUM) to run them." >&2
exit 0
