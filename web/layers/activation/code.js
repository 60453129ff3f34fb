// activation in the exported scripts (web/shared/code-export/): its torch.nn module, the shapes of its weights (a layer
// with weights), its NumPy section (forward and backward written out with the equations the page shows) and its
// branch of the script's forward() and backward(). Loaded with the exporters, not at start-up.
import { pyValue } from '../../shared/code-export/python.js';

const ACTIVATION_FORWARD = {
  relu: ["if fn == 'relu':  # g(x) = max(x, 0)", '    return np.maximum(x, 0)'],
  tanh: ["if fn == 'tanh':  # g(x) = tanh(x)", '    return np.tanh(x)'],
  sigmoid: ["if fn == 'sigmoid':  # g(x) = 1 / (1 + e^-x)", '    return 1 / (1 + np.exp(-x))'],
};
const ACTIVATION_BACKWARD = {
  relu: ["if fn == 'relu':  # g'(x) = 1 if x > 0 else 0", '    return delta * (x > 0)'],
  tanh: ["if fn == 'tanh':  # g'(x) = 1 - tanh(x)^2 = 1 - y^2", '    return delta * (1 - y * y)'],
  sigmoid: ["if fn == 'sigmoid':  # g'(x) = y (1 - y)", '    return delta * (y * (1 - y))'],
};

function activationSection(fns) {
  const used = Object.keys(ACTIVATION_FORWARD).filter((fn) => fns.has(fn));
  const body = (table, fallback) => [...used.flatMap((fn) => table[fn]), fallback]
    .map((line) => `    ${line}`).join('\n');
  return `

# Activation layer
# Forward:   x_out = g(x_in), sample by sample
# Backward:  dC/dx_in = dC/dx_out * g'(x_in)

def activation_forward(x, fn):
    """x_out = g(x)."""
${body(ACTIVATION_FORWARD, 'return x  # identity: g(x) = x')}


def activation_backward(delta, x, y, fn):
    """delta = dC/dx_out, x = x_in, y = x_out -> dC/dx_in."""
${body(ACTIVATION_BACKWARD, "return delta  # identity: g'(x) = 1")}
`;
}

const MODULES = { identity: 'nn.Identity()', relu: 'nn.ReLU()', tanh: 'nn.Tanh()', sigmoid: 'nn.Sigmoid()' };

export const pytorch = {
  module: (layer, inChannels, parameters, indent) => `${indent}${MODULES[layer.fn]},`,
};

export const numpy = {
  entries: (layer) => [['type', pyValue('activation')], ['fn', pyValue(layer.fn)]],
  section: (layers) => activationSection(new Set(layers.map((layer) => layer.fn))),
  // the network's last branch, `else:` (or the whole body when the network has only activations)
  fallback: true,
  forward: ['x_in, x = x, activation_forward(x, layer[\'fn\'])', 'cache = (x_in, x)'],
  backward: ["delta = activation_backward(delta, *cache, layer['fn'])"],
};
