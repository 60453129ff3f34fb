// The standalone harness of demo.html: a small page that provides the explain context (and the pinned
// window.convpoolPlayground handle) from the library and the page's experiment modules.
import { loadConvPool } from '../convpool.js';
import { palette } from '../shared/palette.js';
import { inputSignal, targetSignal } from '../shared/signals.js';
import { cloneExperiment, normalizeExperiment, parseFragment, serializeExperiment } from '../shared/experiment.js';

const updateListeners = [];
const hoverListeners = [];
let cp = null;
let model = null;
let experiment = null;

function build(exp) {
  const next = cp.createModel(exp.network);
  const x = inputSignal(cp, exp);
  next.setInput(x);
  next.setTarget(targetSignal(cp, exp, next, x));
  const schedule = exp.schedule && exp.schedule.length ? exp.schedule : exp.steps ? [[exp.steps, exp.learningRate]] : [];
  for (const [n, lr] of schedule) next.train(n, lr);
  next.evaluate();
  if (model) model.delete();
  model = next;
  experiment = exp;
}

function redraw() {
  draw();
  document.getElementById('demo-status').textContent = `steps ${model.stepCount()}, loss ${model.loss().toPrecision(5)}`;
  for (const fn of updateListeners) fn();
}

function draw() {
  const canvas = document.getElementById('demo-signals');
  const width = 900, height = 160, ratio = window.devicePixelRatio || 1;
  canvas.width = width * ratio; canvas.height = height * ratio;
  canvas.style.width = `${width}px`; canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const rows = [[model.view('input'), palette.input], [model.view('output'), palette.output], [model.view('target'), palette.target]];
  rows.forEach(([values, color], r) => {
    const top = r < 1 ? 0 : height / 2;
    const n = values.length;
    let m = 1e-6; for (const v of values) m = Math.max(m, Math.abs(v));
    ctx.strokeStyle = color; ctx.beginPath();
    for (let i = 0; i < n; i++) {
      const x = ((i + 0.5) / n) * width, y = top + height / 4 - (values[i] / m) * (height / 4 - 4);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    }
    ctx.stroke();
  });
}

function setExperiment(raw) {
  const { experiment: exp, problems } = normalizeExperiment(cloneExperiment(raw));
  try {
    build(exp);
  } catch (error) {
    document.getElementById('demo-status').textContent = `could not load: ${error.message}`;
    return false;
  }
  history.replaceState(null, '', `#${serializeExperiment(exp)}`);
  if (problems.length) document.getElementById('demo-status').textContent = problems.join('; ');
  redraw();
  return true;
}

function step(n) {
  const loss = model.train(n, experiment.learningRate);
  const taken = model.lastTrain ? model.lastTrain.stepsRun : n;
  experiment.steps += taken;
  const last = experiment.schedule[experiment.schedule.length - 1];
  if (last && last[1] === experiment.learningRate) last[0] += taken;
  else if (taken) experiment.schedule.push([taken, experiment.learningRate]);
  model.evaluate();
  history.replaceState(null, '', `#${serializeExperiment(experiment)}`);
  redraw();
  return loss;
}

let resolveReady;
window.convpoolPlayground = {
  ready: new Promise((resolve) => { resolveReady = resolve; }),
  step,
  loss: () => model.loss(),
  stepCount: () => model.stepCount(),
  getState: () => serializeExperiment(experiment),
  setState: (s) => { const parsed = parseFragment(s); return parsed.problems.length ? false : setExperiment(parsed.experiment); },
  reset: () => { setExperiment({ ...experiment, steps: 0, schedule: [] }); },
};

cp = await loadConvPool();
build(parseFragment(location.hash).experiment);
redraw();
document.getElementById('demo-step1').addEventListener('click', () => step(1));
document.getElementById('demo-step100').addEventListener('click', () => step(100));
document.getElementById('demo-reset').addEventListener('click', () => window.convpoolPlayground.reset());
const canvas = document.getElementById('demo-signals');
canvas.addEventListener('mousemove', (event) => {
  const rect = canvas.getBoundingClientRect();
  const bottom = event.clientY - rect.top > rect.height / 2;
  const n = bottom ? model.outputLength : model.inputLength;
  const index = Math.floor(((event.clientX - rect.left) / rect.width) * n);
  const hover = { panel: bottom ? 'signals-output' : 'signals-input', channel: 0, index };
  for (const fn of hoverListeners) fn(hover);
});
canvas.addEventListener('mouseleave', () => { for (const fn of hoverListeners) fn(null); });
resolveReady();

const context = {
  cp,
  model: () => model,
  experiment: () => cloneExperiment(experiment),
  setExperiment,
  linkFor: (exp) => `${location.origin}${location.pathname}#${serializeExperiment(normalizeExperiment(exp).experiment)}`,
  onUpdate: (fn) => updateListeners.push(fn),
  onHover: (fn) => hoverListeners.push(fn),
  palette,
  redraw,
};
requestAnimationFrame(() => {
  import('./index.js').then((m) => m.mountExplain(document.getElementById('explain'), context));
});
