// The page's own JavaScript loaded at start: dist/assets/main.js and every chunk it imports statically, directly or
// through another chunk (the browser fetches and runs all of them before main.js starts), and every chunk the page
// preloads (dist/index.html's <link rel="modulepreload">: what `ready` waits for, such as the code exporters, which
// exportCode() needs at once) with its own static imports. Chunks reached only through import() and not preloaded (the
// explanations, KaTeX, the exercise editor, …) load when the learner asks for them and are not counted. The imports are read from the shipped files themselves, parsed by esbuild (its metafile tells a
// static import from a dynamic one), so the figure cannot drift from what the browser really loads.
//
//   node scripts/startup-js.mjs [dist/assets]   prints {"startupJs":{"bytes",…,"parts":{file: bytes}}}
import { build } from 'esbuild';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** { bytes, parts: { 'main.js': n, 'chunk-….js': n, … } } for the entry `main.js` in `assetsDir`; null without it. */
export async function startupScripts(assetsDir = join(root, 'dist', 'assets')) {
  const entry = resolve(assetsDir, 'main.js');
  if (!existsSync(entry)) return null;
  const { metafile } = await build({
    entryPoints: [entry, ...preloadedChunks(assetsDir)], bundle: true, write: false, metafile: true, format: 'esm', platform: 'browser',
    external: ['node:*'], logLevel: 'silent', outdir: join(root, 'build', 'startup-js'),
    absWorkingDir: root,
  });
  const key = (path) => relative(root, path).split('\\').join('/');
  const roots = [entry, ...preloadedChunks(assetsDir)].map(key);
  const seen = new Set(roots);
  const queue = [...roots];
  while (queue.length > 0) {
    const input = metafile.inputs[queue.shift()];
    if (!input) continue;
    for (const { path, kind, external } of input.imports) {
      if (kind !== 'import-statement' || external || seen.has(path)) continue;
      seen.add(path);
      queue.push(path);
    }
  }
  const parts = {};
  for (const path of seen) parts[path.split('/').pop()] = statSync(join(root, path)).size;
  return { bytes: Object.values(parts).reduce((sum, n) => sum + n, 0), parts };
}

/** The chunks the site's index.html (beside assetsDir) preloads: `<link rel="modulepreload" href="assets/…">`. */
function preloadedChunks(assetsDir) {
  const index = join(dirname(assetsDir), 'index.html');
  if (!existsSync(index)) return [];
  const hrefs = [...readFileSync(index, 'utf8').matchAll(/<link rel="modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
  return hrefs.map((href) => resolve(dirname(assetsDir), href)).filter((path) => existsSync(path));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = await startupScripts(process.argv[2] ? resolve(process.argv[2]) : undefined);
  if (!found) {
    console.error('startup-js: dist/assets/main.js is missing; run `node scripts/dist.mjs` first');
    process.exitCode = 1;
  } else console.log(JSON.stringify({ startupJs: found }));
}
