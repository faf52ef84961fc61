#!/usr/bin/env bash
# Ensure a headless Chromium is available at /usr/bin/chromium (Debian's `chromium` package).
# Idempotent. Deliberately does NOT use `playwright install`: its browser download
# is not reachable from our network; the tests point Playwright at the system Chromium.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
INSTALL_CMD='apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium'

if [ -x "$CHROMIUM" ]; then
    "$CHROMIUM" --version 2>/dev/null || echo "chromium present at $CHROMIUM (version query failed)"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: $CHROMIUM not found and apt-get is unavailable." >&2
    echo "Install Debian's 'chromium' package (or an equivalent providing $CHROMIUM)." >&2
    exit 1
fi

echo "chromium not found; installing Debian's chromium package with apt-get..."
if [ "$(id -u)" -eq 0 ]; then
    sh -c "$INSTALL_CMD"
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n sh -c "$INSTALL_CMD"
else
    echo "error: $CHROMIUM not found, and cannot install it (not root, no passwordless sudo)." >&2
    echo "Install Debian's 'chromium' package, e.g.: sudo apt-get install chromium" >&2
    exit 1
fi

if [ ! -x "$CHROMIUM" ]; then
    echo "error: installed chromium but $CHROMIUM is still missing." >&2
    exit 1
fi
"$CHROMIUM" --version 2>/dev/null || true
