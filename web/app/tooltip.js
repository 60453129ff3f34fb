// The hover/tap tooltip: the value of a sample and the terms that produced it, read from the model's views
// (conv terms are W[o,c,k]·x_pad[c, t·s + k·d]; pool terms are the window and its winner; gradient terms are the
// upstream gradients δ = ∂C/∂x_out and weights that meet at the sample). Text only (textContent), never HTML.
// Notation as in the explanations' notation box: x_in/x_out per layer, ŷ the prediction, y only the target.
import { poolWindow } from '../shared/formulas.js';
import { activationDerivative } from '../shared/activation.js';
import { formatNumber as f } from '../shared/format.js';
import { axisPadding, paddedSource, windowCells } from '../shared/geometry.js';
import { describeClassifierSample } from './tooltip-classifier.js';
import { experimentDisplay } from '../shared/training-display.js';

const MAX_TERMS = 8;

/** Sorted by |value| when there are too many to list; → lines plus a "… n more" line. */
function listTerms(terms, ordered) {
  const shown = terms.length > MAX_TERMS && !ordered
    ? [...terms].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, MAX_TERMS)
    : terms.slice(0, MAX_TERMS);
  const lines = shown.map((t) => `${t.text} = ${f(t.value)}`);
  if (terms.length > shown.length) {
    lines.push(`… ${terms.length - shown.length} more term${terms.length - shown.length > 1 ? 's' : ''}${ordered ? '' : ' (largest shown)'}`);
  }
  return lines;
}


/**
 * hover: { panel, layer, track, channel, index }; → { title, lines: string[] } or null.
 * `app` gives { model, experiment, history }.
 */
export function describeHover(hover, app) {
  const { model, experiment } = app;
  if (!hover) return null;
  if (hover.panel === 'loss') {
    const p = app.history[hover.index];
    // the curve's own numbers, named as the status line and the chart name them (training-display.js)
    const display = experimentDisplay(experiment, model);
    return p ? { title: `step ${p.step}`, lines: [`${display.cName} = ${f(p.loss)}`,
      ...(Number.isFinite(p.validation) ? [`${display.validationName} = ${f(p.validation)}`] : [])] } : null;
  }
  if (hover.panel === 'signals-input') {
    const n = model.inputLength;
    const source = experiment.input[hover.channel];
    return {
      title: `x[${hover.channel}, ${hover.index}] = ${f(model.view('input')[hover.channel * n + hover.index])}`,
      lines: [source?.drawn ? 'drawn by hand' : `preset ${source?.preset}, ${source?.cycles} cycles`, 'the network input'],
    };
  }
  if (hover.panel === 'signals-output' && experiment.network.loss === 'crossentropy') return describeClass(hover, model, experiment);
  if (hover.panel === 'signals-output') {
    const n = model.outputLength;
    const at = hover.channel * n + hover.index;
    const display = experimentDisplay(experiment, model);
    return {
      title: `ŷ[${hover.channel}, ${hover.index}] = ${f(model.view('output')[at])}`,
      lines: display.loss.shareLines(predictionSample(model), at, display.exampleWords),
    };
  }
  const l = hover.layer;
  const g = model.layers[l];
  if (!g) return null;
  if (hover.panel === 'kernel') return describeKernel(hover, model, l, g);
  return describeLayerSample(hover, model, experiment, l, g);
}

/** The prediction and target of the example the views show, as the loss modules take them (web/losses/). */
function predictionSample(model) {
  const sample = { prediction: model.view('output'), target: model.view('target') };
  if (model.spec.loss === 'crossentropy') sample.probabilities = model.view('probabilities');
  return sample;
}

/** A class's bar of the softmax (loss 'crossentropy'): its probability, its logit, and what it says about C. */
function describeClass({ index }, model, experiment) {
  const sample = predictionSample(model);
  if (!(index >= 0 && index < sample.probabilities.length)) return null;
  const display = experimentDisplay(experiment, model);
  return { title: `p_${index} = ${f(sample.probabilities[index])}`, lines: display.loss.shareLines(sample, index, display.exampleWords) };
}

function describeKernel({ track, index }, model, l, g) {
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

function describeLayerSample(hover, model, experiment, l, g) {
  const classifierWords = describeClassifierSample(hover, model, l, g);
  if (classifierWords) return classifierWords;
  const { track, channel: c, index } = hover;
  const p = axisPadding(g);
  const last = l === model.layers.length - 1;
  if (track === 'input') {
    const i = index - p;
    const from = l === 0 ? 'the network input x' : `the output of layer ${l}`;
    if (i >= 0 && i < g.inLength) {
      return { title: `x_in[${c}, ${i}] = ${f(model.view('input', l)[c * g.inLength + i])}`, lines: [`from ${from}`] };
    }
    if (g.type === 'maxpool1d') return { title: `padding cell ${index}`, lines: ['holds −∞, so it never wins a window'] };
    const s = paddedSource(index, g.padLeft, g.inLength, g.paddingMode);
    const v = model.view('padded', l)[c * g.paddedLength + index];
    return {
      title: `x_pad[${c}, ${index}] = ${f(v)} (padding)`,
      lines: s < 0 ? ['zeros padding: a constant 0; its gradient is dropped']
        : [`${g.paddingMode} padding: a copy of x_in[${c}, ${s}]`, `its gradient is added to ∂C/∂x_in[${c}, ${s}]`],
    };
  }
  if (track === 'output') {
    const y = model.view('output', l)[c * g.outLength + index];
    if (g.type === 'conv1d') {
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
    if (g.type === 'maxpool1d') {
      const winner = model.view('argmax', l)[c * g.outLength + index];
      const x = model.view('input', l);
      const empty = poolWindow(g, x.subarray(c * g.inLength, (c + 1) * g.inLength), index).empty;
      const lines = windowCells(g, index).map((cell) => {
        const i = cell - p;
        const inside = i >= 0 && i < g.inLength;
        return `${inside && !empty && i === winner ? '★ ' : '  '}${inside ? `x_in[${c}, ${i}] = ${f(x[c * g.inLength + i])}` : `padding cell ${cell} = −∞`}`;
      });
      if (empty) {
        return { title: `x_out[${c}, ${index}] = ${f(y)} (an empty window)`, lines: [...lines, 'every tap is −∞ padding: no winner, and no gradient flows back'] };
      }
      return { title: `x_out[${c}, ${index}] = ${f(y)} (max of its window)`, lines: [...lines, `★ winner: a[${index}] = ${winner}, an index of x_in (first maximum wins ties)`, 'its gradient goes only to the winner'] };
    }
    const x = model.view('input', l)[c * g.inLength + index];
    return { title: `x_out[${c}, ${index}] = ${g.fn}(${f(x)}) = ${f(y)}`, lines: [`g′(x_in) = ${f(activationDerivative(g.fn, x, y))}`] };
  }
  if (track === 'gradOutput') {
    const dy = model.view('gradOutput', l)[c * g.outLength + index];
    if (last) {
      // the loss's own δ (web/losses/): 2(ŷ − y), (2/n)(ŷ − y) or p_j − 1[j = y] on the logits
      const loss = experimentDisplay(experiment, model).loss;
      const j = c * g.outLength + index;
      const name = loss.name === 'crossentropy' ? `∂C/∂z_${j}` : `∂C/∂ŷ[${c}, ${index}]`;
      return { title: `${name} = ${f(dy)}`, lines: loss.deltaLines(predictionSample(model), j) };
    }
    return { title: `δ[${c}, ${index}] = ∂C/∂x_out[${c}, ${index}] = ${f(dy)}`, lines: [`= ∂C/∂x_in[${c}, ${index}] of layer ${l + 2}`] };
  }
  if (track === 'gradPadded') return describeGradPadded(model, l, g, c, index);
  if (track === 'gradInput') {
    const dx = model.view('gradInput', l)[c * g.inLength + index];
    const title = `∂C/∂x_in[${c}, ${index}] = ${f(dx)}`;
    if (g.type === 'activation') {
      const x = model.view('input', l)[c * g.inLength + index];
      const y = model.view('output', l)[c * g.inLength + index];
      const dy = model.view('gradOutput', l)[c * g.inLength + index];
      return { title, lines: [`= δ · g′(x_in) = ${f(dy)} · ${f(activationDerivative(g.fn, x, y))}`] };
    }
    if (g.type === 'maxpool1d') {
      const argmax = model.view('argmax', l);
      const dy = model.view('gradOutput', l);
      const terms = [];
      const x = model.view('input', l).subarray(c * g.inLength, (c + 1) * g.inLength);
      for (let t = 0; t < g.outLength; t++) {
        // An empty window (all padding) has no winner: its clamped index is not one.
        if (argmax[c * g.outLength + t] === index && !poolWindow(g, x, t).empty) terms.push({ text: `δ[${c},${t}]`, value: dy[c * g.outLength + t] });
      }
      return { title, lines: terms.length ? ['= Σ δ over the windows this sample won (δ = ∂C/∂x_out)', ...listTerms(terms, true)] : ['won no window: gradient 0'] };
    }
    const gp = model.view('gradPadded', l);
    const terms = [];
    for (let j = 0; j < g.paddedLength; j++) {
      if (paddedSource(j, g.padLeft, g.inLength, g.paddingMode) === index) {
        terms.push({ text: `∂C/∂x_pad[${c},${j}]${j === index + g.padLeft ? '' : ' (padded copy)'}`, value: gp[c * g.paddedLength + j] });
      }
    }
    return { title, lines: [g.paddingMode === 'zeros' ? '= ∂C/∂x_pad at the same sample' : `= its own ∂C/∂x_pad plus those of its ${g.paddingMode} copies`, ...listTerms(terms, true)] };
  }
  return null;
}

function describeGradPadded(model, l, g, c, j) {
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
