// A frozen copy of everything a model shows at its current weights: every layer's activations, gradients,
// weights, padded input and arg-max, copied out of the WASM heap. The explanations read numbers only from here,
// so a step-through frame or a hovered equation is a pure function of (experiment, snapshot) and never of the
// moment it is drawn.

import { layerViews } from '../layers/registry.js';

/**
 * Runs forward + backward at the model's current weights (model.evaluate(), which changes no weight) and copies
 * every view. → { loss, lossKind, inputLength, inputChannels, target, prediction, gradPrediction, layers: [{ geometry,
 * input, output, gradInput, gradOutput, weight?, bias?, gradWeight?, gradBias?, padded?, gradPadded?, argmax? }] }
 */
export function takeSnapshot(model, { evaluate = true } = {}) {
  const loss = evaluate ? model.evaluate() : model.loss();
  const layers = model.layers.map((geometry, l) => {
    const layer = { geometry };
    for (const name of layerViews(geometry)) layer[name] = model.view(name, l).slice();
    return layer;
  });
  return {
    loss,
    lossKind: model.spec.loss,
    inputLength: model.inputLength,
    inputChannels: model.inputChannels,
    outputLength: model.outputLength,
    outputChannels: model.outputChannels,
    input: model.view('input').slice(),
    target: model.view('target').slice(),
    prediction: model.view('output').slice(),
    gradPrediction: model.view('gradOutput').slice(),
    // loss 'crossentropy': the softmax p_j of the logits (what the loss frame and the hover show), else null
    probabilities: model.spec.loss === 'crossentropy' ? model.view('probabilities').slice() : null,
    gradNetworkInput: model.view('gradInput').slice(),
    layers,
  };
}
