// Copies the browser libraries the page loads into web/generated/vendor/, so the page makes no external request:
// KaTeX (its ES module, CSS and fonts), lz-string (a CommonJS package, bundled to an ES module by esbuild),
// highlight.js's core with its Python grammar only (the code viewer's syntax colours; about 25 kB minified) and
// fflate's zip functions (the SCORM package of an exercise, web/shared/exercise/package.js) and MathLive (the math
// input of a formula goal, web/app/math-field.js; its fonts are KaTeX's, already copied here).
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
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
mkdirSync(`${out}/mathlive`, { recursive: true });
cpSync(`${root}node_modules/mathlive/mathlive.min.mjs`, `${out}/mathlive/mathlive.mjs`);
