// maxpool1d in the exported scripts (web/shared/code-export/): its torch.nn module, the shapes of its weights (a layer
// with weights), its NumPy section (forward and backward written out with the equations the page shows) and its
// branch of the script's forward() and backward(). Loaded with the exporters, not at start-up.
import { pyValue, wrappedItems } from '../../shared/code-export/python.js';

const POOL_SECTION = `

# Max-pool layer
# Forward:   x_out[c, t] = max_k x_pad[c, t*s + k*d], where x_pad is x with p
#            cells of -inf on each side (so padding never wins), and
#            a[c, t] = the position of that maximum (the first one wins ties)
# Backward:  dC/dx[c, i] = sum_t [a[c, t] == i] * delta[c, t]
#            (each window sends its gradient to its winner; windows overlap,
#            so a sample that wins several windows adds their gradients)

def pool_output_length(n, layer):
    """floor (or ceil) of (n + 2p - d(K-1) - 1) / s, plus 1."""
    s, p = layer['stride'], layer['padding']
    span = n + 2 * p - layer['dilation'] * (layer['kernel_size'] - 1) - 1
    if not layer['ceil_mode']:
        return span // s + 1
    n_out = -(-span // s) + 1
    if (n_out - 1) * s >= n + p:  # a last window starting in the right
        n_out -= 1                # padding is dropped (PyTorch's rule)
    return n_out


def maxpool1d_forward(x, layer):
    """Returns x_out and the arg-max a (positions in x)."""
    channels, n = x.shape
    s, p, d = layer['stride'], layer['padding'], layer['dilation']
    n_out = pool_output_length(n, layer)
    cells = s * np.arange(n_out)[:, None] + d * np.arange(layer['kernel_size'])
    width = max(n + 2 * p, cells.max() + 1)  # ceil mode may reach further
    x_pad = np.full((channels, width), -np.inf, DTYPE)
    x_pad[:, p:p + n] = x
    windows = x_pad[:, cells]  # [channel, t, k]
    winner = np.argmax(windows, axis=2)  # the first maximum of each window
    x_out = np.take_along_axis(windows, winner[..., None], axis=2)[..., 0]
    argmax = cells[np.arange(n_out), winner] - p
    return x_out, (argmax, n)


def maxpool1d_backward(delta, cache):
    """dC/dx_out -> dC/dx_in: each window's gradient goes to its winner."""
    argmax, n = cache
    grad_x = np.zeros((delta.shape[0], n), DTYPE)
    channel = np.arange(delta.shape[0])[:, None]
    np.add.at(grad_x, (channel, argmax), delta)  # overlapping windows add
    return grad_x
`;

export const pytorch = {
  module: (layer, inChannels, parameters, indent) => wrappedItems(`${indent}nn.MaxPool1d(`, [
    `kernel_size=${layer.kernelSize}`, `stride=${layer.stride}`, `padding=${layer.padding}`,
    `dilation=${layer.dilation}`, `ceil_mode=${layer.ceilMode ? 'True' : 'False'}`,
  ], '),'),
};

export const numpy = {
  entries: (layer) => [['type', pyValue('maxpool1d')], ['kernel_size', pyValue(layer.kernelSize)],
    ['stride', pyValue(layer.stride)], ['padding', pyValue(layer.padding)], ['dilation', pyValue(layer.dilation)],
    ['ceil_mode', pyValue(layer.ceilMode)]],
  section: () => POOL_SECTION,
  forward: ['x, cache = maxpool1d_forward(x, layer)'],
  backward: ['delta = maxpool1d_backward(delta, cache)'],
};
