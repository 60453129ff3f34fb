// The tooltip words of a conv1d layer: what one hovered sample is and which terms made it, read from the model's views
// (terms W[o,c,k]·x_pad[c, t·s + k·d]; gradients δ = ∂C/∂x_out meeting the weights). web/app/tooltip.js asks the
// hovered layer's type; text only. Each part gets (hover: { track, channel, index }, model, l, g) and returns { title,
// lines } (gradInput: the lines under the common title), or is absent when the type has nothing to say there.
import { formatNumber as f } from '../../shared/format.js';
import { paddedSource } from './padding.js';
import { MAX_TERMS, listTerms } from '../../shared/terms.js';

/** A padded cell of the input: its boundary rule's value (zeros, or a copy of an edge sample). */
export function paddingCell({ channel: c, index }, model, l, g) {
  const s = paddedSource(index, g.padLeft, g.inLength, g.paddingMode);
  const v = model.view('padded', l)[c * g.paddedLength + index];
  return {
    title: `x_pad[${c}, ${index}] = ${f(v)} (padding)`,
    lines: s < 0 ? ['zeros padding: a constant 0; its gradient is dropped']
      : [`${g.paddingMode} padding: a copy of x_in[${c}, ${s}]`, `its gradient is added to ∂C/∂x_in[${c}, ${s}]`],
  };
}

/** An output sample: b + the products of its window. */
export function output({ channel: c, index }, model, l, g) {
  const y = model.view('output', l)[c * g.outLength + index];
  const w = model.view('weight', l);
  const xp = model.view('padded', l);
  const terms = [];
  for (let ci = 0; ci < g.inChannels; ci++) {
    for (let k = 0; k < g.kernelSize; k++) {
      const j = index * g.stride + k * g.dilation;
      const a = w[(c * g.inChannels + ci) * g.kernelSize + k];
      const b = xp[ci * g.paddedLength + j];
      terms.push({ text: `W[${c},${ci},${k}]·x_pad[${ci},${j}] = ${f(a)}·${f(b)}`, value: a * b });
    }
  }
  const lines = [g.bias ? '= b + Σ_c Σ_k W[o,c,k] · x_pad[c, t·s + k·d]' : '= Σ_c Σ_k W[o,c,k] · x_pad[c, t·s + k·d] (no bias)'];
  if (g.bias) lines.push(`b[${c}] = ${f(model.view('bias', l)[c])}`);
  return { title: `x_out[${c}, ${index}] = ${f(y)}`, lines: [...lines, ...listTerms(terms, g.inChannels * g.kernelSize <= MAX_TERMS)] };
}

/** ∂C/∂x_in: its own ∂C/∂x_pad plus those of its padded copies. */
export function gradInput({ channel: c, index }, model, l, g) {
  const gp = model.view('gradPadded', l);
  const terms = [];
  for (let j = 0; j < g.paddedLength; j++) {
    if (paddedSource(j, g.padLeft, g.inLength, g.paddingMode) === index) {
      terms.push({ text: `∂C/∂x_pad[${c},${j}]${j === index + g.padLeft ? '' : ' (padded copy)'}`, value: gp[c * g.paddedLength + j] });
    }
  }
  return [g.paddingMode === 'zeros' ? '= ∂C/∂x_pad at the same sample' : `= its own ∂C/∂x_pad plus those of its ${g.paddingMode} copies`, ...listTerms(terms, true)];
}

/** ∂C/∂x_pad: the δ·W products that meet at padded cell j. */
export function gradPadded({ channel: c, index: j }, model, l, g) {
  const dy = model.view('gradOutput', l);
  const w = model.view('weight', l);
  const terms = [];
  for (let o = 0; o < g.outChannels; o++) {
    for (let k = 0; k < g.kernelSize; k++) {
      const rest = j - k * g.dilation;
      if (rest < 0 || rest % g.stride !== 0) continue;
      const t = rest / g.stride;
      if (t >= g.outLength) continue;
      const a = dy[o * g.outLength + t];
      const b = w[(o * g.inChannels + c) * g.kernelSize + k];
      terms.push({ text: `δ[${o},${t}]·W[${o},${c},${k}] = ${f(a)}·${f(b)}`, value: a * b });
    }
  }
  const v = model.view('gradPadded', l)[c * g.paddedLength + j];
  const padded = j < g.padLeft || j >= g.padLeft + g.inLength;
  const s = paddedSource(j, g.padLeft, g.inLength, g.paddingMode);
  const fate = !padded ? '' : s < 0 ? 'padding cell: this gradient is dropped (zeros)' : `padding cell: added to ∂C/∂x_in[${c}, ${s}]`;
  return {
    title: `∂C/∂x_pad[${c}, ${j}] = ${f(v)}`,
    lines: ['= Σ_o Σ_k δ[o,t] · W[o,c,k] where t·s + k·d = j (δ = ∂C/∂x_out)', ...(terms.length ? listTerms(terms, false) : ['no window reads this cell: 0']), ...(fate ? [fate] : [])],
  };
}

/** The kernel plot: a weight W[o,c,k] or its gradient, a bias b[o] or its gradient. */
export function parameters({ track, index }, model, l, g) {
  const K = g.kernelSize;
  if (track === 'weight' || track === 'gradWeight') {
    const o = Math.floor(index / (g.inChannels * K));
    const c = Math.floor(index / K) % g.inChannels;
    const k = index % K;
    const name = `W[${o},${c},${k}]`;
    if (track === 'weight') {
      return { title: `${name} = ${f(model.view('weight', l)[index])}`, lines: [`multiplies x_pad[${c}, t·${g.stride} + ${k}·${g.dilation}] in every output x_out[${o}, t]`] };
    }
    const dy = model.view('gradOutput', l);
    const xp = model.view('padded', l);
    const terms = [];
    for (let t = 0; t < g.outLength; t++) {
      const j = t * g.stride + k * g.dilation;
      const a = dy[o * g.outLength + t];
      const b = xp[c * g.paddedLength + j];
      terms.push({ text: `δ[${o},${t}]·x_pad[${c},${j}] = ${f(a)}·${f(b)}`, value: a * b });
    }
    return { title: `∂C/∂${name} = ${f(model.view('gradWeight', l)[index])}`, lines: ['= Σ_t δ[o,t] · x_pad[c, t·s + k·d], δ = ∂C/∂x_out', ...listTerms(terms, false)] };
  }
  const o = index;
  if (track === 'bias') return { title: `b[${o}] = ${f(model.view('bias', l)[o])}`, lines: [`added to every x_out[${o}, t]`] };
  const dy = model.view('gradOutput', l);
  const terms = [];
  for (let t = 0; t < g.outLength; t++) terms.push({ text: `δ[${o},${t}]`, value: dy[o * g.outLength + t] });
  return { title: `∂C/∂b[${o}] = ${f(model.view('gradBias', l)[o])}`, lines: ['= Σ_t δ[o,t], δ = ∂C/∂x_out', ...listTerms(terms, false)] };
}
