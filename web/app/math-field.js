// MathLive's <math-field> (npm mathlive, vendored by scripts/vendor.mjs), loaded the first time a formula goal is shown
// and set up for this page's rules: no request leaves the origin (its fonts are KaTeX's, served beside it; no sounds,
// no compute engine), and its HTML goes through one Trusted Types policy that only MathLive's own rendering holds
// (the page's Content-Security-Policy names it; every other string→HTML assignment stays refused).
const POLICY = 'convpool-mathlive';
const FONTS = new URL('../generated/vendor/katex/fonts/', import.meta.url).href;

let loading = null;

/** → Promise of MathfieldElement (the <math-field> element is defined), or null when MathLive cannot run here. */
export function loadMathField() {
  loading ??= import('../generated/vendor/mathlive/mathlive.mjs').then((module) => {
    const { MathfieldElement } = module;
    MathfieldElement.createHTML = trustedHtml();
    MathfieldElement.fontsDirectory = FONTS;
    MathfieldElement.soundsDirectory = null;
    MathfieldElement.computeEngine = null;
    return MathfieldElement;
  }).catch((error) => {
    console.warn(`the math input could not be loaded (${error && error.message}); the formula box takes plain text`);
    return null;
  });
  return loading;
}

/**
 * MathLive writes its rendering with innerHTML. Under `require-trusted-types-for 'script'` that needs TrustedHTML,
 * from a policy the page's CSP allows by name. MathLive builds this markup itself from the typed LaTeX (escaping the
 * text); the policy still refuses anything that could run script, in case a future version lets a string through.
 */
function trustedHtml() {
  if (typeof window === 'undefined' || !window.trustedTypes) return (html) => html;
  const policy = window.trustedTypes.createPolicy(POLICY, {
    createHTML(html) {
      if (/<\s*(script|iframe|object|embed)\b|\son\w+\s*=|javascript:/i.test(html)) return '';
      return html;
    },
  });
  return (html) => policy.createHTML(html);
}
