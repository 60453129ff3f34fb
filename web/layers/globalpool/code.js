// globalpool in the exported scripts (web/shared/code-export/): its torch.nn module, the shapes of its weights (a layer
// with weights), its NumPy section (forward and backward written out with the equations the page shows) and its
// branch of the script's forward() and backward(). Loaded with the exporters, not at start-up.
import { pyValue } from '../../shared/code-export/python.js';

const GLOBALPOOL_SECTION = `

# Global pool layer: one value per channel over all n samples, x_out [C, 1]
# max forward:   x_out[c, 0] = max_i x[c, i], won by a[c] (the first maximum
#                wins ties)
# max backward:  dC/dx[c, i] = delta[c, 0] if i == a[c] else 0 (the single
#                winner takes the whole gradient)
# avg forward:   x_out[c, 0] = (1/n) sum_i x[c, i]
# avg backward:  dC/dx[c, i] = delta[c, 0] / n (every sample a 1/n share)

def globalpool_forward(x, op):
    """Returns x_out [C, 1] and what backward needs."""
    channels, n = x.shape
    if op == 'max':
        winner = np.argmax(x, axis=1)  # the first maximum of each channel
        return x[np.arange(channels), winner][:, None], (winner, n)
    return x.sum(axis=1, keepdims=True) / n, (None, n)


def globalpool_backward(delta, op, cache):
    """dC/dx_out [C, 1] -> dC/dx_in [C, n]."""
    winner, n = cache
    if op == 'max':
        grad_x = np.zeros((delta.shape[0], n), DTYPE)
        grad_x[np.arange(delta.shape[0]), winner] = delta[:, 0]
        return grad_x
    return np.repeat(delta / n, n, axis=1)
`;

export const pytorch = {
  // output [channels, 1]: one value per channel
  module: (layer, inChannels, parameters, indent) => `${indent}nn.Adaptive${layer.op === 'max' ? 'Max' : 'Avg'}Pool1d(1),`,
};

export const numpy = {
  entries: (layer) => [['type', pyValue('globalpool')], ['op', pyValue(layer.op)]],
  section: () => GLOBALPOOL_SECTION,
  forward: ["x, cache = globalpool_forward(x, layer['op'])"],
  backward: ["delta = globalpool_backward(delta, layer['op'], cache)"],
};
