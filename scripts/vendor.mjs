// Copies the browser libraries the page loads into web/generated/vendor/, so the page makes no external request:
// KaTeX (its ES module, CSS and fonts), lz-string (a CommonJS package, bundled to an ES module by esbuild),
// highlight.js's core with its Python grammar only (the code viewer's syntax colours; about 25 kB minified) and
// fflate's zip functions (the SCORM package of an exercise, web/shared/exercise/package.js) and MathLive (the math
// input of a formula goal, web/app/math-field.js; its fonts are KaTeX's, already copied here).
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}web/generated/vendor`;
mkdirSync(`${out}/katex`, { recursive: true });
for (const file of ['katex.mjs', 'katex.min.css']) cpSync(`${root}node_modules/katex/dist/${file}`, `${out}/katex/${file}`);
cpSync(`${root}node_modules/katex/dist/fonts`, `${out}/katex/fonts`, { recursive: true });
await build({
  stdin: { contents: "export { default } from 'lz-string';", resolveDir: root },
  bundle: true, format: 'esm', minify: true, outfile: `${out}/lz-string.js`, logLevel: 'warning',
});
await build({
  stdin: {
    contents: "import hljs from 'highlight.js/lib/core'; import python from 'highlight.js/lib/languages/python';\n"
      + "hljs.registerLanguage('python', python); export default hljs;",
    resolveDir: root,
  },
  bundle: true, format: 'esm', minify: true, outfile: `${out}/highlight-python.js`, logLevel: 'warning',
});
await build({
  stdin: { contents: "export { zipSync, unzipSync, strToU8, strFromU8 } from 'fflate';", resolveDir: root },
  bundle: true, format: 'esm', platform: 'browser', minify: true, outfile: `${out}/fflate.js`, logLevel: 'warning',
});
// MathLive guesses its own URL from a stack trace when it loads (for relative asset paths) and logs errors where that
// fails: the single file's one inline script opened from file://. The page hands it absolute paths, so no guess.
mkdirSync(`${out}/mathlive`, { recursive: true });
const mathlive = readFileSync(`${root}node_modules/mathlive/mathlive.min.mjs`, 'utf8');
const ownUrl = /(currentScript\)==null\?void 0:\w+\.src\))\|\|[\w$]+\(\);/g;
if ((mathlive.match(ownUrl) ?? []).length !== 1) throw new Error('vendor: mathlive.min.mjs no longer has the script-URL guess this script removes');
writeFileSync(`${out}/mathlive/mathlive.mjs`, mathlive.replace(ownUrl, '$1||"";'));
