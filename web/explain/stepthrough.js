// Step-through: one training step, animated. Forward (the kernel window slides over the padded input while the
// output fills in), loss, backward (the upstream gradient flows through the flipped kernel into ∂C/∂x_in, the input
// windows accumulate into ∂C/∂W, pool gradients jump to their arg-max), the batch sum, then the optimizer's update.
//
// Frames are data: buildFrames(snapshot) lists them and drawFrame / frameCaption draw frame i from the snapshot
// alone, so frame i is a pure function of (experiment, i). The numbers shown are the core's (the snapshot); the
// animation only visualises the running sums. The update is applied through the core — the page's own step(1) — so
// the weights after the animation are exactly those of step(1): by Play or "To end", or on the last frame by its
// explicit "Take this training step" button (scrubbing the slider or stepping there never trains).
import { h, replaceChildren } from '../shared/dom.js';
import { renderTex } from './katex.js';
import { paletteOf, slotAt } from './plot.js';
import { buildFrames, frameCaption, layerStage } from './step-frames.js';
import { exampleWords, planStep, recordActual } from './step-training.js';
import { experimentDisplay } from '../shared/training-display.js';
import { num } from '../shared/format.js';
import { drawFrame } from './step-draw.js';

// ---------------------------------------------------------------------------------------------------------------
// The panel.

const SPEEDS = [1, 2, 4, 8, 15, 30, 60];

/**
 * Mounts the step-through player into `root`. → { frameCount(), frame(), goTo(i), finish(), play(), pause(),
 * refresh(), predicted() } (also used by the tests).
 */
export function mountStepThrough(root, context, { onHover } = {}) {
  const palette = paletteOf(context);
  const canvas = h('canvas', { role: 'img', 'aria-label': 'Step-through animation of one training step' });
  const caption = h('p', { class: 'explain-caption', 'aria-live': 'polite' });
  const texBox = h('div', { class: 'explain-tex explain-step-tex' });
  const counter = h('span', { class: 'explain-counter' });
  const slider = h('input', { type: 'range', min: 0, max: 0, value: 0, 'aria-label': 'Frame', class: 'explain-slider' });
  const speed = h('select', { 'aria-label': 'Speed (frames per second)' }, SPEEDS.map((s) => h('option', { value: s, selected: s === 8 }, `${s} frames/s`)));
  const playButton = h('button', { type: 'button', class: 'explain-play' }, 'Play');
  const status = h('p', { class: 'explain-status', role: 'status' });
  const scope = h('p', { class: 'explain-eq-note', hidden: true });  // when the page's step is more than one example's SGD
  const buttons = {
    restart: h('button', { type: 'button', 'aria-label': 'Start: back to the first frame' }, '\u00ab Start'),
    back: h('button', { type: 'button', 'aria-label': 'Back: previous frame' }, '\u25c0 Back'),
    forward: h('button', { type: 'button', 'aria-label': 'Step: next frame' }, 'Step \u25b6'),
    end: h('button', { type: 'button', 'aria-label': 'To end: jump to the end and apply the update' }, 'To end \u00bb'),
    // scrubbing or stepping to the last frame only shows it; taking the training step is this explicit button
    take: h('button', { type: 'button', class: 'explain-primary explain-take', hidden: true }, 'Take this training step'),
  };
  replaceChildren(root,
    h('p', {}, 'The page\u2019s next training step, frame by frame, with the core\u2019s numbers: the example (or the first example of the batch) that step trains, '
      + 'its loss and gradients, the batch sum, and the optimizer\u2019s update. Each frame is a function of the experiment and the frame number only; '
      + 'the update is applied through the core, exactly as \u201cStep 1\u201d does \u2014 by Play, \u201cTo end\u201d or the last frame\u2019s \u201cTake this training step\u201d (scrubbing never trains).'),
    h('div', { class: 'explain-controls', role: 'group', 'aria-label': 'Step-through controls' },
      buttons.restart, buttons.back, playButton, buttons.forward, buttons.end, speed, counter),
    scope, slider, canvas, caption, texBox, buttons.take, status);

  let snapshot = null;
  let frames = [];
  let index = 0;
  let timer = null;
  let applied = false;
  let learningRate = 0;
  let box = null;
  let ownUpdate = false;
  let needsReload = false;

  let plan = null;

  function load() {
    const model = context.model();
    const exp = context.experiment();
    learningRate = exp.learningRate;
    const display = typeof context.display === 'function' ? context.display() : experimentDisplay(exp, model);
    // the examples of the page's next step (the views are put back on the example the page shows)
    plan = planStep(model, exp, display, typeof context.shownExample === 'function' ? context.shownExample() : null);
    snapshot = plan.snapshots[0];
    scope.hidden = false;
    scope.textContent = `This step: ${display.stepWords}. The frames animate ${exampleWords(plan)}`
      + `${display.batch > 1 ? '; the batch frame sums its examples\u2019 gradients' : ''}; the update frame predicts the weights in float32 `
      + 'and the last frame shows those the core made.';
    needsReload = false;
    frames = buildFrames(snapshot, { batch: display.batch });
    index = 0;
    applied = false;
    slider.max = String(frames.length - 1);
  }

  function show(autoApply = true) {
    if (!snapshot) load();
    const frame = frames[index];
    const width = Math.max(320, Math.min(960, (root.clientWidth || 720) - 4));
    box = drawFrame(canvas, snapshot, frame, { palette, width, learningRate, plan });
    const cap = frameCaption(snapshot, frame, { learningRate, plan });
    caption.textContent = cap.text;
    canvas.setAttribute('aria-label', `Step-through frame ${index + 1} of ${frames.length}: ${cap.text}`);
    replaceChildren(texBox, ...cap.tex.map((t) => { const el = h('div', { class: 'explain-tex-line' }); renderTex(el, t); return el; }));
    counter.textContent = `Frame ${index + 1} / ${frames.length} \u00b7 ${frame.phase}`;
    slider.value = String(index);
    buttons.back.disabled = index === 0;
    buttons.restart.disabled = index === 0;
    buttons.end.disabled = applied;
    buttons.take.hidden = !(frame.kind === 'done' && !applied);
    if (frame.kind === 'done' && !applied && autoApply) apply();
  }

  /** Applies the SGD step through the page (its step(1)), or through the model when there is no page. */
  function apply() {
    applied = true;
    pause();
    ownUpdate = true;
    try {
      const page = typeof context.step === 'function' ? context : null;
      if (page && typeof page.step === 'function') page.step(1);
      else {
        context.model().train(1, learningRate);
        context.redraw();
      }
    } finally {
      ownUpdate = false;
    }
    buttons.take.hidden = true;
    const worst = recordActual(plan, context.model());
    status.textContent = `The update was applied through the core (the same call as \u201cStep 1\u201d); its weights differ from the predicted ones by at most ${num(worst)}. Press Play or Step to animate the next step.`;
    buttons.end.disabled = true;
    show(false);  // the last frame again, now with the weights the core made
  }

  function goTo(i, { autoApply = true } = {}) {
    let target = i;
    if (applied) {  // the weights have moved on: the next step starts from its first frame
      load();
      status.textContent = '';
      target = 0;
    }
    index = Math.max(0, Math.min(frames.length - 1, target));
    show(autoApply);
  }

  function tick() {
    if (index >= frames.length - 1) { pause(); return; }
    goTo(index + 1);
  }

  function play() {
    if (timer) return;
    if (applied) goTo(0);
    else if (index >= frames.length - 1) goTo(0);
    playButton.textContent = 'Pause';
    playButton.setAttribute('aria-pressed', 'true');
    timer = setInterval(tick, 1000 / Number(speed.value));
  }

  function pause() {
    if (timer) clearInterval(timer);
    timer = null;
    playButton.textContent = 'Play';
    playButton.setAttribute('aria-pressed', 'false');
  }

  playButton.addEventListener('click', () => (timer ? pause() : play()));
  buttons.restart.addEventListener('click', () => { pause(); goTo(0); });
  buttons.back.addEventListener('click', () => { pause(); goTo(index - 1); });
  buttons.forward.addEventListener('click', () => { pause(); goTo(index + 1, { autoApply: false }); });
  buttons.take.addEventListener('click', () => { if (!applied) apply(); });
  buttons.end.addEventListener('click', () => { pause(); goTo(frames.length - 1); });
  slider.addEventListener('input', () => { pause(); goTo(Number(slider.value), { autoApply: false }); });
  speed.addEventListener('change', () => { if (timer) { pause(); play(); } });
  canvas.addEventListener('mousemove', (event) => {
    if (!box || !onHover || !snapshot) return;
    const hover = hoverAt(frames[index], snapshot, slotAt(canvas, event, box));
    if (hover) onHover(hover);
  });
  canvas.addEventListener('mouseleave', () => onHover && onHover(null));

  return {
    frameCount: () => { if (!snapshot || needsReload) { load(); status.textContent = ''; } return frames.length; },
    frame: () => index,
    frames: () => frames,
    goTo,
    play,
    pause,
    finish: () => { pause(); goTo(frames.length - 1); },
    applied: () => applied,
    predicted: () => (plan ? plan.update.map((u) => ({ layer: u.layer, weight: u.after.weight, bias: u.after.bias })) : null),
    /** The plan of the step shown: its examples, snapshots, batch gradient, predicted and (once applied) actual weights. */
    plan: () => plan,
    /** The page changed (step, rebuild, reset): start again from its current state, unless we caused it. */
    refresh() {
      if (ownUpdate) return;  // our own step(1)
      if (applied) { needsReload = true; return; }  // keep showing the applied update until Play/Step
      pause();
      snapshot = null;
      applied = false;
      status.textContent = '';
      show();
    },
    show,
  };
}

/**
 * The hover event for a slot of the frame's top row, in the page's hover vocabulary: a type's own stage says what its
 * top row shows (web/layers/<type>/steps.js); on a whole-layer frame a slot is that input sample of channel 0.
 */
function hoverAt(frame, snapshot, slot) {
  if (slot < 0 || frame.layer === null) return null;
  const g = snapshot.layers[frame.layer].geometry;
  const stage = layerStage(g, frame);
  if (stage) return stage.hover(frame, g, slot);
  return slot < g.inLength ? { panel: 'input', layer: frame.layer, channel: 0, index: slot } : null;
}
