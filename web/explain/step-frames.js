// The step-through's frames as data: buildFrames(snapshot) lists the frames of one training step (each layer type's
// stages, web/layers/<type>/steps.js, or the whole layer at once for a type without its own), frameCaption says what a
// frame shows with the core's numbers. Pure functions of (snapshot, frame): no DOM.
import { layerBlocks, substitute } from './equations.js';
import { loadParts } from '../layers/registry.js';
import { batchCaption, hasParameters, lossCaption, snapshotPlan, updateCaption } from './step-training.js';

// each layer type's own stages (web/layers/<type>/steps.js), loaded with the step-through, not at start-up
const STEP_PARTS = await loadParts('steps');

/** A type without stages of its own shows the whole layer at once, each way (its equation block). */
const WHOLE_LAYER = { forward: [{ kind: 'layer-forward' }], backward: [{ kind: 'layer-backward' }] };

/** The stages of a layer of geometry g in `phase` ('forward' or 'backward'): its type's own, or the whole layer. */
function stagesOf(g, phase) {
  return (STEP_PARTS.get(g.type)?.default ?? WHOLE_LAYER)[phase];
}

/** The stage of its type's own that `frame` of a layer of geometry g shows, or null (a stage of the step itself). */
export function layerStage(g, frame) {
  const own = STEP_PARTS.get(g.type)?.default;
  return own ? [...own.forward, ...own.backward].find((stage) => stage.kind === frame.kind) ?? null : null;
}

/** At most this many frames per stage: longer signals advance several samples per frame. */
export const MAX_FRAMES_PER_STAGE = 40;

/** The titles of the stages that are not a layer type's own (those have theirs in web/layers/<type>/steps.js). */
const STAGE_TITLES = {
  'layer-forward': 'forward',
  'layer-backward': 'backward',
  loss: 'loss and its gradient at the prediction',
  batch: 'the batch: its examples\u2019 gradients, summed into the step\u2019s gradient',
  update: 'update of the weights by the optimizer',
  done: 'Update applied through the core (the same call as step 1)',
};

/** A stage of `count` items split into frames of ⌈count / MAX⌉ items each. */
function stage(frames, base, count) {
  const chunk = Math.max(1, Math.ceil(count / MAX_FRAMES_PER_STAGE));
  for (let from = 0; from < count; from += chunk) {
    frames.push({ ...base, from, upto: Math.min(count, from + chunk) - 1, count });
  }
}

/**
 * The frames of one training step for a snapshot: [{ phase, kind, layer, from, upto, count }]. Items are the
 * flattened (channel, position) pairs of the stage; a frame covers items from … upto.
 */
export function buildFrames(snapshot, { batch = 1 } = {}) {
  const frames = [];
  const layers = snapshot.layers;
  // each layer's stages: a stage of many items walks them frame by frame
  const stages = (phase, g, l) => {
    for (const { kind, items } of stagesOf(g, phase)) {
      if (items) stage(frames, { phase, kind, layer: l }, items(g));
      else frames.push({ phase, kind, layer: l, from: 0, upto: 0, count: 1 });
    }
  };
  layers.forEach((layer, l) => stages('forward', layer.geometry, l));
  frames.push({ phase: 'loss', kind: 'loss', layer: null, from: 0, upto: 0, count: 1 });
  for (let l = layers.length - 1; l >= 0; l--) stages('backward', layers[l].geometry, l);
  const trains = layers.some((layer) => hasParameters(layer.geometry));
  // a batch of B sums its examples' gradients before the update (the frames animate its first example)
  if (trains && batch > 1) frames.push({ phase: 'backward', kind: 'batch', layer: null, from: 0, upto: 0, count: 1 });
  if (trains) frames.push({ phase: 'update', kind: 'update', layer: null, from: 0, upto: 0, count: 1 });
  frames.push({ phase: 'done', kind: 'done', layer: null, from: 0, upto: 0, count: 1 });
  return frames;
}

/**
 * The weights after a plain SGD step on the snapshot's example, as the core computes them in float32:
 * W − fround(η·∂C/∂W), per layer with parameters. → [{ layer, weight: Float32Array, bias: Float32Array }]
 */
export function predictedUpdate(snapshot, learningRate) {
  return snapshotPlan(snapshot, learningRate).update.map((u) => ({ layer: u.layer, weight: u.after.weight, bias: u.after.bias }));
}

/**
 * What frame `frame` says: { text (plain, for screen readers), tex (one or more TeX lines) }.
 */
export function frameCaption(snapshot, frame, { learningRate = 0, plan = snapshotPlan(snapshot, learningRate) } = {}) {
  const layer = frame.layer === null ? null : snapshot.layers[frame.layer];
  const g = layer && layer.geometry;
  const where = frame.layer === null ? '' : `Layer ${frame.layer + 1}: `;
  const pick = (target, block) => substitute(snapshot, target, { learningRate, display: plan.display }).filter((b) => b.block === block).flatMap((b) => b.lines);
  const stage = g && layerStage(g, frame);
  if (stage) return stage.caption({ snapshot, frame, layer, g, text: `${where}${stage.title}`, pick });
  const text = `${where}${STAGE_TITLES[frame.kind]}`;
  switch (frame.kind) {
    case 'layer-forward':
    case 'layer-backward': {
      const blocks = layerBlocks(g, frame.layer);
      const block = frame.kind === 'layer-forward' ? blocks.forward : blocks.backward[0];
      return { text: block.title, tex: block.lines.filter((line) => typeof line === 'string') };
    }
    case 'loss': {
      const cap = lossCaption(plan);
      return { text: `${text}; ${cap.text}`, tex: cap.tex };
    }
    case 'batch':
      return batchCaption(plan);
    case 'update':
    case 'done':
      return updateCaption(plan, frame.kind === 'done');
    default:
      return { text, tex: [] };
  }
}
