// The hover/tap tooltip: the value of a sample and the terms that produced it, read from the model's views
// (conv terms are W[o,c,k]·x_pad[c, t·s + k·d]; pool terms are the window and its winner; gradient terms are the
// upstream gradients δ = ∂C/∂x_out and weights that meet at the sample). Text only (textContent), never HTML.
// Notation as in the explanations' notation box: x_in/x_out per layer, ŷ the prediction, y only the target.
import { formatNumber as f } from '../shared/format.js';
import { axisPadding } from '../shared/geometry.js';
import { loadParts } from '../layers/registry.js';
import { experimentDisplay } from '../shared/training-display.js';

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
  if (hover.panel === 'kernel') return LAYER_WORDS.get(g.type).parameters?.(hover, model, l, g) ?? null;
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
      // the loss's own δ (web/losses/): 2(ŷ − y), (2/n)(ŷ − y) or p_j − 1[j = y] on the logits
      const loss = experimentDisplay(experiment, model).loss;
      const j = c * g.outLength + index;
      const name = loss.name === 'crossentropy' ? `∂C/∂z_${j}` : `∂C/∂ŷ[${c}, ${index}]`;
      return { title: `${name} = ${f(dy)}`, lines: loss.deltaLines(predictionSample(model), j) };
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
