// The equations of the current network as TeX strings: pure functions of the layer geometry (model.layers) and,
// for a hovered sample, of a snapshot's numbers (snapshot.js). Rendering (KaTeX) is the panel's business below.
// Each layer type's own equations are in its folder (web/layers/<type>/equations.js, loaded with this module); this
// file puts them in reading order (forward, loss, backward, update) and resolves what a hover points at.
//
// Notation (defined once, in the notation box of notation.js): each layer ℓ maps x_in (N samples) to
// x_out (M samples); the conv layer's kernel is W with K taps k = 0 … K−1, stride s, dilation d; δ^(ℓ) = ∂C/∂x_out^(ℓ)
// is the gradient arriving from above; ŷ is the prediction and y only the target.
import { axisPadding } from '../shared/geometry.js';
import { trainingDisplay } from '../shared/training-display.js';
import { lossOf } from '../losses/registry.js';
import { LAYER_TYPES, layerType, loadParts, weightShape } from '../layers/registry.js';
import { nextTask } from '../shared/yield.js';

/**
 * Each layer type's equations: { blocks, forwardAt, backwardAt, weightAt?, biasAt?, paddedAt? }, loaded one type per
 * task (loading them all at once is one long task on a slow phone, in the middle of the explanations' mount).
 */
const EQUATIONS = new Map();
for (const type of LAYER_TYPES) {
  EQUATIONS.set(type, (await loadParts('equations', [type])).get(type));
  await nextTask();
}

/** The loss and its gradient at the prediction ŷ (the last layer's x_out) with target y: the loss module's TeX. */
export function lossTex(lossKind, size, batch = 1) {
  return lossOf(lossKind).tex({ n: size, batch });
}

/** The equation blocks of layer l ({ forward, backward: [blocks], update? }), from its type's equations.js. */
export function layerBlocks(g, l, options) {
  return EQUATIONS.get(g.type).blocks(g, l, options);
}

/**
 * Every equation of the network, in the order a learner reads them.
 * → [{ id, layer, title, lines: [tex | { note: plain text }] }]; layer is the model layer the block belongs to (null: network-level).
 */
export function networkEquations(layers, { loss = 'sse', outputSize, learningRate, display = trainingDisplay({ loss, learningRate }) } = {}) {
  const parts = layers.map((g, l) => layerBlocks(g, l, { learningRate }));
  const blocks = [];
  parts.forEach(({ forward }, l) => blocks.push({ id: `forward-${l}`, layer: l, phase: 'forward', ...forward }));
  const size = outputSize ?? (layers.length ? layers[layers.length - 1].outChannels * layers[layers.length - 1].outLength : 0);
  blocks.push({ id: 'loss', layer: null, phase: 'loss', ...display.lossBlock(size) });
  for (let l = layers.length - 1; l >= 0; l--) {
    for (const { id, ...block } of parts[l].backward) blocks.push({ id: `${id}-${l}`, layer: l, phase: 'backward', ...block });
  }
  // every layer with parameters, with the experiment's optimizer (trainingDisplay: plain SGD only when it is)
  parts.forEach(({ update }, l) => {
    if (update) blocks.push({ id: `update-${l}`, layer: l, phase: 'update', ...display.updateBlock(layers[l], l) });
  });
  return blocks;
}

// ---------------------------------------------------------------------------------------------------------------
// Hover: the same equations with the numbers of one sample substituted.

/**
 * Which tensor a hover event points at, in the network's terms.
 * hover: { panel, layer, channel, index } as the page reports it (panel names such as 'input', 'output', 'target',
 * 'gradInput', 'gradOutput', 'weight', 'kernel', 'gradWeight', 'padded'); layer may be absent for network-level panels.
 * → { kind: 'signal', level, channel, index } (level j = activation a[j]: 0 the network input, L the prediction)
 *   | { kind: 'weight', layer, index } | { kind: 'padded', layer, channel, index } | null
 */
export function resolveHover(layers, hover) {
  if (!hover || typeof hover !== 'object') return null;
  const L = layers.length;
  const panel = String(hover.panel || '').toLowerCase();
  const track = hover.track === undefined || hover.track === null ? null : String(hover.track);
  const index = Number.isInteger(hover.index) ? hover.index : null;
  if (index === null || index < 0 || panel === 'loss') return null;
  const channel = Number.isInteger(hover.channel) && hover.channel >= 0 ? hover.channel : 0;
  const hasLayer = Number.isInteger(hover.layer) && hover.layer >= 0 && hover.layer < L;
  const firstConv = layers.findIndex((g) => weightShape(g) === 'kernel');
  const what = (track || panel).toLowerCase();
  if (/weight|kernel|bias/.test(what)) {
    const layer = hasLayer && weightShape(layers[hover.layer]) === 'kernel' ? hover.layer : firstConv;
    if (layer < 0) return null;
    const g = layers[layer];
    if (/bias/.test(what)) return g.bias && index < g.outChannels ? { kind: 'bias', layer, index } : null;
    const count = g.outChannels * g.inChannels * g.kernelSize;
    return index < count ? { kind: 'weight', layer, index } : null;
  }
  if (/pad/.test(what) && hasLayer && layerType(layers[hover.layer].type).padded) {
    const g = layers[hover.layer];
    return index < g.paddedLength && channel < g.inChannels ? { kind: 'padded', layer: hover.layer, channel, index } : null;
  }
  let level;
  let i = index;
  if (/target|prediction|predict/.test(what) || panel === 'signals-output') level = L;
  else if (/out/.test(what)) level = hasLayer ? hover.layer + 1 : L;
  else if (/in/.test(what) || what === 'signal') {
    level = hasLayer ? hover.layer : 0;
    // The page's layer panels draw a layer's input on its padded axis ('input' track): cell → sample.
    if (track === 'input' && hasLayer) {
      const g = layers[hover.layer];
      i = index - axisPadding(g);
      if ((i < 0 || i >= g.inLength) && layerType(g.type).padded) {
        return index < g.paddedLength ? { kind: 'padded', layer: hover.layer, channel, index } : null;
      }
    }
  } else return null;
  const shape = level === 0 ? { c: layers.length ? layers[0].inChannels : 1, n: layers.length ? layers[0].inLength : 0 }
    : { c: layers[level - 1].outChannels, n: layers[level - 1].outLength };
  if (i < 0 || i >= shape.n || channel >= shape.c) return null;
  return { kind: 'signal', level, channel, index: i };
}

/**
 * TeX lines with the snapshot's numbers for a resolved hover target.
 * → [{ block, lines: [tex], text }] where block is the id of the equation block (networkEquations) they illustrate.
 */
export function substitute(snapshot, target, { learningRate, display = trainingDisplay({ loss: snapshot?.lossKind, learningRate }) } = {}) {
  if (!snapshot || !target) return [];
  const layers = snapshot.layers;
  const L = layers.length;
  const out = [];
  if (target.kind === 'weight' || target.kind === 'bias' || target.kind === 'padded') {
    // a weight, a bias or a padded cell of a layer whose type explains it (web/layers/<type>/equations.js); the update
    // with numbers is plain SGD on the example shown, so it is said only when that is the page's step
    const parts = EQUATIONS.get(layers[target.layer].geometry.type);
    const explain = { weight: parts.weightAt, bias: parts.biasAt, padded: parts.paddedAt }[target.kind];
    const sgd = display.plainStep ? learningRate : undefined;
    return explain ? explain(snapshot, target, { learningRate: sgd, onExample: display.dataMode === 'dataset' }) : [];
  }
  // A sample of activation a[level].
  const { level, channel: c, index: i } = target;
  if (level > 0) out.push(...EQUATIONS.get(layers[level - 1].geometry.type).forwardAt(layers[level - 1], level - 1, c, i));
  if (level === L) {
    // the loss module's own words: (ŷ − y)² and its scale, or p_j, −log p_y and p_j − 1[j = y] on the logits
    const j = c * snapshot.outputLength + i;
    out.push({ block: 'loss', lines: display.loss.sampleTex(predictionSample(snapshot), j,
      { loss: snapshot.loss, grad: snapshot.gradPrediction[j], lossName: display.exampleName }) });
  } else {
    out.push(...EQUATIONS.get(layers[level].geometry.type).backwardAt(layers[level], level, c, i));
  }
  return out;
}

/** A snapshot's prediction and target as the loss modules take them (web/losses/). */
export function predictionSample(snapshot) {
  return { prediction: snapshot.prediction, target: snapshot.target, probabilities: snapshot.probabilities };
}
