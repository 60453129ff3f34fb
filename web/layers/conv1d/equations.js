// The equations of a conv1d layer as TeX strings (notation of web/explain/notation.js): the padding rule, forward as
// cross-correlation, ∂C/∂W, ∂C/∂b and ∂C/∂x_in (a transposed convolution, folded back through the padding), and the
// same equations with one hovered sample's numbers. Loaded with the explanations (web/explain/equations.js asks).
import { elide, texFactor, texIndex, texNum, texSum } from '../../shared/format.js';
import { backwardCoverage, convLength, deltaTex } from '../../shared/formulas.js';
import { dC, MAX_TERMS, XIN, XOUT, XPAD, at, productSum, single } from '../../explain/tex.js';
import { paddedSource } from './padding.js';

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

/** The SGD update of a conv layer's parameters. */
export function sgdTex(g, learningRate) {
  const eta = learningRate === undefined ? '\\eta' : `\\underbrace{${texNum(learningRate)}}_{\\eta}`;
  const out = [`W \\leftarrow W - ${eta}\\, ${dC('W')}`];
  if (g.bias) out.push(`b \\leftarrow b - ${eta}\\, ${dC('b')}`);
  return out;
}

/**
 * The equation blocks of layer l (web/explain/equations.js numbers them and puts them in reading order).
 * @param {import('../../types.js').LayerGeometry} g @param {number} l @param {{ learningRate?: number }} [options]
 */
export function blocks(g, l, { learningRate } = {}) {
  const name = `Layer ${l + 1}`;
  return {
    forward: { title: `${name} · conv1d forward (cross-correlation)`, lines: [paddingTex(g), convForwardTex(g), convLengthTex(g)] },
    backward: [
      { id: 'backward', title: `${name} · conv1d backward: ∂C/∂W, ∂C/∂b`, lines: convParamGradTex(g, l) },
      { id: 'input-grad', title: `${name} · conv1d backward: ∂C/∂x_in`, lines: convInputGradTex(g, l) },
    ],
    update: { title: `${name} · SGD update`, lines: sgdTex(g, learningRate) },
  };
}

/** The forward equation that produced output sample (c, t) of layer l, with numbers. */
export function forwardAt(layer, l, c, t) {
  const g = layer.geometry;
  const value = layer.output[c * g.outLength + t];
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

/** The backward equation that produced ∂C/∂x_in[c, i] of layer l, with numbers. */
export function backwardAt(layer, l, c, i) {
  const g = layer.geometry;
  const grad = layer.gradInput[c * g.inLength + i];
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

/** With a data set, the hover's SGD step is on the example shown (the page's next step may train another). */
const EXAMPLE_NOTE = ' \\quad\\text{(SGD on the example shown)}';

/** One parameter's plain SGD step as the core takes it in float32: θ ← θ − fround(η·∂C/∂θ), with the numbers. */
function sgdUpdate(l, name, before, grad, learningRate, onExample) {
  const after = Math.fround(before - Math.fround(learningRate * grad));
  return { block: `update-${l}`, lines: [
    `${name} \\leftarrow ${texNum(before)} - ${texFactor(learningRate)}\\cdot ${texFactor(grad)} = ${texNum(after)}${onExample ? EXAMPLE_NOTE : ''}`,
  ] };
}

/**
 * A hovered weight W[o, c, k] (target.index into the kernel): its gradient, and its update with η.
 * @param {any} snapshot @param {any} target @param {{ learningRate?: number, onExample?: boolean }} [options]
 */
export function weightAt(snapshot, target, { learningRate, onExample = false } = {}) {
  const layers = snapshot.layers;
  const out = [];
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
  if (learningRate !== undefined) {
    out.push(sgdUpdate(target.layer, w, layer.weight[target.index], layer.gradWeight[target.index], learningRate, onExample));
  }
  return out;
}

/**
 * A hovered bias b[o]: its gradient, and its update with η.
 * @param {any} snapshot @param {any} target @param {{ learningRate?: number, onExample?: boolean }} [options]
 */
export function biasAt(snapshot, target, { learningRate, onExample = false } = {}) {
  const layers = snapshot.layers;
  const out = [];
  const layer = layers[target.layer];
  const g = layer.geometry;
  const o = target.index;
  const deltas = Array.from(layer.gradOutput.subarray(o * g.outLength, (o + 1) * g.outLength), (v) => texNum(v));
  const b = single(g) ? 'b' : `b[${o}]`;
  out.push({ block: `backward-${target.layer}`, lines: [`${dC(b)} = \\sum_t ${deltaTex(target.layer)}[${single(g) ? '' : `${o},`}t] = ${texSum(elide(deltas, MAX_TERMS))} = ${texNum(layer.gradBias[o])}`] });
  if (learningRate !== undefined) out.push(sgdUpdate(target.layer, b, layer.bias[o], layer.gradBias[o], learningRate, onExample));
  return out;
}

/** A hovered padded cell x_pad[c, j]: what it holds, and its gradient. */
export function paddedAt(snapshot, target) {
  const layers = snapshot.layers;
  const out = [];
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
