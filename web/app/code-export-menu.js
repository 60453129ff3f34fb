// Export → "PyTorch code" / "NumPy code": the experiment as a standalone Python script (code-source.js), shown in
// the code viewer with Copy and Download. This module, the viewer and highlight.js load on the first click (dynamic
// imports), so the page's first load does not carry them.
const LABELS = { pytorch: 'PyTorch code', numpy: 'NumPy code' };
const VIEWER_STYLESHEET = new URL('../shared/code-viewer.css', import.meta.url).href;

function addViewerStylesheet() {
  // <style data-convpool-bundled>: the single-file build has every stylesheet inlined already.
  if (document.querySelector(`link[href="${VIEWER_STYLESHEET}"], style[data-convpool-bundled]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = VIEWER_STYLESHEET;
  document.head.append(link);
}

/**
 * The viewer in `container` (#code-export) for the two buttons (#export-pytorch, #export-numpy, whose clicks
 * main.js hands to show(kind): this module loads with the first click).
 * `currentSession()` → the session to export (while comparing, the side the controls edit, which `side()` names:
 * 'A' | 'B', or null alone). `notice(text, kind)` reports a failure. The viewer shows the experiment as it was at the
 * click; another click refreshes it. → { show(kind) } (a promise that resolves when the code is on screen).
 */
export function setupCodeExport(currentSession, { container, notice, side = () => null }) {
  let viewer = null;
  let noteElement = null;
  let loading = null;

  async function show(kind) {
    let modules;
    try {
      loading ??= Promise.all([import('./code-source.js'), import('../shared/code-viewer.js')]);
      modules = await loading;
    } catch (error) {
      loading = null;  // a failed load (offline) may be retried
      notice(`The code viewer could not be loaded: ${error && error.message || error}`, 'error');
      return;
    }
    const [{ experimentExport, scriptFileName }, { mountCodeViewer }] = modules;
    let text;
    let note;
    let parts;
    // the export replays the training once more (its float32 check): say so, and let that sentence be drawn first
    if (noteElement && !container.hidden) {
      noteElement.textContent = 'Checking how closely the script reproduces the page (replaying its training)…';
      noteElement.hidden = false;
      noteElement.dataset.parts = 'pending';
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    container.setAttribute('aria-busy', 'true');
    const session = currentSession();
    const which = side();
    try {
      session.runPending();
      ({ text, note, parts } = experimentExport(session, kind));
    } catch (error) {
      notice(`This experiment could not be exported as code: ${error && error.message || error}`, 'warning');
      if (noteElement?.dataset.parts === 'pending') noteElement.hidden = true;  // the code shown is the last export's
      return;
    } finally {
      container.removeAttribute('aria-busy');
    }
    addViewerStylesheet();
    if (!viewer) {
      const body = document.createElement('div');
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'code-export-close';
      close.textContent = 'Close the code';
      close.addEventListener('click', () => { container.hidden = true; });
      // how closely the script can reproduce the page (float32 chaos parts some trainings): said before the code
      noteElement = document.createElement('p');
      noteElement.className = 'code-export-note';
      noteElement.id = 'code-export-note';
      container.replaceChildren(close, noteElement, body);
      viewer = mountCodeViewer(body, { text, fileName: scriptFileName(kind), label: LABELS[kind] });
    } else {
      viewer.update(text, scriptFileName(kind));
    }
    const of = which ? `The code of experiment ${which} of the comparison (the side the controls edit).` : '';
    noteElement.textContent = [of, note ?? ''].filter(Boolean).join(' ');
    noteElement.hidden = !noteElement.textContent;
    noteElement.dataset.parts = parts ? 'yes' : 'no';
    container.dataset.kind = kind;
    container.setAttribute('aria-label', `${LABELS[kind]} of ${which ? `experiment ${which}` : 'this experiment'}`);
    container.hidden = false;
    container.scrollIntoView({ block: 'nearest' });
  }

  return { show };
}
