"""Training trajectories of small 1-D CNN classifiers (written to classifier.json).

Imported by generate.py (run: /usr/bin/python3 tests/golden/generate.py). Each case is a network in the model's
layer language ending in logits [K, 1], a training set and a validation set (float32 inputs, class indices as
targets), initial weights (float32), and 30 steps of torch.optim.Adam or torch.optim.SGD on mini-batches, all
computed in float64 by PyTorch:

  step i uses the examples (i*batchSize + j) mod count, j = 0 .. batchSize-1 (shuffle off),
  loss 'crossentropy' = F.cross_entropy(logits, classes) (reduction 'mean' over the batch),
  conv1d = nn.Conv1d with padding 'same' (zeros), maxpool1d = F.max_pool1d, avgpool1d = F.avg_pool1d,
  globalpool = F.adaptive_max_pool1d(x, 1) / F.adaptive_avg_pool1d(x, 1), linear = flatten then nn.Linear.

Recorded: the batch loss of every step (before its update), the final parameters of every layer that has any
(by layer index), the loss and accuracy (share of examples whose arg-max is their class) of the whole training
set and of the validation set at the final weights.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

STEPS = 30

ACTIVATIONS = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "identity": lambda x: x}


def same_pads(k):
    return (k - 1) // 2, (k - 1) - (k - 1) // 2


class Classifier(nn.Module):
    """The layers of a case, batch-first: [B, C, N] in, [B, K] logits out."""

    def __init__(self, in_channels, length, layers):
        super().__init__()
        self.layers = layers
        self.modules_by_layer = nn.ModuleDict()
        channels, n = in_channels, length
        for i, layer in enumerate(layers):
            kind = layer["type"]
            if kind == "conv1d":
                self.modules_by_layer[str(i)] = nn.Conv1d(channels, layer["outChannels"], layer["kernelSize"]).double()
                channels = layer["outChannels"]
            elif kind == "linear":
                self.modules_by_layer[str(i)] = nn.Linear(channels * n, layer["outFeatures"],
                                                          bias=layer.get("bias", True)).double()
                channels, n = layer["outFeatures"], 1
            n = self._length_after(layer, n)

    @staticmethod
    def _length_after(layer, n):
        probe = torch.zeros(1, 1, n, dtype=torch.float64)
        if layer["type"] == "maxpool1d":
            return F.max_pool1d(probe, layer["kernelSize"], stride=layer.get("stride")).shape[-1]
        if layer["type"] == "avgpool1d":
            return Classifier._avg(probe, layer).shape[-1]
        if layer["type"] == "globalpool":
            return 1
        return n

    @staticmethod
    def _avg(x, layer):
        return F.avg_pool1d(x, layer["kernelSize"], stride=layer.get("stride", layer["kernelSize"]),
                            padding=layer.get("padding", 0), ceil_mode=layer.get("ceilMode", False),
                            count_include_pad=layer.get("countIncludePad", True))

    def forward(self, x):
        for i, layer in enumerate(self.layers):
            kind = layer["type"]
            if kind == "conv1d":
                x = self.modules_by_layer[str(i)](F.pad(x, same_pads(layer["kernelSize"])))
            elif kind == "activation":
                x = ACTIVATIONS[layer["fn"]](x)
            elif kind == "maxpool1d":
                x = F.max_pool1d(x, layer["kernelSize"], stride=layer.get("stride"))
            elif kind == "avgpool1d":
                x = self._avg(x, layer)
            elif kind == "globalpool":
                x = F.adaptive_max_pool1d(x, 1) if layer["op"] == "max" else F.adaptive_avg_pool1d(x, 1)
            elif kind == "linear":
                x = self.modules_by_layer[str(i)](x.flatten(1)).unsqueeze(-1)  # [B, K, 1], as the model's output
        return x.flatten(1)  # logits [B, K]


def make_optimizer(params, spec, lr, weight_decay):
    if spec["type"] == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=spec.get("momentum", 0), weight_decay=weight_decay)
    return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)


def run_case(name, flat, rand, n, layers, batch, count, classes, optimizer, weight_decay, lr, validation_count=5):
    net = Classifier(1, n, layers)
    initial = {}
    with torch.no_grad():
        for key, module in net.modules_by_layer.items():
            fan_in = module.weight[0].numel()
            bound = 1.0 / fan_in ** 0.5
            module.weight.copy_(((rand(module.weight.numel()) * 2 - 1) * bound).reshape(module.weight.shape))
            entry = {"weight": flat(module.weight), "bias": []}
            if module.bias is not None:
                module.bias.copy_((rand(module.bias.numel()) * 2 - 1) * bound)
                entry["bias"] = flat(module.bias)
            initial[key] = entry
    inputs = (rand(count * n) * 2 - 1).reshape(count, 1, n)
    targets = (rand(count) * classes).floor().clamp(max=classes - 1)
    val_inputs = (rand(validation_count * n) * 2 - 1).reshape(validation_count, 1, n)
    val_targets = (rand(validation_count) * classes).floor().clamp(max=classes - 1)

    opt = make_optimizer(net.parameters(), optimizer, lr, weight_decay)
    losses = []
    for i in range(STEPS):
        index = torch.tensor([(i * batch + j) % count for j in range(batch)])
        opt.zero_grad()
        value = F.cross_entropy(net(inputs[index]), targets[index].long())
        value.backward()
        opt.step()
        losses.append(float(value))

    def loss_and_accuracy(x, y):
        logits = net(x)
        return float(F.cross_entropy(logits, y.long())), float((logits.argmax(1) == y.long()).double().mean())

    with torch.no_grad():
        final = {key: {"weight": flat(m.weight), "bias": flat(m.bias) if m.bias is not None else []}
                 for key, m in net.modules_by_layer.items()}
        train_loss, train_accuracy = loss_and_accuracy(inputs, targets)
        validation_loss, validation_accuracy = loss_and_accuracy(val_inputs, val_targets)
    return {
        "name": name, "inputLength": n, "inputChannels": 1, "layers": layers, "loss": "crossentropy",
        "classes": classes, "batchSize": batch, "count": count, "optimizer": optimizer, "weightDecay": weight_decay,
        "learningRate": lr, "steps": STEPS,
        "inputs": flat(inputs), "targets": flat(targets),
        "validationCount": validation_count, "validationInputs": flat(val_inputs), "validationTargets": flat(val_targets),
        "initialParameters": initial, "losses": losses, "finalParameters": final,
        "trainLoss": train_loss, "trainAccuracy": train_accuracy,
        "validationLoss": validation_loss, "validationAccuracy": validation_accuracy,
    }


# conv → ReLU → max-pool → conv → global average pool → linear: the classifier the playground's lesson builds
CONV_POOL_CONV_GAP_LINEAR = [
    {"type": "conv1d", "outChannels": 4, "kernelSize": 5, "padding": "same"},
    {"type": "activation", "fn": "relu"},
    {"type": "maxpool1d", "kernelSize": 2, "stride": 2},
    {"type": "conv1d", "outChannels": 4, "kernelSize": 3, "padding": "same"},
    {"type": "globalpool", "op": "avg"},
    {"type": "linear", "outFeatures": 3},
]
# avg-pool with padding, ceil mode and count_include_pad off, global max, a linear head without bias
CONV_AVGPOOL_CONV_GMP_LINEAR = [
    {"type": "conv1d", "outChannels": 3, "kernelSize": 3, "padding": "same"},
    {"type": "activation", "fn": "tanh"},
    {"type": "avgpool1d", "kernelSize": 3, "stride": 2, "padding": 1, "ceilMode": True, "countIncludePad": False},
    {"type": "conv1d", "outChannels": 2, "kernelSize": 3, "padding": "same"},
    {"type": "globalpool", "op": "max"},
    {"type": "linear", "outFeatures": 4, "bias": False},
]
# a linear layer on a flattened [C, L] signal, then a hidden linear layer
CONV_AVGPOOL_LINEAR_LINEAR = [
    {"type": "conv1d", "outChannels": 2, "kernelSize": 3, "padding": "same"},
    {"type": "avgpool1d", "kernelSize": 2},
    {"type": "linear", "outFeatures": 5},
    {"type": "activation", "fn": "relu"},
    {"type": "linear", "outFeatures": 3},
]


def classifier_cases(flat, rand):
    """(name, n, layers, batch, count, classes, optimizer, weight_decay, lr)"""
    plan = [
        ("adam_conv_pool_conv_gap_linear", 24, CONV_POOL_CONV_GAP_LINEAR, 4, 10, 3, {"type": "adam"}, 0, 0.01),
        ("momentum_avgpool_ceil_gmp_linear_nobias", 17, CONV_AVGPOOL_CONV_GMP_LINEAR, 3, 7, 4,
         {"type": "sgd", "momentum": 0.9}, 0, 0.05),
        ("adam_decay_flatten_linear_linear", 12, CONV_AVGPOOL_LINEAR_LINEAR, 2, 6, 3, {"type": "adam"}, 0.01, 0.02),
    ]
    return [run_case(*entry[:1], flat, rand, *entry[1:]) for entry in plan]
