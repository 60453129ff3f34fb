// KaTeX's fonts are declared in web/index.html (<style data-katex-fonts>), before the page's first layout, under
// names of their own ('convpool-KaTeX_Main', …), and web/explain/katex.js adds the rest of KaTeX's CSS without its
// @font-face rules, its families renamed to those: a font declared once the page is laid out makes the browser lay
// all of it out again; the single file (KaTeX's CSS inlined, fonts and all) never uses the page's names. These tests
// keep the page's copy equal to the vendored CSS's (a KaTeX update that adds, renames or moves a font fails here,
// not as wrong glyphs in the equations).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PAGE_FONT_PREFIX, pageKatexCss, withoutFontFaces } from '../../web/explain/katex.js';

const web = fileURLToPath(new URL('../../web/', import.meta.url));
const katexCss = `${web}generated/vendor/katex/katex.min.css`;

/** The @font-face rules of a CSS text as { family, style, weight, woff2 } (the woff2 source as a page-relative path). */
function faces(css, base) {
  return [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].map(([, body]) => {
    const descriptor = (name) => new RegExp(`${name}\\s*:\\s*([^;]+)`).exec(body)?.[1].trim();
    const woff2 = /url\(([^)]+\.woff2)\)\s*format\("woff2"\)/.exec(body)?.[1];
    return { family: descriptor('font-family')?.replace(/"/g, ''), style: descriptor('font-style'), weight: descriptor('font-weight'),
      display: descriptor('font-display'), woff2: woff2 && base + woff2 };
  }).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function pageFonts() {
  const html = readFileSync(`${web}index.html`, 'utf8');
  const block = /<style data-katex-fonts>([\s\S]*?)<\/style>/.exec(html);
  assert.ok(block, 'web/index.html declares KaTeX\'s fonts in <style data-katex-fonts>');
  return block[1];
}

test('the page declares every font of KaTeX\'s CSS, with the same descriptors and woff2 file', { skip: !existsSync(katexCss) && 'web/generated is not built (bash scripts/setup.sh page)' }, () => {
  const declared = faces(pageFonts(), '');
  const vendored = faces(readFileSync(katexCss, 'utf8'), 'generated/vendor/katex/')
    .map((face) => ({ ...face, family: `${PAGE_FONT_PREFIX}${face.family}` }));
  assert.ok(vendored.length > 0, 'katex.min.css has @font-face rules');
  assert.deepEqual(declared, vendored);
  for (const face of declared) assert.ok(existsSync(`${web}${face.woff2}`), `${face.woff2} exists`);
});

test('the page\'s font block holds nothing but @font-face rules', () => {
  assert.equal(pageFonts().replace(/@font-face\s*\{[^}]*\}/g, '').trim(), '');
});

test('withoutFontFaces takes out every @font-face rule and keeps every other rule', () => {
  const css = '.katex{font:normal 1.21em KaTeX_Main}@font-face{font-family:A;src:url(fonts/a.woff2) format("woff2")}'
    + '.katex .mord{color:inherit}@font-face {\n font-family: B; src: url(b.woff2)\n}.x{}';
  assert.equal(withoutFontFaces(css), '.katex{font:normal 1.21em KaTeX_Main}.katex .mord{color:inherit}.x{}');
});

test('KaTeX\'s CSS as the page adds it refers to no file and names only the page\'s font families', { skip: !existsSync(katexCss) && 'web/generated is not built' }, () => {
  const rest = pageKatexCss(readFileSync(katexCss, 'utf8'));
  assert.doesNotMatch(rest, /@font-face|url\(/);
  assert.match(rest, /\.katex\b/);
  const declared = new Set(faces(pageFonts(), '').map((face) => face.family));
  const named = [...rest.matchAll(/[\w-]*KaTeX_\w+/g)].map(([name]) => name);
  assert.ok(named.length > 0, 'KaTeX\'s rules name its families');
  assert.deepEqual([...new Set(named)].filter((name) => !declared.has(name)), [], 'families the page does not declare');
});
