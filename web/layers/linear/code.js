// linear in the exported scripts (web/shared/code-export/): its torch.nn module, the shapes of its weights (a layer
// with weights), its NumPy section (forward and backward written out with the equations the page shows) and its
// branch of the script's forward() and backward(). Loaded with the exporters, not at start-up.
import { pyValue, wrappedItems } from '../../shared/code-export/python.js';

const LINEAR_SECTION = `

# Linear layer on the flattened input: x_in [C, n] read channel-major as the
# vector x[j], j = c * n + i (nn.Flatten), then
# Forward:   y[o] = b[o] + sum_j W[o, j] * x[j]      (y = W x + b)
# Backward:  dC/dW[o, j] = delta[o] * x[j]           (dW = delta x^T)
#            dC/db[o] = delta[o]
#            dC/dx[j] = sum_o W[o, j] * delta[o]     (dx = W^T delta)
# The output y is [out, 1]: out channels of length 1.

def linear_forward(x, weight, bias):
    """Flatten, then y = W x + b; returns y as [out, 1]."""
    flat = x.reshape(-1)
    y = weight @ flat
    if bias is not None:
        y = y + bias
    return y[:, None], (flat, x.shape)


def linear_backward(delta, weight, layer, cache):
    """delta = dC/dy [out, 1] -> (dC/dx_in, dC/dW, dC/db)."""
    flat, shape = cache
    d = delta[:, 0]
    grad_weight = np.outer(d, flat)
    grad_bias = d.copy() if layer['bias'] else None
    return (weight.T @ d).reshape(shape), grad_weight, grad_bias
`;

/** A linear layer's inFeatures (channels × length of its input): its initial weight holds out × in values. */
const inFeatures = (layer, parameters) => parameters.weight.length / layer.outFeatures;

export const pytorch = {
  module(layer, inChannels, parameters, indent) {
    const linear = wrappedItems(`${indent}    nn.Linear(`, [String(inFeatures(layer, parameters)),
      String(layer.outFeatures), `bias=${layer.bias ? 'True' : 'False'}`], '),');
    return [`${indent}nn.Sequential(`, `${indent}    nn.Flatten(),  # [C, L] read channel-major: C * L features`,
      linear, `${indent}    nn.Unflatten(1, (${layer.outFeatures}, 1)),  # the playground's [out, 1] view`,
      `${indent}),`].join('\n');
  },
};

/** (layer, inChannels, its initial parameters) → the Python shapes of its weight and bias, and where nn holds them. */
export function parameterShapes(layer, inChannels, parameters) {
  return {
    weight: `(${layer.outFeatures}, ${inFeatures(layer, parameters)})`,
    bias: layer.bias ? `(${layer.outFeatures},)` : null,
    module: '[1]',  // the nn.Linear inside nn.Sequential(Flatten, Linear, Unflatten)
  };
}

export const numpy = {
  entries: (layer) => [['type', pyValue('linear')], ['out_features', pyValue(layer.outFeatures)],
    ['bias', pyValue(layer.bias)]],
  section: () => LINEAR_SECTION,
  forward: ["x, cache = linear_forward(x, p['weight'], p['bias'])"],
  backward: ["delta, grad_w, grad_b = linear_backward(delta, p['weight'],",
    '                                        layer, cache)',
    "grads[i] = {'weight': grad_w, 'bias': grad_b}"],
};
