// Declarations beside the generated modules (web/generated/, build output), so `tsc --checkJs` (npm run lint; the
// lint piece of scripts/test.sh runs this first) reads the types of their exports instead of checking minified code:
// KaTeX, fflate and highlight.js ship their own .d.ts, re-exported here; lz-string's two functions and the
// Emscripten factory are declared here. A newly vendored module that a type-checked file imports gets a line here.
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const generated = fileURLToPath(new URL('../web/generated/', import.meta.url));
const declarations = {
  'vendor/katex/katex.d.mts': "export { default } from 'katex';\n",
  'vendor/fflate.d.ts': "export { zipSync, unzipSync, strToU8, strFromU8, deflateSync, inflateSync } from 'fflate';\n",
  'vendor/sha256.d.ts': "export { sha256 } from '@noble/hashes/sha2.js';\n",
  'vendor/highlight-python.d.ts': "import hljs from 'highlight.js';\nexport default hljs;\n",
  'vendor/lz-string.d.ts': 'declare const LZString: {\n'
    + '  compressToEncodedURIComponent(text: string): string;\n'
    + '  decompressFromEncodedURIComponent(text: string): string | null;\n};\nexport default LZString;\n',
  // the embind module's classes are typed where web/convpool.js wraps them
  'convpool-core.d.ts': 'declare function createConvPoolCore(options?: object): Promise<any>;\n'
    + 'export default createConvPoolCore;\n',
};
for (const [file, text] of Object.entries(declarations)) {
  const module = `${generated}${file.replace(/\.d\.(m?)ts$/, '.$1js')}`;
  if (!existsSync(module)) throw new Error(`${module} is missing: run bash scripts/build.sh wasm first`);
  writeFileSync(`${generated}${file}`, text);
}
