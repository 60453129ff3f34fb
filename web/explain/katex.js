// KaTeX, loaded lazily: the first call imports the vendored ES module and adds its stylesheet, so the page's first
// frame never waits for it. Until it has loaded, renderTex() shows the TeX source as plain text.
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

/** True once KaTeX is available synchronously. */
export function katexReady() { return katex !== null; }

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
  loadKatex().then((k) => {
    if (k && element.dataset.tex === tex) {
      element.classList.remove('tex-pending');
      renderTex(element, tex, { display });
    }
  });
}
