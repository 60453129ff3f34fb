// `npm start`: serves the playground on http://localhost:8080/ (PORT overrides) with the security headers it expects.
//   node scripts/serve.mjs            the page bundled as `npm run dist` bundles it (scripts/dist.mjs, into
//                                     build/site/), rebuilt on the next page load whenever a file under web/ changed;
//                                     one script instead of two dozen modules: ready in about two thirds of the time
//   node scripts/serve.mjs --source   web/ itself, one request per module (no build step at all)
// Both also serve /convpool-playground.html, the single-file playground (scripts/dist.mjs), built on its first request
// and again after an edit of web/: the page's "Download the SCORM package" puts it into the zip, so a teacher can
// package an exercise from the page `npm start` opened.
//   --host                            listen on every interface (not only 127.0.0.1) and print this machine's
//                                     network addresses: a phone or a class on the same network can open the page
// A few dozen lines of node:http rather than a dependency: the headers (CSP, wasm MIME type) are the point.
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { compressedBody, isCompressible, negotiateEncoding } from './compression.mjs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { networkInterfaces } from 'node:os';
import { CONTENT_SECURITY_POLICY } from './security-policy.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

const WEB = fileURLToPath(new URL('../web', import.meta.url));

/**
 * Starts a static server for `root`; resolves to the http.Server once it listens. `beforePage` (optional, async) runs
 * before a page (a path ending in / or .html) is served: the bundled mode rebuilds there. `built` (optional) maps a
 * path to an async function that builds that file and resolves to where it is (the single file, on demand).
 */
export function serve({ root = WEB, port = 8080, host = '127.0.0.1', beforePage = null, built = {} } = {}) {
  const base = normalize(root);
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
      const build = Object.hasOwn(built, path) ? built[path] : null;
      if (!build && beforePage && /(?:\/|\.html)$/.test(path)) await beforePage();
      let file = build ? await build() : normalize(join(base, path));
      if (!build && file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error('outside'), { status: 403 });
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      const headers = {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        // no-cache + a validator, as static hosts serve: the browser asks every time (an edit shows on reload) but
        // an unchanged file comes back as a bodiless 304, so the browser keeps its compiled JS and WASM code caches.
        'Cache-Control': 'no-cache',
        ETag: `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`,
      };
      // Compressed as a production host compresses: a precompressed sibling (file.br / file.gz, as `npm run dist` and
      // the bundled mode write them) when there is one, else compressed here once per file version.
      const encoding = negotiateEncoding(file, request.headers['accept-encoding']);
      if (isCompressible(file)) headers.Vary = 'Accept-Encoding';  // caches must not hand gzip to a client without it
      if (encoding) {
        headers['Content-Encoding'] = encoding;
        headers.ETag = headers.ETag.replace(/"$/, `-${encoding}"`);
      }
      if (request.headers['if-none-match'] === headers.ETag) {
        response.writeHead(304, headers);
        response.end();
        return;
      }
      const body = encoding ? await compressedBody(file, encoding, headers.ETag) : await readFile(file);
      headers['Content-Length'] = body.length;
      response.writeHead(200, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const status = error.status || (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 404 : 500);
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(status === 404 ? 'not found' : status === 403 ? 'forbidden' : error.expose ? error.message : 'error');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** The newest modification time of any file under `dir` (ms). */
async function newestChange(dir) {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestChange(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

/**
 * → an async function that runs `make()` when web/ changed since its last run (once at a time), then resolves to
 * `result`; a failure is shown to whoever asked (esbuild has printed why in the terminal) and the next request retries.
 */
function rebuiltOnChange(what, make, result) {
  let builtFrom = -1;
  let building = null;
  return () => {
    building ??= (async () => {
      const newest = await newestChange(WEB);
      if (newest === builtFrom) return result;
      try {
        await make();
      } catch (error) {
        throw Object.assign(new Error(`${what} could not be bundled from web/:\n\n${error.message}`), { expose: true });
      }
      builtFrom = newest;
      return result;
    })().finally(() => { building = null; });
    return building;
  };
}

const BUILD = fileURLToPath(new URL('../build', import.meta.url));
export const SINGLE_FILE_PATH = '/convpool-playground.html';

/** The files `npm start` builds on request: the single-file playground (for an exercise's SCORM package). */
async function onDemandFiles() {
  const { buildSingleFile } = await import('./dist.mjs');  // not at the top: dist.mjs imports this file
  const file = join(BUILD, 'single', 'convpool-playground.html');
  return { [SINGLE_FILE_PATH]: rebuiltOnChange('The single-file playground', () => buildSingleFile(file), file) };
}

/**
 * The playground as `npm start` serves it: bundled into build/site/ (rebuilt on the next page load after an edit of
 * web/), or web/ itself with `source`; the single file on demand in both. → the http.Server.
 */
export async function servePlayground({ port = 8080, host, source = false } = {}) {
  const built = await onDemandFiles();
  if (source) return serve({ port, host, built });
  const { buildSite } = await import('./dist.mjs');
  const site = join(BUILD, 'site');
  const rebuild = rebuiltOnChange('The page', () => buildSite(site, { sourcemap: true }), site);
  await rebuild();
  return serve({ root: site, port, host, beforePage: rebuild, built });
}

/**
 * The lines that say where the server can be opened: this computer always; with --host (every interface) also each
 * address of this machine on its networks, where a phone or a class's laptops open it and links copied there work.
 */
export function whereToOpen(port, everyInterface, interfaces = networkInterfaces()) {
  const lines = [];
  if (!everyInterface) {
    lines.push('  Only this computer can open it (links and embed codes copied from it point at localhost);');
    lines.push('  `npm start -- --host` serves it to your network too.');
    return lines;
  }
  const addresses = Object.values(interfaces).flat().filter((a) => a && !a.internal && a.family === 'IPv4');
  if (!addresses.length) lines.push('  --host: listening on every interface, but this machine has no network address besides localhost.');
  for (const a of addresses) lines.push(`  on your network: http://${a.address}:${port}/  (open it there to share links that work on other devices)`);
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 8080);
  const source = process.argv.includes('--source');
  const everyInterface = process.argv.includes('--host');
  const host = everyInterface ? '0.0.0.0' : '127.0.0.1';
  const server = await servePlayground({ port, host, source });
  const url = `http://localhost:${server.address().port}/`;  // PORT=0 picks a free port
  console.log([source ? `convpool playground (web/ as it is): ${url}`
    : `convpool playground (bundled from web/, rebuilt on reload after an edit): ${url}`,
  ...whereToOpen(server.address().port, everyInterface)].join('\n'));
}
