// The PyTorch script of an experiment: torch.nn layers with the playground's exact initial weights, its data, and
// its training schedule replayed with torch.optim; it prints `loss <value>` last (the playground's loss()).
import { checkResolved, outputChannels } from './resolved.js';
import { float32ListAssignment, float64Literal, headerComment, listAssignment, pyString } from './python.js';
import { summaryLines } from './summary.js';

const ACTIVATION_MODULES = { identity: 'nn.Identity()', relu: 'nn.ReLU()', tanh: 'nn.Tanh()', sigmoid: 'nn.Sigmoid()' };

/** `call(arg, …)` wrapped after commas, continuation lines aligned with the opening parenthesis (PEP 8). */
function wrappedCall(indent, name, args, suffix = '') {
  const lines = [];
  let line = `${indent}${name}(`;
  const align = ' '.repeat(line.length);
  args.forEach((arg, i) => {
    const piece = `${arg}${i === args.length - 1 ? `)${suffix}` : ','}`;
    const sep = line.endsWith('(') ? '' : ' ';
    if (line.length + sep.length + piece.length > 79 && !line.endsWith('(')) {
      lines.push(line);
      line = align + piece;
    } else {
      line += sep + piece;
    }
  });
  lines.push(line);
  return lines.join('\n');
}

function layerModule(layer, inChannels) {
  const indent = '        ';
  if (layer.type === 'conv1d') {
    const padding = typeof layer.padding === 'string' ? pyString(layer.padding) : String(layer.padding);
    return wrappedCall(indent, 'nn.Conv1d', [
      String(inChannels), String(layer.outChannels), `kernel_size=${layer.kernelSize}`, `stride=${layer.stride}`,
      `padding=${padding}`, `dilation=${layer.dilation}`, `bias=${layer.bias ? 'True' : 'False'}`,
      `padding_mode=${pyString(layer.paddingMode)}`,
    ], ',');
  }
  if (layer.type === 'maxpool1d') {
    return wrappedCall(indent, 'nn.MaxPool1d', [
      `kernel_size=${layer.kernelSize}`, `stride=${layer.stride}`, `padding=${layer.padding}`,
      `dilation=${layer.dilation}`, `ceil_mode=${layer.ceilMode ? 'True' : 'False'}`,
    ], ',');
  }
  return `${indent}${ACTIVATION_MODULES[layer.fn]},`;
}

const TRAIN = `def train(network, x, y):
    """Replay the schedule: \`steps\` SGD steps at learning rate \`lr\` each."""
    optimizer = make_optimizer(network)
    done = 0
    for steps, lr in SCHEDULE:
        for group in optimizer.param_groups:
            group['lr'] = lr
        for _ in range(steps):
            optimizer.zero_grad()
            loss_function(network(x), y).backward()
            optimizer.step()
        done += steps
        print(f'step {done} lr {lr} loss {current_loss(network, x, y)!r}')
`;

// A network without a conv layer has no weights: the steps change nothing (and torch.optim refuses no parameters).
const TRAIN_NOTHING = `def train(network, x, y):
    """No conv layer, no weights: the recorded steps change nothing."""
    done = 0
    for steps, lr in SCHEDULE:
        done += steps
        print(f'step {done} lr {lr} loss {current_loss(network, x, y)!r}')
`;

/** → the Python source (a string) of a standalone PyTorch script reproducing `resolved` (see resolved.js). */
export function exportPyTorch(input) {
  const resolved = checkResolved(input);
  const { spec, initialParameters, schedule } = resolved;
  let channels = spec.inputChannels;
  const modules = [];
  const copies = [];
  const constants = [];
  spec.layers.forEach((layer, l) => {
    modules.push(layerModule(layer, channels));
    if (layer.type !== 'conv1d') return;
    const shape = `(${layer.outChannels}, ${channels}, ${layer.kernelSize})`;
    copies.push(`        network[${l}].weight.copy_(as_tensor(WEIGHT_${l}, ${shape}))`);
    constants.push(float32ListAssignment(`WEIGHT_${l}`, initialParameters[l].weight));
    if (layer.bias) {
      copies.push(`        network[${l}].bias.copy_(as_tensor(BIAS_${l}, (${layer.outChannels},)))`);
      constants.push(float32ListAssignment(`BIAS_${l}`, initialParameters[l].bias));
    }
    channels = layer.outChannels;
  });
  const reduce = spec.loss === 'mse' ? 'mean' : 'sum';
  const hasWeights = spec.layers.some((layer) => layer.type === 'conv1d');
  const lossDoc = spec.loss === 'mse' ? 'Mean squared error: C = mean((y_hat - y)^2).'
    : 'Sum of squared errors: C = sum((y_hat - y)^2).';
  return `${headerComment('A convpool experiment, reproduced with PyTorch (torch.nn + torch.optim).', resolved.link,
    summaryLines(resolved, 'Python >= 3.9 and PyTorch >= 1.13'))}
import torch
from torch import nn


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
${copies.length === 0 ? '    pass  # no conv layer: nothing to learn' : `    with torch.no_grad():\n${copies.join('\n')}`}


def loss_function(prediction, target):
    """${lossDoc}"""
    return ((prediction - target) ** 2).${reduce}()


def make_optimizer(network):
    """Plain SGD: W <- W - lr * dC/dW for every weight and bias.

    Another optimizer would be made here (e.g. momentum=0.9 or
    torch.optim.Adam); train() sets the learning rate of each segment.
    """
    return torch.optim.SGD(network.parameters(), lr=0.0)


def current_loss(network, x, y):
    """The loss at the current weights, summed in double precision."""
    with torch.no_grad():
        difference = network(x).double() - y.double()
        return (difference ** 2).${reduce}().item()


${hasWeights ? TRAIN : TRAIN_NOTHING}

def main():
    x = as_tensor(INPUT, (1, ${spec.inputChannels}, ${spec.inputLength}))  # a batch of one signal
    y = as_tensor(TARGET, (1, ${outputChannels(spec)}, -1))
    network = build_network()
    set_initial_weights(network)
    train(network, x, y)
    print(f'loss {current_loss(network, x, y)!r}')


# The data: [steps, learning rate] segments, then every array as float32
# literals (channel-major, weights in [out, in, kernel] order).
${scheduleAssignment(schedule)}
${[...constants, float32ListAssignment('INPUT', resolved.input), float32ListAssignment('TARGET', resolved.target)]
    .join('\n')}

if __name__ == '__main__':
    main()
`;
}

/** SCHEDULE = [(steps, lr), …]: the learning rates as the doubles the page holds. */
export function scheduleAssignment(schedule) {
  return listAssignment('SCHEDULE', schedule.filter(([n]) => n > 0).map(([n, lr]) => `(${n}, ${float64Literal(lr)})`));
}
