// Compression of the page's files, shared by the server (scripts/serve.mjs, on the fly) and the static build
// (scripts/dist.mjs, precompressed .br and .gz siblings that hosts such as nginx's gzip_static/brotli_static serve).
// Brotli and gzip come with Node's zlib: no dependency.
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from 'node:zlib';
import { existsSync, readdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';

/** Text formats and WASM shrink by 3–5×; fonts (woff2) and images are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.wasm', '.map', '.txt', '.ttf']);

export const isCompressible = (file) => COMPRESSIBLE.has(extname(file));

/** The encoding to answer with: 'br' before 'gzip' (smaller), none when the client takes neither or the file won't shrink. */
export function negotiateEncoding(file, acceptEncoding = '') {
  if (!isCompressible(file)) return null;
  const accepted = new Set(String(acceptEncoding).split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, q]) => !q || !/^q=0(?:\.0*)?$/.test(q.trim()))
    .map(([name]) => name.trim().toLowerCase()));
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

const SUFFIX = { br: '.br', gzip: '.gz' };
const cache = new Map();  // `${file} ${encoding}` → { version, body }: one compression per file version
const compressAsync = {
  // Quality 5 on the fly: within a few ms per file and still ~15% smaller than gzip; dist/ gets quality 11.
  br: (bytes) => promisify(brotliCompress)(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
  gzip: (bytes) => promisify(gzip)(bytes, { level: 6 }),
};

/** The compressed bytes of `file`: its precompressed sibling when present and not older, else compressed (and cached). */
export async function compressedBody(file, encoding, version) {
  const sibling = file + SUFFIX[encoding];
  if (existsSync(sibling) && statSync(sibling).mtimeMs >= statSync(file).mtimeMs) return readFile(sibling);
  const key = `${file} ${encoding}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) return hit.body;
  const body = await compressAsync[encoding](await readFile(file));
  cache.set(key, { version, body });
  return body;
}

/**
 * Writes file.br (Brotli, quality 11) and file.gz (gzip -9) beside every compressible file under `dir`, as static
 * hosts serve them; → { files, bytes, brotliBytes, gzipBytes } for the report.
 */
export function precompressTree(dir) {
  const totals = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const sub = precompressTree(path);
      for (const key of Object.keys(totals)) totals[key] += sub[key];
      continue;
    }
    if (!isCompressible(path)) continue;
    const bytes = readFileSync(path);
    const br = brotliCompressSync(bytes, { params: {
      [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
    const gz = gzipSync(bytes, { level: 9 });
    writeFileSync(path + '.br', br);
    writeFileSync(path + '.gz', gz);
    totals.files += 1;
    totals.bytes += bytes.length;
    totals.brotliBytes += br.length;
    totals.gzipBytes += gz.length;
  }
  return totals;
}
