// KaTeX, loaded lazily: the first call imports the vendored ES module and adds its stylesheet, so the page's first
// frame never waits for it. Until it has loaded, renderTex() shows the TeX source as plain text.
import { nextTask } from '../shared/yield.js';

const KATEX_CSS = new URL('../generated/vendor/katex/katex.min.css', import.meta.url).href;

let loading = null;
let katex = null;

/** Starts (once) loading KaTeX; resolves to the katex object, or null if it cannot be loaded. */
export function loadKatex() {
  if (!loading) {
    // <style data-convpool-bundled>: the single-file build (scripts/dist.mjs) has every stylesheet inlined already.
    if (typeof document !== 'undefined' && !document.querySelector(`link[href="${KATEX_CSS}"], style[data-convpool-bundled]`)) {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = KATEX_CSS;
      document.head.appendChild(link);
    }
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
