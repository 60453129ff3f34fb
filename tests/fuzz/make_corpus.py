#!/usr/bin/env python3
"""Writes the seed corpus of tests/fuzz/fuzz_core.cpp into tests/fuzz/corpus/ (run: python3 tests/fuzz/make_corpus.py).

Each file is a small byte string in the target's layout: [op] then fields. Op: 0 conv1d, 1 maxpool1d, 2 model,
4 generate_signal, 5 the rule helpers, 6 conv1d with groups, 7 avg-pool / global pool / linear /
cross-entropy. A size byte below 208 means byte % 16; 208 + i picks special value i
(208 = -1, 212 = cap + 1, 213 = the cap, 215 = 2^40, …). A data byte b means (b - 128) / 32, except b % 32 in
0…7: NaN, +inf, -inf, FLT_MAX, -FLT_MAX, the smallest denormal, -0, 1e20. Deterministic: same files every run.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, 'corpus')

NAN, INF, NINF, FMAX = 32, 33, 34, 35   # data bytes with b % 32 = 0, 1, 2, 3
ZEROS, REFLECT, REPLICATE, CIRCULAR = 0, 1, 2, 3
SAME, VALID, EXPLICIT = 0, 1, 2
MINUS1, CAP_PLUS_1, CAP, HUGE = 208, 212, 213, 215


def data(rng, n, special=False):
    out = []
    for _ in range(n):
        if special and rng.random() < 0.2:
            out.append(rng.choice([NAN, INF, NINF, FMAX]))
        else:
            out.append(rng.randrange(72, 184) | 8)  # |8 keeps b % 32 out of the special range 0…7
    return out


def conv(in_ch, out_ch, k, stride, kind, pad, dil, mode, bias, length):
    return [0, in_ch, out_ch, k, stride, kind, pad, dil, mode, int(bias), length]


def pool(ch, k, stride, pad, dil, ceil, length):
    head = [1, ch, k] + ([1] if stride is None else [0, stride])
    return head + [pad, dil, int(ceil), length]


def conv_layer(out_ch, k, stride, kind, pad, dil, mode, bias):
    return [0, 0, out_ch, k, stride, kind, pad, dil, mode, int(bias)]  # in_channels byte ignored by the model


def pool_layer(k, stride, pad, dil, ceil):
    return [1, 0, k] + ([1] if stride is None else [0, stride]) + [pad, dil, int(ceil)]


def act_layer(fn):
    return [2, fn]


def model(length, ch, layers, loss=0, seed=7):
    out = [2, length, ch, len(layers)]
    for layer in layers:
        out += layer
    return out + [loss, seed]


def main():
    rng = random.Random(1337)
    seeds = {}
    # conv1d: every padding mode and kind, strides, dilations, and the error paths.
    for mode in (ZEROS, REFLECT, REPLICATE, CIRCULAR):
        for kind, pad in ((SAME, 0), (VALID, 0), (EXPLICIT, 2), (EXPLICIT, 7)):
            body = conv(2, 3, 3, 1, kind, pad, 2, mode, mode % 2 == 0, 7)
            seeds[f'conv_m{mode}_k{kind}_p{pad}'] = body + [mode % 2] + data(rng, 40, special=mode == 3) + [1]
    seeds['conv_stride3'] = conv(1, 1, 4, 3, EXPLICIT, 1, 1, ZEROS, True, 13) + [0] + data(rng, 20) + [1]
    seeds['conv_same_stride2'] = conv(1, 1, 3, 2, SAME, 0, 1, ZEROS, False, 9)
    seeds['conv_kernel_too_big'] = conv(1, 1, 15, 1, VALID, 0, 3, ZEROS, False, 5)
    seeds['conv_channels_cap'] = conv(CAP_PLUS_1, 1, 3, 1, VALID, 0, 1, ZEROS, False, 5)
    seeds['conv_huge_dilation'] = conv(1, 1, 2, 1, EXPLICIT, 0, HUGE, ZEROS, False, 5)
    seeds['conv_negative_padding'] = conv(1, 1, 2, 1, EXPLICIT, MINUS1, 1, ZEROS, False, 5)
    seeds['conv_cap_stride'] = conv(1, 1, 2, CAP, EXPLICIT, 0, 1, ZEROS, True, 9) + [0] + data(rng, 12) + [1]
    seeds['conv_bad_mode'] = conv(1, 1, 2, 1, EXPLICIT, 0, 1, 245, True, 9)
    # max-pool: padding, dilation, ceil mode, windows with no in-bounds tap, NaN data.
    for k, stride, pad, dil, ceil, length in ((2, None, 0, 1, False, 9), (3, 2, 1, 1, True, 10), (2, 1, 1, 2, False, 1),
                                             (2, 3, 1, 2, True, 2), (5, 2, 2, 3, True, 11), (4, 1, 2, 1, False, 3),
                                             (2, 2, 1, 3, True, 2), (3, 3, 1, 4, True, 5)):
        name = f'pool_k{k}_s{stride}_p{pad}_d{dil}_c{int(ceil)}_n{length}'
        seeds[name] = pool(2, k, stride, pad, dil, ceil, length) + [length % 2] + data(rng, 30, special=True) + [1]
    seeds['pool_padding_too_big'] = pool(1, 2, None, 2, 1, False, 5)
    seeds['pool_stride0'] = pool(1, 2, 0, 0, 1, False, 5)
    # models: small stacks of every layer type, both losses, divergent learning rates, NaN data.
    stacks = [
        [conv_layer(1, 5, 1, SAME, 0, 1, ZEROS, True)],
        [conv_layer(2, 3, 1, EXPLICIT, 1, 1, REFLECT, True), act_layer(1), pool_layer(2, None, 0, 1, False)],
        [conv_layer(2, 3, 2, EXPLICIT, 1, 2, CIRCULAR, False), act_layer(2), conv_layer(1, 2, 1, VALID, 0, 1, ZEROS, True)],
        [act_layer(3), pool_layer(3, 1, 1, 1, True), conv_layer(1, 1, 1, VALID, 0, 1, REPLICATE, True)],
        [pool_layer(2, 1, 1, 2, False), act_layer(0)],
    ]
    for i, layers in enumerate(stacks):
        for loss in (0, 1):
            tail = [2, 3, 3, 4, 1, 5, 4, 0]  # rounds, then (steps, rate index, new-data flag) …
            seeds[f'model_{i}_loss{loss}'] = model(12, 2, layers, loss) + data(rng, 60, special=loss == 1) + tail
    seeds['model_too_many_layers'] = model(8, 1, [act_layer(0)] * 17)
    seeds['model_empty_output'] = model(3, 1, [conv_layer(1, 9, 1, VALID, 0, 1, ZEROS, True)])
    seeds['model_nan_lr'] = model(6, 1, [conv_layer(1, 3, 1, SAME, 0, 1, ZEROS, True)]) + data(rng, 12) + [2, 3, 8, 0, 3, 9, 1]
    seeds['model_divergent'] = model(6, 1, [conv_layer(1, 3, 1, SAME, 0, 1, ZEROS, True)]) + data(rng, 12) + [2, 5, 5, 0, 5, 7, 0]
    seeds['model_no_layers'] = model(5, 1, []) + data(rng, 10) + [0, 1, 1, 0, 1]
    # generate_signal: every kind, bad lengths and cycles.
    for kind in range(10):
        seeds[f'signal_{kind}'] = [4, kind, 10 + kind, kind % 10, kind]
    seeds['signal_bad_length'] = [4, 0, CAP_PLUS_1, 1, 0]
    seeds['signal_nan_cycles'] = [4, 0, 5, 8, 0]
    seeds['signal_bad_name'] = [4, 241, 5, 1, 0]
    seeds['rules_overflow'] = [5, HUGE, HUGE, 3]
    # op 6, conv1d with groups (read after the bias flag): grouped, depthwise, not dividing.
    for name, in_ch, out_ch, groups in (('grouped', 4, 6, 2), ('depthwise', 3, 3, 3), ('multiplier', 2, 6, 2),
                                        ('bad_groups', 4, 6, 4), ('zero_groups', 2, 2, 0)):
        head = [6, in_ch, out_ch, 3, 1, EXPLICIT, 1, 1, ZEROS, 1, groups, 12, 0]
        seeds[f'conv_groups_{name}'] = head + data(rng, 60, special=groups == 3) + [1]
    # op 7: avg-pool (stride flag, padding, ceil mode, countIncludePad), global pool, linear, cross-entropy.
    for k, stride, pad, ceil, include in ((3, 2, 1, 1, 1), (4, 3, 0, 1, 1), (5, 4, 2, 1, 0), (2, None, 1, 0, 0)):
        head = [7, 0, 2, k] + ([1] if stride is None else [0, stride]) + [pad, ceil, include, 9, 0]
        seeds[f'avgpool_k{k}_s{stride}_p{pad}_c{ceil}_i{include}'] = head + data(rng, 30, special=True)
    seeds['avgpool_padding_too_big'] = [7, 0, 1, 2, 1, 2, 0, 1, 5]
    seeds['globalpool_max'] = [7, 1, 2, 7, 1] + data(rng, 16, special=True)
    seeds['globalpool_avg'] = [7, 1, 3, 5, 0] + data(rng, 18)
    seeds['linear'] = [7, 2, 12, 3, 1, 0] + data(rng, 60) + [1]
    seeds['linear_too_many_outputs'] = [7, 2, 4, CAP_PLUS_1, 1]
    seeds['crossentropy'] = [7, 3, 3, 4] + data(rng, 12, special=True) + [1, 2, 1, 0, 1, 3]
    seeds['crossentropy_bad_target'] = [7, 3, 2, 3] + data(rng, 6) + [1, 1, 0, 150]

    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.remove(os.path.join(OUT, old))
    for name, body in sorted(seeds.items()):
        with open(os.path.join(OUT, name), 'wb') as f:
            f.write(bytes(b & 0xFF for b in body))
    print(f'wrote {len(seeds)} seed inputs to {os.path.relpath(OUT)}')


if __name__ == '__main__':
    main()
