// The Content-Security-Policy the page is served and tested with (scripts/serve.mjs), and the lock-down directives the
// single-file build's own policy shares (scripts/dist.mjs).

/** The directives both policies share, the served page's and the single file's (scripts/dist.mjs). */
export const LOCKDOWN_DIRECTIVES = [
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // Trusted Types: the page never turns a string into HTML or script (no innerHTML, document.write, eval…); with
  // these two the browser enforces it, so a future slip is a CSP violation instead of an injection point. The one
  // named policy is MathLive's (web/app/math-field.js: the math input of a formula goal renders with innerHTML).
  "require-trusted-types-for 'script'",
  "trusted-types convpool-mathlive",
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
