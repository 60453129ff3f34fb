// The explanations section of the playground: lessons, live equations (KaTeX, loaded lazily), the step-through
// animation, the boundary lab and the gradient check. The page calls mountExplain(section, context) when the learner
// scrolls near the section or the page is idle (web/explain/README.md describes the context object).
import { h, replaceChildren } from '../shared/dom.js';
import { nextTask } from '../shared/yield.js';
import { mountBoundaryLab } from './boundary-lab.js';
import { networkEquations, resolveHover, substitute } from './equations.js';
import { mountGradientCheck } from './gradient-check.js';
import { loadKatex, renderTex, texSettled } from './katex.js';
import { matchLesson, mountLessons } from './lessons.js';
import { notationBox } from './notation.js';
import { takeSnapshot } from './snapshot.js';
import { mountStepThrough } from './stepthrough.js';
import { displayOf, mountTrainingEquations } from './training-equations.js';
import { weightShape } from '../layers/registry.js';

const STYLESHEET = new URL('./explain.css', import.meta.url).href;

function addStylesheet() {
  // <style data-convpool-bundled>: the single-file build (scripts/dist.mjs) has every stylesheet inlined already.
  if (document.querySelector(`link[href="${STYLESHEET}"], style[data-convpool-bundled]`)) return;
  document.head.appendChild(h('link', { rel: 'stylesheet', href: STYLESHEET }));
}

/** A collapsible part of the section: a real <details>/<summary>, keyboard operable. */
function part(id, title, open) {
  const body = h('div', { class: 'explain-body' });
  const details = h('details', { class: 'explain-part', id: `explain-${id}`, open },
    h('summary', {}, h('h3', { class: 'explain-h3' }, title)), body);
  return { details, body };
}

/**
 * The equations panel: every equation of the current network; a hovered sample adds the same equation with its
 * numbers under the block it belongs to. → { render(), hover(h), lastHover() }
 */
function mountEquations(root, context) {
  const intro = h('p', {}, 'The equations of the network as it is set up now — stride, dilation, padding rule and loss '
    + 'included. Hover a sample (on the page or in the step-through) to see its equation with the numbers substituted.');
  const hoverBox = h('div', { class: 'explain-hover', role: 'status', 'aria-live': 'polite' },
    h('p', { class: 'explain-muted' }, 'Hover a sample to substitute its numbers.'));
  const list = h('div', { class: 'explain-equations' });
  // Pinned, the hovered sample's equation floats at the window's edge, on screen with the plot being hovered.
  const pin = h('button', { type: 'button', class: 'explain-pin', 'aria-pressed': 'false' }, 'Pin beside the plots');
  const dock = h('div', { class: 'explain-hover-dock' }, pin, hoverBox);
  pin.addEventListener('click', () => {
    const pinned = !dock.classList.contains('explain-hover-pinned');
    dock.classList.toggle('explain-hover-pinned', pinned);
    pin.setAttribute('aria-pressed', String(pinned));
    pin.textContent = pinned ? 'Unpin (back into the text)' : 'Pin beside the plots';
  });
  replaceChildren(root, intro, dock, list);
  let signature = '';
  let snapshot = null;
  let layers = [];
  let blocks = [];
  let last = null;
  const blockElements = new Map();

  function render() {
    const model = context.model();
    const exp = context.experiment();
    layers = model.layers;
    snapshot = null;
    const sig = JSON.stringify([layers, exp.network.loss, exp.learningRate, exp.training, Boolean(exp.dataset)]);
    if (sig === signature) return;
    signature = sig;
    blocks = networkEquations(layers, { loss: exp.network.loss, learningRate: exp.learningRate, display: displayOf(context) });
    blockElements.clear();
    replaceChildren(list, ...blocks.map((block) => {
      const lines = block.lines.map((line) => {
        if (typeof line !== 'string') return h('p', { class: 'explain-eq-note' }, line.note);
        const el = h('div', { class: 'explain-tex-line' });
        renderTex(el, line);
        return el;
      });
      const numbers = h('div', { class: 'explain-numbers' });
      const element = h('section', { class: `explain-eq explain-eq-${block.phase}`, dataset: { block: block.id }, 'aria-label': block.title },
        h('h4', {}, block.title), ...lines, numbers);
      blockElements.set(block.id, { element, numbers });
      return element;
    }));
    if (last) hover(last);
  }

  function hover(event) {
    last = event;
    for (const { element, numbers } of blockElements.values()) { numbers.textContent = ''; element.classList.remove('explain-hovered'); }
    const target = event ? resolveHover(layers, event) : null;
    if (!target) {
      replaceChildren(hoverBox, h('p', { class: 'explain-muted' }, 'Hover a sample to substitute its numbers.'));
      return null;
    }
    if (!snapshot) snapshot = takeSnapshot(context.model());
    const exp = context.experiment();
    const parts = substitute(snapshot, target, { learningRate: exp.learningRate, display: displayOf(context) });
    replaceChildren(hoverBox, h('p', {}, h('strong', {}, describeTarget(target, layers)), ' — numbers substituted below, in the equations they belong to.'));
    for (const p of parts) {
      const where = blockElements.get(p.block);
      const lines = p.lines.map((tex) => { const el = h('div', { class: 'explain-tex-line explain-substituted' }); renderTex(el, tex); return el; });
      if (where) {
        where.numbers.append(...lines);
        where.element.classList.add('explain-hovered');
      }
    }
    // Also show the lines at the top, so they are visible without scrolling.
    for (const p of parts) {
      for (const tex of p.lines) { const el = h('div', { class: 'explain-tex-line explain-substituted' }); renderTex(el, tex); hoverBox.append(el); }
    }
    return parts;
  }

  return { render, hover, invalidate() { snapshot = null; }, lastHover: () => last };
}

function describeTarget(target, layers) {
  if (target.kind === 'weight') return `Weight ${target.index} of layer ${target.layer + 1}`;
  if (target.kind === 'bias') return `Bias ${target.index} of layer ${target.layer + 1}`;
  if (target.kind === 'padded') return `Padded cell ${target.index} of layer ${target.layer + 1}`;
  const L = layers.length;
  const what = target.level === 0 ? 'the network input' : target.level === L ? 'the prediction ŷ' : `the output of layer ${target.level}`;
  return `Sample ${target.index}${target.channel ? ` (channel ${target.channel})` : ''} of ${what}`;
}

/**
 * Mounts everything into `root` (the page's <section id="explain">), part by part across tasks. Resolves to a handle
 * (also set as window.convpoolExplain once every part is built) with the parts, for automation and tests.
 */
export async function mountExplain(root, context) {
  addStylesheet();
  const katexLoading = loadKatex();  // starts now, never awaited before the first render
  const parts = {
    lessons: part('lessons', 'Lessons: conv and pooling, question by question', true),
    equations: part('equations', 'Equations (live)', true),
    step: part('stepthrough', 'Step-through: one training step, frame by frame', false),
    lab: part('boundary-lab', 'Boundary lab: every padding rule side by side', false),
    check: part('gradient-check', 'Gradient check: the backward pass against finite differences', false),
  };
  replaceChildren(root, h('h2', { class: 'explain-h2' }, 'Explanations'), notationBox(), ...Object.values(parts).map((p) => p.details));
  root.classList.add('explain-root');

  // each part is built in its own task (a slow phone's main thread is never held for the whole section at once); the
  // equations are rendered first, while KaTeX is still loading, so their TeX is typeset in short tasks when it arrives
  const modelAtStart = context.model();
  await nextTask();
  const equations = mountEquations(parts.equations.body, context);
  const trainingEquations = mountTrainingEquations(parts.equations.body, context);
  equations.render();
  await nextTask();
  trainingEquations.render();
  await nextTask();
  matchLesson(context.experiment());  // reads every lesson's experiment once (the lessons' cards need it): a task of its own
  await nextTask();
  const lessons = await mountLessons(parts.lessons.body, context);
  await nextTask();
  const stepThrough = mountStepThrough(parts.step.body, context, { onHover: (event) => equations.hover(event) });
  await nextTask();
  const lab = mountBoundaryLab(parts.lab.body, context);
  await nextTask();
  const check = mountGradientCheck(parts.check.body, context);

  parts.step.details.addEventListener('toggle', () => { if (parts.step.details.open) stepThrough.show(); else stepThrough.pause(); });
  parts.lab.details.addEventListener('toggle', () => { if (parts.lab.details.open) lab.refresh(); });

  // What changed comes from the session's events: a new model (an edit, a load) or new settings (η) refresh at once;
  // new weights at most every REFRESH_MS, since while training plays they change every frame and re-typesetting
  // every equation that often would cost more than the training. The lessons' readouts follow every redraw.
  const REFRESH_MS = 200;
  let refreshTimer = null;
  const refreshNow = () => {
    clearTimeout(refreshTimer);
    refreshTimer = null;
    refresh();
  };
  context.on('model', refreshNow);
  context.on('settings', refreshNow);
  context.on('weights', () => {
    if (refreshTimer === null) refreshTimer = setTimeout(() => { refreshTimer = null; refresh(); }, REFRESH_MS);
  });
  context.onUpdate(() => lessons.update());

  function refresh() {
    equations.render();
    trainingEquations.render();
    equations.invalidate();
    if (equations.lastHover()) equations.hover(equations.lastHover());
    lessons.update();
    if (parts.step.details.open) stepThrough.refresh();
    if (parts.lab.details.open) lab.refresh();
    check.invalidate();
  }
  context.onHover((event) => equations.hover(event));
  if (context.model() !== modelAtStart) refresh();  // a new model arrived while the parts were being built

  const handle = {
    ready: katexLoading.then(() => texSettled()).then(() => true),
    equations, lessons, stepThrough, lab, check,
    /** Copies of every weight and bias (null for layers without parameters), as plain arrays. */
    parameters() {
      const model = context.model();
      return model.layers.map((g, l) => (weightShape(g) !== null  // every layer with parameters
        ? { weight: Array.from(model.view('weight', l)), bias: Array.from(model.view('bias', l)) } : null));
    },
    open(name) {
      const p = parts[name];
      if (p && !p.details.open) p.details.open = true;
      if (name === 'step') stepThrough.show();
      if (name === 'lab') lab.refresh();
    },
  };
  Object.defineProperty(handle, '__context', { value: context, enumerable: false });
  if (typeof window !== 'undefined') window.convpoolExplain = handle;
  return handle;
}
