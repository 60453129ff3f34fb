// `npm start`'s server (scripts/serve.mjs): the bundled page by default, rebuilt on the next page load after a file
// under web/ changed; web/ itself with --source; revalidation (ETag → 304) so browsers keep their code caches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { statSync, utimesSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SERVE = fileURLToPath(new URL('../../scripts/serve.mjs', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../build/site/assets/main.js', import.meta.url));

/** Runs `node scripts/serve.mjs …args` on a free port → { url, stop() } once it says where it listens. */
function startServer(args) {
  const child = spawn(process.execPath, [SERVE, ...args], { cwd: root, env: { ...process.env, PORT: '0' } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error(`serve.mjs printed no URL in 60 s:\n${output}`)); }, 60_000);
    const read = (chunk) => {
      output += chunk;
      const match = output.match(/http:\/\/localhost:(\d+)\//);
      if (match) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${match[1]}/`, stop: () => child.kill() });
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.mjs exited (${code}):\n${output}`)); });
  });
}

test('npm start serves the bundled page with a source map, and revalidates unchanged files with 304', async () => {
  const server = await startServer([]);
  try {
    const page = await fetch(server.url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
    const html = await page.text();
    assert.match(html, /<script type="module" src="assets\/main\.js"><\/script>/);
    assert.match(html, /<link rel="preload" href="assets\/convpool-core\.wasm" as="fetch" type="application\/wasm" crossorigin>/);
    assert.doesNotMatch(html, /app\/main\.js/, 'no source module is named in the bundled page');

    const script = await fetch(new URL('assets/main.js', server.url));
    assert.equal(script.status, 200);
    assert.match(await script.text(), /sourceMappingURL=main\.js\.map/);
    const etag = script.headers.get('etag');
    assert.ok(etag, 'an ETag to revalidate against');
    const again = await fetch(new URL('assets/main.js', server.url), { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    const map = await fetch(new URL('assets/main.js.map', server.url));
    assert.equal(map.status, 200);
    assert.ok((await map.json()).sources.some((source) => source.endsWith('web/app/main.js')), 'the map names web/app/main.js');
  } finally {
    server.stop();
  }
});

test('after an edit under web/, the next page load serves a fresh bundle; without one it is not rebuilt', async () => {
  const server = await startServer([]);
  const edited = fileURLToPath(new URL('../../web/shared/palette.js', import.meta.url));
  const original = statSync(edited);
  try {
    await fetch(server.url);
    const builtAt = statSync(BUNDLE).mtimeMs;
    await fetch(server.url);
    assert.equal(statSync(BUNDLE).mtimeMs, builtAt, 'unchanged sources: no rebuild');
    // an "edit": the file's modification time moves forward (its content stays as it is)
    const later = new Date(Math.max(Date.now(), original.mtimeMs) + 2000);
    utimesSync(edited, later, later);
    const page = await fetch(server.url);
    assert.equal(page.status, 200);
    assert.ok(statSync(BUNDLE).mtimeMs > builtAt, 'rebuilt on the page load after the edit');
  } finally {
    utimesSync(edited, original.atime, original.mtime);
    server.stop();
  }
});

test('--source serves web/ as it is, one module per file', async () => {
  const server = await startServer(['--source']);
  try {
    const html = await (await fetch(server.url)).text();
    assert.match(html, /<script type="module" src="app\/main\.js"><\/script>/);
    assert.equal((await fetch(new URL('shared/experiment.js', server.url))).status, 200);
  } finally {
    server.stop();
  }
});

test('responses are compressed as the client accepts (br before gzip), with their own ETag and Vary', async () => {
  const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
  const server = await startServer(['--source']);
  try {
    const url = new URL('convpool.js', server.url);
    const plain = await fetch(url, { headers: { 'Accept-Encoding': 'identity' } });
    assert.equal(plain.headers.get('content-encoding'), null, 'identity: not compressed');
    const original = Buffer.from(await plain.arrayBuffer());
    // node's fetch decompresses on its own; http.get shows the bytes as sent
    const { get } = await import('node:http');
    const raw = (encoding, extra = {}) => new Promise((resolve, reject) => {
      get(url, { headers: { 'Accept-Encoding': encoding, ...extra } }, (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve({ headers: response.headers, status: response.statusCode, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    });
    const br = await raw('gzip, deflate, br');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers.vary, 'Accept-Encoding');
    assert.ok(br.body.length < original.length / 2, `brotli: ${br.body.length} bytes of ${original.length}`);
    assert.deepEqual(brotliDecompressSync(br.body), original, 'brotli body decompresses to the file');
    const gz = await raw('gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.body), original, 'gzip body decompresses to the file');
    assert.notEqual(br.headers.etag, gz.headers.etag, 'each encoding has its own validator');
    const again = await raw('br', { 'If-None-Match': br.headers.etag });
    assert.equal(again.status, 304, 'an unchanged compressed file revalidates with 304');
    const refused = await raw('br;q=0, gzip');
    assert.equal(refused.headers['content-encoding'], 'gzip', 'q=0 refuses an encoding');
  } finally {
    server.stop();
  }
});

test('npm start serves the single-file playground too, built on its first request (an exercise\'s SCORM package needs it)', async () => {
  for (const args of [[], ['--source']]) {
    const server = await startServer(args);
    try {
      const single = await fetch(new URL('convpool-playground.html', server.url));
      assert.equal(single.status, 200, `${args.join(' ') || 'bundled'}: ${single.status}`);
      const html = await single.text();
      assert.match(html, /<template id="convpool-single-file">/, 'the single file that can rebuild itself');
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    } finally {
      server.stop();
    }
  }
});

test('--host listens on every interface and prints the network address; without it, says how to share beyond localhost', async () => {
  const { whereToOpen } = await import('../../scripts/serve.mjs');
  const lan = { lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true }], eth0: [{ address: '192.0.2.7', family: 'IPv4', internal: false },
    { address: 'fe80::1', family: 'IPv6', internal: false }] };
  assert.deepEqual(whereToOpen(8080, true, lan), ['  on your network: http://192.0.2.7:8080/  (open it there to share links that work on other devices)']);
  assert.match(whereToOpen(8080, true, { lo: lan.lo })[0], /no network address besides localhost/);
  assert.match(whereToOpen(8080, false, lan).join('\n'), /point at localhost.*\n.*npm start -- --host/);
  // the real server: listens beyond the loopback with --host
  const child = spawn(process.execPath, [SERVE, '--source', '--host'], { cwd: root, env: { ...process.env, PORT: '0' } });
  try {
    let output = '';
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve.mjs --host printed no network line in 60 s:\n${output}`)), 60_000);
      child.stdout.on('data', (chunk) => {
        output += chunk;
        if (/localhost:\d+\/[\s\S]*\n {2}(on your network|--host)/.test(output)) { clearTimeout(timer); resolve(); }
      });
      child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`serve.mjs exited (${code}):\n${output}`)); });
    });
    const port = output.match(/localhost:(\d+)\//)[1];
    const network = output.match(/on your network: (http:\/\/[\d.]+:\d+\/)/);
    if (network) assert.equal((await fetch(network[1])).status, 200, `the page answers at ${network[1]}`);
    else assert.match(output, /no network address besides localhost/);
    assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 200);
  } finally {
    child.kill();
  }
});
