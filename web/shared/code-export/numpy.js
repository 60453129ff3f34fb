// The NumPy script of an experiment: no framework, each layer's forward and backward written out with the
// equations the playground shows, the same training loop, the same printed lines as the PyTorch script.
// Only the sections the network uses are written, so a small experiment gives a short script.
import { checkResolved, outputChannels } from './resolved.js';
import { LINE_WIDTH, float32ListAssignment, headerComment, pyString } from './python.js';
import { scheduleAssignment } from './pytorch.js';
import { summaryLines } from './summary.js';

/** `{'a': 1, 'b': 2}` items wrapped inside a list, continuation lines aligned after the brace. */
function dictLiteral(entries, indent) {
  const lines = [];
  let line = `${indent}{`;
  const align = `${indent} `;
  entries.forEach(([key, value], i) => {
    const piece = `${pyString(key)}: ${value}${i === entries.length - 1 ? '},' : ','}`;
    const sep = line.endsWith('{') ? '' : ' ';
    if (line.length + sep.length + piece.length > LINE_WIDTH && !line.endsWith('{')) {
      lines.push(line);
      line = align + piece;
    } else {
      line += sep + piece;
    }
  });
  lines.push(line);
  return lines.join('\n');
}

function layerEntries(layer) {
  const py = (v) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : typeof v === 'string' ? pyString(v) : String(v));
  if (layer.type === 'conv1d') {
    return [['type', py('conv1d')], ['out_channels', py(layer.outChannels)], ['kernel_size', py(layer.kernelSize)],
      ['stride', py(layer.stride)], ['padding', py(layer.padding)], ['dilation', py(layer.dilation)],
      ['padding_mode', py(layer.paddingMode)], ['bias', py(layer.bias)]];
  }
  if (layer.type === 'maxpool1d') {
    return [['type', py('maxpool1d')], ['kernel_size', py(layer.kernelSize)], ['stride', py(layer.stride)],
      ['padding', py(layer.padding)], ['dilation', py(layer.dilation)], ['ceil_mode', py(layer.ceilMode)]];
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
    starts = s * np.arange(n_out)  # where each output's window starts
    out_channels, in_channels = weight.shape[:2]
    x_out = np.zeros((out_channels, n_out), DTYPE)
    if bias is not None:
        x_out += bias[:, None]
    for c in range(in_channels):  # add the terms in the playground's order
        for k in range(taps):  # tap k reads x_pad[c, t*s + k*d] for every t
            x_out += weight[:, c, k, None] * x_pad[c, starts + k * d]
    return x_out, (x_pad, sources, starts, n)


def conv1d_backward(delta, weight, layer, cache):
    """delta = dC/dx_out -> (dC/dx_in, dC/dW, dC/db)."""
    x_pad, sources, starts, n = cache
    d = layer['dilation']
    grad_weight = np.zeros_like(weight)
    grad_pad = np.zeros_like(x_pad)
    taps = layer['kernel_size']
    for k in range(taps):  # tap k read the cells starts + k*d
        grad_weight[:, :, k] = delta @ x_pad[:, starts + k * d].T
    for o in range(weight.shape[0]):  # add the terms in the playground's order
        for k in range(taps):
            grad_pad[:, starts + k * d] += weight[o, :, k, None] * delta[o]
    grad_bias = delta.sum(axis=1) if layer['bias'] else None
    return unpad_gradient(grad_pad, sources, n), grad_weight, grad_bias
`;

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
  if (loss === 'mse') {
    return `

# Loss: C = mean((y_hat - y)^2), dC/dy_hat = 2 (y_hat - y) / (number of values)

def loss_and_gradient(prediction, target):
    """The loss C and its gradient dC/dy_hat."""
    difference = prediction - target
    return np.mean(difference ** 2), (2 / difference.size) * difference
`;
  }
  return `

# Loss: C = sum((y_hat - y)^2), dC/dy_hat = 2 (y_hat - y)

def loss_and_gradient(prediction, target):
    """The loss C and its gradient dC/dy_hat."""
    difference = prediction - target
    return np.sum(difference ** 2), 2 * difference
`;
}

/** The per-layer branches of forward() and backward(), only for the layer types present. */
function networkSection(types) {
  const forward = [];
  const backward = [];
  const first = (list) => (list.length === 0 ? 'if' : 'elif');
  if (types.has('conv1d')) {
    forward.push(`        ${first(forward)} layer['type'] == 'conv1d':`,
      "            x, cache = conv1d_forward(x, p['weight'], p['bias'], layer)");
    backward.push(`        ${first(backward)} layer['type'] == 'conv1d':`,
      "            delta, grad_w, grad_b = conv1d_backward(delta, p['weight'],",
      '                                                    layer, cache)',
      "            grads[i] = {'weight': grad_w, 'bias': grad_b}");
  }
  if (types.has('maxpool1d')) {
    forward.push(`        ${first(forward)} layer['type'] == 'maxpool1d':`,
      '            x, cache = maxpool1d_forward(x, layer)');
    backward.push(`        ${first(backward)} layer['type'] == 'maxpool1d':`,
      '            delta = maxpool1d_backward(delta, cache)');
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

/** → the Python source (a string) of a standalone NumPy script reproducing `resolved` (see resolved.js). */
export function exportNumPy(input) {
  const resolved = checkResolved(input);
  const { spec, initialParameters, schedule } = resolved;
  const types = new Set(spec.layers.map((layer) => layer.type));
  const fns = new Set(spec.layers.filter((layer) => layer.type === 'activation').map((layer) => layer.fn));
  let channels = spec.inputChannels;
  const constants = [];
  const initial = spec.layers.map((layer, l) => {
    if (layer.type !== 'conv1d') return '        None,';
    const shape = `(${layer.outChannels}, ${channels}, ${layer.kernelSize})`;
    channels = layer.outChannels;
    constants.push(float32ListAssignment(`WEIGHT_${l}`, initialParameters[l].weight));
    if (!layer.bias) return `        {'weight': array(WEIGHT_${l}, ${shape}), 'bias': None},`;
    constants.push(float32ListAssignment(`BIAS_${l}`, initialParameters[l].bias));
    return `        {'weight': array(WEIGHT_${l}, ${shape}),\n         'bias': array(BIAS_${l}, (${layer.outChannels},))},`;
  });
  return `${headerComment('A convpool experiment, reproduced with plain NumPy (no framework).', resolved.link,
    summaryLines(resolved, 'Python >= 3.9 and NumPy'))}
import numpy as np

# float32, as in the playground: long training runs into float32 rounding, and
# in float64 it would end at a slightly different loss.
DTYPE = np.float32

# The network, layer by layer.
LAYERS = [
${spec.layers.map((layer) => dictLiteral(layerEntries(layer), '    ')).join('\n')}
]


def array(values, shape):
    """An array of the playground's float32 values, in the given shape."""
    return np.array(values, np.float32).astype(DTYPE).reshape(shape)
${types.has('conv1d') ? CONV_SECTION : ''}${types.has('maxpool1d') ? POOL_SECTION : ''}${
  types.has('activation') ? activationSection(fns) : ''}${lossSection(spec.loss)}${networkSection(types)}

def initial_parameters():
    """The playground's initial weights (seed ${spec.seed}); None: no weights."""
    return [
${initial.join('\n')}
    ]


def sgd_step(params, grads, lr):
    """Plain SGD: W <- W - lr * dC/dW, b <- b - lr * dC/db.

    Another optimizer (momentum, Adam, ...) would keep its state here.
    """
    for p, g in zip(params, grads):
        if p is None:
            continue
        p['weight'] -= lr * g['weight']
        if p['bias'] is not None:
            p['bias'] -= lr * g['bias']


def current_loss(params, x, y):
    """The loss at the current weights, summed in double precision."""
    prediction = forward(x, params)[0].astype(np.float64)
    return float(loss_and_gradient(prediction, y.astype(np.float64))[0])


def train(params, x, y):
    """Replay the schedule: \`steps\` SGD steps at learning rate \`lr\` each."""
    done = 0
    for steps, lr in SCHEDULE:
        for _ in range(steps):
            prediction, caches = forward(x, params)
            _, delta = loss_and_gradient(prediction, y)
            sgd_step(params, backward(delta, params, caches), lr)
        done += steps
        print(f'step {done} lr {lr} loss {current_loss(params, x, y)!r}')


def main():
    x = array(INPUT, (${spec.inputChannels}, ${spec.inputLength}))  # [channel, sample]
    y = array(TARGET, (${outputChannels(spec)}, -1))
    params = initial_parameters()
    train(params, x, y)
    print(f'loss {current_loss(params, x, y)!r}')


# The data: [steps, learning rate] segments, then every array as float32
# literals (channel-major, weights in [out, in, kernel] order).
${scheduleAssignment(schedule)}
${[...constants, float32ListAssignment('INPUT', resolved.input), float32ListAssignment('TARGET', resolved.target)]
    .join('\n')}

if __name__ == '__main__':
    main()
`;
}
