// What the page adds to the browser's globals, for `tsc --checkJs` (tsconfig.json); nothing at run time.
interface Window {
  /** The page's handle (web/app/api.js; docs/interface.md, "The page's handle"). */
  convpoolPlayground?: import('./types.js').PlaygroundHandle;
}
