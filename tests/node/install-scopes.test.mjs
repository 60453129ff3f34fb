// The lean install holds: `npm start` installs package.json's "dependencies" alone (scripts/setup.sh page: npm ci
// --omit=dev), so everything it runs (the server, the bundler, the vendoring and the page itself) must import no
// other package; the benchmark's peers live in bench/package.json and nothing outside the benchmark imports them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readJson = (path) => JSON.parse(readFileSync(join(root, path), 'utf8'));
const pkg = readJson('package.json');
const benchPkg = readJson('bench/package.json');
/** 'highlight.js/lib/core' → 'highlight.js'; '@scope/name/x' → '@scope/name'. */
const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/** '/app/…' (what a browser test's page.evaluate imports from the served page) is the browser's, not a file here. */
const servedPaths = {
  name: 'served-paths',
  setup(b) { b.onResolve({ filter: /^\// }, ({ path, kind }) => (kind === 'entry-point' ? undefined : { path, external: true })); },
};

/** The bare packages the static import graph of `entries` reaches (esbuild follows every import, import() too). */
async function packagesImported(entries) {
  const result = await build({
    entryPoints: entries.map((entry) => join(root, entry)), bundle: true, write: false, metafile: true,
    platform: 'node', format: 'esm', packages: 'external', outdir: join(root, 'build/install-scopes'), logLevel: 'silent',
    splitting: true, plugins: [servedPaths],
  });
  const names = new Set();
  for (const input of Object.values(result.metafile.inputs)) {
    for (const { path, external } of input.imports) {
      if (external && !path.startsWith('node:') && !path.startsWith('/')) names.add(packageName(path));
    }
  }
  return names;
}

test("what npm start runs imports only package.json's dependencies", async () => {
  // scripts/start.sh: build.sh wasm-core, build.sh vendor (scripts/vendor.mjs), node scripts/serve.mjs (which
  // bundles the page with scripts/dist.mjs), and the page's own modules
  const imported = await packagesImported(['scripts/serve.mjs', 'scripts/dist.mjs', 'scripts/vendor.mjs', 'web/app/main.js']);
  // vendor.mjs names its packages in the code it hands esbuild and in node_modules paths
  const vendor = readFileSync(join(root, 'scripts/vendor.mjs'), 'utf8');
  for (const [, specifier] of vendor.matchAll(/from '([^'.][^']*)'/g)) if (!specifier.startsWith('node:')) imported.add(packageName(specifier));
  for (const [, name] of vendor.matchAll(/node_modules\/([^/]+)\//g)) imported.add(name);
  assert.ok(imported.has('esbuild') && imported.has('katex'), `the scan found the page's packages: ${[...imported]}`);
  const dependencies = Object.keys(pkg.dependencies);
  const missing = [...imported].filter((name) => !dependencies.includes(name));
  assert.deepEqual(missing, [], 'packages npm start needs that npm ci --omit=dev would not install');
});

test('the benchmark\'s peers are bench/package.json\'s alone, and only the benchmark imports them', async () => {
  const peers = Object.keys(benchPkg.dependencies);
  assert.ok(peers.includes('@tensorflow/tfjs') && peers.includes('lighthouse'), `bench/package.json: ${peers}`);
  const rootPackages = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
  assert.deepEqual(peers.filter((name) => rootPackages.includes(name)), [], 'bench peers also in the root package.json');
  const tests = ['node', 'browser', 'helpers'].flatMap((dir) => readdirSync(join(root, 'tests', dir))
    .filter((file) => file.endsWith('.mjs')).map((file) => `tests/${dir}/${file}`));
  const imported = await packagesImported(tests);
  assert.deepEqual(peers.filter((name) => imported.has(name)), [], 'bench peers imported by a test');
});
