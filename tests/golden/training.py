"""Training trajectories for convpool's data sets, mini-batches and optimizers (written to training.json).

Imported by generate.py (run: /usr/bin/python3 tests/golden/generate.py). Each case is a small network in the
model's layer language, a training set and a validation set of float32 values, initial weights (float32), and
50 steps of torch.optim.SGD or torch.optim.Adam on mini-batches, all computed in float64:

  step i uses the examples (i*batchSize + j) mod count, j = 0 .. batchSize-1 (shuffle off),
  loss 'sse' = F.mse_loss(reduction='sum'), 'mse' = F.mse_loss(reduction='mean') over every element of the batch,
  the learning rate is lrs[i] (it changes after step 25, as a loop setting param_group['lr'] does).

Recorded: the batch loss of every step (before its update), the final weights and biases of every conv layer,
the loss of the whole training set as one batch and of the validation set, at the final weights.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

STEPS = 50
CHANGE_AT = 25

ACTIVATIONS = {"relu": torch.relu, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "identity": lambda x: x}


def same_pads(k, d=1):
    total = d * (k - 1)
    return total // 2, total - total // 2


class Network(nn.Module):
    """The layers of a case, batch-first: [B, C, N]."""

    def __init__(self, in_channels, layers):
        super().__init__()
        self.layers = layers
        self.convs = nn.ModuleList()
        channels = in_channels
        for layer in layers:
            if layer["type"] == "conv1d":
                conv = nn.Conv1d(channels, layer["outChannels"], layer["kernelSize"], bias=True).double()
                self.convs.append(conv)
                channels = layer["outChannels"]

    def forward(self, x):
        conv_index = 0
        for layer in self.layers:
            if layer["type"] == "conv1d":
                left, right = same_pads(layer["kernelSize"])
                x = self.convs[conv_index](F.pad(x, (left, right)))
                conv_index += 1
            elif layer["type"] == "activation":
                x = ACTIVATIONS[layer["fn"]](x)
            else:
                x = F.max_pool1d(x, layer["kernelSize"], stride=layer["stride"])
        return x


def make_optimizer(params, spec, lr, weight_decay):
    if spec["type"] == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=spec.get("momentum", 0), dampening=spec.get("dampening", 0),
                               nesterov=spec.get("nesterov", False), weight_decay=weight_decay)
    return torch.optim.Adam(params, lr=lr, betas=(spec.get("beta1", 0.9), spec.get("beta2", 0.999)),
                            eps=spec.get("eps", 1e-8), weight_decay=weight_decay)


def set_loss(net, inputs, targets, loss):
    return float(F.mse_loss(net(inputs), targets, reduction="sum" if loss == "sse" else "mean"))


def run_case(name, flat, rand, n, layers, loss, batch, count, optimizer, weight_decay, lrs, validation_count=3):
    net = Network(1, layers)
    # Initial weights: float32 draws (uniform in ±1/sqrt(fan_in), like PyTorch's default) widened to float64.
    with torch.no_grad():
        for conv in net.convs:
            bound = 1.0 / (conv.in_channels * conv.kernel_size[0]) ** 0.5
            conv.weight.copy_(((rand(conv.weight.numel()) * 2 - 1) * bound).reshape(conv.weight.shape))
            conv.bias.copy_((rand(conv.bias.numel()) * 2 - 1) * bound)
    initial = [{"weight": flat(c.weight), "bias": flat(c.bias)} for c in net.convs]
    out_len = net(torch.zeros(1, 1, n, dtype=torch.float64)).shape[-1]
    out_channels = net(torch.zeros(1, 1, n, dtype=torch.float64)).shape[1]
    inputs = (rand(count * n) * 2 - 1).reshape(count, 1, n)
    targets = (rand(count * out_channels * out_len) * 2 - 1).reshape(count, out_channels, out_len)
    val_inputs = (rand(validation_count * n) * 2 - 1).reshape(validation_count, 1, n)
    val_targets = (rand(validation_count * out_channels * out_len) * 2 - 1).reshape(
        validation_count, out_channels, out_len)

    opt = make_optimizer(net.parameters(), optimizer, lrs[0], weight_decay)
    losses = []
    for i in range(STEPS):
        for group in opt.param_groups:
            group["lr"] = lrs[0] if i < CHANGE_AT else lrs[1]
        index = torch.tensor([(i * batch + j) % count for j in range(batch)])
        opt.zero_grad()
        value = F.mse_loss(net(inputs[index]), targets[index], reduction="sum" if loss == "sse" else "mean")
        value.backward()
        opt.step()
        losses.append(float(value))
    with torch.no_grad():
        final = [{"weight": flat(c.weight), "bias": flat(c.bias)} for c in net.convs]
        train_loss = set_loss(net, inputs, targets, loss)
        validation_loss = set_loss(net, val_inputs, val_targets, loss)
    return {
        "name": name, "inputLength": n, "inputChannels": 1, "layers": layers, "loss": loss, "batchSize": batch,
        "count": count, "optimizer": optimizer, "weightDecay": weight_decay,
        "learningRates": [lrs[0]] * CHANGE_AT + [lrs[1]] * (STEPS - CHANGE_AT),
        "inputs": flat(inputs), "targets": flat(targets),
        "validationCount": validation_count, "validationInputs": flat(val_inputs), "validationTargets": flat(val_targets),
        "initialParameters": initial, "losses": losses, "finalParameters": final,
        "trainLoss": train_loss, "validationLoss": validation_loss,
    }


CONV_RELU_POOL_CONV = [
    {"type": "conv1d", "outChannels": 2, "kernelSize": 3, "padding": "same"},
    {"type": "activation", "fn": "relu"},
    {"type": "maxpool1d", "kernelSize": 2, "stride": 1},
    {"type": "conv1d", "outChannels": 1, "kernelSize": 3, "padding": "same"},
]
CONV_TANH_CONV = [
    {"type": "conv1d", "outChannels": 3, "kernelSize": 5, "padding": "same"},
    {"type": "activation", "fn": "tanh"},
    {"type": "conv1d", "outChannels": 1, "kernelSize": 3, "padding": "same"},
]


def training_cases(flat, rand):
    """(name, n, layers, loss, batch, count, optimizer, weight_decay, (lr before, lr after step 25))"""
    plan = [
        ("sgd_sse_batch2_of5", 16, CONV_RELU_POOL_CONV, "sse", 2, 5, {"type": "sgd"}, 0, (0.01, 0.004)),
        ("sgd_mse_batch4_of8", 20, CONV_TANH_CONV, "mse", 4, 8, {"type": "sgd"}, 0, (0.2, 0.5)),
        ("momentum_mse_batch3_of7", 16, CONV_RELU_POOL_CONV, "mse", 3, 7,
         {"type": "sgd", "momentum": 0.9}, 0, (0.05, 0.02)),
        ("momentum_dampening_decay_sse_batch3_of6", 16, CONV_TANH_CONV, "sse", 3, 6,
         {"type": "sgd", "momentum": 0.8, "dampening": 0.3}, 0.01, (0.004, 0.008)),
        ("nesterov_decay_mse_batch2_of6", 18, CONV_RELU_POOL_CONV, "mse", 2, 6,
         {"type": "sgd", "momentum": 0.9, "nesterov": True}, 0.05, (0.05, 0.1)),
        ("nesterov_sse_batch4_of10", 16, CONV_TANH_CONV, "sse", 4, 10,
         {"type": "sgd", "momentum": 0.5, "nesterov": True}, 0, (0.002, 0.001)),
        ("adam_mse_batch4_of10", 16, CONV_RELU_POOL_CONV, "mse", 4, 10, {"type": "adam"}, 0, (0.01, 0.003)),
        ("adam_betas_eps_decay_sse_batch5_of5", 16, CONV_TANH_CONV, "sse", 5, 5,
         {"type": "adam", "beta1": 0.8, "beta2": 0.99, "eps": 1e-6}, 0.1, (0.005, 0.01)),
        ("adam_decay_mse_batch3_of4", 20, CONV_RELU_POOL_CONV, "mse", 3, 4,
         {"type": "adam", "beta1": 0.5, "beta2": 0.9}, 0.02, (0.02, 0.005)),
        ("adam_sse_batch1_of3", 12, CONV_TANH_CONV, "sse", 1, 3, {"type": "adam"}, 0, (0.01, 0.02)),
        ("momentum_batch5_of3_repeats", 16, CONV_RELU_POOL_CONV, "mse", 5, 3,
         {"type": "sgd", "momentum": 0.7}, 0.001, (0.1, 0.05)),
    ]
    return [run_case(name, flat, rand, *rest[:-1], list(rest[-1])) for name, *rest in plan]


def optimizer_error_cases():
    """Optimizer settings torch.optim refuses, with its message (the model must refuse them too)."""
    p = [nn.Parameter(torch.zeros(1))]
    cases = []
    for name, optimizer, weight_decay in [
        ("sgd_momentum_negative", {"type": "sgd", "momentum": -0.5}, 0),
        ("sgd_weight_decay_negative", {"type": "sgd"}, -0.1),
        ("sgd_nesterov_without_momentum", {"type": "sgd", "nesterov": True}, 0),
        ("sgd_nesterov_with_dampening", {"type": "sgd", "momentum": 0.9, "dampening": 0.1, "nesterov": True}, 0),
        ("adam_beta1_one", {"type": "adam", "beta1": 1.0}, 0),
        ("adam_beta1_negative", {"type": "adam", "beta1": -0.1}, 0),
        ("adam_beta2_above_one", {"type": "adam", "beta2": 1.5}, 0),
        ("adam_eps_negative", {"type": "adam", "eps": -1e-8}, 0),
        ("adam_weight_decay_negative", {"type": "adam"}, -1.0),
    ]:
        try:
            make_optimizer(p, optimizer, 0.1, weight_decay)
        except ValueError as e:
            cases.append({"name": name, "op": "optimizer", "optimizer": optimizer, "weightDecay": weight_decay,
                          "torchErrorType": "ValueError", "torchError": str(e)})
        else:
            raise AssertionError(f"torch.optim accepted {name}")
    return cases
