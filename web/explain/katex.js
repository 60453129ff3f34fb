// KaTeX, loaded lazily: the first call imports the vendored ES module and adds its stylesheet, so the page's first
// frame never waits for it. Until it has loaded, renderTex() shows the TeX source as plain text.
import { nextTask } from '../shared/yield.js';

const KATEX_CSS = new URL('../generated/vendor/katex/katex.min.css', import.meta.url).href;

let loading = null;
let katex = null;

/** KaTeX's CSS without its @font-face rules (the page declares those itself: <style data-katex-fonts>). */
export function withoutFontFaces(css) {
  return css.replace(/@font-face\s*\{[^}]*\}/g, '');
}

/** The prefix of the page's names for KaTeX's font families (web/index.html declares 'convpool-KaTeX_Main', …). */
export const PAGE_FONT_PREFIX = 'convpool-';

/** KaTeX's CSS as the page adds it: without its @font-face rules, its families named as the page declares them. */
export function pageKatexCss(css) {
  return withoutFontFaces(css).replace(/\bKaTeX_/g, `${PAGE_FONT_PREFIX}KaTeX_`);
}

/** The whole of KaTeX's CSS as a stylesheet link (its fonts declared with it). */
function linkStylesheet() {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = KATEX_CSS;
  document.head.appendChild(link);
}

/**
 * Adds KaTeX's CSS to the page. A page that declares KaTeX's fonts from the start (web/index.html) gets the rest of
 * it, without its @font-face rules (pageKatexCss): declaring a font once the page is laid out lays out all of it
 * again (on a slow phone a long task while the explanations mount). Any other page, or a failed fetch, gets the
 * stylesheet whole.
 */
function addStylesheet() {
  // <style data-convpool-bundled>: the single-file build (scripts/dist.mjs) has every stylesheet inlined already.
  if (document.querySelector(`link[href="${KATEX_CSS}"], style[data-convpool-bundled], style[data-katex-rules]`)) return;
  if (!document.querySelector('style[data-katex-fonts]')) {
    linkStylesheet();
    return;
  }
  const style = document.createElement('style');
  style.dataset.katexRules = '';
  document.head.appendChild(style);
  fetch(KATEX_CSS)
    .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((css) => { style.textContent = pageKatexCss(css); }, () => { style.remove(); linkStylesheet(); });
}

/** Starts (once) loading KaTeX; resolves to the katex object, or null if it cannot be loaded. */
export function loadKatex() {
  if (!loading) {
    if (typeof document !== 'undefined') addStylesheet();
    // A string literal, so the bundler of scripts/dist.mjs can follow it.
    loading = import('../generated/vendor/katex/katex.mjs').then((m) => { katex = m.default || m; return katex; }, () => null);
  }
  return loading;
}

/**
 * Renders TeX into `element` (replacing its content). Before KaTeX is loaded the TeX source is shown as text and
 * the element is re-rendered when it arrives.
 */
export function renderTex(element, tex, { display = true } = {}) {
  element.dataset.tex = tex;
  if (katex) {
    try {
      katex.render(tex, element, { displayMode: display, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' });
    } catch {
      element.textContent = tex;
    }
    return;
  }
  element.textContent = tex;
  element.classList.add('tex-pending');
  pendingTex.push(() => {
    if (katex && element.dataset.tex === tex) {
      element.classList.remove('tex-pending');
      renderTex(element, tex, { display });
    }
  });
  if (!draining) draining = drainPendingTex();
}

// What waited for KaTeX is typeset when it arrives, TEX_BUDGET_MS of it per task: dozens of equations at once would
// hold a slow phone's main thread for a good part of a second.
const TEX_BUDGET_MS = 6;
const WARM_UP_TEX = [
  'x', 'x_{i}^{2}', String.raw`\frac{a}{b}`, String.raw`\sum_{k=0}^{4} w_{k}`, String.raw`\hat{y} \odot \partial C \text{ (x)}`,
  String.raw`\left\lfloor \frac{N}{s} \right\rfloor`, String.raw`\begin{cases} a & b \\ c & d \end{cases}`,
  String.raw`\underbrace{x}_{\eta} \max_{0 \le k} \mathbb{1}[a] \tilde{\delta}`,
];
const pendingTex = [];
let draining = null;

async function drainPendingTex() {
  const loaded = await loadKatex();
  // KaTeX's first typesetting compiles its parser and builders as it meets them (tens of ms on a slow phone): small
  // formulas, one construct more each, parsed in one task and typeset (into an element outside the page, as the
  // real ones are typeset into elements) in the next, take that cost in pieces before the budgeted tasks below
  if (loaded && pendingTex.length) {
    const options = { displayMode: true, throwOnError: false, strict: 'ignore', output: 'htmlAndMathml' };
    const scratch = document.createElement('div');
    for (const tex of WARM_UP_TEX) {
      await nextTask();
      try { loaded.__parse?.(tex, options); } catch { /* typeset later anyway */ }
      await nextTask();
      try { loaded.render(tex, scratch, options); } catch { /* typeset later anyway */ }
    }
    await nextTask();
  }
  while (pendingTex.length) {
    const started = performance.now();
    while (pendingTex.length && performance.now() - started < TEX_BUDGET_MS) pendingTex.shift()();
    if (pendingTex.length) await nextTask();
  }
  draining = null;
}

/** Resolves once KaTeX has loaded (or failed to) and everything that waited for it is typeset. */
export function texSettled() {
  return loadKatex().then(() => draining || undefined).then(() => (draining ? texSettled() : undefined));
}
