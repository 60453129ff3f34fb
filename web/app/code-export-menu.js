// Export → "PyTorch code" / "NumPy code": the experiment as a standalone Python script (web/shared/code-export/),
// shown in the code viewer with Copy and Download. The viewer and highlight.js load on the first click (a dynamic
// import), so the page's first load does not carry them; the exporters themselves are small and load with the page,
// because the handle's exportCode(kind) answers synchronously.
import { exportCode, resolveExperiment, scriptFileName } from '../shared/code-export/index.js';
import { inputSignal, targetSignal } from '../shared/signals.js';

const LABELS = { pytorch: 'PyTorch code', numpy: 'NumPy code' };
const VIEWER_STYLESHEET = new URL('../shared/code-viewer.css', import.meta.url).href;

/**
 * The session's experiment (queued training run first) as a script of `kind` ('pytorch' | 'numpy'): its network, its
 * seeded initial weights, its signals as the page makes them, its recorded η schedule, and its link in the header.
 */
export function experimentAsCode(session, kind) {
  const { cp, experiment, model } = session;
  const x = inputSignal(cp, experiment);
  const y = targetSignal(cp, experiment, model, x);
  const schedule = experiment.steps > 0 ? experiment.schedule : [];
  // A data set on the page (inputs/targets of `count` examples, an optional validation set) goes into
  // resolveExperiment's last argument: { dataset, validation }.
  const resolved = resolveExperiment(cp, experiment.network, x, y, schedule, session.fragment());
  return exportCode(kind, resolved);
}

function addViewerStylesheet() {
  // <style data-convpool-bundled>: the single-file build has every stylesheet inlined already.
  if (document.querySelector(`link[href="${VIEWER_STYLESHEET}"], style[data-convpool-bundled]`)) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = VIEWER_STYLESHEET;
  document.head.append(link);
}

/**
 * Wires the two buttons (#export-pytorch, #export-numpy) to the viewer in `container` (#code-export).
 * `notice(text, kind)` reports a failure. The viewer shows the experiment as it was at the click; another click
 * refreshes it. → { show(kind) } (a promise that resolves when the code is on screen).
 */
export function setupCodeExport(session, { container, notice }) {
  let viewer = null;
  let loading = null;

  async function show(kind) {
    let text;
    try {
      session.runPending();
      text = experimentAsCode(session, kind);
    } catch (error) {
      notice(`This experiment could not be exported as code: ${error && error.message || error}`, 'warning');
      return;
    }
    try {
      loading ??= import('../shared/code-viewer.js');
      const { mountCodeViewer } = await loading;
      addViewerStylesheet();
      if (!viewer) {
        const body = document.createElement('div');
        const close = document.createElement('button');
        close.type = 'button';
        close.className = 'code-export-close';
        close.textContent = 'Close the code';
        close.addEventListener('click', () => { container.hidden = true; });
        container.replaceChildren(close, body);
        viewer = mountCodeViewer(body, { text, fileName: scriptFileName(kind), label: LABELS[kind] });
      } else {
        viewer.update(text, scriptFileName(kind));
      }
      container.dataset.kind = kind;
      container.setAttribute('aria-label', `${LABELS[kind]} of this experiment`);
      container.hidden = false;
      container.scrollIntoView({ block: 'nearest' });
    } catch (error) {
      loading = null;  // a failed load (offline) may be retried
      notice(`The code viewer could not be loaded: ${error && error.message || error}`, 'error');
    }
  }

  for (const kind of Object.keys(LABELS)) {
    document.getElementById(`export-${kind}`)?.addEventListener('click', () => { show(kind); });
  }
  return { show };
}
