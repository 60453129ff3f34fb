// The standalone harness of demo.html: a small page that provides the explain context (and the
// window.convpoolPlayground handle) from the library and the page's session (web/shared/session.js), so the
// explanations can be developed and tested without the playground.
import { loadConvPool } from '../convpool.js';
import { palette } from '../shared/palette.js';
import { setupCanvas, maxAbs } from '../shared/canvas.js';
import { $ } from '../shared/dom.js';
import { createSession } from '../shared/session.js';
import { cloneExperiment, normalizeExperiment, serializeExperiment } from '../shared/experiment.js';

const session = createSession(await loadConvPool());
const updateListeners = [];
const hoverListeners = [];

session.on('problems', ({ problems }) => { if (problems.length) $('demo-status').textContent = problems.join('; '); });

function redraw() {
  const model = session.model;
  const width = 900;
  const height = 160;
  const ctx = setupCanvas($('demo-signals'), width, height);
  const rows = [[model.view('input'), palette.input], [model.view('output'), palette.output], [model.view('target'), palette.target]];
  rows.forEach(([values, color], r) => {
    const top = r < 1 ? 0 : height / 2;
    const n = values.length;
    const m = Math.max(1e-6, maxAbs(values));
    ctx.strokeStyle = color;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const x = ((i + 0.5) / n) * width;
      const y = top + height / 4 - (values[i] / m) * (height / 4 - 4);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    }
    ctx.stroke();
  });
  $('demo-status').textContent = `steps ${model.stepCount()}, loss ${model.loss().toPrecision(5)}`;
  history.replaceState(null, '', `#${session.fragment()}`);
  for (const fn of updateListeners) fn();
}

/** Loads an experiment (or a fragment) and replays its recorded steps at once. → true when it was read exactly. */
function load(experimentOrFragment) {
  const ok = typeof experimentOrFragment === 'string' ? session.loadFragment(experimentOrFragment)
    : session.load(experimentOrFragment, { source: 'experiment' });
  session.runPending();
  redraw();
  return ok;
}

function step(n) {
  const loss = session.train(n);
  redraw();
  return loss;
}

let resolveReady;
window.convpoolPlayground = {
  ready: new Promise((resolve) => { resolveReady = resolve; }),
  step,
  loss: () => session.loss(),
  stepCount: () => session.stepCount(),
  getState: () => session.fragment(),
  setState: (fragment) => load(String(fragment)),
  reset: () => { session.reset(); redraw(); },
};

load(location.hash);
$('demo-step1').addEventListener('click', () => step(1));
$('demo-step100').addEventListener('click', () => step(100));
$('demo-reset').addEventListener('click', () => window.convpoolPlayground.reset());
const canvas = $('demo-signals');
canvas.addEventListener('mousemove', (event) => {
  const rect = canvas.getBoundingClientRect();
  const bottom = event.clientY - rect.top > rect.height / 2;
  const n = bottom ? session.model.outputLength : session.model.inputLength;
  const index = Math.floor(((event.clientX - rect.left) / rect.width) * n);
  const hover = { panel: bottom ? 'signals-output' : 'signals-input', channel: 0, index };
  for (const fn of hoverListeners) fn(hover);
});
canvas.addEventListener('mouseleave', () => { for (const fn of hoverListeners) fn(null); });
resolveReady();

const context = {
  cp: session.cp,
  model: () => session.model,
  experiment: () => cloneExperiment(session.experiment),
  // how this experiment's loss, C and update read (web/shared/training-display.js), the example the views show,
  // and the record of the last step (θ before and after, the batch's gradient at θ before)
  display: () => session.display(),
  shownExample: () => session.shownExample,
  lastStep: () => session.lastStep,
  setExperiment: (experiment) => load(experiment),
  linkFor: (experiment) => `${location.origin}${location.pathname}#${serializeExperiment(normalizeExperiment(experiment).experiment)}`,
  on: session.on,
  onUpdate: (fn) => updateListeners.push(fn),
  onHover: (fn) => hoverListeners.push(fn),
  palette,
  redraw,
  step,
};
requestAnimationFrame(() => {
  import('../explain/index.js').then((m) => m.mountExplain($('explain'), context));
});
