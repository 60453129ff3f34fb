#!/usr/bin/env python3
"""PyTorch golden vectors for convpool's ops: conv1d (groups too), max_pool1d, avg_pool1d, global
max/avg pooling, linear and softmax cross-entropy.

Run from the repository root with Debian's Python (which has python3-torch):

    /usr/bin/python3 tests/golden/generate.py

Writes tests/golden/conv1d.json, maxpool1d.json, errors.json, conv1d_groups.json, avgpool1d.json,
globalpool1d.json, linear.json and crossentropy.json next to this script.  Deterministic: every random
choice comes from random.Random(SEED) and every tensor from torch.manual_seed(SEED),
and PyTorch runs single-threaded in float64.

Inputs (x, w, b, gradOut) are drawn in float32 and then widened to float64, so the
float32 core receives exactly the values PyTorch used.  All arithmetic is float64.
Floats are written with Python's repr (shortest round-trip form); non-finite values
are written as the JSON strings "NaN", "Infinity" and "-Infinity".
"""

import json
import math
import os
import random
import sys

# torch's ValueError messages print Python sets ({'valid', 'same'}), whose order depends on
# string hashing; pin the hash seed so errors.json is reproducible byte for byte.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable] + sys.argv)

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 1337
HERE = os.path.dirname(os.path.abspath(__file__))
MODES = ["zeros", "reflect", "replicate", "circular"]

torch.manual_seed(SEED)
torch.set_num_threads(1)
rng = random.Random(SEED)

GENERATOR = (
    "tests/golden/generate.py (run: /usr/bin/python3 tests/golden/generate.py) with PyTorch "
    f"{torch.__version__} on Python {sys.version.split()[0]}, seed {SEED}. Inputs x, w, b, gradOut are "
    "float32 values (torch.randn in float32, or hand-written) widened to float64; all outputs computed "
    "in float64 on CPU, batch size 1. Arrays are flat and channel-major. Floats are Python repr "
    "(round-trip exact); non-finite numbers are encoded as the JSON strings \"NaN\", \"Infinity\", "
    "\"-Infinity\"."
)


# ----------------------------------------------------------------------------- helpers

def enc(v):
    """A python float/int -> JSON-safe value (non-finite floats become strings)."""
    if isinstance(v, float):
        if math.isnan(v):
            return "NaN"
        if math.isinf(v):
            return "Infinity" if v > 0 else "-Infinity"
    return v


def flat(t):
    return [enc(float(v)) for v in t.detach().reshape(-1).tolist()]


def randn32(n):
    """n float32 normal values, widened to float64 (exactly representable in float32)."""
    return torch.randn(n, dtype=torch.float32).to(torch.float64)


def from_list32(values):
    """Hand-written values, rounded to float32 then widened to float64."""
    return torch.tensor(values, dtype=torch.float32).to(torch.float64)


def write_cases(path, cases, extra=None):
    head = {"generator": GENERATOR}
    if extra:
        head.update(extra)
    with open(path, "w") as f:
        f.write("{\n")
        for k, v in head.items():
            f.write(f"  {json.dumps(k)}: {json.dumps(v, allow_nan=False)},\n")
        f.write('  "cases": [\n')
        f.write(",\n".join("    " + json.dumps(c, allow_nan=False) for c in cases))
        f.write("\n  ]\n}\n")


# ----------------------------------------------------------------------------- conv1d

def conv_pads(k, p, d):
    if p == "valid":
        return 0, 0
    if p == "same":
        total = d * (k - 1)
        return total // 2, total - total // 2
    return p, p


def conv_ok(cin, cout, k, n, s, p, d, mode):
    """Our own statement of torch's rules (cross-checked against torch for every config tried)."""
    if min(cin, cout, k, s, d) < 1 or n < 1:
        return False
    if isinstance(p, str) and p not in ("same", "valid"):
        return False
    if mode not in MODES:
        return False
    if p == "same" and s != 1:
        return False
    if not isinstance(p, str) and p < 0:
        return False
    pl, pr = conv_pads(k, p, d)
    if mode == "reflect" and (pl >= n or pr >= n):
        return False
    if mode == "circular" and (pl > n or pr > n):
        return False
    return n + pl + pr >= d * (k - 1) + 1


def conv_out_len(n, k, s, p, d):
    pl, pr = conv_pads(k, p, d)
    return (n + pl + pr - d * (k - 1) - 1) // s + 1


def make_conv(cin, cout, k, s, p, d, mode, bias):
    return nn.Conv1d(cin, cout, k, stride=s, padding=p, dilation=d, bias=bias,
                     padding_mode=mode, dtype=torch.float64)


def run_conv(name, cin, cout, k, n, s, p, d, mode, bias, x=None, w=None, b=None, g=None):
    """Runs torch; returns the case dict, or None if torch rejects the config.

    Asserts that torch's accept/reject decision equals conv_ok()."""
    expect_ok = conv_ok(cin, cout, k, n, s, p, d, mode)
    try:
        with torch.no_grad():
            m = make_conv(cin, cout, k, s, p, d, mode, bias)
            m(torch.zeros(1, cin, n, dtype=torch.float64))
    except (RuntimeError, ValueError) as e:
        assert not expect_ok, f"{name}: torch rejected a config we think valid: {e}"
        return None
    assert expect_ok, f"{name}: torch accepted a config we think invalid"

    x = randn32(cin * n) if x is None else x
    w = randn32(cout * cin * k) if w is None else w
    if bias:
        b = randn32(cout) if b is None else b
    else:
        b = None
    with torch.no_grad():
        m.weight.copy_(w.view(cout, cin, k))
        if bias:
            m.bias.copy_(b)
    xt = x.clone().view(1, cin, n).requires_grad_(True)
    y = m(xt)
    L = y.shape[-1]
    pl, pr = conv_pads(k, p, d)
    assert L == (n + pl + pr - d * (k - 1) - 1) // s + 1 == conv_out_len(n, k, s, p, d), name
    assert y.shape == (1, cout, L)
    g = randn32(cout * L) if g is None else g
    (y * g.view(1, cout, L)).sum().backward()
    return {
        "name": name,
        "inChannels": cin, "outChannels": cout, "kernelSize": k, "inputLength": n,
        "stride": s, "padding": p, "dilation": d, "paddingMode": mode, "bias": bias,
        "padLeft": pl, "padRight": pr,
        "x": flat(x), "w": flat(w), "b": flat(b) if bias else None,
        "gradOut": flat(g), "outLength": L,
        "y": flat(y), "dx": flat(xt.grad), "dw": flat(m.weight.grad),
        "db": flat(m.bias.grad) if bias else None,
    }


def conv_cases():
    cases = []
    names = set()

    def add(name, *a, **kw):
        assert name not in names, name
        c = run_conv(name, *a, **kw)
        assert c is not None, f"hand-written case {name} rejected by torch"
        names.add(name)
        cases.append(c)

    def rand_valid(tag, k=None, s=None, d=None, p=None, mode=None, n=None, nmax=40):
        """Random config with some fields fixed; retries until torch accepts it."""
        for _ in range(10000):
            kk = k if k is not None else rng.randint(1, 7)
            ss = s if s is not None else rng.randint(1, 3)
            dd = d if d is not None else rng.randint(1, 3)
            pp = p if p is not None else rng.choice([0, 1, 2, 3, 0, 1, "same", "valid"])
            if pp == "same" and s is None:
                ss = 1
            mm = mode if mode is not None else rng.choice(MODES)
            nn_ = n if n is not None else rng.randint(1, nmax)
            cin, cout = rng.randint(1, 3), rng.randint(1, 3)
            bias = rng.random() < 0.6
            if not conv_ok(cin, cout, kk, nn_, ss, pp, dd, mm):
                # still let torch confirm it is invalid (cross-check), then retry
                assert run_conv("probe", cin, cout, kk, nn_, ss, pp, dd, mm, bias) is None
                continue
            name = f"{tag}_{mm}_k{kk}_s{ss}_d{dd}_p{pp}_n{nn_}_c{cin}x{cout}{'_b' if bias else ''}"
            if name in names:
                continue
            add(name, cin, cout, kk, nn_, ss, pp, dd, mm, bias)
            return
        raise RuntimeError(f"no valid config for {tag}")

    # 1. every padding mode x every padding kind (0..3, same, valid), two random configs each
    for mode in MODES:
        for p in [0, 1, 2, 3, "same", "valid"]:
            for _ in range(2):
                rand_valid("modepad", p=p, mode=mode)

    # 2. kernel x stride grid (random dilation, padding, mode)
    for k in range(1, 8):
        for s in range(1, 4):
            rand_valid("ks", k=k, s=s)

    # 3. kernel x dilation grid with 'same' (odd and even kernels; modes cycle)
    i = 0
    for k in range(1, 8):
        for d in range(1, 4):
            rand_valid("same", k=k, d=d, p="same", s=1, mode=MODES[i % 4])
            i += 1

    # 4. hand-written edge cases
    # output length exactly 1
    add("out1_k5_n5", 1, 1, 5, 5, 1, 0, 1, "zeros", True)
    add("out1_n1_k1", 1, 1, 1, 1, 1, 0, 1, "zeros", False)
    add("out1_n1_k3_p1", 2, 2, 3, 1, 1, 1, 1, "zeros", True)
    add("out1_k3_d2_s3_n6", 2, 1, 3, 6, 3, 0, 2, "zeros", True)   # second window would need 9 samples
    add("out1_s3_n3_k2", 1, 2, 2, 3, 3, 0, 1, "replicate", False)
    add("out1_valid_k7_n7", 3, 3, 7, 7, 2, "valid", 1, "circular", True)
    # kernel exactly equal to the padded length
    add("kfull_zeros_n3_p2_k7", 1, 1, 7, 3, 1, 2, 1, "zeros", True)
    add("kfull_reflect_n3_p2_k7", 2, 1, 7, 3, 1, 2, 1, "reflect", False)
    add("kfull_circular_n2_p2_k6", 1, 2, 6, 2, 2, 2, 1, "circular", True)
    add("kfull_replicate_n1_p3_k7", 1, 1, 7, 1, 3, 3, 1, "replicate", True)
    add("kfull_dilated_zeros_n5_p1_k3_d3", 1, 1, 3, 5, 1, 1, 3, "zeros", False)  # span 7 = 5 + 2
    add("kfull_dilated_reflect_n5_p2_k3_d4", 2, 2, 3, 5, 1, 2, 4, "reflect", True)  # span 9 = 5 + 4
    # even kernel with 'same' (asymmetric padding, extra on the right), dilation 1, 2, 3
    for mode in MODES:
        for k, d in [(2, 1), (2, 2), (4, 1), (4, 2), (6, 3), (2, 3)]:
            n = 12 if mode != "reflect" else 9
            add(f"same_even_{mode}_k{k}_d{d}", 2, 2, k, n, 1, "same", d, mode, True)
    add("same_k1", 3, 2, 1, 7, 1, "same", 1, "reflect", True)
    add("same_k1_d3", 1, 1, 1, 4, 1, "same", 3, "circular", False)
    # length-1 inputs with non-zero modes
    add("n1_replicate_p3_k3", 1, 1, 3, 1, 1, 3, 1, "replicate", True)
    add("n1_replicate_same_k4_d2", 2, 1, 4, 1, 1, "same", 2, "replicate", True)
    add("n1_circular_p1_k3", 1, 1, 3, 1, 1, 1, 1, "circular", True)
    add("n1_circular_same_k3", 1, 2, 3, 1, 1, "same", 1, "circular", False)
    add("n1_circular_same_k2", 2, 1, 2, 1, 1, "same", 1, "circular", True)   # pads (0, 1)
    add("n1_reflect_p0_k1", 1, 1, 1, 1, 1, 0, 1, "reflect", True)
    add("n1_reflect_valid_k1_d3", 1, 1, 1, 1, 2, "valid", 3, "reflect", True)
    add("n2_reflect_same_k2_d2", 1, 1, 2, 2, 1, "same", 2, "reflect", True)  # pads (1, 1) < 2
    # maximal legal padding per mode
    add("reflect_p_eq_n_minus_1", 2, 2, 3, 4, 1, 3, 1, "reflect", True)
    add("reflect_p3_n4_k5_d2_s2", 1, 3, 5, 4, 2, 3, 2, "reflect", False)
    add("circular_p_eq_n", 2, 1, 3, 3, 1, 3, 1, "circular", True)
    add("circular_p_eq_n_n2_k5_d2", 1, 1, 3, 2, 1, 2, 2, "circular", True)
    add("replicate_p_gt_n", 1, 2, 2, 2, 1, 3, 1, "replicate", True)
    add("zeros_p_gt_n_s3", 1, 1, 3, 2, 3, 3, 1, "zeros", True)     # some windows see only padding
    # stride leaves trailing samples unused (their dx must be 0 for zeros mode)
    add("stride_unused_tail", 2, 2, 3, 10, 3, 0, 1, "zeros", True)
    add("stride_unused_tail_d2", 1, 1, 2, 11, 3, 0, 2, "zeros", False)
    add("stride3_reflect_tail", 1, 1, 3, 10, 3, 1, 1, "reflect", True)
    # 'valid' with non-zero modes (no padding at all)
    for mode in MODES[1:]:
        add(f"valid_{mode}", 2, 3, 4, 9, 2, "valid", 2, mode, True)
    # long inputs, full channel count
    add("big_3x3_k7_d3_same_reflect", 3, 3, 7, 40, 1, "same", 3, "reflect", True)
    add("big_3x3_k7_s3_p3_circular", 3, 3, 7, 40, 3, 3, 1, "circular", True)
    add("big_3x3_k5_s2_p2_replicate", 3, 3, 5, 40, 2, 2, 2, "replicate", True)
    add("big_3x3_k6_s1_same_zeros", 3, 3, 6, 40, 1, "same", 1, "zeros", False)
    # simple hand-checkable values
    add("hand_identity_k1", 1, 1, 1, 4, 1, 0, 1, "zeros", False,
        x=from_list32([1, 2, 3, 4]), w=from_list32([1]), g=from_list32([1, 1, 1, 1]))
    add("hand_diff_k2", 1, 1, 2, 5, 1, 0, 1, "zeros", True,
        x=from_list32([0, 1, 4, 9, 16]), w=from_list32([-1, 1]), b=from_list32([0.5]),
        g=from_list32([1, 0, 0, 2]))
    add("hand_reflect_k3_p2", 1, 1, 3, 4, 1, 2, 1, "reflect", False,
        x=from_list32([1, 2, 3, 4]), w=from_list32([1, 10, 100]), g=from_list32([1] * 6))
    add("hand_circular_k3_p2", 1, 1, 3, 4, 1, 2, 1, "circular", False,
        x=from_list32([1, 2, 3, 4]), w=from_list32([1, 10, 100]), g=from_list32([1] * 6))
    add("hand_replicate_k3_p2", 1, 1, 3, 4, 1, 2, 1, "replicate", False,
        x=from_list32([1, 2, 3, 4]), w=from_list32([1, 10, 100]), g=from_list32([1] * 6))
    # non-finite data propagates
    add("nonfinite_data", 1, 1, 3, 6, 1, 1, 1, "zeros", True,
        x=from_list32([1, float("inf"), 2, 3, float("nan"), 4]))

    # 5. random fill (mostly short inputs to keep the file small)
    while len(cases) < 210:
        rand_valid("rand", nmax=rng.choice([8, 16, 40]))
    return cases


# ----------------------------------------------------------------------------- max_pool1d

def pool_out_len(n, k, s, p, d, ceil):
    num = n + 2 * p - d * (k - 1) - 1 + (s - 1 if ceil else 0)
    out = num // s + 1
    if ceil and (out - 1) * s >= n + p:
        out -= 1  # last window would start in the right padding
    return out


def pool_ok(n, k, s, p, d):
    return min(n, k, s, d) >= 1 and 0 <= p <= k // 2


def pool_all_windows_touch_input(n, k, s, p, d, out):
    """False if some window sees only padding (torch 1.13 then returns -inf with an
    out-of-range index N and its backward writes outside the channel: see README)."""
    for t in range(out):
        if not any(0 <= t * s - p + j * d < n for j in range(k)):
            return False
    return True


def run_pool(name, c, n, k, s, p, d, ceil, x=None, g=None):
    """Returns the case dict, None if torch rejects the config, or "empty" if some window
    would contain only padding (skipped on purpose)."""
    expect_ok = pool_ok(n, k, s, p, d) and pool_out_len(n, k, s, p, d, ceil) >= 1
    try:
        F.max_pool1d(torch.zeros(1, c, n, dtype=torch.float64), k, s, p, d, ceil, return_indices=True)
    except RuntimeError as e:
        assert not expect_ok, f"{name}: torch rejected a config we think valid: {e}"
        return None
    assert expect_ok, f"{name}: torch accepted a config we think invalid"
    L = pool_out_len(n, k, s, p, d, ceil)
    if not pool_all_windows_touch_input(n, k, s, p, d, L):
        return "empty"
    x = randn32(c * n) if x is None else x
    xt = x.clone().view(1, c, n).requires_grad_(True)
    y, idx = F.max_pool1d(xt, k, s, p, d, ceil, return_indices=True)
    assert y.shape == (1, c, L), (name, y.shape, L)
    g = randn32(c * L) if g is None else g
    (y * g.view(1, c, L)).sum().backward()
    ind = [int(v) for v in idx.reshape(-1).tolist()]
    assert all(0 <= v < n for v in ind), name
    # independent check of torch's scan rule: strictly-greater or NaN wins, scanning left to right
    xs, ys = x.view(c, n).tolist(), y.view(c, L).tolist()
    for ch in range(c):
        for t in range(L):
            best, bi = -math.inf, None
            for j in range(k):
                i = t * s - p + j * d
                if 0 <= i < n:
                    if bi is None:
                        bi = i
                    v = xs[ch][i]
                    if v > best or math.isnan(v):
                        best, bi = v, i
            assert bi == ind[ch * L + t], (name, ch, t, bi, ind[ch * L + t])
            assert (math.isnan(best) and math.isnan(ys[ch][t])) or best == ys[ch][t]
    return {
        "name": name, "channels": c, "inputLength": n, "kernelSize": k, "stride": s,
        "padding": p, "dilation": d, "ceilMode": ceil,
        "x": flat(x), "gradOut": flat(g), "outLength": L,
        "y": flat(y), "indices": ind, "dx": flat(xt.grad),
    }


def pool_cases():
    cases = []
    names = set()
    skipped_empty = []

    def add(name, *a, **kw):
        assert name not in names, name
        r = run_pool(name, *a, **kw)
        assert isinstance(r, dict), f"hand-written case {name}: {r}"
        names.add(name)
        cases.append(r)

    def rand_valid(tag, k=None, s=None, p=None, d=None, ceil=None, n=None, c=None, nmax=30, want=None):
        for _ in range(20000):
            kk = k if k is not None else rng.randint(1, 5)
            ss = s if s is not None else rng.choice([1, 2, 3, 4, kk])
            pp = p if p is not None else rng.randint(0, kk // 2)
            dd = d if d is not None else rng.randint(1, 3)
            cc = ceil if ceil is not None else rng.random() < 0.5
            nn_ = n if n is not None else rng.randint(1, nmax)
            ch = c if c is not None else rng.randint(1, 3)
            if want is not None and not want(nn_, kk, ss, pp, dd, cc):
                continue
            name = f"{tag}_k{kk}_s{ss}_p{pp}_d{dd}_{'ceil' if cc else 'floor'}_n{nn_}_c{ch}"
            if name in names:
                continue
            r = run_pool(name, ch, nn_, kk, ss, pp, dd, cc)
            if r is None:
                continue
            if r == "empty":
                skipped_empty.append(name)
                continue
            names.add(name)
            cases.append(r)
            return
        raise RuntimeError(f"no valid config for {tag}")

    # 1. kernel x stride (incl. stride = kernel, the default) x ceil mode
    for k in range(1, 6):
        for s in sorted({1, 2, 3, 4, k}):
            for ceil in (False, True):
                rand_valid("ks", k=k, s=s, ceil=ceil)

    # 2. kernel x every legal padding x dilation
    for k in range(1, 6):
        for p in range(0, k // 2 + 1):
            for d in range(1, 4):
                rand_valid("kpd", k=k, p=p, d=d)

    # 3. ceil mode: last window dropped because it would start in the right padding
    def dropped(n, k, s, p, d, ceil):
        num = n + 2 * p - d * (k - 1) - 1 + (s - 1)
        return ceil and p > 0 and (num // s) * s >= n + p
    for _ in range(10):
        rand_valid("ceildrop", ceil=True, want=dropped, nmax=16)
    # ceil mode: an extra, partial window is kept
    def extra(n, k, s, p, d, ceil):
        return ceil and pool_out_len(n, k, s, p, d, True) > pool_out_len(n, k, s, p, d, False)
    for _ in range(10):
        rand_valid("ceilextra", ceil=True, want=extra, nmax=16)
    add("ceildrop_hand_n5_k2_s2_p1", 1, 5, 2, 2, 1, 1, True, x=from_list32([0, 1, 2, 3, 4]))
    # with padding 0 a ceil-mode window can also start past the end of the input: dropped too
    add("ceildrop_p0_k1_s3_n2", 1, 2, 1, 3, 0, 1, True, x=from_list32([1, 2]))
    add("ceildrop_p0_k2_s4_n4", 2, 4, 2, 4, 0, 1, True)
    add("ceildrop_p0_k1_s4_d1_n9", 1, 9, 1, 4, 0, 1, True)
    add("ceilextra_hand_n5_k2_s2_p0", 1, 5, 2, 2, 0, 1, True, x=from_list32([0, 1, 2, 3, 4]))

    # 4. ties: the first maximum (leftmost in the window) wins
    add("ties_all_equal", 2, 8, 3, 1, 1, 1, False, x=from_list32([5.0] * 16))
    add("ties_pairs", 1, 10, 4, 2, 2, 1, True, x=from_list32([1, 3, 3, 0, 2, 2, 3, 3, 1, 1]))
    add("ties_dilated", 1, 9, 3, 1, 0, 2, False, x=from_list32([2, 0, 2, 0, 2, 1, 1, 1, 2]))
    add("ties_neg_zero", 1, 4, 2, 1, 0, 1, False, x=from_list32([-0.0, 0.0, 0.0, -0.0]))
    for i in range(4):
        n = rng.randint(6, 20)
        c = rng.randint(1, 3)
        x = from_list32([rng.choice([-1.0, 0.0, 1.5]) for _ in range(c * n)])
        k = rng.randint(2, 5)
        add(f"ties_rand{i}_k{k}", c, n, k, rng.randint(1, 3), rng.randint(0, k // 2), rng.randint(1, 2), bool(i % 2), x=x)

    # 5. NaN propagates; with several NaNs in a window the index is the LAST NaN
    nan, inf = float("nan"), float("inf")
    add("nan_single", 1, 6, 3, 1, 0, 1, False, x=from_list32([1, 2, nan, 0, 5, 4]))
    add("nan_two_in_window", 1, 5, 5, 1, 0, 1, False, x=from_list32([1, nan, 3, nan, 2]))
    add("nan_then_bigger", 1, 6, 2, 1, 1, 1, True, x=from_list32([nan, 9, 1, nan, inf, 2]))
    add("nan_at_edges_padded", 2, 5, 3, 2, 1, 1, True,
        x=from_list32([nan, 1, 2, 3, nan, 4, nan, nan, 0, -inf]))
    add("nan_dilated", 1, 8, 3, 1, 1, 2, False, x=from_list32([0, nan, 1, 2, nan, 3, 4, 5]))
    for i in range(3):
        n = rng.randint(8, 20)
        x = randn32(2 * n)
        for j in rng.sample(range(2 * n), 3):
            x[j] = nan
        add(f"nan_rand{i}", 2, n, 3, rng.randint(1, 3), 1, rng.randint(1, 2), bool(i % 2), x=x)

    # 6. +-inf, windows of all -inf (index = first in-range position of the window)
    add("neginf_all", 1, 6, 3, 1, 1, 1, False, x=from_list32([-inf] * 6))
    add("neginf_run", 2, 8, 3, 2, 1, 1, True,
        x=from_list32([1, -inf, -inf, -inf, -inf, 2, -inf, -inf] + [-inf, -inf, -inf, 0, -inf, -inf, -inf, -inf]))
    add("neginf_dilated", 1, 7, 2, 1, 1, 3, False, x=from_list32([-inf, -inf, 3, -inf, -inf, -inf, -inf]))
    add("posinf", 1, 6, 2, 1, 0, 1, False, x=from_list32([inf, inf, 1, inf, -inf, 2]))
    add("inf_mix_nan", 1, 6, 3, 3, 1, 1, True, x=from_list32([-inf, nan, inf, inf, -inf, nan]))

    # 7. overlapping windows: one big value collects many gradients
    add("overlap_peak_k5_s1", 1, 9, 5, 1, 2, 1, False, x=from_list32([0, 1, 2, 3, 100, 3, 2, 1, 0]))
    add("overlap_peak_k4_s1_d2", 2, 12, 4, 1, 2, 2, True)
    add("overlap_k5_s2", 3, 20, 5, 2, 2, 1, False)
    add("overlap_k3_s1_ones", 1, 6, 3, 1, 1, 1, False,
        x=from_list32([0, 0, 7, 0, 0, 0]), g=from_list32([1, 10, 100, 1000, 10000, 100000]))
    # small sizes
    add("n1_k1", 1, 1, 1, 1, 0, 1, False)
    add("n1_k2_p1", 2, 1, 2, 1, 1, 1, False)
    add("n1_k3_p1_ceil", 1, 1, 3, 2, 1, 1, True)
    add("n2_k5_p2_s4_ceil", 1, 2, 5, 4, 2, 1, True)
    add("stride_gt_kernel", 2, 17, 2, 4, 1, 1, False)
    add("stride_gt_kernel_ceil", 2, 17, 2, 4, 1, 1, True)
    add("big_c3_n30_k5_s1_p2_d3", 3, 30, 5, 1, 2, 3, True)

    # 8. random fill
    while len(cases) < 160:
        rand_valid("rand", nmax=rng.choice([10, 30]))
    return cases, skipped_empty


# ----------------------------------------------------------------------------- errors

def error_cases():
    out = []

    def conv_err(name, cin, cout, k, n, s, p, d, mode, bias=False, xChannels=None):
        xc = cin if xChannels is None else xChannels
        stage = "constructor"
        try:
            m = make_conv(cin, cout, k, s, p, d, mode, bias)
            stage = "forward"
            with torch.no_grad():
                m(torch.zeros(1, xc, n, dtype=torch.float64))
        except (RuntimeError, ValueError) as e:
            case = {"op": "conv1d", "name": name, "inChannels": cin, "outChannels": cout,
                    "kernelSize": k, "inputLength": n, "stride": s, "padding": p, "dilation": d,
                    "paddingMode": mode, "bias": bias}
            if xChannels is not None:
                case["inputChannelsGiven"] = xc
            case.update({"torchErrorType": type(e).__name__, "torchStage": stage,
                         "torchError": str(e)})
            assert conv_ok(cin, cout, k, n, s, p, d, mode) is False or xChannels is not None, name
            out.append(case)
            return
        raise AssertionError(f"error case {name} did not raise")

    def pool_err(name, c, n, k, s, p, d, ceil):
        msgs = {}
        for ri in (True, False):
            try:
                F.max_pool1d(torch.zeros(1, c, n, dtype=torch.float64), k, s, p, d, ceil,
                             return_indices=ri)
            except RuntimeError as e:
                msgs[ri] = (type(e).__name__, str(e))
                continue
            # torch 1.13's no-indices, no-grad fast path returns an empty [1, C, 0] tensor
            # when the computed output length is exactly 0 (it only rejects negative lengths)
            assert not ri, f"error case {name} (return_indices=True) did not raise"
            msgs[ri] = (None, None)
        out.append({"op": "maxpool1d", "name": name, "channels": c, "inputLength": n,
                    "kernelSize": k, "stride": s, "padding": p, "dilation": d, "ceilMode": ceil,
                    "torchErrorType": msgs[True][0],
                    "torchError": msgs[True][1],
                    "torchErrorNoIndices": msgs[False][1]
                    or "(no error: torch.max_pool1d without indices and without grad returns an "
                       "empty [1, C, 0] tensor when the output length is 0)"})

    conv_err("reflect_padding_eq_length", 1, 1, 3, 5, 1, 5, 1, "reflect")
    conv_err("reflect_padding_gt_length", 1, 1, 3, 3, 1, 5, 1, "reflect")
    conv_err("reflect_length1_padding1", 1, 1, 3, 1, 1, 1, 1, "reflect")
    conv_err("reflect_same_both_pads_too_big", 1, 1, 7, 3, 1, "same", 1, "reflect")
    conv_err("reflect_same_right_pad_too_big", 1, 1, 4, 2, 1, "same", 1, "reflect")
    conv_err("circular_padding_gt_length", 1, 1, 3, 2, 1, 3, 1, "circular")
    conv_err("circular_same_pad_gt_length", 1, 1, 7, 2, 1, "same", 1, "circular")
    conv_err("same_stride2", 1, 1, 3, 10, 2, "same", 1, "zeros")
    conv_err("same_stride3_reflect", 2, 2, 3, 10, 3, "same", 1, "reflect")
    conv_err("kernel_gt_input_zeros", 1, 1, 5, 3, 1, 0, 1, "zeros")
    conv_err("kernel_gt_padded_input_zeros", 1, 1, 7, 1, 1, 2, 1, "zeros")
    conv_err("dilated_kernel_gt_input", 1, 1, 3, 5, 1, 0, 3, "zeros")
    conv_err("kernel_gt_padded_input_replicate", 1, 1, 7, 2, 1, 1, 1, "replicate")
    conv_err("kernel_gt_padded_input_circular", 1, 1, 7, 2, 1, 2, 1, "circular")
    conv_err("valid_kernel_gt_input", 2, 1, 4, 3, 1, "valid", 1, "zeros")
    conv_err("kernel_size_0", 1, 1, 0, 5, 1, 0, 1, "zeros")
    conv_err("stride_0", 1, 1, 3, 5, 0, 0, 1, "zeros")
    conv_err("stride_negative", 1, 1, 3, 5, -1, 0, 1, "zeros")
    conv_err("padding_negative", 1, 1, 3, 5, 1, -1, 1, "zeros")
    conv_err("dilation_0", 1, 1, 3, 5, 1, 0, 0, "zeros")
    conv_err("padding_string_unknown", 1, 1, 3, 5, 1, "full", 1, "zeros")
    conv_err("padding_mode_unknown", 1, 1, 3, 5, 1, 1, 1, "mirror")
    conv_err("input_length_0", 1, 1, 1, 0, 1, 0, 1, "zeros")
    conv_err("input_length_0_replicate", 1, 1, 1, 0, 1, 1, 1, "replicate")
    conv_err("input_channels_mismatch", 1, 1, 3, 5, 1, 0, 1, "zeros", xChannels=2)

    pool_err("padding_gt_half_kernel_k3_p2", 1, 5, 3, 1, 2, 1, False)
    pool_err("padding_gt_half_kernel_k1_p1", 1, 5, 1, 1, 1, 1, False)
    pool_err("padding_gt_half_kernel_k4_p3", 1, 8, 4, 4, 3, 1, False)
    pool_err("output_too_small_k5_n2", 1, 2, 5, 5, 0, 1, False)
    pool_err("output_too_small_dilated", 1, 5, 3, 1, 0, 3, False)
    pool_err("output_too_small_ceil", 2, 3, 5, 2, 0, 1, True)
    pool_err("output_zero_k2_d3_p1_n1", 1, 1, 2, 1, 1, 3, False)
    pool_err("kernel_size_0", 1, 5, 0, 1, 0, 1, False)
    pool_err("stride_0", 1, 5, 2, 0, 0, 1, False)
    pool_err("dilation_0", 1, 5, 2, 1, 0, 0, False)
    pool_err("padding_negative", 1, 5, 3, 1, -1, 1, False)
    pool_err("input_length_0", 1, 0, 1, 1, 0, 1, False)
    return out


# ----------------------------------------------------------------------------- layers for 1-D CNNs
# Each op below draws from its own seeded generators, so adding cases to one file leaves the others unchanged.

def seeded(offset):
    torch.manual_seed(SEED + offset)
    return random.Random(SEED + offset)


def conv_groups_cases():
    """torch.nn.Conv1d(groups=G): weights [out, in/G, k]; G = 1, 2 and in (depthwise)."""
    r = seeded(101)
    cases = []

    def add(name, cin, cout, groups, k, n, s, p, d, mode, bias):
        assert conv_ok(cin, cout, k, n, s, p, d, mode), name
        m = nn.Conv1d(cin, cout, k, stride=s, padding=p, dilation=d, groups=groups, bias=bias,
                      padding_mode=mode, dtype=torch.float64)
        x = randn32(cin * n)
        w = randn32(cout * (cin // groups) * k)
        b = randn32(cout) if bias else None
        with torch.no_grad():
            m.weight.copy_(w.view(cout, cin // groups, k))
            if bias:
                m.bias.copy_(b)
        xt = x.clone().view(1, cin, n).requires_grad_(True)
        y = m(xt)
        L = y.shape[-1]
        assert L == conv_out_len(n, k, s, p, d), name
        g = randn32(cout * L)
        (y * g.view(1, cout, L)).sum().backward()
        pl, pr = conv_pads(k, p, d)
        cases.append({
            "name": name, "inChannels": cin, "outChannels": cout, "groups": groups, "kernelSize": k,
            "inputLength": n, "stride": s, "padding": p, "dilation": d, "paddingMode": mode, "bias": bias,
            "padLeft": pl, "padRight": pr,
            "x": flat(x), "w": flat(w), "b": flat(b) if bias else None,
            "gradOut": flat(g), "outLength": L,
            "y": flat(y), "dx": flat(xt.grad), "dw": flat(m.weight.grad),
            "db": flat(m.bias.grad) if bias else None,
        })

    # (in, out, groups): ordinary, grouped, depthwise, depthwise with a channel multiplier
    shapes = [(2, 2, 1), (2, 4, 2), (4, 4, 2), (4, 2, 2), (6, 3, 3), (3, 3, 3), (3, 6, 3), (4, 8, 4), (1, 3, 1),
              (8, 8, 8), (6, 4, 2)]
    for cin, cout, groups in shapes:
        # stride 1 (the vectorised kernels) and stride 2 (the general ones), every padding mode
        for s in (1, 2):
            for _ in range(2):
                for _attempt in range(1000):
                    k, d = r.randint(1, 5), r.randint(1, 2)
                    p = r.choice([0, 1, 2, "same", "valid"]) if s == 1 else r.choice([0, 1, 2, "valid"])
                    mode, n = r.choice(MODES), r.randint(1, 24)
                    if conv_ok(cin, cout, k, n, s, p, d, mode):
                        break
                add(f"g{groups}_{cin}x{cout}_k{k}_s{s}_d{d}_p{p}_{mode}_n{n}", cin, cout, groups, k, n, s, p, d,
                    mode, r.random() < 0.6)
    # long enough for the 16-wide blocks of the stride-1 kernels
    add("depthwise_4_k5_same_n40", 4, 4, 4, 5, 40, 1, "same", 1, "zeros", True)
    add("depthwise_mult2_3x6_k3_d2_n37_reflect", 3, 6, 3, 3, 37, 1, 2, 2, "reflect", False)
    add("grouped_4x8_g2_k7_n45_circular", 4, 8, 2, 7, 45, 1, 3, 1, "circular", True)
    add("grouped_6x6_g3_k4_s3_n40_replicate", 6, 6, 3, 4, 40, 3, 2, 1, "replicate", True)
    return cases


def avgpool_reference(x, n, k, s, p, ceil, include_pad, L):
    """Our own statement of torch 1.13's avg_pool1d (aten/src/ATen/native/cpu/AvgPoolKernel.cpp): window
    t covers start = t*s - p … start + k - 1; its divisor with count_include_pad is min(start + k, n + p) - start
    (the window clipped at the end of the right padding: a ceil-mode window hanging past it counts only
    what it covers), without count_include_pad the number of in-bounds samples."""
    out = []
    for t in range(L):
        start = t * s - p
        end = min(start + k, n + p)
        pool = end - start
        lo, hi = max(start, 0), min(end, n)
        assert lo < hi, "a window with no sample of the input"
        total = sum(x[lo:hi])
        out.append(total / (pool if include_pad else hi - lo))
    return out


def avgpool_cases():
    r = seeded(102)
    cases = []
    names = set()

    def add(name, c, n, k, s, p, ceil, include_pad, x=None, default_stride=False):
        assert name not in names, name
        names.add(name)
        L = pool_out_len(n, k, s, p, 1, ceil)
        x = randn32(c * n) if x is None else x
        xt = x.clone().view(1, c, n).requires_grad_(True)
        y = F.avg_pool1d(xt, k, None if default_stride else s, p, ceil, include_pad)
        assert y.shape == (1, c, L), (name, y.shape, L)
        g = randn32(c * L)
        (y * g.view(1, c, L)).sum().backward()
        xs, ys = x.view(c, n).tolist(), y.view(c, L).tolist()
        for ch in range(c):
            ref = avgpool_reference(xs[ch], n, k, s, p, ceil, include_pad, L)
            same = [(math.isnan(a) and math.isnan(b)) or a == b or abs(a - b) <= 1e-12 * max(1.0, abs(b))
                    for a, b in zip(ref, ys[ch])]
            assert all(same), (name, ref, ys[ch])
        case = {"name": name, "channels": c, "inputLength": n, "kernelSize": k, "stride": s, "padding": p,
                "ceilMode": ceil, "countIncludePad": include_pad,
                "x": flat(x), "gradOut": flat(g), "outLength": L, "y": flat(y), "dx": flat(xt.grad)}
        if default_stride:
            case["strideDefaulted"] = True
        cases.append(case)

    def fits(n, k, s, p):
        return 0 <= p <= k // 2 and pool_out_len(n, k, s, p, 1, False) >= 1

    # every kernel x stride x legal padding x ceil x countIncludePad
    for k in range(1, 6):
        for s in sorted({1, 2, 3, k}):
            for p in range(0, k // 2 + 1):
                for ceil in (False, True):
                    for inc in (True, False):
                        for _ in range(100):
                            n = r.randint(1, 14)
                            if fits(n, k, s, p):
                                break
                        add(f"k{k}_s{s}_p{p}_{'ceil' if ceil else 'floor'}_{'incl' if inc else 'excl'}_n{n}",
                            r.randint(1, 2), n, k, s, p, ceil, inc)
    # ceil mode: a last window hanging past the end of the padded input (its divisor is clipped) ...
    add("ceil_hang_k3_s2_p1_n5_incl", 1, 5, 3, 2, 1, True, True, x=from_list32([0, 1, 2, 3, 4]))
    add("ceil_hang_k3_s2_p1_n5_excl", 1, 5, 3, 2, 1, True, False, x=from_list32([0, 1, 2, 3, 4]))
    add("ceil_hang_k4_s3_p0_n5_incl", 2, 5, 4, 3, 0, True, True)
    add("ceil_hang_k5_s4_p2_n6_incl", 1, 6, 5, 4, 2, True, True)
    add("ceil_hang_k5_s4_p2_n6_excl", 1, 6, 5, 4, 2, True, False)
    # ... and a last window that would start in the right padding (dropped)
    add("ceil_drop_k2_s2_p1_n5_incl", 1, 5, 2, 2, 1, True, True, x=from_list32([0, 1, 2, 3, 4]))
    add("ceil_drop_k4_s3_p2_n4_excl", 2, 4, 4, 3, 2, True, False)
    # windows that are mostly padding (one sample of the input); a window of padding only cannot occur
    # (padding ≤ kernelSize/2 and ceil mode drops windows that start in the right padding)
    add("mostly_pad_k4_p2_n1_incl", 1, 1, 4, 1, 2, False, True, x=from_list32([8]))
    add("mostly_pad_k4_p2_n1_excl", 1, 1, 4, 1, 2, False, False, x=from_list32([8]))
    add("mostly_pad_k4_p2_n1_ceil_incl", 1, 1, 4, 3, 2, True, True, x=from_list32([8]))
    add("mostly_pad_k5_s5_p2_n3_ceil_excl", 2, 3, 5, 5, 2, True, False)
    # stride defaulted to kernelSize (torch: stride=None)
    add("default_stride_k3_n10", 2, 10, 3, 3, 0, False, True, default_stride=True)
    add("default_stride_k2_p1_n7_ceil", 1, 7, 2, 2, 1, True, False, default_stride=True)
    # non-finite data propagates to its windows only
    nan, inf = float("nan"), float("inf")
    add("nonfinite", 1, 8, 2, 2, 1, True, True, x=from_list32([1, nan, 2, 3, inf, 4, -inf, 5]))
    # long, overlapping windows
    add("long_k5_s1_p2_n40", 3, 40, 5, 1, 2, False, False)
    add("long_k4_s3_p2_n41_ceil", 2, 41, 4, 3, 2, True, True)
    return cases


def globalpool_cases():
    """AdaptiveMaxPool1d(1) / AdaptiveAvgPool1d(1): one value per channel."""
    seeded(103)
    cases = []
    nan, inf = float("nan"), float("inf")

    def add(name, op, c, n, x=None):
        x = randn32(c * n) if x is None else x
        xt = x.clone().view(1, c, n).requires_grad_(True)
        if op == "max":
            y, idx = F.adaptive_max_pool1d(xt, 1, return_indices=True)
            indices = [int(v) for v in idx.reshape(-1).tolist()]
        else:
            y, indices = F.adaptive_avg_pool1d(xt, 1), None
        g = randn32(c)
        (y * g.view(1, c, 1)).sum().backward()
        case = {"name": name, "op": op, "channels": c, "inputLength": n, "x": flat(x), "gradOut": flat(g),
                "y": flat(y), "dx": flat(xt.grad)}
        if op == "max":
            case["indices"] = indices
        cases.append(case)

    for op in ("max", "avg"):
        for c, n in [(1, 1), (1, 7), (2, 5), (3, 16), (4, 33), (8, 3)]:
            add(f"{op}_c{c}_n{n}", op, c, n)
        add(f"{op}_ties", op, 2, 6, x=from_list32([1, 3, 2, 3, 3, 0] + [5, 5, 5, 5, 5, 5]))
        add(f"{op}_nan_one", op, 1, 5, x=from_list32([1, 2, nan, 9, 0]))
        add(f"{op}_nan_two", op, 1, 6, x=from_list32([1, nan, 2, nan, 9, 0]))
        add(f"{op}_neginf_all", op, 1, 4, x=from_list32([-inf] * 4))
        add(f"{op}_inf", op, 2, 3, x=from_list32([1, inf, 2, -inf, 0, -1]))
        add(f"{op}_neg_zero", op, 1, 3, x=from_list32([-0.0, 0.0, -0.0]))
    return cases


def linear_cases():
    """nn.Flatten then nn.Linear(C*L, out): x [C, L] read channel-major."""
    r = seeded(104)
    cases = []

    def add(name, c, n, out, bias, x=None):
        m = nn.Linear(c * n, out, bias=bias, dtype=torch.float64)
        x = randn32(c * n) if x is None else x
        w = randn32(out * c * n)
        b = randn32(out) if bias else None
        with torch.no_grad():
            m.weight.copy_(w.view(out, c * n))
            if bias:
                m.bias.copy_(b)
        xt = x.clone().view(1, c, n).requires_grad_(True)
        y = m(torch.flatten(xt, 1))
        g = randn32(out)
        (y * g.view(1, out)).sum().backward()
        cases.append({"name": name, "channels": c, "inputLength": n, "inFeatures": c * n, "outFeatures": out,
                      "bias": bias, "x": flat(x), "w": flat(w), "b": flat(b) if bias else None,
                      "gradOut": flat(g), "y": flat(y), "dx": flat(xt.grad), "dw": flat(m.weight.grad),
                      "db": flat(m.bias.grad) if bias else None})

    for c, n, out in [(1, 1, 1), (1, 5, 3), (2, 4, 2), (3, 7, 5), (4, 1, 4), (2, 16, 10), (8, 9, 3), (1, 64, 1)]:
        for bias in (True, False):
            add(f"c{c}_n{n}_out{out}{'_b' if bias else ''}", c, n, out, bias)
    nan, inf = float("nan"), float("inf")
    add("nonfinite_input", 1, 4, 2, True, x=from_list32([1, nan, 2, inf]))
    while len(cases) < 24:
        c, n, out = r.randint(1, 4), r.randint(1, 20), r.randint(1, 8)
        add(f"rand_c{c}_n{n}_out{out}", c, n, out, r.random() < 0.6)
    return cases


def crossentropy_cases():
    """torch.nn.CrossEntropyLoss() (mean over the batch) on logits [count, classes]; dLogits = d loss / d logits;
    accuracy = mean of argmax(logits) == target, torch.argmax's first maximum winning (NaN counts as the maximum)."""
    r = seeded(105)
    cases = []
    nan, inf = float("nan"), float("inf")

    def add(name, count, classes, logits=None, target=None, scale=1.0):
        logits = randn32(count * classes) * scale if logits is None else logits
        logits = logits.to(torch.float32).to(torch.float64)  # the values a float32 caller can pass
        target = [r.randrange(classes) for _ in range(count)] if target is None else target
        lt = logits.clone().view(count, classes).requires_grad_(True)
        loss = nn.CrossEntropyLoss()(lt, torch.tensor(target, dtype=torch.long))
        loss.backward()
        predicted = lt.detach().argmax(1)
        accuracy = float((predicted == torch.tensor(target)).double().mean())
        cases.append({"name": name, "count": count, "classes": classes, "logits": flat(logits),
                      "target": target, "loss": enc(float(loss)), "dLogits": flat(lt.grad),
                      "accuracy": accuracy, "predicted": [int(v) for v in predicted.tolist()]})

    for count, classes in [(1, 1), (1, 2), (1, 3), (2, 3), (4, 4), (5, 10), (8, 3), (3, 7), (16, 5)]:
        add(f"n{count}_k{classes}", count, classes)
        add(f"n{count}_k{classes}_x10", count, classes, scale=10.0)
    # large logits: log-sum-exp must not overflow (±1e4; e^1e4 is far beyond float64)
    add("large_1e4", 3, 3, logits=from_list32([1e4, -1e4, 0, -1e4, 1e4, 1e4, 5e3, 5e3 + 1, -1e4]), target=[1, 2, 0])
    add("large_all_1e4", 2, 4, logits=from_list32([1e4] * 8), target=[0, 3])
    add("large_neg_1e4", 2, 2, logits=from_list32([-1e4, -1e4 + 2, -1e4, -1e4]), target=[0, 1])
    # ties in the arg-max: the first maximum is the prediction
    add("argmax_ties", 4, 3, logits=from_list32([2, 2, 1, 0, 3, 3, 1, 1, 1, 5, 0, 5]), target=[1, 1, 0, 0])
    # a −∞ logit of another class is harmless; NaN anywhere gives NaN
    add("neginf_other_class", 2, 3, logits=from_list32([0, -inf, 1, 2, 2, -inf]), target=[0, 1])
    add("nan_logit", 2, 3, logits=from_list32([0, nan, 1, 2, 2, 0]), target=[0, 1])
    add("perfect", 3, 3, logits=from_list32([30, 0, 0, 0, 30, 0, 0, 0, 30]), target=[0, 1, 2])
    # +∞ or all −∞ in a row: NaN for that row (as torch); ±1e38 (near float32's limit) stays finite
    add("posinf_logit", 2, 3, logits=from_list32([inf, 0, 1, 0, 1, 2]), target=[1, 2])
    add("all_neginf_row", 2, 3, logits=from_list32([-inf, -inf, -inf, 0, 1, 2]), target=[0, 0])
    add("huge_1e38", 1, 3, logits=from_list32([1e38, -1e38, 0]), target=[1])
    return cases


def new_error_cases():
    """Invalid configurations of the ops above, with PyTorch's own message for each."""
    out = []

    def conv_groups_err(name, cin, cout, groups):
        try:
            nn.Conv1d(cin, cout, 3, groups=groups)
        except ValueError as e:
            out.append({"op": "conv1d", "name": name, "inChannels": cin, "outChannels": cout, "kernelSize": 3,
                        "inputLength": 8, "stride": 1, "padding": 0, "dilation": 1, "paddingMode": "zeros",
                        "bias": False, "groups": groups, "torchErrorType": type(e).__name__,
                        "torchStage": "constructor", "torchError": str(e)})
            return
        raise AssertionError(f"error case {name} did not raise")

    def avg_err(name, c, n, k, s, p, ceil):
        try:
            F.avg_pool1d(torch.zeros(1, c, n, dtype=torch.float64), k, s, p, ceil, True)
        except RuntimeError as e:
            out.append({"op": "avgpool1d", "name": name, "channels": c, "inputLength": n, "kernelSize": k,
                        "stride": s, "padding": p, "ceilMode": ceil, "countIncludePad": True,
                        "torchErrorType": type(e).__name__, "torchError": str(e)})
            return
        raise AssertionError(f"error case {name} did not raise")

    def ce_err(name, count, classes, target):
        try:
            nn.CrossEntropyLoss()(torch.zeros(count, classes, dtype=torch.float64),
                                  torch.tensor(target, dtype=torch.long))
        except (IndexError, RuntimeError) as e:
            out.append({"op": "crossentropy", "name": name, "count": count, "classes": classes,
                        "target": target, "torchErrorType": type(e).__name__, "torchError": str(e)})
            return
        raise AssertionError(f"error case {name} did not raise")

    conv_groups_err("groups_not_dividing_out", 4, 3, 2)
    conv_groups_err("groups_not_dividing_in", 3, 4, 2)
    conv_groups_err("groups_0", 4, 4, 0)
    conv_groups_err("groups_gt_in", 2, 4, 4)
    avg_err("avg_padding_gt_half_kernel_k3_p2", 1, 5, 3, 1, 2, False)
    avg_err("avg_padding_gt_half_kernel_k1_p1", 1, 5, 1, 1, 1, False)
    avg_err("avg_output_too_small_k7_n5", 1, 5, 7, 1, 0, False)
    avg_err("avg_output_too_small_ceil", 2, 3, 5, 2, 0, True)
    avg_err("avg_kernel_size_0", 1, 5, 0, 1, 0, False)
    avg_err("avg_stride_0", 1, 5, 2, 0, 0, False)
    avg_err("avg_padding_negative", 1, 5, 3, 1, -1, False)
    ce_err("ce_target_out_of_range", 2, 3, [0, 3])
    ce_err("ce_target_negative", 2, 3, [0, -1])
    return out


# ----------------------------------------------------------------------------- main

def main():
    import warnings
    warnings.filterwarnings("ignore", message="Initializing zero-element tensors is a no-op")

    conv = conv_cases()
    pool, skipped = pool_cases()
    errs = error_cases()
    # the ops of 1-D CNN classifiers, after the files above so their random streams stay as they were
    files = {
        "conv1d_groups.json": conv_groups_cases(),
        "avgpool1d.json": avgpool_cases(),
        "globalpool1d.json": globalpool_cases(),
        "linear.json": linear_cases(),
        "crossentropy.json": crossentropy_cases(),
    }
    errs += new_error_cases()

    write_cases(os.path.join(HERE, "conv1d.json"), conv)
    write_cases(os.path.join(HERE, "maxpool1d.json"), pool)
    write_cases(os.path.join(HERE, "errors.json"), errs)
    for fn, cases in files.items():
        write_cases(os.path.join(HERE, fn), cases)

    # Training trajectories: their own random streams, so the files above stay byte-identical.
    sys.path.insert(0, HERE)
    import training
    torch.manual_seed(SEED + 13)
    training_rng = torch.Generator().manual_seed(SEED + 13)
    rand = lambda n: torch.rand(n, generator=training_rng, dtype=torch.float32).to(torch.float64)
    train_cases = training.training_cases(flat, rand)
    write_cases(os.path.join(HERE, "training.json"), train_cases, {"training": training.__doc__.strip()})
    write_cases(os.path.join(HERE, "optimizer_errors.json"), training.optimizer_error_cases())

    # Classifier trajectories (crossentropy, the model's avgpool1d/globalpool/linear layers): their own stream too.
    import classifier
    classifier_rng = torch.Generator().manual_seed(SEED + 14)
    rand14 = lambda n: torch.rand(n, generator=classifier_rng, dtype=torch.float32).to(torch.float64)
    torch.manual_seed(SEED + 14)
    classifier_cases = classifier.classifier_cases(flat, rand14)
    write_cases(os.path.join(HERE, "classifier.json"), classifier_cases, {"classifier": classifier.__doc__.strip()})

    # The optimizers' own arithmetic in float32, on given gradients: a stream of its own as well.
    import optimizer_float32
    optimizer_rng = torch.Generator().manual_seed(SEED + 15)
    rand15 = lambda n: torch.rand(n, generator=optimizer_rng, dtype=torch.float32).to(torch.float64)
    optimizer_cases = optimizer_float32.optimizer_float32_cases(rand15)
    write_cases(os.path.join(HERE, "optimizer_float32.json"), optimizer_cases,
                {"optimizerFloat32": optimizer_float32.__doc__.strip()})

    # verify: files load, counts, sizes, round-trip of every float
    counts = [("conv1d.json", len(conv)), ("maxpool1d.json", len(pool)), ("errors.json", len(errs)),
              ("training.json", len(train_cases)), ("classifier.json", len(classifier_cases)),
              ("optimizer_float32.json", len(optimizer_cases))]
    for fn, n in counts + [(fn, len(cases)) for fn, cases in files.items()]:
        path = os.path.join(HERE, fn)
        with open(path) as f:
            data = json.load(f)
        assert len(data["cases"]) == n
        print(f"{fn}: {n} cases, {os.path.getsize(path)} bytes")
    print(f"torch {torch.__version__}; skipped {len(skipped)} random maxpool configs with an all-padding window")


if __name__ == "__main__":
    main()
