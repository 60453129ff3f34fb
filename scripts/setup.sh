#!/usr/bin/env bash
# Installs what is needed and missing, in one of three scopes:
#   bash scripts/setup.sh page    (npm start, build, dist) what the page needs: Emscripten + CMake to build the core,
#                                 and package.json's "dependencies" (esbuild, KaTeX, lz-string, highlight.js, fflate)
#   bash scripts/setup.sh         (npm test) the above and what the tests need: Catch2, nlohmann-json, Chromium,
#                                 clang's sanitizer runtime, PyTorch + NumPy + pycodestyle (to run the exported Python
#                                 scripts), xmllint (the SCORM manifest test), and the "devDependencies" (Playwright,
#                                 axe-core, scorm-again, TypeScript, ESLint)
#   bash scripts/setup.sh bench   (npm run bench) the above and the benchmark's own package, bench/package.json
#                                 (TensorFlow.js, Lighthouse), into bench/node_modules
# npm packages are the versions pinned by package-lock.json (bench/package-lock.json). Safe to run again: it only
# installs what is absent (or older than its lock file). A second argument, debian or npm, does that part alone
# (scripts/start.sh installs the npm packages while the core compiles).
set -euo pipefail
cd "$(dirname "$0")/.."
scope="${1:-all}"
part="${2:-both}"
case "$scope" in
  page|all|bench) ;;
  *) echo "setup: unknown scope '$scope'; the scopes are page, all (the default) and bench" >&2; exit 2 ;;
esac
case "$part" in
  debian|npm|both) ;;
  *) echo "setup: unknown part '$part'; the parts are debian, npm and both (the default)" >&2; exit 2 ;;
esac

debian=(emscripten cmake)
if [ "$scope" != page ]; then
  debian+=(catch2 g++ nlohmann-json3-dev chromium clang libclang-rt-14-dev python3-pycodestyle libxml2-utils python3-torch python3-numpy)
fi
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
for pkg in "${debian[@]}"; do
  have_pkg "$pkg" || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ] && [ "$part" != npm ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# missing_npm <folder> <field>…: the names listed in those fields of <folder>/package.json that <folder>/node_modules
# lacks, or all of them when package-lock.json is newer than the last install.
missing_npm() {
  node -e '
    const { existsSync, statSync } = require("node:fs");
    const [dir, ...fields] = process.argv.slice(1);
    const pkg = require(`${dir}/package.json`);
    const names = fields.flatMap((field) => Object.keys(pkg[field] || {}));
    const installed = `${dir}/node_modules/.package-lock.json`;
    const stale = !existsSync(installed) || statSync(`${dir}/package-lock.json`).mtimeMs > statSync(installed).mtimeMs;
    console.log(names.filter((name) => stale || !existsSync(`${dir}/node_modules/${name}/package.json`)).join(" "));
  ' "$PWD/$1" "${@:2}"
}
npm_ci=(npm ci --no-audit --no-fund --loglevel=error)
[ "$part" = debian ] && exit 0

# The page's packages alone for `npm start`; the test tools too once anything but the page is asked for, or when they
# are installed already (an update of the lock file then keeps them).
if [ "$scope" = page ] && [ ! -e node_modules/playwright-core ]; then
  missing="$(missing_npm . dependencies)"
  if [ -n "$missing" ]; then
    echo "setup: installing the page's npm packages (npm ci --omit=dev): $missing"
    "${npm_ci[@]}" --omit=dev
  fi
else
  missing="$(missing_npm . dependencies devDependencies)"
  if [ -n "$missing" ]; then
    echo "setup: installing npm packages (npm ci): $missing"
    "${npm_ci[@]}"
  fi
fi

if [ "$scope" = bench ]; then
  missing="$(missing_npm bench dependencies)"
  if [ -n "$missing" ]; then
    echo "setup: installing the benchmark's npm packages (npm ci --prefix bench): $missing"
    "${npm_ci[@]}" --prefix bench
  fi
fi
