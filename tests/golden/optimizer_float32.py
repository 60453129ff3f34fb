"""torch.optim.SGD and torch.optim.Adam stepped in float32 on given gradients (written to optimizer_float32.json).

Imported by generate.py (run: /usr/bin/python3 tests/golden/generate.py). The other golden files run PyTorch in
float64, where 1 - 0.999 is the same number however it is computed; in float32 it is not: torch hands the Python
float 1 - beta2 = 0.0010000000000000009 to its kernels, which round it once to 0.001f, while 1.0f - 0.999f is
0.00099998713f. So these cases keep PyTorch's float32 arithmetic: float32 parameters and gradients, the optimizer's
scalars as Python floats, the learning rate a Python float that changes between steps (as a loop setting
param_group['lr'] does).

Each case: the optimizer and weight decay, `initial` (float32 parameters), `gradients` (one float32 gradient per
step, the same length), `learningRates` (one per step) and `final` (the parameters after every step, float32
widened to float64). The gradients are given, not computed, so only the optimizer's arithmetic is compared.
"""
import torch

STEPS = 24
SIZE = 37  # not a multiple of any vector width: torch's vector loops and their scalar tails both run

CASES = [
    ("plain SGD", {"type": "sgd"}, 0.0, 0.05),
    ("SGD with weight decay", {"type": "sgd"}, 0.01, 0.05),
    ("SGD with momentum 0.9", {"type": "sgd", "momentum": 0.9}, 0.0, 0.02),
    ("SGD with momentum 0.8, dampening 0.3, weight decay", {"type": "sgd", "momentum": 0.8, "dampening": 0.3}, 0.003,
     0.02),
    ("SGD with Nesterov momentum 0.9", {"type": "sgd", "momentum": 0.9, "nesterov": True}, 0.0, 0.02),
    ("Adam (defaults)", {"type": "adam"}, 0.0, 0.05),
    ("Adam (beta1 0.8, beta2 0.99, eps 1e-6) with weight decay",
     {"type": "adam", "beta1": 0.8, "beta2": 0.99, "eps": 1e-6}, 0.01, 0.05),
    ("Adam (beta2 0.9999) on gradients near zero", {"type": "adam", "beta2": 0.9999}, 0.0, 0.05),
]


def make_optimizer(params, spec, lr, weight_decay):
    if spec["type"] == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=spec.get("momentum", 0), dampening=spec.get("dampening", 0),
                               nesterov=spec.get("nesterov", False), weight_decay=weight_decay)
    return torch.optim.Adam(params, lr=lr, betas=(spec.get("beta1", 0.9), spec.get("beta2", 0.999)),
                            eps=spec.get("eps", 1e-8), weight_decay=weight_decay)


def optimizer_float32_cases(rand):
    """rand(n) -> n float32 values in [0, 1) widened to float64 (the generator's own stream)."""
    cases = []
    for name, spec, weight_decay, lr in CASES:
        initial = (rand(SIZE) * 2 - 1).to(torch.float32)
        # gradients spread over five decades (and, in the last case, down to 1e-9), signs mixed
        scale = 1e-9 if "near zero" in name else 1e-3
        gradients = [((rand(SIZE) * 2 - 1) * scale * 10 ** (4 * rand(SIZE))).to(torch.float32) for _ in range(STEPS)]
        lrs = [lr if step < STEPS // 2 else lr / 3 for step in range(STEPS)]
        p = initial.clone().requires_grad_(True)
        optimizer = make_optimizer([p], spec, lrs[0], weight_decay)
        for gradient, step_lr in zip(gradients, lrs):
            for group in optimizer.param_groups:
                group["lr"] = step_lr
            p.grad = gradient.clone()
            optimizer.step()
        assert p.dtype == torch.float32
        cases.append({
            "name": name, "optimizer": spec, "weightDecay": weight_decay,
            "initial": initial.double().tolist(),
            "gradients": [g.double().tolist() for g in gradients],
            "learningRates": lrs,
            "final": p.detach().double().tolist(),
        })
    return cases
