// The NumPy script of an experiment: no framework, each layer's forward and backward written out with the
// equations the playground shows, the same training loop, the same printed lines as the PyTorch script.
// Only the sections the network uses are written, so a small experiment gives a short script. Each layer type's
// section (forward + backward with their equations), its LAYERS entry, its branch of forward()/backward() and its
// weights' shapes come from its folder, web/layers/<type>/code.js.
import { LAYER_TYPES, channelsAfter, isWeighted } from '../../layers/registry.js';
import { checkResolved, outputChannels } from './resolved.js';
import { layerCode } from './layer-code.js';
import { float32ListAssignment, headerComment, pyString, wrappedItems } from './python.js';
import { dataBlock, parameterShapes, trainAndReport } from './script-end.js';
import { batchOrderImports, batchOrderSection } from './training.js';
import { summaryLines } from './summary.js';
import { pageCheckSection } from './page-check.js';

/** `{'a': 1, 'b': 2},` (an item of a list), wrapped with continuation lines aligned after the brace. */
function dictLiteral(entries, indent) {
  return wrappedItems(`${indent}{`, entries.map(([key, value]) => `${pyString(key)}: ${value}`), '},');
}

/** The layer types of `layers`, in the order the script writes their sections: the registry's, the fallback last. */
function typesInScriptOrder(layers) {
  const present = LAYER_TYPES.filter((type) => layers.some((layer) => layer.type === type));
  const fallback = (type) => (layerCode(type).numpy.fallback ? 1 : 0);
  return present.sort((a, b) => fallback(a) - fallback(b));
}

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
 * The per-layer branches of forward() and backward(), only for the layer types present (web/layers/<type>/code.js
 * `numpy.forward`/`backward`): `if`/`elif` per type, and the type whose branch is the fallback (activation) last as
 * the `else` (or alone, without a test).
 */
function networkSection(types) {
  const forward = [];
  const backward = [];
  const branch = (list, type, body) => {
    const keyword = list.length === 0 ? 'if' : 'elif';
    list.push(`        ${keyword} layer['type'] == '${type}':`, ...body.map((line) => `            ${line}`));
  };
  for (const type of types) {
    const { numpy } = layerCode(type);
    if (numpy.fallback) {
      const alone = forward.length === 0;
      const indent = alone ? '        ' : '            ';
      if (!alone) { forward.push('        else:'); backward.push('        else:'); }
      forward.push(...numpy.forward.map((line) => `${indent}${line}`));
      backward.push(...numpy.backward.map((line) => `${indent}${line}`));
    } else {
      branch(forward, type, numpy.forward);
      branch(backward, type, numpy.backward);
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
        page_c = current_loss(params, x, y) / C_DIVISOR
        print(f'step {done} lr {lr} loss {page_c!r}')${checked ? '\n    check.report()' : ''}
`;

// A network without weights: the steps change nothing.
const TRAINING_NOTHING = `${CURRENT_LOSS}

def train(params, x, y):
    """No layer with weights: the recorded steps change nothing."""
    done = 0
    for steps, lr in SCHEDULE:
        done += steps
        page_c = current_loss(params, x, y) / C_DIVISOR
        print(f'step {done} lr {lr} loss {page_c!r}')
`;

/** Layer l's line in initial_parameters(), its weight and bias added to `constants` (None: a layer without weights). */
function initialParametersLine(layer, l, inChannels, constants, initialParameters) {
  const shapes = parameterShapes(layer, inChannels, initialParameters[l]);
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
  const types = typesInScriptOrder(spec.layers);
  const ofType = (type) => spec.layers.filter((layer) => layer.type === type);
  let channels = spec.inputChannels;
  const constants = [];
  const initial = spec.layers.map((layer, l) => {
    const line = initialParametersLine(layer, l, channels, constants, initialParameters);
    channels = channelsAfter(layer, channels);
    return line;
  });
  const hasWeights = spec.layers.some(isWeighted);
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
${spec.layers.map((layer) => dictLiteral(layerCode(layer.type).numpy.entries(layer, ofType(layer.type)), '    ')).join('\n')}
]


def array(values, shape):
    """An array of the playground's float32 values, in the given shape."""
    return np.array(values, np.float32).astype(DTYPE).reshape(shape)
${types.map((type) => layerCode(type).numpy.section(ofType(type))).join('')}${lossSection(spec.loss)}${networkSection(types)}

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
