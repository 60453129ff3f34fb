// conv1d in the exported scripts (web/shared/code-export/): its torch.nn module, the shapes of its weights (a layer
// with weights), its NumPy section (forward and backward written out with the equations the page shows) and its
// branch of the script's forward() and backward(). Loaded with the exporters, not at start-up.
import { pyString, pyValue, wrappedItems } from '../../shared/code-export/python.js';

// The lines both forms of conv1d_forward / conv1d_backward begin with (the plain one and the grouped one; a script
// holds one of the two): pad the input and find the cells each tap reads; unpack the cache and start the gradients.
const PAD_AND_TAPS = `    n = x.shape[1]
    left, right = conv_padding(layer, n)
    sources = padded_sources(left, right, n, layer['padding_mode'])
    x_pad = pad(x, sources)
    s, d, taps = layer['stride'], layer['dilation'], layer['kernel_size']
    n_out = (x_pad.shape[1] - d * (taps - 1) - 1) // s + 1
    reads = tap_cells(s, d, taps, n_out)
`;
const BACKWARD_START = `    x_pad, sources, reads, n = cache
    grad_weight = np.zeros_like(weight)
    grad_pad = np.zeros_like(x_pad)
    taps = layer['kernel_size']
`;

const CONV_SECTION = `

# Conv1d layer
# Forward:   x_out[o, t] = b[o] + sum_c sum_k W[o, c, k] * x_pad[c, t*s + k*d]
# Backward:  dC/dW[o, c, k] = sum_t delta[o, t] * x_pad[c, t*s + k*d]
#            dC/db[o] = sum_t delta[o, t]
#            dC/dx_pad[c, t*s + k*d] += sum_o W[o, c, k] * delta[o, t]
# The last line is the transposed convolution; with s = d = 1 it is the full
# correlation of delta with the flipped kernel:
#            dC/dx_pad[c, j] = sum_o sum_k delta[o, j - k] * W[o, c, k]
# (delta = dC/dx_out, s = stride, d = dilation, x_pad = the padded input).

def conv_padding(layer, n):
    """(left, right) padding of a conv layer whose input has n samples."""
    span = layer['dilation'] * (layer['kernel_size'] - 1)
    if layer['padding'] == 'same':  # keeps the length: half of d(K-1) left
        return span // 2, span - span // 2
    if layer['padding'] == 'valid':
        return 0, 0
    return layer['padding'], layer['padding']


def padded_sources(left, right, n, mode):
    """For each cell j of the padded signal, the input sample it copies.

    -1 marks a cell that holds a zero ('zeros' padding).
    """
    i = np.arange(-left, n + right)  # cell j shows input position j - left
    if mode == 'reflect':  # mirror without repeating the edge: x[-1] = x[1]
        return np.where(i < 0, -i, np.where(i >= n, 2 * (n - 1) - i, i))
    if mode == 'replicate':  # repeat the edge sample: x[-1] = x[0]
        return np.clip(i, 0, n - 1)
    if mode == 'circular':  # wrap around: x[-1] = x[n - 1]
        return i % n
    return np.where((i >= 0) & (i < n), i, -1)  # 'zeros': nothing to copy


def pad(x, sources):
    """x_pad[c, j] = x[c, sources[j]], or 0 where sources[j] is -1."""
    x_pad = x[:, np.maximum(sources, 0)]
    x_pad[:, sources < 0] = 0
    return x_pad


def tap_cells(s, d, taps, n_out):
    """Tap k reads the cells t*s + k*d of x_pad (t = 0 .. n_out - 1)."""
    return [slice(k * d, k * d + s * (n_out - 1) + 1, s) for k in range(taps)]


def unpad_gradient(grad_pad, sources, n):
    """dC/dx[c, i] = sum of dC/dx_pad[c, j] over the cells j that copy x[c, i].

    That is the sample's own cell plus every reflect, replicate or circular
    copy of it: a copied sample gets the gradients of all its copies.
    """
    grad_x = np.zeros((grad_pad.shape[0], n), DTYPE)
    copied = sources >= 0
    np.add.at(grad_x, (slice(None), sources[copied]), grad_pad[:, copied])
    return grad_x


def conv1d_forward(x, weight, bias, layer):
    """Pad, then slide the kernel: returns x_out and what backward needs."""
${PAD_AND_TAPS}    out_channels, in_channels = weight.shape[:2]
    x_out = np.zeros((out_channels, n_out), DTYPE)
    if bias is not None:
        x_out += bias[:, None]
    for c in range(in_channels):  # add the terms in the playground's order
        for k in range(taps):  # tap k reads x_pad[c, t*s + k*d] for every t
            x_out += weight[:, c, k, None] * x_pad[c, reads[k]]
    return x_out, (x_pad, sources, reads, n)


def conv1d_backward(delta, weight, layer, cache):
    """delta = dC/dx_out -> (dC/dx_in, dC/dW, dC/db)."""
${BACKWARD_START}    for k in range(taps):  # tap k read the cells t*s + k*d
        cells = np.ascontiguousarray(x_pad[:, reads[k]])
        grad_weight[:, :, k] = delta @ cells.T
    for o in range(weight.shape[0]):  # add the terms in the playground's order
        for k in range(taps):
            grad_pad[:, reads[k]] += weight[o, :, k, None] * delta[o]
    grad_bias = delta.sum(axis=1) if layer['bias'] else None
    return unpad_gradient(grad_pad, sources, n), grad_weight, grad_bias
`;

// With groups > 1 (only then, so the common case stays short): output channel o sees only the input channels of
// its group, c0(o) + c with c < in_channels / groups; the weight is [out, in / groups, K].
const GROUPED_CONV = `

def conv1d_forward(x, weight, bias, layer):
    """Pad, then slide each group's kernels over that group's channels.

    x_out[o, t] = b[o] + sum_c sum_k W[o, c, k] * x_pad[c0 + c, t*s + k*d]
    where c0 is the first input channel of o's group.
    """
${PAD_AND_TAPS}    out_channels, in_per_group = weight.shape[:2]
    out_per_group = out_channels // layer['groups']
    x_out = np.zeros((out_channels, n_out), DTYPE)
    if bias is not None:
        x_out += bias[:, None]
    for g in range(layer['groups']):
        outs = slice(g * out_per_group, (g + 1) * out_per_group)
        for c in range(in_per_group):  # the playground's order
            for k in range(taps):
                x_out[outs] += (weight[outs, c, k, None]
                                * x_pad[g * in_per_group + c, reads[k]])
    return x_out, (x_pad, sources, reads, n)


def conv1d_backward(delta, weight, layer, cache):
    """delta = dC/dx_out -> (dC/dx_in, dC/dW, dC/db), group by group."""
${BACKWARD_START}    out_channels, in_per_group = weight.shape[:2]
    out_per_group = out_channels // layer['groups']
    for g in range(layer['groups']):
        outs = slice(g * out_per_group, (g + 1) * out_per_group)
        ins = slice(g * in_per_group, (g + 1) * in_per_group)
        for k in range(taps):  # tap k read the cells t*s + k*d
            cells = np.ascontiguousarray(x_pad[ins, reads[k]])
            grad_weight[outs, :, k] = delta[outs] @ cells.T
        for o in range(outs.start, outs.stop):
            for k in range(taps):
                grad_pad[ins, reads[k]] += weight[o, :, k, None] * delta[o]
    grad_bias = delta.sum(axis=1) if layer['bias'] else None
    return unpad_gradient(grad_pad, sources, n), grad_weight, grad_bias
`;

/** The conv section; with groups, its forward and backward by group. */
function convSection(grouped) {
  if (!grouped) return CONV_SECTION;
  const start = CONV_SECTION.indexOf('\n\ndef conv1d_forward');
  return `${CONV_SECTION.slice(0, start)}${GROUPED_CONV}`;
}

/** Layers of this type in a spec → whether any is grouped (then the NumPy script takes the grouped section). */
const grouped = (layers) => layers.some((layer) => layer.groups > 1);

export const pytorch = {
  module(layer, inChannels, parameters, indent) {
    const padding = typeof layer.padding === 'string' ? pyString(layer.padding) : String(layer.padding);
    return wrappedItems(`${indent}nn.Conv1d(`, [
      String(inChannels), String(layer.outChannels), `kernel_size=${layer.kernelSize}`, `stride=${layer.stride}`,
      `padding=${padding}`, `dilation=${layer.dilation}`, `bias=${layer.bias ? 'True' : 'False'}`,
      `padding_mode=${pyString(layer.paddingMode)}`, ...(layer.groups > 1 ? [`groups=${layer.groups}`] : []),
    ], '),');
  },
};

/** (layer, inChannels) → the Python shapes of its weight [out, in / groups, k] and bias [out]. */
export function parameterShapes(layer, inChannels) {
  return {
    weight: `(${layer.outChannels}, ${inChannels / layer.groups}, ${layer.kernelSize})`,
    bias: layer.bias ? `(${layer.outChannels},)` : null,
  };
}

export const numpy = {
  entries: (layer, layers) => [['type', pyValue('conv1d')], ['out_channels', pyValue(layer.outChannels)],
    ['kernel_size', pyValue(layer.kernelSize)], ['stride', pyValue(layer.stride)], ['padding', pyValue(layer.padding)],
    ['dilation', pyValue(layer.dilation)], ['padding_mode', pyValue(layer.paddingMode)], ['bias', pyValue(layer.bias)],
    ...(grouped(layers) ? [['groups', pyValue(layer.groups)]] : [])],
  section: (layers) => convSection(grouped(layers)),
  forward: ["x, cache = conv1d_forward(x, p['weight'], p['bias'], layer)"],
  backward: ["delta, grad_w, grad_b = conv1d_backward(delta, p['weight'],",
    '                                        layer, cache)',
    "grads[i] = {'weight': grad_w, 'bias': grad_b}"],
};
