// The NumPy script of an experiment: no framework, each layer's forward and backward written out with the
// equations the playground shows, the same training loop, the same printed lines as the PyTorch script.
// Only the sections the network uses are written, so a small experiment gives a short script. A new layer type
// adds its section (forward + backward with their equations, like CONV_SECTION), its LAYERS entry (layerEntries),
// its row in NETWORK_BRANCHES and, with weights, its row in PARAMETER_SHAPES (script-end.js).
import { channelsAfter, checkResolved, outputChannels } from './resolved.js';
import { float32ListAssignment, headerComment, pyString, wrappedItems } from './python.js';
import { PARAMETER_SHAPES, dataBlock, trainAndReport } from './script-end.js';
import { batchOrderImports, batchOrderSection } from './training.js';
import { summaryLines } from './summary.js';
import { pageCheckSection } from './page-check.js';

/** `{'a': 1, 'b': 2},` (an item of a list), wrapped with continuation lines aligned after the brace. */
function dictLiteral(entries, indent) {
  return wrappedItems(`${indent}{`, entries.map(([key, value]) => `${pyString(key)}: ${value}`), '},');
}

function layerEntries(layer, grouped) {
  const py = (v) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : typeof v === 'string' ? pyString(v) : String(v));
  if (layer.type === 'conv1d') {
    return [['type', py('conv1d')], ['out_channels', py(layer.outChannels)], ['kernel_size', py(layer.kernelSize)],
      ['stride', py(layer.stride)], ['padding', py(layer.padding)], ['dilation', py(layer.dilation)],
      ['padding_mode', py(layer.paddingMode)], ['bias', py(layer.bias)],
      ...(grouped ? [['groups', py(layer.groups)]] : [])];
  }
  if (layer.type === 'maxpool1d') {
    return [['type', py('maxpool1d')], ['kernel_size', py(layer.kernelSize)], ['stride', py(layer.stride)],
      ['padding', py(layer.padding)], ['dilation', py(layer.dilation)], ['ceil_mode', py(layer.ceilMode)]];
  }
  if (layer.type === 'avgpool1d') {
    return [['type', py('avgpool1d')], ['kernel_size', py(layer.kernelSize)], ['stride', py(layer.stride)],
      ['padding', py(layer.padding)], ['ceil_mode', py(layer.ceilMode)],
      ['count_include_pad', py(layer.countIncludePad)]];
  }
  if (layer.type === 'globalpool') return [['type', py('globalpool')], ['op', py(layer.op)]];
  if (layer.type === 'linear') {
    return [['type', py('linear')], ['out_features', py(layer.outFeatures)], ['bias', py(layer.bias)]];
  }
  return [['type', py('activation')], ['fn', py(layer.fn)]];
}

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
    n = x.shape[1]
    left, right = conv_padding(layer, n)
    sources = padded_sources(left, right, n, layer['padding_mode'])
    x_pad = pad(x, sources)
    s, d, taps = layer['stride'], layer['dilation'], layer['kernel_size']
    n_out = (x_pad.shape[1] - d * (taps - 1) - 1) // s + 1
    reads = tap_cells(s, d, taps, n_out)
    out_channels, in_channels = weight.shape[:2]
    x_out = np.zeros((out_channels, n_out), DTYPE)
    if bias is not None:
        x_out += bias[:, None]
    for c in range(in_channels):  # add the terms in the playground's order
        for k in range(taps):  # tap k reads x_pad[c, t*s + k*d] for every t
            x_out += weight[:, c, k, None] * x_pad[c, reads[k]]
    return x_out, (x_pad, sources, reads, n)


def conv1d_backward(delta, weight, layer, cache):
    """delta = dC/dx_out -> (dC/dx_in, dC/dW, dC/db)."""
    x_pad, sources, reads, n = cache
    grad_weight = np.zeros_like(weight)
    grad_pad = np.zeros_like(x_pad)
    taps = layer['kernel_size']
    for k in range(taps):  # tap k read the cells t*s + k*d
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
    n = x.shape[1]
    left, right = conv_padding(layer, n)
    sources = padded_sources(left, right, n, layer['padding_mode'])
    x_pad = pad(x, sources)
    s, d, taps = layer['stride'], layer['dilation'], layer['kernel_size']
    n_out = (x_pad.shape[1] - d * (taps - 1) - 1) // s + 1
    reads = tap_cells(s, d, taps, n_out)
    out_channels, in_per_group = weight.shape[:2]
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
    x_pad, sources, reads, n = cache
    grad_weight = np.zeros_like(weight)
    grad_pad = np.zeros_like(x_pad)
    taps = layer['kernel_size']
    out_channels, in_per_group = weight.shape[:2]
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

const CROSSENTROPY_SECTION = `

# Loss of a batch of B examples: softmax cross-entropy of each example's
# logits z (its [classes, 1] output) and its class index y:
#   C = (1/B) sum_examples (lse(z) - z[y])
#   lse(z) = m + log sum_k e^(z[k] - m), m = max_k z[k]
# (subtracting m first keeps every exponential <= 1: no overflow), and
#   dC/dz[k] = (p[k] - [k == y]) / B, p = e^(z - lse(z)) the softmax.

def loss_and_gradient(prediction, target, batch_size):
    """One example's share of the batch loss C, and its dC/dz."""
    z = prediction[:, 0].astype(np.float64)  # the logits, in double
    y = int(target)
    m = z.max()
    lse = m + np.log(np.sum(np.exp(z - m)))
    p = np.exp(z - lse)  # the softmax
    one_hot = np.zeros_like(p)
    one_hot[y] = 1
    gradient = (p - one_hot) / batch_size
    return (lse - z[y]) / batch_size, gradient.astype(DTYPE)[:, None]


def accuracy(params, x, y):
    """The share of examples whose largest logit is their class."""
    correct = 0
    for e in range(len(x)):
        logits = forward(x[e], params)[0][:, 0]
        correct += int(np.argmax(logits) == y[e])  # first maximum on ties
    return correct / len(x)
`;

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

function lossSection(loss) {
  if (loss === 'crossentropy') return CROSSENTROPY_SECTION;
  if (loss === 'mse') {
    return `

# Loss of a batch of B examples j:
#   C = (1/M) sum_j sum_i (y_hat[j, i] - y[j, i])^2
# with M = B x (values per example), so example j's gradient is
# dC/dy_hat[j] = 2 (y_hat[j] - y[j]) / M.

def loss_and_gradient(prediction, target, batch_size):
    """One example's share of the batch loss C, and its dC/dy_hat."""
    difference = prediction - target
    m = batch_size * difference.size
    return np.sum(difference ** 2) / m, (2 / m) * difference
`;
  }
  return `

# Loss of a batch of examples j:
#   C = sum_j sum_i (y_hat[j, i] - y[j, i])^2
# so example j's gradient is dC/dy_hat[j] = 2 (y_hat[j] - y[j]).

def loss_and_gradient(prediction, target, batch_size):
    """One example's share of the batch loss C, and its dC/dy_hat."""
    difference = prediction - target
    return np.sum(difference ** 2), 2 * difference
`;
}

/**
 * The body of each layer type's branch in forward() and in backward() (inside `for layer, p in …:` and its `if`),
 * calling the functions of its section; in this order. A new layer type with weights or a cache adds one row.
 */
const NETWORK_BRANCHES = {
  conv1d: {
    forward: ["x, cache = conv1d_forward(x, p['weight'], p['bias'], layer)"],
    backward: ["delta, grad_w, grad_b = conv1d_backward(delta, p['weight'],",
      '                                        layer, cache)',
      "grads[i] = {'weight': grad_w, 'bias': grad_b}"],
  },
  maxpool1d: {
    forward: ['x, cache = maxpool1d_forward(x, layer)'],
    backward: ['delta = maxpool1d_backward(delta, cache)'],
  },
  avgpool1d: {
    forward: ['x, cache = avgpool1d_forward(x, layer)'],
    backward: ['delta = avgpool1d_backward(delta, cache)'],
  },
  globalpool: {
    forward: ["x, cache = globalpool_forward(x, layer['op'])"],
    backward: ["delta = globalpool_backward(delta, layer['op'], cache)"],
  },
  linear: {
    forward: ["x, cache = linear_forward(x, p['weight'], p['bias'])"],
    backward: ["delta, grad_w, grad_b = linear_backward(delta, p['weight'],",
      '                                        layer, cache)',
      "grads[i] = {'weight': grad_w, 'bias': grad_b}"],
  },
};

/**
 * The per-layer branches of forward() and backward(), only for the layer types present: `if`/`elif` per row of
 * NETWORK_BRANCHES, and activation layers last as the `else` (or alone, without a test).
 */
function networkSection(types) {
  const forward = [];
  const backward = [];
  const branch = (list, type, body) => {
    const keyword = list.length === 0 ? 'if' : 'elif';
    list.push(`        ${keyword} layer['type'] == '${type}':`, ...body.map((line) => `            ${line}`));
  };
  for (const [type, body] of Object.entries(NETWORK_BRANCHES)) {
    if (!types.has(type)) continue;
    branch(forward, type, body.forward);
    branch(backward, type, body.backward);
  }
  if (types.has('activation')) {
    const activationForward = ['            x_in, x = x, activation_forward(x, layer[\'fn\'])',
      '            cache = (x_in, x)'];
    const activationBackward = ["            delta = activation_backward(delta, *cache, layer['fn'])"];
    if (forward.length === 0) {
      forward.push(...activationForward.map((line) => line.slice(4)));
      backward.push(...activationBackward.map((line) => line.slice(4)));
    } else {
      forward.push('        else:', ...activationForward);
      backward.push('        else:', ...activationBackward);
    }
  }
  return `

# The network: the layers in order, then back through them in reverse.

def forward(x, params):
    """Run every layer; returns x_out and what each layer's backward needs."""
    caches = []
    for layer, p in zip(LAYERS, params):
${forward.join('\n')}
        caches.append(cache)
    return x, caches


def backward(delta, params, caches):
    """delta = dC/dy_hat -> the gradients of every layer's weights."""
    grads = [None] * len(LAYERS)
    for i in reversed(range(len(LAYERS))):
        layer, p, cache = LAYERS[i], params[i], caches[i]
${backward.join('\n')}
    return grads
`;
}

const TENSORS = `

def tensors(params, grads):
    """(key, value, gradient) of every weight and bias, layer by layer."""
    for i, (p, g) in enumerate(zip(params, grads)):
        if p is None:
            continue
        for name in ('weight', 'bias'):
            if p[name] is not None:
                yield (i, name), p[name], g[name]
`;

/** The optimizer written out, one class with step(params, grads, lr); only the lines the options need. */
function optimizerSection(spec) {
  const o = spec.optimizer;
  const decay = spec.weightDecay !== 0;
  const gradient = decay ? '            d = g + WEIGHT_DECAY * p  # weight decay' : '            d = g';
  if (o.type === 'adam') {
    return `${TENSORS}

class Optimizer:
    """Adam, as torch.optim.Adam: for each weight or bias p with gradient g,
    at step t = 1, 2, ...
${decay ? '        d = g + WEIGHT_DECAY * p               (weight decay)\n' : '        d = g\n'}\
        m = BETA1 * m + (1 - BETA1) * d        (running mean of d)
        v = BETA2 * v + (1 - BETA2) * d^2      (running mean of d^2)
        p = p - lr / (1 - BETA1^t) * m / (sqrt(v) / sqrt(1 - BETA2^t) + EPS)
    with m = v = 0 before the first step.
    """

    def __init__(self):
        self.t = 0
        self.m = {}
        self.v = {}

    def step(self, params, grads, lr):
        self.t += 1
        step_size = lr / (1 - BETA1 ** self.t)
        correction = (1 - BETA2 ** self.t) ** 0.5
        for key, p, g in tensors(params, grads):
${gradient}
            m = self.m.setdefault(key, np.zeros_like(p))
            v = self.v.setdefault(key, np.zeros_like(p))
            m[:] = BETA1 * m + (1 - BETA1) * d
            v[:] = BETA2 * v + (1 - BETA2) * (d * d)
            p -= step_size * (m / (np.sqrt(v) / correction + EPS))
`;
  }
  if (o.momentum === 0) {
    return `${TENSORS}

class Optimizer:
    """${decay ? 'SGD with weight decay: p <- p - lr * (dC/dp + WEIGHT_DECAY * p)'
    : 'Plain SGD: p <- p - lr * dC/dp for every weight and bias p'}."""

    def step(self, params, grads, lr):
        for _, p, g in tensors(params, grads):
${gradient}
            p -= lr * d
`;
  }
  return `${TENSORS}

class Optimizer:
    """SGD with momentum, as torch.optim.SGD: for each weight or bias p with
    gradient g,
${decay ? '        d = g + WEIGHT_DECAY * p                 (weight decay)\n' : '        d = g\n'}\
        b = d                                    (first step)
        b = MOMENTUM * b + (1 - DAMPENING) * d   (later steps: the velocity)
        ${o.nesterov ? 'd = d + MOMENTUM * b                     (Nesterov)' : 'd = b'}
        p = p - lr * d
    """

    def __init__(self):
        self.velocity = {}  # b of each weight and bias

    def step(self, params, grads, lr):
        for key, p, g in tensors(params, grads):
${gradient}
            if key not in self.velocity:
                self.velocity[key] = d.copy()
            else:
                b = self.velocity[key]
                self.velocity[key] = MOMENTUM * b + (1 - DAMPENING) * d
            ${o.nesterov ? 'd = d + MOMENTUM * self.velocity[key]' : 'd = self.velocity[key]'}
            p -= lr * d
`;
}

// The loss the script prints: of the whole training set, in double (as the playground's loss()).
const CURRENT_LOSS = `

def current_loss(params, x, y):
    """The loss of the whole set as one batch, summed in double precision."""
    total = 0.0
    for e in range(len(x)):
        prediction = forward(x[e], params)[0].astype(np.float64)
        target = y[e].astype(np.float64)
        total += float(loss_and_gradient(prediction, target, len(x))[0])
    return total
`;

/** The training: batch gradients, the loss, train(); `checked`: comparing with the page's checkpoints. */
const training = (checked) => `

def batch_gradients(params, x, y, batch):
    """dC/dW of a batch's loss: the examples' gradients, added in order."""
    total = None
    for e in batch:
        prediction, caches = forward(x[e], params)
        _, delta = loss_and_gradient(prediction, y[e], len(batch))
        grads = backward(delta, params, caches)
        if total is None:
            total = grads
            continue
        for t, g in zip(total, grads):
            if t is not None:
                t['weight'] += g['weight']
                if t['bias'] is not None:
                    t['bias'] += g['bias']
    return total
${CURRENT_LOSS}

def train(params, x, y):
    """Replay the schedule: \`steps\` optimizer steps at learning rate \`lr\`."""
    optimizer = Optimizer()${checked ? '\n    check = PageCheck()' : ''}
    done = 0
    for steps, lr in SCHEDULE:
        for _ in range(steps):
            batch = batch_examples(done)
            optimizer.step(params, batch_gradients(params, x, y, batch), lr)
            done += 1${checked ? `
            if done in PAGE_LOSSES:
                check.check(done, current_loss(params, x, y))` : ''}
        print(f'step {done} lr {lr} loss {current_loss(params, x, y)!r}')${checked ? '\n    check.report()' : ''}
`;

// A network without weights: the steps change nothing.
const TRAINING_NOTHING = `${CURRENT_LOSS}

def train(params, x, y):
    """No layer with weights: the recorded steps change nothing."""
    done = 0
    for steps, lr in SCHEDULE:
        done += steps
        print(f'step {done} lr {lr} loss {current_loss(params, x, y)!r}')
`;

/** Layer l's line in initial_parameters(), its weight and bias added to `constants` (None: a layer without weights). */
function initialParametersLine(layer, l, inChannels, constants, initialParameters) {
  const shapes = PARAMETER_SHAPES[layer.type]?.(layer, inChannels, initialParameters[l]);
  if (!shapes) return '        None,';
  constants.push(float32ListAssignment(`WEIGHT_${l}`, initialParameters[l].weight));
  if (!shapes.bias) return `        {'weight': array(WEIGHT_${l}, ${shapes.weight}), 'bias': None},`;
  constants.push(float32ListAssignment(`BIAS_${l}`, initialParameters[l].bias));
  return `        {'weight': array(WEIGHT_${l}, ${shapes.weight}),\n         'bias': array(BIAS_${l}, ${shapes.bias})},`;
}

/** → the Python source (a string) of a standalone NumPy script reproducing `resolved` (see resolved.js). */
export function exportNumPy(input) {
  const resolved = checkResolved(input);
  const { spec, initialParameters } = resolved;
  const types = new Set(spec.layers.map((layer) => layer.type));
  const grouped = spec.layers.some((layer) => layer.type === 'conv1d' && layer.groups > 1);
  const fns = new Set(spec.layers.filter((layer) => layer.type === 'activation').map((layer) => layer.fn));
  let channels = spec.inputChannels;
  const constants = [];
  const initial = spec.layers.map((layer, l) => {
    const line = initialParametersLine(layer, l, channels, constants, initialParameters);
    channels = channelsAfter(layer, channels);
    return line;
  });
  const hasWeights = spec.layers.some((layer) => PARAMETER_SHAPES[layer.type]);
  const checked = hasWeights && resolved.pageCheck.checkpoints.length > 0;
  const imports = [...batchOrderImports(spec), '', 'import numpy as np'];
  const classes = spec.loss === 'crossentropy';
  // crossentropy: one class index per example; else [example, channel, sample]
  const targets = (name, count) => (classes ? `np.array(${name})` : `array(${name}, (${count}, ${outputChannels(spec)}, -1))`);
  return `${headerComment('A convpool experiment, reproduced with plain NumPy (no framework).', resolved.link,
    summaryLines(resolved, 'Python >= 3.9 and NumPy'))}
${imports.join('\n').trimStart()}

# float32, as in the playground: long training runs into float32 rounding, and
# in float64 it would end at a slightly different loss.
DTYPE = np.float32

# The network, layer by layer.
LAYERS = [
${spec.layers.map((layer) => dictLiteral(layerEntries(layer, grouped), '    ')).join('\n')}
]


def array(values, shape):
    """An array of the playground's float32 values, in the given shape."""
    return np.array(values, np.float32).astype(DTYPE).reshape(shape)
${types.has('conv1d') ? convSection(grouped) : ''}${types.has('maxpool1d') ? POOL_SECTION : ''}${
  types.has('avgpool1d') ? AVGPOOL_SECTION : ''}${types.has('globalpool') ? GLOBALPOOL_SECTION : ''}${
  types.has('linear') ? LINEAR_SECTION : ''}${types.has('activation') ? activationSection(fns) : ''}${lossSection(spec.loss)}${networkSection(types)}

def initial_parameters():
    """The playground's initial weights (seed ${spec.seed}); None: no weights."""
    return [
${initial.join('\n')}
    ]
${hasWeights ? `${optimizerSection(spec)}${batchOrderSection(spec)}${checked ? pageCheckSection(resolved.pageCheck) : ''}${
  training(checked)}` : TRAINING_NOTHING}

def main():
    x = array(INPUTS, (COUNT, ${spec.inputChannels}, ${spec.inputLength}))  # [example, channel, sample]
    y = ${targets('TARGETS', 'COUNT')}
    params = initial_parameters()
${trainAndReport(resolved, { model: 'params', array: 'array', targets })}


${dataBlock(resolved, constants)}`;
}
