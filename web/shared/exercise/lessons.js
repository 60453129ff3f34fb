// The lessons as exercises: each is { id, experiment, exercise } — the experiment in the page's schema
// (web/shared/experiment.js) and an exercise (model.js) whose goals the page checks from the core. Typed answers are
// computed by the page from the network, so none is written here; choice answers are salted hashes only.
// Wrong answers worth naming are hints that start "A common mistake is …", with the reason it is wrong.

import { conv, pool, act, lessonExperiment as experiment } from '../lesson-experiment.js';

/**
 * What a loss goal measures besides the network and the signals: the data set and the training options (the page's
 * 'dataset' group holds the optimizer, batch, shuffle and weight decay too; η stays free where the task is to pick it).
 */
const MEASURED_LOCKS = ['dataset'];

/** The hidden kernel of the "recover the hidden kernel" exercise (the target is made with it; the learner trains). */
export const HIDDEN_KERNEL = [0.3, -0.6, 0.2, 0.5, -0.1];

export const LESSON_EXERCISES = [
  {
    id: '1a',
    experiment: experiment({
      layers: [conv({ kernelSize: 3, padding: 0 })], input: { preset: 'sine', cycles: 2, seed: 0 },
      target: { preset: 'filtered', kernel: [0.25, 0.5, 0.25] }, learningRate: 0.02,
    }),
    exercise: {
      title: 'Conv forward: the same length',
      task: 'The input $x_{in}$ has $N = 24$ samples and the kernel $W$ has $K = 3$ taps. Make the output as long as the '
        + 'input, then compute outputs of the layer by hand from the forward equation and type them.',
      goals: [
        {
          type: 'setting', layer: 0, quantity: 'outLength', equals: 24, keep: { kernelSize: 3 },
          text: 'Choose the padding that gives the conv layer an output of length N = 24',
          hints: ['A window of K taps fits N − K + 1 times into N samples; padding adds samples at both ends.'],
        },
        {
          type: 'answer', quantity: 'y', layer: 0, channel: 0, index: 0, hidePlot: true,
          hints: ['x_out[t] = b + Σ_k W[k]·x_pad[t + k]: hover W and b to read them, and x_in for the samples.',
            'At t = 0 the window starts in the padding: with zeros padding, x_pad[0] = 0.'],
        },
        {
          type: 'answer', quantity: 'y', layer: 0, channel: 0, index: 12, hidePlot: true,
          hints: ['With one sample of padding on the left, x_pad[t + k] = x_in[t + k − 1].'],
        },
        {
          type: 'formula', quantity: 'y', layer: 0,
          text: 'Type the forward equation: y[t] of the conv layer, for every t',
          hints: ['Hover one output y[t]: the highlighted window holds K samples of the padded input, one per tap k, and '
            + 'the bias. Write y[t] as b plus a sum over the taps k = 0 … K−1 (\\sum_{k=0}^{K-1}).',
          'The window of y[t] starts at x_pad[t·s]; tap k sits k·d further on. In the unpadded input that is '
            + 'x[t·s + k·d − p] (x is 0 outside 0 … N−1, as zeros padding), or write xpad[t·s + k·d].',
          'A common mistake is W[K−1−k]: a convolution. PyTorch’s conv1d slides the kernel without flipping it.'],
        },
        {
          type: 'choice', question: 'The sum in the forward equation runs over …',
          options: ['all N input samples', 'the K taps of one window', 'all N output samples'],
          salt: '30364ea88d56b03e7314c7784d082258',
          answerHash: '296f644817de0e2a384248a8d10c61e2728f79a2888a505c883cd7152f898f01',
          hints: ['A common mistake is to write a sum over all N inputs of “conv1D(w, x)”: that is not an equation yet — each '
            + 'output reads one window, and the padding that keeps the length N is missing.'],
        },
      ],
      hints: ['Hover any sample of the page to see its equation with the numbers substituted.'],
      lock: ['signals', 'draw', 'length', 'channels'],
      hide: [],
    },
  },
  {
    id: '1b',
    experiment: experiment({
      layers: [conv({ kernelSize: 3 }), act('tanh')], input: { preset: 'sines', cycles: 2, seed: 3 },
      target: { preset: 'filtered', kernel: [0.5, -0.25, 0.1] }, learningRate: 0.05,
    }),
    exercise: {
      title: 'Conv backward and the update',
      task: 'The loss is $C = \\sum_t (\\hat y_t - y_t)^2$ after a conv layer and $\\tanh$. Compute the conv layer’s gradients at '
        + 'the current weights and type them; then say how one SGD step with learning rate $\\eta$ changes $W$.',
      goals: [
        {
          type: 'answer', quantity: 'dw', layer: 0, channel: 0, inChannel: 0, index: 1, hidePlot: true,
          hints: ['δ = ∂C/∂x_out · g′ = 2(ŷ − y)·(1 − ŷ²) for tanh; then ∂C/∂W[k] = Σ_t δ[t]·x_pad[t + k].',
            'A common mistake is to take ∂C/∂W as a single product: it is a sum over every output position.'],
        },
        {
          type: 'answer', quantity: 'db', layer: 0, channel: 0, hidePlot: true,
          hints: ['∂C/∂b = Σ_t δ[t]: the bias touches every output once.'],
        },
        {
          type: 'answer', quantity: 'dx', layer: 0, channel: 0, index: 5, hidePlot: true,
          hints: ['∂C/∂x_pad[j] = Σ_k δ[j − k]·W[k]: a full correlation of δ with the flipped kernel.',
            'A common mistake is “∂C/∂x_in = ∂C/∂x_out · g′(x_in)”: that is only the activation’s step, not the conv layer’s.'],
        },
        {
          type: 'formula', quantity: 'dx', layer: 0,
          text: 'Type ∂C/∂x_in[i] of the conv layer as a formula, with δ[t] = ∂C/∂x_out[t]',
          hints: ['Hover one input sample x[i] on the ∂C/∂x_in row: the arrows come from every output t whose window '
            + 'read x[i], each through one tap k. Each one sends back W[k]·δ[t].',
          'Output t reads x[i] through tap k exactly when t·s + k·d − p = i. Sum W_k δ_t over t = 0 … M−1 and '
            + 'k = 0 … K−1, keeping those pairs with an Iverson bracket [t s + k d - p = i] (or solve for t when s = 1).',
          'A common mistake is ∂C/∂x_in = ∂C/∂x_out · g′(x_in): that is only the activation’s step. δ here is already '
            + '∂C/∂x_out of the conv layer, after g′.'],
        },
        {
          type: 'formula', quantity: 'dw', layer: 0,
          text: 'Type ∂C/∂W[k] as a formula: the gradient the update W[k] ← W[k] − η·∂C/∂W[k] uses',
          hints: ['Hover W[k]: every output t used W[k] once, multiplying the padded input sample at t·s + k·d.',
            'So ∂C/∂W[k] sums δ[t] times that sample over every output t = 0 … M−1 (\\sum_{t=0}^{M-1}).',
            'A common mistake is a single product δ[k]·x[k]: W[k] is shared by every window, so its gradient is a sum.'],
        },
        {
          type: 'choice', question: 'One SGD step with learning rate η sets W to …',
          options: ['W + η·∂C/∂W', 'W − η·∂C/∂W', 'W − ∂C/∂W / η'],
          salt: '43788dd2790a56c932a5c0dca0f9c113',
          answerHash: '3a8f67eac710a2be541fabf084143d5a507e8b294357227090171cae80f70064',
          hints: ['The gradient points uphill.'],
        },
      ],
      hints: ['Run the gradient check: the core compares these equations with finite differences.'],
      lock: ['network', 'signals', 'draw'],
      hide: [],
    },
  },
  {
    id: '1c',
    experiment: experiment({
      n: 32, layers: [conv({ kernelSize: 5, padding: 0 })], input: { preset: 'sawtooth', cycles: 1.5, seed: 0 },
      target: { preset: 'filtered', kernel: [0.1, 0.2, 0.4, 0.2, 0.1] }, learningRate: 0.01,
    }),
    exercise: {
      title: 'Conv boundaries',
      task: 'A 5-tap kernel on a sawtooth whose two ends differ. Keep the output as long as the input ($N = 32$) with '
        + 'reflect padding, then find where the gradient of the padded cells goes.',
      goals: [
        {
          type: 'setting', layer: 0, quantity: 'outLength', equals: 32, keep: { kernelSize: 5, paddingMode: 'reflect' },
          text: 'Set the conv layer to reflect padding with an output of length N = 32',
          hints: ['K − 1 = 4 padded samples in all, 2 on each side.'],
        },
        {
          type: 'answer', quantity: 'dx', layer: 0, channel: 0, index: 1, hidePlot: true,
          hints: ['With reflect padding of 2, x_pad = [x₂, x₁, x₀, x₁, x₂, …]: x₁ is read twice, so ∂C/∂x_in[1] adds the '
            + 'gradient of its padded copy to its own.'],
        },
        {
          type: 'formula', quantity: 'y', layer: 0,
          text: 'Type y[t] with the reflect rule: a formula right at the edges too',
          hints: ['Compare the edge outputs with zeros padding and with reflect in the boundary lab: only the windows '
            + 'that reach into the padding change.',
          'xpad[j] is the padded input the layer reads, whatever the rule; x[j] is 0 outside 0 … N−1, which is zeros '
            + 'padding only.'],
        },
        {
          type: 'formula', quantity: 'dx', layer: 0,
          text: 'Type ∂C/∂x_in[i] with the reflect rule: where does the gradient of a padded cell go?',
          hints: ['With zeros padding the padded cells are constants and their gradient is dropped: '
            + '∂C/∂x_in[i] = Σ_t Σ_k [t·s + k·d − p = i]·W[k]·δ[t].',
          'With reflect, the padded cell j = t·s + k·d − p < 0 copies x[−j], and one beyond the end (j > N−1) copies '
            + 'x[2(N−1) − j]: its W[k]·δ[t] goes to that sample. Add one Iverson bracket per case.'],
        },
        {
          type: 'choice', question: 'Which padding mode makes the edge outputs read samples from the far end of the signal?',
          options: ['zeros', 'reflect', 'replicate', 'circular'],
          salt: 'b0e6560ea9587541a166a272eb96bfee',
          answerHash: '9f3a3d4b850e8cf6cf109f20bbd3328f8f53bd3ce6fba8decb065003683d32e7',
          hints: ['Open the boundary lab: it shows the same input under every mode.'],
        },
      ],
      hints: [],
      lock: ['signals', 'draw', 'length'],
      hide: [],
    },
  },
  {
    id: '2a',
    experiment: experiment({
      layers: [conv({ kernelSize: 3 }), pool({ kernelSize: 3, stride: 1 })], input: { preset: 'sines', cycles: 3, seed: 2 },
      target: { preset: 'pooled', kernelSize: 3 }, learningRate: 0.02,
    }),
    exercise: {
      title: 'Max-pool, stride 1: forward and backward',
      task: 'A max-pool of $K = 3$ with stride 1 follows a conv layer. Find its output length, an output, and the gradient '
        + 'it sends back to its input.',
      goals: [
        {
          type: 'answer', quantity: 'outputLength', layer: 1,
          hints: ['x_out[t] = max_k x_in[t + k] for t = 0 … N − K.',
            'A common mistake is to use the pool length as the stride: here the stride is 1.'],
        },
        {
          type: 'answer', quantity: 'y', layer: 1, channel: 0, index: 4, hidePlot: true,
          hints: ['The maximum of the pool input at 4, 5 and 6.'],
        },
        {
          type: 'answer', quantity: 'dx', layer: 1, channel: 0, index: 10, hidePlot: true,
          hints: ['Each window sends its gradient to its arg-max only; overlapping windows add.',
            'A common mistake is to multiply a mask by ∂C/∂x_out without adding the windows that share a winner.'],
        },
        {
          type: 'formula', quantity: 'y', layer: 1,
          text: 'Type the max-pool’s forward pass y[t] as a formula',
          hints: ['Hover one pool output: it is the largest of the K samples of its window, t·s + k·d for k = 0 … K−1.',
            'Write it with \\max_{k=0}^{K-1} and the window’s samples (xpad, or x when there is no padding).',
            'A common mistake is a max over the whole signal: each output has its own window.'],
        },
        {
          type: 'formula', quantity: 'dx', layer: 1,
          text: 'Type the max-pool’s backward pass ∂C/∂x_in[i] as a formula',
          hints: ['In code: for each window t, a = argmax of the window; dx[t·s + a·d − p] += δ[t]. Turn the loop into a sum.',
            'Sum δ[t] over t = 0 … M−1, keeping the windows whose winner is i: [i = t s + d·\\arg\\max_{k=0}^{K-1} xpad_{t s + k d} − p].',
            'A common mistake is [x_i = max of the window]: on a tie (a flat stretch after a ReLU) two samples would '
              + 'share one gradient; the first maximum wins alone.'],
        },
        {
          type: 'choice', question: 'Two overlapping windows have their maximum at the same sample. In the backward pass that sample gets …',
          options: ['the larger of the two windows’ gradients', 'the sum of both windows’ gradients', 'their mean', 'only the first window’s gradient'],
          salt: 'bbd29ad32f28ee0bf12a65f7d136a7f9',
          answerHash: '024fec87fe13084dd0143d556c09dc063e15782a04e4652e61d574238bc9ed48',
        },
      ],
      hints: ['Step through one training step: the pool gradients jump to their arg-max.'],
      lock: ['network', 'signals', 'draw'],
      hide: [],
    },
  },
  {
    id: '2b',
    experiment: experiment({
      layers: [conv({ kernelSize: 3 }), pool({ kernelSize: 3, stride: 2, padding: 1, ceilMode: true })],
      input: { preset: 'sines', cycles: 2, seed: 5 }, target: { preset: 'signal', kind: 'sine', cycles: 1, seed: 0 }, learningRate: 0.02,
    }),
    exercise: {
      title: 'Pooling boundaries',
      task: 'The pool has $K = 3$, stride 2, padding 1 and ceil mode. Find its output length, then change one setting so '
        + 'that it has 12 outputs.',
      goals: [
        {
          type: 'answer', quantity: 'outputLength', layer: 1,
          hints: ['⌊(N + 2p − d(K − 1) − 1 + (s − 1))/s⌋ + 1 in ceil mode; a last window that would start in the right padding is dropped.'],
        },
        {
          type: 'setting', layer: 1, quantity: 'outLength', equals: 12, keep: { kernelSize: 3, stride: 2 },
          text: 'Keep K = 3 and stride 2, and give the pool 12 outputs',
          hints: ['Ceil mode keeps a last, partial window; floor mode drops it.'],
        },
        {
          type: 'formula', quantity: 'y', layer: 1,
          text: 'Type the pool’s y[t] as a formula that is right at the padded edges',
          hints: ['The first window starts at −p: it holds one padded cell.',
            'A common mistake is to pad with 0: write the window from xpad, whose padded cells are −∞, or keep it '
              + 'inside 0 … N−1 with the bounds of the max.'],
        },
        {
          type: 'choice', question: 'Max-pooling pads with …',
          options: ['0, like a conv layer', '−∞, so a padded cell never wins a window', 'a copy of the edge sample'],
          salt: 'eab80c68e6cc652ae0a45a9cdf5e1acf',
          answerHash: '1036821492096775fcbfaaa40073bf515e8dd95f951e32ca2b1dbeb2480853af',
          hints: ['A common mistake is to pad with 0: on a signal below 0 the padding would win and take the gradient.'],
        },
      ],
      hints: ['Open the boundary lab’s pooling row.'],
      lock: ['signals', 'draw', 'length'],
      hide: [],
    },
  },
  {
    id: 'hidden-kernel',
    experiment: experiment({
      n: 64, layers: [conv({ kernelSize: 5 })], input: { preset: 'noise', cycles: 1, seed: 7 },
      target: { preset: 'filtered', kernel: HIDDEN_KERNEL }, learningRate: 0.005, stepsPerFrame: 5,
    }),
    exercise: {
      title: 'Recover the hidden kernel',
      task: 'A hidden 5-tap kernel made the target from the noise input. Train until the loss is (almost) zero: then your '
        + 'kernel is the hidden one.',
      goals: [
        {
          type: 'lossBelow', value: 1e-4, text: 'Train until the loss is 0.0001 or below',
          hints: ['The loss is convex in W and b: any η below the divergence threshold 1/λ_max(AᵀA) gets there. Up to 1/(λ_max + λ_min) '
            + '(about 0.84 of that threshold here) a larger η gets there sooner; beyond it a larger η is slower again, because the '
            + 'stiffest direction overshoots further at every step.'],
        },
        {
          type: 'choice', question: 'Why does a noise input recover the kernel better than a single sine?',
          options: ['noise has larger values', 'noise excites every frequency, so every tap changes the loss in its own way',
            'a sine is too smooth to train on'],
          salt: '1f387aa7154087fec6c05e5d9cfec389',
          answerHash: '91607c1b4d6ad7a3995dca4e163453d76e755d39f654bd2e1291d127c19a9856',
        },
      ],
      hints: [],
      lock: ['network', 'signals', 'draw', ...MEASURED_LOCKS],
      hide: [],
    },
  },
  {
    id: 'diverge',
    experiment: experiment({
      n: 32, layers: [conv({ kernelSize: 3 })], input: { preset: 'sines', cycles: 2, seed: 4 },
      target: { preset: 'filtered', kernel: [0.25, 0.5, 0.25] }, learningRate: 0.01, stepsPerFrame: 1,
    }),
    exercise: {
      title: 'The learning rate that diverges',
      task: 'For a conv layer without activation the loss is a quadratic bowl, $C = \\lVert A\\theta - y\\rVert^2$. Raise $\\eta$ '
        + 'until training blows up, then find an $\\eta$ that trains fast without blowing up.',
      goals: [
        {
          type: 'choice', question: 'Gradient descent on this loss diverges as soon as …',
          options: ['η > λ_max(AᵀA)', 'η > 1/λ_max(AᵀA)', 'η > 1/λ_min(AᵀA)', 'η > 2·λ_max(AᵀA)'],
          salt: '78c4583a2db1c659f4f6052a9a0ec6d7',
          answerHash: '178699c9c4ff94c40a730a5d28fc70757303a04c22b62dc2d6933e8b14094735',
          hints: ['The Hessian is 2AᵀA; gradient descent on a quadratic diverges when η exceeds 2 over its largest eigenvalue.'],
        },
        {
          type: 'lossBelow', value: 0.008, maxSteps: 200,
          hints: ['Too small an η crawls; too large diverges. The fastest η is 1/(λ_max + λ_min), here within 0.3 % of the threshold '
            + '1/λ_max(AᵀA): reset after each try.'],
        },
      ],
      hints: [],
      lock: ['network', 'signals', 'draw', ...MEASURED_LOCKS],
      hide: [],
    },
  },
];
