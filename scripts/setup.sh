#!/usr/bin/env bash
# Installs what the build and tests need and is missing: Debian packages (emscripten, catch2, cmake,
# nlohmann-json, chromium, clang's sanitizer runtime, PyTorch + NumPy + pycodestyle to run the exported Python scripts,
# xmllint for the SCORM manifest test) and the npm packages pinned by package-lock.json.
# Safe to run again: it only installs what is absent.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for pkg in emscripten catch2 cmake g++ nlohmann-json3-dev chromium clang libclang-rt-14-dev python3-pycodestyle libxml2-utils python3-torch python3-numpy; do
  have_pkg "$pkg" || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm packages: install when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi
