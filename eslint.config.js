// ESLint (flat config): rules that find mistakes, not style: ESLint's recommended set (no unused variables or imports,
// no undefined names, no unreachable code, …) and === only. Run by `npm run lint` and `npm test` (scripts/test.sh
// lint) over the page, the library, the scripts, the tests and the benchmark.
import js from '@eslint/js';
import globals from 'globals';

const rules = {
  ...js.configs.recommended.rules,
  'no-unused-vars': 'error',  // imports too
  'no-undef': 'error',
  eqeqeq: ['error', 'always'],
};

export default [
  { ignores: ['web/generated/**', '**/node_modules/**', 'build/**', 'dist/**', 'test-artifacts/**'] },
  {
    // the page and the library: ES modules in the browser (web/convpool.js also runs in Node 20)
    files: ['web/**/*.js'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.browser } },
    rules,
  },
  {
    // the library also runs in Node, where it reads the .wasm file itself
    files: ['web/convpool.js'],
    languageOptions: { globals: { process: 'readonly' } },
  },
  {
    // Node: scripts, tests and benchmark; their page.evaluate(…) callbacks run in the browser
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
    rules,
  },
];
