// The equations of the current network as TeX strings: pure functions of the layer geometry (model.layers) and,
// for a hovered sample, of a snapshot's numbers (snapshot.js). Rendering (KaTeX) is the panel's business below.
//
// Notation (defined once, in the notation box of notation.js): each layer ℓ maps x_in (N samples) to
// x_out (M samples); the conv layer's kernel is W with K taps k = 0 … K−1, stride s, dilation d; δ^(ℓ) = ∂C/∂x_out^(ℓ)
// is the gradient arriving from above; ŷ is the prediction and y only the target.
import { elide, texFactor, texIndex, texNum, texSum } from '../shared/format.js';
import { argmaxTex, backwardCoverage, convLength, deltaTex, poolLength, poolWindow } from '../shared/formulas.js';
import { paddedSource } from '../shared/geometry.js';
import { trainingDisplay } from '../shared/training-display.js';
import { lossOf } from '../losses/registry.js';
import { classifierLayerBlocks } from './classifier-equations.js';

const D = (a, b) => `\\frac{\\partial C}{\\partial ${b}}`.replace('C', a);
const dC = (b) => D('C', b);
const XIN = 'x_{\\text{in}}';
const XOUT = 'x_{\\text{out}}';
const XPAD = 'x_{\\text{pad}}';

const ACTIVATION_TEX = {
  identity: { g: 'g(x) = x', gp: "g'(x) = 1" },
  relu: { g: 'g(x) = \\max(0, x)', gp: "g'(x) = \\mathbb{1}[x > 0]" },
  tanh: { g: 'g(x) = \\tanh x', gp: "g'(x) = 1 - \\tanh^2 x = 1 - x_{\\text{out}}^2" },
  sigmoid: { g: 'g(x) = \\sigma(x) = \\frac{1}{1 + e^{-x}}', gp: "g'(x) = \\sigma(x)\\,(1 - \\sigma(x)) = x_{\\text{out}}(1 - x_{\\text{out}})" },
};

/** True when the layer has one input and one output channel: the equations drop the channel indices. */
function single(g) { return g.inChannels === 1 && g.outChannels === 1; }

/** Index into a [channels, length] signal: "t" or "c,t". */
function at(g, channel, index, isSingle) { return isSingle ? index : `${channel},\\,${index}`; }

/** The padding rule x_pad[j] in terms of x_in, for the layer's mode and numbers. */
export function paddingTex(g) {
  const pl = g.padLeft, pr = g.padRight, n = g.inLength;
  if (pl === 0 && pr === 0) return `${XPAD} = ${XIN} \\quad\\text{(no padding: 'valid')}`;
  const inside = `${XIN}[j - ${pl}] & ${pl} \\le j < ${pl + n}`;
  let edges;
  switch (g.paddingMode) {
    case 'reflect':
      edges = `${XIN}[${pl} - j] & j < ${pl} \\;\\text{(mirror, edge not repeated)}\\\\ ${XIN}[${2 * (n - 1) + pl} - j] & j \\ge ${pl + n}`;
      break;
    case 'replicate':
      edges = `${XIN}[0] & j < ${pl} \\;\\text{(repeat the edge)}\\\\ ${XIN}[${n - 1}] & j \\ge ${pl + n}`;
      break;
    case 'circular':
      edges = `${XIN}[(j - ${pl}) \\bmod ${n}] & \\text{otherwise (wrap around)}`;
      break;
    default:
      edges = `0 & \\text{otherwise (zeros)}`;
  }
  return `${XPAD}[j] = \\begin{cases} ${inside} \\\\ ${edges} \\end{cases}`;
}

/** The conv output length with the layer's numbers substituted. */
export function convLengthTex(g) {
  return convLength(g).tex;
}

/** Forward of a conv1d layer: cross-correlation, as in PyTorch. */
export function convForwardTex(g) {
  const K = g.kernelSize;
  const idx = texIndex('t', g.stride, 'k', g.dilation);
  const bias = g.bias ? (single(g) ? 'b + ' : 'b[o] + ') : '';
  if (single(g)) {
    return `${XOUT}[t] = ${bias}\\sum_{k=0}^{${K - 1}} W[k]\\, ${XPAD}[${idx}], \\quad t = 0, \\dots, ${g.outLength - 1}`;
  }
  return `${XOUT}[o,t] = ${bias}\\sum_{c=0}^{${g.inChannels - 1}} \\sum_{k=0}^{${K - 1}} W[o,c,k]\\, ${XPAD}[c,\\, ${idx}]`;
}

/** ∂C/∂W and ∂C/∂b of a conv1d layer. */
export function convParamGradTex(g, l) {
  const M = g.outLength;
  const idx = texIndex('t', g.stride, 'k', g.dilation);
  const D = deltaTex(l);
  const out = [];
  if (single(g)) {
    out.push(`${dC('W[k]')} = \\sum_{t=0}^{${M - 1}} ${D}[t]\\; ${XPAD}[${idx}], \\qquad ${D} = ${dC(XOUT)}`);
    if (g.bias) out.push(`${dC('b')} = \\sum_{t=0}^{${M - 1}} ${D}[t]`);
  } else {
    out.push(`${dC('W[o,c,k]')} = \\sum_{t=0}^{${M - 1}} ${D}[o,t]\\; ${XPAD}[c,\\, ${idx}], \\qquad ${D} = ${dC(XOUT)}`);
    if (g.bias) out.push(`${dC('b[o]')} = \\sum_{t=0}^{${M - 1}} ${D}[o,t]`);
  }
  return out;
}

/**
 * ∂C/∂x_pad of a conv1d layer: a full correlation of the upstream gradient with the flipped kernel (a transposed
 * convolution), then the padding rule folds ∂C/∂x_pad back onto x_in.
 */
export function convInputGradTex(g, l) {
  const K = g.kernelSize, s = g.stride, d = g.dilation, M = g.outLength;
  const out = [];
  const D = deltaTex(l);
  const delta = single(g) ? `${D}[t]` : `${D}[o,t]`;
  out.push(`${D} = ${dC(l === undefined ? XOUT : `${XOUT}^{(${l + 1})}`)} \\quad\\text{(the gradient arriving from the layer above)}`);
  if (single(g)) {
    out.push(`${dC(`${XPAD}[j]`)} = \\sum_{\\substack{k,\\,t:\\; ${texIndex('t', s, 'k', d)} = j}} ${delta}\\, W[k]`
      + ` \\qquad (0 \\le t \\le ${M - 1},\\; 0 \\le k \\le ${K - 1})`);
  } else {
    out.push(`${dC(`${XPAD}[c,j]`)} = \\sum_{o=0}^{${g.outChannels - 1}} \\sum_{\\substack{k,\\,t:\\; ${texIndex('t', s, 'k', d)} = j}} ${delta}\\, W[o,c,k]`);
  }
  // δ̃ keeps the x_pad axis: δ̃[t·s] = δ[t], 0 between and outside. Then the sum above is a full correlation.
  const sum = single(g) ? '' : `\\sum_{o=0}^{${g.outChannels - 1}} `;
  const pre = single(g) ? '' : 'o,c,';
  const dt = single(g) ? '' : 'o,';
  const reach = d * (K - 1);
  out.push(s === 1
    ? `\\tilde\\delta[${dt}r] = \\begin{cases} ${D}[${dt}r] & 0 \\le r \\le ${M - 1} \\\\ 0 & \\text{otherwise (} r < 0 \\text{ or } r > ${M - 1}) \\end{cases}`
    : `\\tilde\\delta[${dt}r] = \\begin{cases} ${D}[${dt}r/${s}] & r = ${s}t,\\; 0 \\le t \\le ${M - 1} \\\\ 0 & \\text{otherwise (also } r < 0 \\text{ or } r > ${(M - 1) * s}) \\end{cases}`);
  out.push(`${dC(`${XPAD}[${single(g) ? '' : 'c,'}j]`)} = ${sum}\\sum_{q=0}^{${K - 1}} \\tilde\\delta[${dt}j - ${reach} + ${d === 1 ? 'q' : `${d}q`}]\\; W^{\\text{flip}}[${pre}q], \\quad W^{\\text{flip}}[${pre}q] = W[${pre}${K - 1} - q]`);
  out.push({ note: `A full correlation of δ̃ (δ placed on the x_pad axis${s > 1 ? `, ${s - 1} zero${s > 2 ? 's' : ''} between its samples` : ''}, and 0 beyond its ends) with the flipped kernel${d > 1 ? ` dilated by ${d}` : ''}: a transposed convolution. `
    + 'The sum is indexed on the x_pad axis itself, so no shift is hidden in δ̃.' });
  const cover = backwardCoverage(g);
  if (s > 1) {
    out.push(...cover.tex);
    const gaps = cover.skipped > 0
      ? ` Inside that span ${cover.skipped} more ${cover.skipped === 1 ? 'cell is' : 'cells are'} read by no tap (${s > d * (K - 1) + 1 ? 'the stride is larger than the window, leaving gaps' : 'the stride and the dilation skip them'}): gradient 0 as well.`
      : ' Inside that span every cell is read by some tap here (not so when s > d(K−1) + 1, or when s and d share a factor).';
    out.push({ note: (cover.uncovered > 0
      ? `With stride ${s} the windows span the first ${cover.covered} of the ${g.paddedLength} cells of x_pad: the last ${cover.uncovered} ${cover.uncovered === 1 ? 'cell is' : 'cells are'} read by no window, so ${cover.uncovered === 1 ? 'its' : 'their'} gradient is 0.`
      : `With stride ${s} the windows still reach the last cell of x_pad here; in general the last (N_pad − d(K−1) − 1) mod s cells are read by no window and get gradient 0.`) + gaps });
  }
  out.push(...padFoldTex(g));
  return out;
}

/** How the padding rule maps ∂C/∂x_pad back to ∂C/∂x_in: TeX lines and a { note }. */
export function padFoldTex(g) {
  const pl = g.padLeft, n = g.inLength;
  const own = `${dC(`${XPAD}[i + ${pl}]`)}`;
  if (g.padLeft === 0 && g.padRight === 0) return [`${dC(`${XIN}[i]`)} = ${dC(`${XPAD}[i]`)}`];
  switch (g.paddingMode) {
    case 'reflect':
    case 'replicate':
    case 'circular':
      return [`${dC(`${XIN}[i]`)} = ${own} + \\sum_{\\substack{j \\text{ in the padding},\\\\ ${XPAD}[j] \\text{ copies } ${XIN}[i]}} ${dC(`${XPAD}[j]`)}`,
        { note: `${g.paddingMode} padding: each padded copy returns its gradient to the sample it copied.` }];
    default:
      return [`${dC(`${XIN}[i]`)} = ${own}, \\quad i = 0, \\dots, ${n - 1}`,
        { note: 'zeros padding: the padded cells are constants, so their gradient is dropped.' }];
  }
}

/** The plain SGD update of a layer's parameters (one example, no momentum, no weight decay: trainingDisplay says when). */
export function sgdTex(g, learningRate) {
  return trainingDisplay({ learningRate }).updateBlock(g, 0).lines.filter((line) => typeof line === 'string');
}

/** Forward of an activation layer and its backward (a common mistake is to take this step for the whole conv backward). */
export function activationTex(g) {
  const a = ACTIVATION_TEX[g.fn] || ACTIVATION_TEX.identity;
  return {
    forward: [`${XOUT} = g(${XIN}), \\quad ${a.g}`],
    backward: [`${dC(XIN)} = ${dC(XOUT)} \\odot g'(${XIN}), \\quad ${a.gp}`],
  };
}

/** Max-pool forward (−∞ padding, arg-max kept) and its output length. */
export function poolForwardTex(g) {
  const K = g.kernelSize, s = g.stride, d = g.dilation, p = g.padding;
  const idx = texIndex('t', s, 'k', d);
  const ci = g.inChannels === 1 ? '' : 'c,\\,';
  const out = [
    `${XOUT}[${ci}t] = \\max_{0 \\le k \\le ${K - 1}} ${XPAD}[${ci}${idx}]`,
    `a[${ci}t] = t s + k^* d - p, \\quad k^* = \\text{the first tap } k \\text{ that attains the maximum} \\quad\\text{(an index of } ${XIN}\\text{)}`,
  ];
  if (p === 0) out.push(`${XPAD} = ${XIN} \\quad\\text{(no padding)}`);
  if (p > 0) out.push(`${XPAD}[j] = \\begin{cases} ${XIN}[j - ${p}] & ${p} \\le j < ${p + g.inLength} \\\\ -\\infty & \\text{otherwise (never wins the max)} \\end{cases}`);
  out.push(...poolLength(g).tex);
  if (g.ceilMode) out.push({ note: 'Ceil mode keeps a last, partial window; one that would start beyond the input and its left padding ((M\u2032 − 1)·s ≥ N + p) is dropped.' });
  if (d > 1 && p > 0) out.push({ note: 'With dilation a window can fall entirely in the padding: it is empty, outputs −∞, has no arg-max and passes no gradient.' });
  return out;
}

/** Max-pool backward: each window's gradient goes to its arg-max (the mask), summed where windows overlap. */
export function poolBackwardTex(g, l) {
  const ci = g.inChannels === 1 ? '' : 'c,';
  return [
    `${dC(`${XIN}[${ci}i]`)} = \\sum_{t=0}^{${g.outLength - 1}} \\underbrace{\\mathbb{1}\\big[a[${ci}t] = i\\big]}_{\\text{mask}}\\; ${deltaTex(l)}[${ci}t], \\qquad ${deltaTex(l)} = ${dC(XOUT)}`,
    { note: 'a[t] is an index of x_in (defined in the forward block). Samples that are the maximum of no window get 0; a sample that wins several overlapping windows adds their gradients; an empty window (all padding) sends nothing.' },
  ];
}

/** The loss and its gradient at the prediction ŷ (the last layer's x_out) with target y: the loss module's TeX. */
export function lossTex(lossKind, size, batch = 1) {
  return lossOf(lossKind).tex({ n: size, batch });
}

/**
 * Every equation of the network, in the order a learner reads them.
 * → [{ id, layer, title, lines: [tex | { note: plain text }] }]; layer is the model layer the block belongs to (null: network-level).
 */
export function networkEquations(layers, { loss = 'sse', outputSize, learningRate, display = trainingDisplay({ loss, learningRate }) } = {}) {
  const blocks = [];
  layers.forEach((g, l) => {
    const name = `Layer ${l + 1}`;
    const classifier = classifierLayerBlocks(g, l);
    if (classifier) {
      blocks.push({ id: `forward-${l}`, layer: l, phase: 'forward', ...classifier.forward });
    } else if (g.type === 'conv1d') {
      blocks.push({ id: `forward-${l}`, layer: l, phase: 'forward', title: `${name} · conv1d forward (cross-correlation)`,
        lines: [paddingTex(g), convForwardTex(g), convLengthTex(g)] });
    } else if (g.type === 'maxpool1d') {
      blocks.push({ id: `forward-${l}`, layer: l, phase: 'forward', title: `${name} · max-pool forward`, lines: poolForwardTex(g) });
    } else {
      blocks.push({ id: `forward-${l}`, layer: l, phase: 'forward', title: `${name} · activation ${g.fn}`, lines: activationTex(g).forward });
    }
  });
  const size = outputSize ?? (layers.length ? layers[layers.length - 1].outChannels * layers[layers.length - 1].outLength : 0);
  blocks.push({ id: 'loss', layer: null, phase: 'loss', ...display.lossBlock(size) });
  for (let l = layers.length - 1; l >= 0; l--) {
    const g = layers[l];
    const name = `Layer ${l + 1}`;
    const classifier = classifierLayerBlocks(g, l);
    if (classifier) {
      blocks.push({ id: `backward-${l}`, layer: l, phase: 'backward', ...classifier.backward });
    } else if (g.type === 'conv1d') {
      blocks.push({ id: `backward-${l}`, layer: l, phase: 'backward', title: `${name} · conv1d backward: ∂C/∂W, ∂C/∂b`, lines: convParamGradTex(g, l) });
      blocks.push({ id: `input-grad-${l}`, layer: l, phase: 'backward', title: `${name} · conv1d backward: ∂C/∂x_in`, lines: convInputGradTex(g, l) });
    } else if (g.type === 'maxpool1d') {
      blocks.push({ id: `backward-${l}`, layer: l, phase: 'backward', title: `${name} · max-pool backward (arg-max mask)`, lines: poolBackwardTex(g, l) });
    } else {
      blocks.push({ id: `backward-${l}`, layer: l, phase: 'backward', title: `${name} · activation backward`, lines: activationTex(g).backward });
    }
  }
  layers.forEach((g, l) => {
    // every layer with parameters, with the experiment's optimizer (trainingDisplay: plain SGD only when it is)
    if (g.type === 'conv1d' || g.type === 'linear') blocks.push({ id: `update-${l}`, layer: l, phase: 'update', ...display.updateBlock(g, l) });
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
  const firstConv = layers.findIndex((g) => g.type === 'conv1d');
  const what = (track || panel).toLowerCase();
  if (/weight|kernel|bias/.test(what)) {
    const layer = hasLayer && layers[hover.layer].type === 'conv1d' ? hover.layer : firstConv;
    if (layer < 0) return null;
    const g = layers[layer];
    if (/bias/.test(what)) return g.bias && index < g.outChannels ? { kind: 'bias', layer, index } : null;
    const count = g.outChannels * g.inChannels * g.kernelSize;
    return index < count ? { kind: 'weight', layer, index } : null;
  }
  if (/pad/.test(what) && hasLayer && layers[hover.layer].type === 'conv1d') {
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
      const p = g.type === 'conv1d' ? g.padLeft : g.type === 'maxpool1d' ? g.padding : 0;
      i = index - p;
      if ((i < 0 || i >= g.inLength) && g.type === 'conv1d') {
        return index < g.paddedLength ? { kind: 'padded', layer: hover.layer, channel, index } : null;
      }
    }
  } else return null;
  const shape = level === 0 ? { c: layers.length ? layers[0].inChannels : 1, n: layers.length ? layers[0].inLength : 0 }
    : { c: layers[level - 1].outChannels, n: layers[level - 1].outLength };
  if (i < 0 || i >= shape.n || channel >= shape.c) return null;
  return { kind: 'signal', level, channel, index: i };
}

const MAX_TERMS = 7;

/** Σ with numbers: "a·b + c·d + … = total". */
function productSum(pairs, constant) {
  const terms = pairs.map(([w, x]) => `${texFactor(w)}\\cdot ${texFactor(x)}`);
  const all = constant === undefined ? terms : [texNum(constant), ...terms];
  return texSum(elide(all, MAX_TERMS));
}

/**
 * TeX lines with the snapshot's numbers for a resolved hover target.
 * → [{ block, lines: [tex], text }] where block is the id of the equation block (networkEquations) they illustrate.
 */
export function substitute(snapshot, target, { learningRate, display = trainingDisplay({ loss: snapshot?.lossKind, learningRate }) } = {}) {
  if (!snapshot || !target) return [];
  // the update with numbers is plain SGD on the example shown: only said when that is the page's step
  const sgdNumbers = learningRate !== undefined && display.plainStep;
  const onExample = display.dataMode === 'dataset' ? ' \\quad\\text{(SGD on the example shown)}' : '';
  const layers = snapshot.layers;
  const L = layers.length;
  const out = [];
  if (target.kind === 'weight') {
    const layer = layers[target.layer];
    const g = layer.geometry;
    const K = g.kernelSize;
    const k = target.index % K, c = Math.floor(target.index / K) % g.inChannels, o = Math.floor(target.index / (K * g.inChannels));
    const np = g.paddedLength;
    const pairs = [];
    for (let t = 0; t < g.outLength; t++) pairs.push([layer.gradOutput[o * g.outLength + t], layer.padded[c * np + t * g.stride + k * g.dilation]]);
    const w = single(g) ? `W[${k}]` : `W[${o},${c},${k}]`;
    out.push({ block: `backward-${target.layer}`, lines: [
      `${dC(w)} = ${productSum(pairs)} = ${texNum(layer.gradWeight[target.index])}`,
    ] });
    if (sgdNumbers) {
      const before = layer.weight[target.index];
      out.push({ block: `update-${target.layer}`, lines: [
        `${w} \\leftarrow ${texNum(before)} - ${texFactor(learningRate)}\\cdot ${texFactor(layer.gradWeight[target.index])} = ${texNum(Math.fround(before - Math.fround(learningRate * layer.gradWeight[target.index])))}${onExample}`,
      ] });
    }
    return out;
  }
  if (target.kind === 'bias') {
    const layer = layers[target.layer];
    const g = layer.geometry;
    const o = target.index;
    const deltas = Array.from(layer.gradOutput.subarray(o * g.outLength, (o + 1) * g.outLength), (v) => texNum(v));
    const b = single(g) ? 'b' : `b[${o}]`;
    out.push({ block: `backward-${target.layer}`, lines: [`${dC(b)} = \\sum_t ${deltaTex(target.layer)}[${single(g) ? '' : `${o},`}t] = ${texSum(elide(deltas, MAX_TERMS))} = ${texNum(layer.gradBias[o])}`] });
    if (sgdNumbers) {
      const before = layer.bias[o];
      out.push({ block: `update-${target.layer}`, lines: [
        `${b} \\leftarrow ${texNum(before)} - ${texFactor(learningRate)}\\cdot ${texFactor(layer.gradBias[o])} = ${texNum(Math.fround(before - Math.fround(learningRate * layer.gradBias[o])))}${onExample}`,
      ] });
    }
    return out;
  }
  if (target.kind === 'padded') {
    const layer = layers[target.layer];
    const g = layer.geometry;
    const j = target.index, c = target.channel;
    const src = paddedSource(j, g.padLeft, g.inLength, g.paddingMode);
    const inside = j >= g.padLeft && j < g.padLeft + g.inLength;
    const value = layer.padded[c * g.paddedLength + j];
    out.push({ block: `forward-${target.layer}`, lines: [
      inside ? `${XPAD}[${j}] = ${XIN}[${src}] = ${texNum(value)}`
        : src < 0 ? `${XPAD}[${j}] = 0 \\quad\\text{(zeros padding)}`
          : `${XPAD}[${j}] = ${XIN}[${src}] = ${texNum(value)} \\quad\\text{(${g.paddingMode} padding copies sample ${src})}`,
    ] });
    out.push({ block: `input-grad-${target.layer}`, lines: [convPaddedGradLine(layer, c, j, target.layer)] });
    return out;
  }
  // A sample of activation a[level].
  const { level, channel: c, index: i } = target;
  if (level > 0) out.push(...forwardAt(layers[level - 1], level - 1, c, i));
  if (level === L) {
    // the loss module's own words: (ŷ − y)² and its scale, or p_j, −log p_y and p_j − 1[j = y] on the logits
    const j = c * snapshot.outputLength + i;
    out.push({ block: 'loss', lines: display.loss.sampleTex(predictionSample(snapshot), j,
      { loss: snapshot.loss, grad: snapshot.gradPrediction[j], lossName: display.exampleName }) });
  } else {
    out.push(...backwardAt(layers[level], level, c, i));
  }
  return out;
}

/** A snapshot's prediction and target as the loss modules take them (web/losses/). */
export function predictionSample(snapshot) {
  return { prediction: snapshot.prediction, target: snapshot.target, probabilities: snapshot.probabilities };
}

/** The forward equation that produced output sample (c, t) of layer l, with numbers. */
function forwardAt(layer, l, c, t) {
  const g = layer.geometry;
  const value = layer.output[c * g.outLength + t];
  if (g.type === 'conv1d') {
    const o = c;
    const pairs = [];
    const names = [];
    for (let ci = 0; ci < g.inChannels; ci++) {
      for (let k = 0; k < g.kernelSize; k++) {
        const j = t * g.stride + k * g.dilation;
        pairs.push([layer.weight[(o * g.inChannels + ci) * g.kernelSize + k], layer.padded[ci * g.paddedLength + j]]);
        names.push(single(g) ? `W[${k}]\\,${XPAD}[${j}]` : `W[${o},${ci},${k}]\\,${XPAD}[${ci},${j}]`);
      }
    }
    const bias = g.bias ? layer.bias[o] : undefined;
    const symbolic = texSum(elide([...(g.bias ? [single(g) ? 'b' : `b[${o}]`] : []), ...names], MAX_TERMS));
    return [{ block: `forward-${l}`, lines: [
      `${XOUT}[${at(g, o, t, single(g))}] = ${symbolic}`,
      `= ${productSum(pairs, bias)} = ${texNum(value)}`,
    ] }];
  }
  if (classifierLayerBlocks(g, l)) {
    return [{ block: `forward-${l}`, lines: [`${XOUT}[${at(g, c, t, false)}] = ${texNum(value)}`] }];
  }
  if (g.type === 'maxpool1d') {
    const N = g.inLength;
    const w = poolWindow(g, layer.input.subarray(c * N, (c + 1) * N), t);
    const values = w.taps.map((tap) => (tap.inside ? texNum(tap.value) : '-\\infty'));
    const max = `${XOUT}[${t}] = \\max(${elide(values, MAX_TERMS).join(',\\, ')}) = ${texNum(value)}`;
    return [{ block: `forward-${l}`, lines: w.empty
      ? [`${max} \\quad\\text{(an empty window: every tap is padding; no arg-max, no gradient)}`]
      : [max, `k^* = ${w.kStar}, \\quad ${argmaxTex(g, t, w.kStar)}`] }];
  }
  const x = layer.input[c * g.inLength + t];
  return [{ block: `forward-${l}`, lines: [`${XOUT}[${t}] = g(${texNum(x)}) = ${texNum(value)}`] }];
}

/** The backward equation that produced ∂C/∂x_in[c, i] of layer l, with numbers. */
function backwardAt(layer, l, c, i) {
  const g = layer.geometry;
  const grad = layer.gradInput[c * g.inLength + i];
  if (g.type === 'conv1d') {
    const lines = [];
    const own = i + g.padLeft;
    const sources = [own];
    for (let j = 0; j < g.paddedLength; j++) {
      if ((j < g.padLeft || j >= g.padLeft + g.inLength) && paddedSource(j, g.padLeft, g.inLength, g.paddingMode) === i) sources.push(j);
    }
    if (sources.length > 1) {
      const parts = sources.map((j) => texFactor(layer.gradPadded[c * g.paddedLength + j]));
      lines.push(`${dC(`${XIN}[${i}]`)} = ${sources.map((j) => dC(`${XPAD}[${j}]`)).join(' + ')} = ${texSum(parts)} = ${texNum(grad)}`);
    } else {
      lines.push(`${dC(`${XIN}[${i}]`)} = ${dC(`${XPAD}[${own}]`)} = ${texNum(grad)}`);
    }
    lines.push(convPaddedGradLine(layer, c, own, l));
    return [{ block: `input-grad-${l}`, lines }];
  }
  if (classifierLayerBlocks(g, l)) {
    return [{ block: `backward-${l}`, lines: [`${dC(`${XIN}[${c},${i}]`)} = ${texNum(grad)}`] }];
  }
  if (g.type === 'maxpool1d') {
    const winners = [];
    const x = layer.input.subarray(c * g.inLength, (c + 1) * g.inLength);
    for (let t = 0; t < g.outLength; t++) if (layer.argmax[c * g.outLength + t] === i && !poolWindow(g, x, t).empty) winners.push(t);
    const parts = winners.map((t) => texFactor(layer.gradOutput[c * g.outLength + t]));
    const why = winners.length === 0 ? '\\quad\\text{(the maximum of no window)}'
      : `\\quad\\text{(the maximum of window${winners.length > 1 ? 's' : ''} t = ${elide(winners.map(String), MAX_TERMS).join(', ').replace('\\cdots', '…')})}`;
    return [{ block: `backward-${l}`, lines: [
      `${dC(`${XIN}[${i}]`)} = ${winners.length ? texSum(elide(parts, MAX_TERMS)) : '0'} = ${texNum(grad)}${why}`,
    ] }];
  }
  const x = layer.input[c * g.inLength + i];
  const y = layer.output[c * g.inLength + i];
  const d = layer.gradOutput[c * g.inLength + i];
  const gp = { identity: 1, relu: x > 0 ? 1 : 0, tanh: 1 - y * y, sigmoid: y * (1 - y) }[g.fn] ?? 1;
  return [{ block: `backward-${l}`, lines: [
    `${dC(`${XIN}[${i}]`)} = ${texFactor(d)}\\cdot g'(${texNum(x)}) = ${texFactor(d)}\\cdot ${texFactor(gp)} = ${texNum(grad)}`,
  ] }];
}

/** ∂C/∂x_pad[c, j] of a conv layer as its sum of δ·W terms (the flipped kernel), with numbers. */
function convPaddedGradLine(layer, c, j, l) {
  const g = layer.geometry;
  const pairs = [];
  const names = [];
  for (let o = 0; o < g.outChannels; o++) {
    for (let k = g.kernelSize - 1; k >= 0; k--) {  // flipped kernel order
      const r = j - k * g.dilation;
      if (r < 0 || r % g.stride !== 0) continue;
      const t = r / g.stride;
      if (t >= g.outLength) continue;
      pairs.push([layer.gradOutput[o * g.outLength + t], layer.weight[(o * g.inChannels + c) * g.kernelSize + k]]);
      names.push(single(g) ? `${deltaTex(l)}[${t}]\\,W[${k}]` : `${deltaTex(l)}[${o},${t}]\\,W[${o},${c},${k}]`);
    }
  }
  const value = layer.gradPadded[c * g.paddedLength + j];
  if (pairs.length === 0) return `${dC(`${XPAD}[${j}]`)} = 0 \\quad\\text{(no window reaches this cell)}`;
  return `${dC(`${XPAD}[${j}]`)} = ${texSum(elide(names, MAX_TERMS))} = ${productSum(pairs)} = ${texNum(value)}`;
}
