#!/usr/bin/env bash
# Installs make scan's scanners (wapiti and sqlmap, pinned with everything they need in
# ops/scanners/requirements.txt) into .scanners/, a virtual environment of their own: they
# never share the site's .venv. Reinstalls when the pinned list changes. Fails loudly: make scan
# cannot run without them.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
REQUIREMENTS=ops/scanners/requirements.txt
STAMP=.scanners/.installed
WANT="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ]; then exit 0; fi
echo "Installing the pinned wapiti and sqlmap into .scanners/ (once; about a minute)..."
rm -rf .scanners
"$PYTHON" -m venv .scanners
.scanners/bin/pip install --quiet --disable-pip-version-check --require-virtualenv -r "$REQUIREMENTS"
echo "$WANT" > "$STAMP"
