#!/usr/bin/env bash
# Installs the Nu Html Checker (vnu.jar, pinned by ops/html-validator/package-lock.json)
# for tests/test_valid_html.py, and a Java runtime to run it when this machine has none and
# allows it (root with apt-get). Otherwise says loudly that the HTML check will be skipped.
# Never fails: the test run itself reports the skipped test.
cd "$(dirname "$0")/html-validator" || exit 0
JAR=node_modules/vnu-jar/build/dist/vnu.jar
warn() { echo "!!! $1: the HTML validity test will be SKIPPED." >&2; }

if [ ! -f "$JAR" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    warn "npm is missing, so vnu.jar cannot be installed"; exit 0
  fi
  # --ignore-scripts: vnu-jar's install script would download a Java runtime; Debian's is used.
  echo "Installing the Nu Html Checker for the HTML validity test (once)..."
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null || {
    warn "npm ci failed in ops/html-validator"; exit 0
  }
fi

command -v java >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's Java runtime for the HTML validity test (once)..."
  if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless) >/dev/null 2>&1; then
    exit 0
  fi
fi
warn "Java is not available (install Debian's default-jre-headless)"
exit 0
