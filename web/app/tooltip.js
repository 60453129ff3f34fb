// The hover/tap tooltip: the value of a sample and the terms that produced it, read from the model's views
// (conv terms are W[o,c,k]·x_pad[c, t·s + k·d]; pool terms are the window and its winner; gradient terms are the
// upstream gradients δ = ∂C/∂x_out and weights that meet at the sample). Text only (textContent), never HTML.
// Notation as in the explanations' notation box: x_in/x_out per layer, ŷ the prediction, y only the target.
import { formatNumber as f } from '../shared/format.js';
import { axisPadding } from '../shared/geometry.js';
import { loadParts } from '../layers/registry.js';

/** Each layer type's words (web/layers/<type>/tooltip.js), loaded with this module on the first hover. */
const LAYER_WORDS = await loadParts('tooltip');


/**
 * hover: { panel, layer, track, channel, index }; → { title, lines: string[] } or null.
 * `app` gives { model, experiment, history }.
 */
export function describeHover(hover, app) {
  const { model, experiment } = app;
  if (!hover) return null;
  if (hover.panel === 'loss') {
    const p = app.history[hover.index];
    // with a data set: the whole training set's C and the validation set's (as loss() and validationLoss() give them)
    return p ? { title: `step ${p.step}`, lines: [`C = ${f(p.loss)}`, ...(Number.isFinite(p.validation) ? [`validation C = ${f(p.validation)}`] : [])] } : null;
  }
  if (hover.panel === 'signals-input') {
    const n = model.inputLength;
    const source = experiment.input[hover.channel];
    return {
      title: `x[${hover.channel}, ${hover.index}] = ${f(model.view('input')[hover.channel * n + hover.index])}`,
      lines: [source?.drawn ? 'drawn by hand' : `preset ${source?.preset}, ${source?.cycles} cycles`, 'the network input'],
    };
  }
  if (hover.panel === 'signals-output' && experiment.network.loss === 'crossentropy') return describeClass(hover, model);
  if (hover.panel === 'signals-output') {
    const n = model.outputLength;
    const at = hover.channel * n + hover.index;
    const yHat = model.view('output')[at];
    const y = model.view('target')[at];
    const mean = experiment.network.loss === 'mse';
    return {
      title: `ŷ[${hover.channel}, ${hover.index}] = ${f(yHat)}`,
      lines: [`target y = ${f(y)}`, `ŷ − y = ${f(yHat - y)}`,
        `adds (ŷ − y)²${mean ? ` / n (n = channels · M = ${model.outputChannels * n})` : ''} = ${f(((yHat - y) ** 2) / (mean ? model.outputChannels * n : 1))} to C`],
    };
  }
  const l = hover.layer;
  const g = model.layers[l];
  if (!g) return null;
  if (hover.panel === 'kernel') return LAYER_WORDS.get(g.type).parameters?.(hover, model, l, g) ?? null;
  return describeLayerSample(hover, model, experiment, l, g);
}

/** A class's bar of the softmax (loss 'crossentropy'): its probability, its logit, and what it adds to C. */
function describeClass({ index }, model) {
  const p = model.view('probabilities');
  const z = model.view('output');
  if (!(index >= 0 && index < p.length)) return null;
  const truth = model.view('target')[0];
  const lines = [`logit z[${index}] = ${f(z[index])}`, `p = e^z[${index}] / Σ_j e^z[j]`];
  lines.push(index === truth ? `the true class: adds −log p = ${f(-Math.log(p[index]))} to this example's C`
    : `not the true class (class ${truth}): its p only lowers the true class's share`);
  return { title: `p[${index}] = ${f(p[index])}`, lines };
}

/** A sample of a layer's forward or backward plot: the common words, else its type's (web/layers/<type>/tooltip.js). */
function describeLayerSample(hover, model, experiment, l, g) {
  const words = LAYER_WORDS.get(g.type);
  const { track, channel: c, index } = hover;
  const last = l === model.layers.length - 1;
  if (track === 'input') {
    const i = index - axisPadding(g);
    const from = l === 0 ? 'the network input x' : `the output of layer ${l}`;
    if (i >= 0 && i < g.inLength) {
      return { title: `x_in[${c}, ${i}] = ${f(model.view('input', l)[c * g.inLength + i])}`, lines: [`from ${from}`] };
    }
    return words.paddingCell?.(hover, model, l, g) ?? null;
  }
  if (track === 'output') return words.output(hover, model, l, g);
  if (track === 'gradOutput') {
    const dy = model.view('gradOutput', l)[c * g.outLength + index];
    if (last) {
      const yHat = model.view('output', l)[c * g.outLength + index];
      const target = model.view('target')[c * g.outLength + index];
      const mean = experiment.network.loss === 'mse';
      return {
        title: `∂C/∂ŷ[${c}, ${index}] = ${f(dy)}`,
        lines: [mean ? `= (2/n)·(ŷ − y), n = channels · M = ${g.outChannels * g.outLength}` : '= 2·(ŷ − y)', `ŷ = ${f(yHat)}, y = ${f(target)} (the target)`],
      };
    }
    return { title: `δ[${c}, ${index}] = ∂C/∂x_out[${c}, ${index}] = ${f(dy)}`, lines: [`= ∂C/∂x_in[${c}, ${index}] of layer ${l + 2}`] };
  }
  if (track === 'gradPadded') return words.gradPadded?.(hover, model, l, g) ?? null;
  if (track === 'gradInput') {
    const dx = model.view('gradInput', l)[c * g.inLength + index];
    return { title: `∂C/∂x_in[${c}, ${index}] = ${f(dx)}`, lines: words.gradInput(hover, model, l, g) };
  }
  return null;
}
