// The PyTorch script of an experiment: torch.nn layers with the playground's exact initial weights, its data set,
// and its training schedule replayed with torch.optim (the same optimizer, batches and batch order); it prints
// `loss <value>` last (the playground's loss()).
import { channelsAfter, isWeighted } from '../../layers/registry.js';
import { checkResolved, outputChannels } from './resolved.js';
import { layerCode } from './layer-code.js';
import { float32ListAssignment, headerComment, wrappedItems } from './python.js';
import { dataBlock, parameterShapes, trainAndReport } from './script-end.js';
import { summaryLines } from './summary.js';
import { batchOrderImports, batchOrderSection, isPlainSgd } from './training.js';
import { pageCheckSection } from './page-check.js';

/** `call(arg, …)` wrapped after commas, continuation lines aligned with the opening parenthesis (PEP 8). */
function wrappedCall(indent, name, args, suffix = '') {
  return wrappedItems(`${indent}${name}(`, args, `)${suffix}`);
}

// Each layer type's torch.nn module comes from its folder (web/layers/<type>/code.js), indented as a list item.
const INDENT = '        ';

/** The torch.optim optimizer with the experiment's options (those that differ from torch's defaults). */
function optimizerSource(spec) {
  const o = spec.optimizer;
  const decay = spec.weightDecay !== 0 ? ['weight_decay=WEIGHT_DECAY'] : [];
  if (o.type === 'adam') {
    return `def make_optimizer(network):
    """Adam (torch.optim.Adam); train() sets each segment's learning rate."""
${wrappedCall('    return ', 'torch.optim.Adam', ['network.parameters()', 'lr=0.0', 'betas=(BETA1, BETA2)', 'eps=EPS',
    ...decay])}`;
  }
  const momentum = o.momentum !== 0 ? ['momentum=MOMENTUM', 'dampening=DAMPENING', 'nesterov=NESTEROV'] : [];
  const doc = isPlainSgd(spec) ? `"""Plain SGD: W <- W - lr * dC/dW for every weight and bias.

    train() sets the learning rate of each segment.
    """` : '"""SGD (torch.optim.SGD); train() sets each segment\'s learning rate."""';
  return `def make_optimizer(network):
    ${doc}
${wrappedCall('    return ', 'torch.optim.SGD', ['network.parameters()', 'lr=0.0', ...momentum, ...decay])}`;
}

/** train(): the schedule replayed; `checked`: comparing with the page's losses at its checkpoints (page-check.js). */
const train = (checked) => `def train(network, x, y):
    """Replay the schedule: \`steps\` optimizer steps at learning rate \`lr\`."""
    optimizer = make_optimizer(network)${checked ? '\n    check = PageCheck()' : ''}
    done = 0
    for steps, lr in SCHEDULE:
        for group in optimizer.param_groups:
            group['lr'] = lr
        for _ in range(steps):
            batch = batch_examples(done)
            optimizer.zero_grad()
            loss_function(network(x[batch]), y[batch]).backward()
            optimizer.step()
            done += 1${checked ? `
            if done in PAGE_LOSSES:
                check.check(done, current_loss(network, x, y))` : ''}
        page_c = current_loss(network, x, y) / C_DIVISOR
        print(f'step {done} lr {lr} loss {page_c!r}')${checked ? '\n    check.report()' : ''}
`;

// A network without weights: the steps change nothing (and torch.optim refuses no parameters).
const TRAIN_NOTHING = `def train(network, x, y):
    """No layer with weights: the recorded steps change nothing."""
    done = 0
    for steps, lr in SCHEDULE:
        done += steps
        page_c = current_loss(network, x, y) / C_DIVISOR
        print(f'step {done} lr {lr} loss {page_c!r}')
`;

// One entry per loss: the training loss of a batch, and the loss of a whole set as one batch in double precision.
const LOSS_FUNCTIONS = {
  sse: `

def loss_function(prediction, target):
    """Sum of squared errors over the batch: C = sum((y_hat - y)^2)."""
    return ((prediction - target) ** 2).sum()
`,
  mse: `

def loss_function(prediction, target):
    """Mean squared error over the batch: C = mean((y_hat - y)^2)."""
    return ((prediction - target) ** 2).mean()
`,
  crossentropy: `

def loss_function(prediction, target):
    """Softmax cross-entropy of the logits, the mean over the batch.

    C = mean_n (log sum_j e^z[n, j] - z[n, y_n]) with z = the [classes, 1]
    output flattened and y_n the class index of example n. In double, as
    the playground computes the softmax: in float32, 1 - p of a confident
    class keeps few digits, and the gradient p - 1 would differ.
    """
    logits = prediction.flatten(1).double()  # dC/dz returns as float32
    return nn.functional.cross_entropy(logits, target)
`,
};
const squaredErrorLoss = (reduce) => `

def current_loss(network, x, y):
    """The loss of the whole set as one batch, summed in double precision."""
    with torch.no_grad():
        difference = network(x).double() - y.double()
        return (difference ** 2).${reduce}().item()
`;
const CURRENT_LOSS = {
  sse: squaredErrorLoss('sum'),
  mse: squaredErrorLoss('mean'),
  crossentropy: `

def current_loss(network, x, y):
    """The loss of the whole set as one batch, in double precision."""
    with torch.no_grad():
        logits = network(x).double().flatten(1)
        return nn.functional.cross_entropy(logits, y).item()


def accuracy(network, x, y):
    """The share of examples whose largest logit is their class."""
    with torch.no_grad():
        predicted = network(x).flatten(1).argmax(dim=1)
        return int((predicted == y).sum()) / len(y)
`,
};

/** → the Python source (a string) of a standalone PyTorch script reproducing `resolved` (see resolved.js). */
export function exportPyTorch(input) {
  const resolved = checkResolved(input);
  const { spec, initialParameters } = resolved;
  let channels = spec.inputChannels;
  const modules = [];
  const copies = [];
  const constants = [];
  spec.layers.forEach((layer, l) => {
    modules.push(layerCode(layer.type).pytorch.module(layer, channels, initialParameters[l], INDENT));
    const shapes = parameterShapes(layer, channels, initialParameters[l]);
    channels = channelsAfter(layer, channels);
    if (!shapes) return;
    const module = `network[${l}]${shapes.module ?? ''}`;
    copies.push(`        ${module}.weight.copy_(as_tensor(WEIGHT_${l}, ${shapes.weight}))`);
    constants.push(float32ListAssignment(`WEIGHT_${l}`, initialParameters[l].weight));
    if (shapes.bias) {
      copies.push(`        ${module}.bias.copy_(as_tensor(BIAS_${l}, ${shapes.bias}))`);
      constants.push(float32ListAssignment(`BIAS_${l}`, initialParameters[l].bias));
    }
  });
  const hasWeights = spec.layers.some(isWeighted);
  const classes = spec.loss === 'crossentropy';
  const checked = hasWeights && resolved.pageCheck.checkpoints.length > 0;
  const imports = [...batchOrderImports(spec), '', 'import torch', 'from torch import nn'];
  const shape = (count) => `(${count}, ${spec.inputChannels}, ${spec.inputLength})`;
  // crossentropy: one class index per example (int64, as nn.CrossEntropyLoss takes); else [example, channel, sample]
  const targets = (name, count) => (classes ? `torch.tensor(${name})`
    : `as_tensor(${name}, (${count}, ${outputChannels(spec)}, -1))`);
  return `${headerComment('A convpool experiment, reproduced with PyTorch (torch.nn + torch.optim).', resolved.link,
    summaryLines(resolved, 'Python >= 3.9 and PyTorch >= 1.13'))}
${imports.join('\n').trimStart()}


def as_tensor(values, shape):
    """A float32 tensor of that shape (the playground computes in float32)."""
    return torch.tensor(values, dtype=torch.float32).reshape(shape)


def build_network():
    """The layers of the experiment, in order."""
    return nn.Sequential(
${modules.join('\n')}
    )


def set_initial_weights(network):
    """Copy the playground's initial weights (drawn from seed ${spec.seed})."""
${copies.length === 0 ? '    pass  # no layer with weights: nothing to learn' : `    with torch.no_grad():\n${copies.join('\n')}`}
${LOSS_FUNCTIONS[spec.loss]}${hasWeights ? `

${optimizerSource(spec)}
` : ''}${batchOrderSection(spec)}${CURRENT_LOSS[spec.loss]}${checked ? pageCheckSection(resolved.pageCheck) : ''}

${hasWeights ? train(checked) : TRAIN_NOTHING}

def main():
    x = as_tensor(INPUTS, ${shape('COUNT')})  # [example, channel, sample]
    y = ${targets('TARGETS', 'COUNT')}
    network = build_network()
    set_initial_weights(network)
${trainAndReport(resolved, { model: 'network', array: 'as_tensor', targets })}


${dataBlock(resolved, constants)}`;
}
