// Serves web/ on http://localhost:8080/ (PORT overrides) with the security headers the page expects.
// A few dozen lines of node:http rather than a dependency: the headers (CSP, wasm MIME type) are the point.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The directives both policies share, the served page's and the single file's (scripts/dist.mjs). */
export const LOCKDOWN_DIRECTIVES = [
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // Trusted Types: the page never turns a string into HTML or script (no innerHTML, document.write, eval…); with
  // these two the browser enforces it, so a future slip is a CSP violation instead of an injection point.
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
];

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",  // KaTeX positions glyphs with style attributes
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  ...LOCKDOWN_DIRECTIVES,
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

/** Starts a static server for `root`; resolves to the http.Server once it listens. */
export function serve({ root = fileURLToPath(new URL('../web', import.meta.url)), port = 8080, host = '127.0.0.1' } = {}) {
  const base = normalize(root);
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw Object.assign(new Error('outside'), { status: 403 });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    } catch (error) {
      const status = error.status || (error.code === 'ENOENT' || error.code === 'ENOTDIR' ? 404 : 500);
      response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(status === 404 ? 'not found' : status === 403 ? 'forbidden' : 'error');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 8080);
  await serve({ port });
  console.log(`convpool playground: http://localhost:${port}/`);
}
