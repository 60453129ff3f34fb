// avgpool1d in the exported scripts (web/shared/code-export/): its torch.nn module, the shapes of its weights (a layer
// with weights), its NumPy section (forward and backward written out with the equations the page shows) and its
// branch of the script's forward() and backward(). Loaded with the exporters, not at start-up.
import { pyValue, wrappedItems } from '../../shared/code-export/python.js';

const AVGPOOL_SECTION = `

# Average-pool layer
# Window t starts at a = t*s - p and covers the input samples
# lo = max(a, 0) ... hi - 1 with hi = min(a + K, n) (the zero padding adds
# nothing to the sum). Its divisor D_t counts the padding or not:
#   count_include_pad: D_t = min(a + K, n + p) - a
#   otherwise:         D_t = hi - lo (the input samples it covers)
# Forward:   x_out[c, t] = (1 / D_t) sum_{i = lo}^{hi - 1} x[c, i]
# Backward:  dC/dx[c, i] = sum over the windows t that cover i of
#            delta[c, t] / D_t (each sample gets a 1/D_t share)

def avgpool_windows(n, layer):
    """(lo, hi, D_t) of each window over an input of n samples."""
    k, s, p = layer['kernel_size'], layer['stride'], layer['padding']
    span = n + 2 * p - k  # floor (or ceil) of span / s, plus 1 windows
    n_out = span // s + 1
    if layer['ceil_mode']:
        n_out = -(-span // s) + 1
        if (n_out - 1) * s >= n + p:  # a last window starting in the right
            n_out -= 1                # padding is dropped (PyTorch's rule)
    windows = []
    for t in range(n_out):
        a = t * s - p
        lo, hi = max(a, 0), min(a + k, n)
        if layer['count_include_pad']:
            divisor = min(a + k, n + p) - a
        else:
            divisor = hi - lo
        windows.append((lo, hi, divisor))
    return windows


def avgpool1d_forward(x, layer):
    """Returns x_out and the windows (backward needs their divisors)."""
    windows = avgpool_windows(x.shape[1], layer)
    x_out = np.zeros((x.shape[0], len(windows)), DTYPE)
    for t, (lo, hi, divisor) in enumerate(windows):
        x_out[:, t] = x[:, lo:hi].sum(axis=1) / divisor
    return x_out, (windows, x.shape[1])


def avgpool1d_backward(delta, cache):
    """dC/dx_out -> dC/dx_in: each window shares its gradient out by 1/D_t."""
    windows, n = cache
    grad_x = np.zeros((delta.shape[0], n), DTYPE)
    for t, (lo, hi, divisor) in enumerate(windows):
        grad_x[:, lo:hi] += delta[:, t, None] / divisor  # windows overlap
    return grad_x
`;

export const pytorch = {
  module: (layer, inChannels, parameters, indent) => wrappedItems(`${indent}nn.AvgPool1d(`, [
    `kernel_size=${layer.kernelSize}`, `stride=${layer.stride}`, `padding=${layer.padding}`,
    `ceil_mode=${layer.ceilMode ? 'True' : 'False'}`, `count_include_pad=${layer.countIncludePad ? 'True' : 'False'}`,
  ], '),'),
};

export const numpy = {
  entries: (layer) => [['type', pyValue('avgpool1d')], ['kernel_size', pyValue(layer.kernelSize)],
    ['stride', pyValue(layer.stride)], ['padding', pyValue(layer.padding)], ['ceil_mode', pyValue(layer.ceilMode)],
    ['count_include_pad', pyValue(layer.countIncludePad)]],
  section: () => AVGPOOL_SECTION,
  forward: ['x, cache = avgpool1d_forward(x, layer)'],
  backward: ['delta = avgpool1d_backward(delta, cache)'],
};
