// scripts/startup-js.mjs (the bench's pageJsBytes): the page's start-up JS is main.js plus every chunk it imports
// statically, directly or through another chunk; chunks reached only through import() are left out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startupScripts } from '../../scripts/startup-js.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('startupScripts follows static imports transitively and leaves out dynamic ones', async () => {
  mkdirSync(join(root, 'build'), { recursive: true });
  const dir = mkdtempSync(join(root, 'build', 'startup-js-test-'));
  try {
    const files = {
      'main.js': 'import{a}from"./chunk-A.js";import"./chunk-B.js";a();import("./chunk-LAZY.js").then(m=>m.c());',
      'chunk-A.js': 'import{b}from"./chunk-SHARED.js";export function a(){return b()}',
      'chunk-B.js': 'console.log(1);',
      'chunk-SHARED.js': 'export function b(){return 2}',
      'chunk-LAZY.js': 'import{b}from"./chunk-SHARED.js";import"./chunk-LAZY-ONLY.js";export function c(){return b()}',
      'chunk-LAZY-ONLY.js': 'console.log(3);'.repeat(10),
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const found = await startupScripts(dir);
    const expected = ['main.js', 'chunk-A.js', 'chunk-B.js', 'chunk-SHARED.js'];
    assert.deepEqual(Object.keys(found.parts).sort(), [...expected].sort());
    for (const name of expected) assert.equal(found.parts[name], Buffer.byteLength(files[name]), name);
    assert.equal(found.bytes, expected.reduce((sum, name) => sum + Buffer.byteLength(files[name]), 0));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("startupScripts counts what the site's index.html preloads (what `ready` awaits) with its static imports", async () => {
  mkdirSync(join(root, 'build'), { recursive: true });
  const site = mkdtempSync(join(root, 'build', 'startup-js-test-'));
  try {
    const files = {
      'main.js': 'import"./chunk-A.js";import("./chunk-READY.js");import("./chunk-LAZY.js");',
      'chunk-A.js': 'console.log(1);',
      'chunk-READY.js': 'import"./chunk-READY-DEP.js";export const r=1;',
      'chunk-READY-DEP.js': 'console.log(2);',
      'chunk-LAZY.js': 'console.log(3);',
    };
    mkdirSync(join(site, 'assets'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(site, 'assets', name), text);
    writeFileSync(join(site, 'index.html'), '<link rel="modulepreload" href="assets/chunk-A.js">\n'
      + '<link rel="modulepreload" href="assets/chunk-READY.js">\n<script type="module" src="assets/main.js"></script>');
    const found = await startupScripts(join(site, 'assets'));
    assert.deepEqual(Object.keys(found.parts).sort(), ['chunk-A.js', 'chunk-READY-DEP.js', 'chunk-READY.js', 'main.js']);
  } finally {
    rmSync(site, { recursive: true, force: true });
  }
});

test('startupScripts is null without a main.js', async () => {
  assert.equal(await startupScripts(join(root, 'build', 'no-such-dir')), null);
});
