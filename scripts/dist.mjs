// npm run dist: the playground for course platforms, built with esbuild from web/ (after `scripts/build.sh wasm`).
//
//   dist/index.html, dist/style.css, dist/assets/…   a static site with relative paths only: copy dist/ to any folder of
//                                                    any static host (GitHub Pages, a university web space)
//   dist/examples/course-page.html (+ .js)           the example course page (two locked iframes, postMessage)
//   dist/convpool-playground.html                    one self-contained file: scripts, styles, KaTeX with its fonts and
//                                                    the WASM (base64) inlined; works double-clicked (file://) and
//                                                    uploaded to a learning-management system as one HTML page;
//                                                    it can rebuild its own HTML (a SCORM package of an exercise)
//
// The static site keeps the page's lazy loading: esbuild splits the explanations and KaTeX into chunks next to
// assets/main.js, and the URLs the code resolves against import.meta.url land on the files copied here:
//   assets/convpool-core.wasm        the Emscripten loader's new URL('convpool-core.wasm', import.meta.url)
//   assets/explain.css               web/explain/index.js's new URL('./explain.css', import.meta.url)
//   generated/vendor/katex/…         web/explain/katex.js's new URL('../generated/vendor/katex/katex.min.css', …)
// The single file has no chunks: the WASM comes in through esbuild's binary loader and is handed to the Emscripten
// factory as `wasmBinary` (nothing is fetched), every stylesheet is one <style data-convpool-bundled> (which tells
// web/explain not to add <link>s), and a Content-Security-Policy <meta> allows exactly that one script by its hash.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCKDOWN_DIRECTIVES } from './security-policy.mjs';
import { LAYER_TYPES } from '../web/layers/registry.js';
import { precompressTree } from './compression.mjs';
import { SLOTS, SOURCE_TEMPLATE_ID, fillSlots, skeletonText } from '../web/shared/exercise/single-file.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const out = join(root, 'dist');
export const SINGLE_FILE = 'convpool-playground.html';

const CORE_JS = join(web, 'generated', 'convpool-core.js');
const CORE_WASM = join(web, 'generated', 'convpool-core.wasm');
const KATEX_DIR = join(web, 'generated', 'vendor', 'katex');
for (const file of [CORE_JS, CORE_WASM, join(KATEX_DIR, 'katex.mjs'), join(web, 'generated', 'vendor', 'lz-string.js')]) {
  if (!existsSync(file)) throw new Error(`dist: ${file} is missing; run \`bash scripts/build.sh wasm\` first`);
}

const common = {
  bundle: true, format: 'esm', platform: 'browser', target: ['es2022'], minify: true, legalComments: 'none',
  // text as UTF-8 rather than \u escapes (Σ, ∂, →, … are 2–3 bytes, not 6): module scripts are always decoded as
  // UTF-8, and the single file declares <meta charset="utf-8">
  charset: 'utf8',
  // web/convpool.js imports node:fs/promises only when it runs in Node; the browser never reaches that import().
  external: ['node:*'], logLevel: 'warning',
};

/** The Content-Security-Policy of the single file: nothing but its one inline script, its WASM and inline styles. */
export function singleFileCsp(scriptHash) {
  return [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}' 'wasm-unsafe-eval'`,
    "style-src 'unsafe-inline'",  // KaTeX positions glyphs with style attributes
    "img-src data: blob:",
    "font-src data:",
    "connect-src 'none'",
    ...LOCKDOWN_DIRECTIVES,
  ].join('; ');
}

function fail(message) {
  throw new Error(`dist: ${message}`);
}

/**
 * web/index.html without its preload hints (the comment and <link rel="preload|modulepreload"> lines): they name the
 * source modules and generated/ paths of the unbundled page, which the bundles replace.
 */
function withoutPreloads(html) {
  return html
    .replace(/^\s*<!-- Fetch the whole module graph[^\n]*-->\n/m, '')
    .replace(/^\s*<link rel="(?:module)?preload"[^>]*>\n/gm, '');
}

/** web/index.html with its stylesheet link and script tag replaced by `head` (inserted where the link was). */
function rewriteIndex(html, head) {
  const link = '<link rel="stylesheet" href="style.css">';
  const script = /[ \t]*<script type="module" src="app\/main\.js"><\/script>\n?/;
  if (!html.includes(link) || !script.test(html)) fail('web/index.html no longer has the stylesheet link and script tag this script replaces');
  return withoutPreloads(html).replace(script, '').replace(link, () => head);  // a function: no $-patterns in `head`
}

/**
 * The modules web/app/api.js imports by import() and awaits before `ready` (exportCode answers at once): the
 * exporters, and each layer type's part of them (web/layers/<type>/code.js), which the exporters load as they load.
 */
const READY_AWAITS = ['app/code-source.js', ...LAYER_TYPES.map((type) => `layers/${type}/code.js`)];

/**
 * The bundled page's own preload hints: the WASM (fetched while main.js is parsed, not after it runs) and the chunks
 * main.js imports statically (fetched with it, not after it is parsed). Lazy chunks (explanations, KaTeX) stay lazy.
 */
function preloadHints(metafile) {
  const output = (source) => Object.entries(metafile.outputs).find(([, o]) => o.entryPoint && o.entryPoint.endsWith(source));
  const main = output('app/main.js');
  if (!main) fail('esbuild metafile: no output for web/app/main.js');
  // every chunk main.js needs before it runs: its static imports, and theirs; and the chunks `ready` waits for
  // (READY_AWAITS) with theirs, fetched in parallel rather than after main.js asks. scripts/startup-js.mjs counts
  // the same set as the page's start-up JS.
  const awaited = READY_AWAITS.map((source) => output(source) || fail(`esbuild metafile: no chunk for web/${source}`));
  const needed = new Set(awaited.map(([path]) => path));
  const queue = [main[1], ...awaited.map(([, o]) => o)];
  while (queue.length > 0) {
    for (const entry of queue.shift().imports) {
      if (entry.kind !== 'import-statement' || needed.has(entry.path) || !metafile.outputs[entry.path]) continue;
      needed.add(entry.path);
      queue.push(metafile.outputs[entry.path]);
    }
  }
  const chunks = [...needed].map((path) => path.split('/').pop());
  return [
    '<link rel="preload" href="assets/convpool-core.wasm" as="fetch" type="application/wasm" crossorigin>',
    ...chunks.map((chunk) => `<link rel="modulepreload" href="assets/${chunk}">`),
  ];
}

/** The source files (absolute paths) of every chunk main.js imports statically, directly or through another chunk. */
function startupModules(metafile) {
  const [mainPath] = Object.entries(metafile.outputs).find(([, o]) => o.entryPoint && o.entryPoint.endsWith('app/main.js'))
    || fail('esbuild metafile: no output for web/app/main.js');
  const seen = new Set([mainPath]);
  const queue = [mainPath];
  while (queue.length > 0) {
    for (const entry of metafile.outputs[queue.shift()].imports) {
      if (entry.kind !== 'import-statement' || seen.has(entry.path) || !metafile.outputs[entry.path]) continue;
      seen.add(entry.path);
      queue.push(entry.path);
    }
  }
  return new Set([...seen].flatMap((path) => Object.keys(metafile.outputs[path].inputs)).map((input) => join(root, input)));
}

/**
 * esbuild plugin: the page's start-up code in one chunk beside main.js, not ~35. esbuild makes a chunk for every set
 * of entry points that share code, so the start-up modules, each shared with a different set of the page's lazy
 * parts, came in dozens of small chunks: on HTTP/1.1 (6 connections, a round trip each) a slow network fetched them
 * in waves, which held back the first paint. Here every lazily loaded first-party module also imports (at its end:
 * its lines keep their numbers) one module that imports all start-up modules, so they share one set of entry points
 * and land in one chunk. Nothing runs twice or out of order: the modules are evaluated once, at start-up, in main.js's
 * import order, before any lazy part loads.
 */
function startupInOneChunk(startup) {
  const BARREL = 'convpool:startup';
  const main = join(web, 'app', 'main.js');
  const firstParty = (path) => path.startsWith(web + '/') && !path.startsWith(join(web, 'generated') + '/');
  return {
    name: 'convpool-startup-in-one-chunk',
    setup(b) {
      b.onResolve({ filter: /^convpool:startup$/ }, () => ({ path: BARREL, namespace: 'convpool-startup' }));
      b.onLoad({ filter: /.*/, namespace: 'convpool-startup' }, () => ({
        resolveDir: root, loader: 'js',
        contents: [...startup].filter((path) => path !== main && /\.m?js$/.test(path)).map((path) => `import ${JSON.stringify(path)};`).join('\n'),
      }));
      b.onLoad({ filter: /\.m?js$/ }, (args) => {
        // main.js imports it too (last: its own imports keep their order), so the barrel joins the start-up chunk
        // rather than being an empty chunk of its own
        if (!firstParty(args.path) || (startup.has(args.path) && args.path !== main)) return undefined;
        return { contents: `${readFileSync(args.path, 'utf8')}\nimport ${JSON.stringify(BARREL)};\n`, loader: 'js' };
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------------
// 1. The static site
/**
 * Builds the static site into `site`: dist/ for `npm run dist`, build/site/ for `npm start` (scripts/serve.mjs, with
 * `sourcemap` so the browser's debugger shows web/'s own files).
 */
export async function buildSite(site = out, { sourcemap = false } = {}) {
  rmSync(site, { recursive: true, force: true });  // chunk names carry hashes: no stale chunk survives a rebuild
  mkdirSync(site, { recursive: true });
  const split = {
    ...common,
    entryPoints: { main: join(web, 'app', 'main.js') },
    splitting: true,
    outdir: join(site, 'assets'),
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    metafile: true,
    absWorkingDir: root,
  };
  const startup = startupModules((await build({ ...split, write: false })).metafile);
  const { metafile } = await build({ ...split, sourcemap, plugins: [startupInOneChunk(startup)] });
  cpSync(CORE_WASM, join(site, 'assets', 'convpool-core.wasm'));
  cpSync(join(web, 'explain', 'explain.css'), join(site, 'assets', 'explain.css'));
  mkdirSync(join(site, 'shared'), { recursive: true });
  cpSync(join(web, 'shared', 'code-viewer.css'), join(site, 'shared', 'code-viewer.css'));
  cpSync(join(web, 'style.css'), join(site, 'style.css'));
  mkdirSync(join(site, 'generated', 'vendor', 'katex'), { recursive: true });
  cpSync(join(KATEX_DIR, 'katex.min.css'), join(site, 'generated', 'vendor', 'katex', 'katex.min.css'));
  cpSync(join(KATEX_DIR, 'fonts'), join(site, 'generated', 'vendor', 'katex', 'fonts'), { recursive: true });
  const html = readFileSync(join(web, 'index.html'), 'utf8');
  writeFileSync(join(site, 'index.html'), rewriteIndex(html, [
    '<link rel="stylesheet" href="style.css">',
    ...preloadHints(metafile),
    '<script type="module" src="assets/main.js"></script>',
  ].join('\n  ')));
  // the course page; the *-demo pages are for development (they import web/'s unbundled modules)
  if (existsSync(join(web, 'examples'))) {
    cpSync(join(web, 'examples'), join(site, 'examples'), { recursive: true, filter: (source) => !/-demo\.(html|js)$/.test(source) });
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// 2. The single file
/** esbuild plugin: web/convpool.js's import of the Emscripten factory gets one that already holds the WASM bytes. */
const inlineWasm = {
  name: 'convpool-inline-wasm',
  setup(b) {
    b.onResolve({ filter: /generated\/convpool-core\.js$/ }, (args) => (
      args.namespace === 'convpool-inline-wasm' ? undefined : { path: 'core', namespace: 'convpool-inline-wasm' }));
    b.onLoad({ filter: /.*/, namespace: 'convpool-inline-wasm' }, () => ({
      resolveDir: root,
      loader: 'js',
      contents: [
        `import createCore from ${JSON.stringify(CORE_JS)};`,
        `import wasmBinary from ${JSON.stringify(CORE_WASM)};`,  // the binary loader: a Uint8Array from base64
        'export default (options = {}) => createCore({ wasmBinary, ...options });',
      ].join('\n'),
    }));
  },
};

/** esbuild plugin: KaTeX's @font-face rules keep only their woff2 source (every browser that runs WASM reads woff2). */
const woff2Only = {
  name: 'convpool-woff2-only',
  setup(b) {
    b.onLoad({ filter: /katex\.min\.css$/ }, (args) => {
      const css = readFileSync(args.path, 'utf8');
      const trimmed = css.replace(/,url\(fonts\/[^)]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '');
      if (/\.(?:woff|ttf)\)/.test(trimmed)) fail('katex.min.css: could not reduce its @font-face rules to woff2');
      return { contents: trimmed, loader: 'css' };
    });
  },
};

/** Builds the single file into `file` (dist/convpool-playground.html; `npm start` builds its own copy on demand). */
export async function buildSingleFile(file = join(out, SINGLE_FILE)) {
  const js = await build({
    ...common,
    entryPoints: [join(web, 'app', 'main.js')],
    write: false,
    outdir: out,  // needed by esbuild for naming; nothing is written
    loader: { '.wasm': 'binary' },
    plugins: [inlineWasm],
  });
  const css = await build({
    ...common,
    stdin: {
      contents: ['web/style.css', 'web/explain/explain.css', 'web/generated/vendor/katex/katex.min.css',
        'web/shared/code-viewer.css']
        .map((f) => `@import ${JSON.stringify(`./${f}`)};`).join('\n'),
      resolveDir: root, loader: 'css', sourcefile: 'convpool-playground.css',
    },
    write: false,
    outdir: out,
    loader: { '.woff2': 'dataurl', '.woff': 'dataurl', '.ttf': 'dataurl' },
    plugins: [woff2Only],
  });
  if (js.outputFiles.length !== 1) fail(`expected one script, esbuild wrote ${js.outputFiles.length}`);
  const script = js.outputFiles[0].text.trimEnd();
  const style = css.outputFiles.map((f) => f.text).join('').trimEnd();
  // The HTML tokenizer ends a script at "</script" and treats "<!--" specially; a style ends at "</style".
  if (/<\/script|<!--/i.test(script)) fail('the bundled script contains "</script" or "<!--"');
  if (/<\/style/i.test(style)) fail('the bundled CSS contains "</style"');
  if (/\burl\((?!["']?data:)/.test(style)) fail('the bundled CSS still refers to a file');
  const hash = createHash('sha256').update(script, 'utf8').digest('base64');
  const html = readFileSync(join(web, 'index.html'), 'utf8')
    // the page's early declaration of KaTeX's fonts (files): the single file has them inlined with KaTeX's CSS, and its
    // CSP (fonts from data: only) would report every declared file as a violation
    .replace(/\n[ \t]*<!-- KaTeX's fonts[\s\S]*?<style data-katex-fonts>[\s\S]*?<\/style>/, '')
    .replace('<meta charset="utf-8">', () =>
      `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${singleFileCsp(hash)}">`);
  if (!html.includes('http-equiv="Content-Security-Policy"')) fail('web/index.html has no <meta charset="utf-8">');
  if (html.includes('data-katex-fonts')) fail('web/index.html\'s KaTeX font block no longer has the shape this script removes');
  // A skeleton with three slots, kept in the page as plain text, so the page can rebuild its own HTML for an exercise's
  // SCORM package (web/shared/exercise/single-file.js); the slots are filled in one pass.
  const skeleton = rewriteIndex(html, `<style data-convpool-bundled>${SLOTS.style}</style>`)
    .replace('</body>', () => `<template id="${SOURCE_TEMPLATE_ID}">${SLOTS.source}</template>\n`
      + `<script type="module">${SLOTS.script}</script>\n</body>`);
  // Each slot is the whole text of its element, which is what the page's DOM gives back (textContent).
  const page = fillSlots(skeleton, { style: `\n${style}\n`, script, source: skeletonText(skeleton) });
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, page);
  return { scriptBytes: Buffer.byteLength(script), styleBytes: Buffer.byteLength(style) };
}

// ---------------------------------------------------------------------------------------------------------------------
/** Bytes under `path`, the precompressed .br/.gz siblings left out (they are alternatives, not more content). */
function sizeOf(path) {
  const s = statSync(path);
  if (s.isDirectory()) return readdirSync(path).reduce((sum, f) => sum + sizeOf(join(path, f)), 0);
  return /\.(?:br|gz)$/.test(path) ? 0 : s.size;
}
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

export async function buildDist() {
  await buildSite();
  const single = await buildSingleFile();
  const compressed = precompressTree(out);
  return {
    compressed,
    site: sizeOf(out) - sizeOf(join(out, SINGLE_FILE)),
    singleFile: sizeOf(join(out, SINGLE_FILE)),
    ...single,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = await buildDist();
  console.log(`dist/ static site: ${kb(sizes.site)} (copy the folder to any static host)`);
  console.log(`dist/${SINGLE_FILE}: ${kb(sizes.singleFile)} (script ${kb(sizes.scriptBytes)} with the WASM, `
    + `styles ${kb(sizes.styleBytes)} with KaTeX's fonts)`);
  const c = sizes.compressed;
  console.log(`precompressed ${c.files} files beside themselves (.br ${kb(c.brotliBytes)}, .gz ${kb(c.gzipBytes)} `
    + `of ${kb(c.bytes)}) for hosts that serve them`);
}
