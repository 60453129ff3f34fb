// Lessons on the classic questions about conv and pooling layers (1a, 1b, 1c, 2a, 2b) and two exercises, each an experiment object
// (the page's experiment, web/shared/experiment.js) with a short text and its shareable link (context.linkFor).
import CONV1D from '../layers/conv1d/index.js';
import GLOBALPOOL from '../layers/globalpool/index.js';
import LINEAR from '../layers/linear/index.js';
import { h, para, replaceChildren } from '../shared/dom.js';
import { normalizeExperiment } from '../shared/experiment.js';
import { num } from '../shared/format.js';
import { HIDDEN_KERNEL, LESSON_EXERCISES } from '../shared/exercise/lessons.js';
import { conv, pool, act, lessonExperiment as experiment } from '../shared/lesson-experiment.js';
import { classifyDataset } from '../shared/classify-task.js';
import { presetClassNames } from '../shared/datasets.js';
import { OPTIMIZER_LESSON, lessonComparison } from '../shared/lesson-comparisons.js';
import { differencesSentence } from '../shared/experiment-differences.js';
import { nextTask } from '../shared/yield.js';

/**
 * Lessons and exercises: { id, title, question, text: [paragraph…], pre?, experiment, exercise? }.
 */
export const LESSONS = [
  {
    id: '1a',
    title: '1a conv forward, same length',
    question: 'Input x_in and output x_out are both 1-D signals of length N, the kernel W has K taps. Find the forward equation.',
    text: [
      'A conv layer slides its kernel along the input and takes a dot product at each position (a cross-correlation, as in PyTorch): '
        + 'x_out[t] = b + Σ_k W[k]·x_pad[t + k]. To give x_out the same length N as x_in (at stride 1), the input is padded with '
        + 'd(K − 1) samples in total (K − 1 without dilation, d = 1): with d = 1 that is (K − 1)/2 on each side for odd K; in general '
        + 'PyTorch\u2019s \u2018same\u2019 puts ⌊d(K − 1)/2⌋ on the left and the rest on the right, so the sides differ exactly when '
        + 'd(K − 1) is odd (even K with odd d). If an activation follows, its x_in is this x_out (the pre-activation).',
      'Hover any sample of the page to see its equation with the numbers substituted. Open the step-through to watch the window slide '
        + 'over the padded input while the output fills in.',
      'A common mistake is to write a sum over all N inputs of “conv1D(w, x)”: that is not yet an equation — the sum runs over '
        + 'the K taps of one window, and the padding that keeps the length N is missing.',
    ],
    experiment: experiment({
      layers: [conv({ kernelSize: 3 })], input: { preset: 'sine', cycles: 2, seed: 0 },
      target: { preset: 'filtered', kernel: [0.25, 0.5, 0.25] }, learningRate: 0.02,
    }),
  },
  {
    id: '1b',
    title: '1b backward and update',
    question: 'With learning rate η and the gradient ∂C/∂x_out from the last layer, find ∂C/∂x_in and the update rule for W.',
    text: [
      'The prediction ŷ is the last layer\u2019s x_out and y the target: the loss C = Σ (ŷ − y)² gives ∂C/∂ŷ = 2(ŷ − y). The '
        + 'activation multiplies by g′ (here tanh: 1 − x_out²). The result is δ = ∂C/∂x_out of the conv layer. The conv layer then '
        + 'has three gradients: ∂C/∂W[k] = Σ_t δ[t]·x_pad[t + k] (the input windows weighted by δ), ∂C/∂b = Σ_t δ[t], and '
        + '∂C/∂x_pad[j] = Σ_k δ[j − k]·W[k] with δ taken as 0 outside 0 … M − 1 — a full correlation of δ with the flipped kernel — '
        + 'after which the padding rule maps x_pad back to x_in. SGD: W ← W − η ∂C/∂W, b ← b − η ∂C/∂b.',
      'A common mistake is to stop at “∂C/∂x_in = ∂C/∂x_out · g′(x_in)”: that is only the activation step; the conv layer’s own '
        + 'input gradient is the flipped-kernel correlation above, and its ∂C/∂W is a sum over every output position, not a single product.',
      'Run the gradient check: the core compares these equations with finite differences. Step through one training step to see δ '
        + 'flow backwards, then compare the weights with those after “Step 1”.',
    ],
    experiment: experiment({
      layers: [conv({ kernelSize: 3 }), act('tanh')], input: { preset: 'sines', cycles: 2, seed: 3 },
      target: { preset: 'filtered', kernel: [0.5, -0.25, 0.1] }, learningRate: 0.05,
    }),
  },
  {
    id: '1c',
    title: '1c boundaries',
    question: 'Discuss how you handle the boundaries and explain your choice.',
    text: [
      'The padding that keeps length N has to be filled with something, and the choice changes the edge outputs and, in the '
        + 'backward pass, where the gradient of the padded cells goes. This lesson uses reflect padding on a sawtooth, whose two '
        + 'ends differ, with a 5-tap kernel.',
      'Open the boundary lab: the same input, kernel and upstream gradient under zeros, reflect, replicate, circular and valid, '
        + 'with ∂C/∂x_in for each. The paragraphs under each plot — and the answer below them — are the answer to 1c. '
        + 'Change the page’s padding mode and watch the edges of the gradient panels.',
    ],
    experiment: experiment({
      n: 32, layers: [conv({ kernelSize: 5, paddingMode: 'reflect' })], input: { preset: 'sawtooth', cycles: 1.5, seed: 0 },
      target: { preset: 'filtered', kernel: [0.1, 0.2, 0.4, 0.2, 0.1] }, learningRate: 0.01,
    }),
  },
  {
    id: '2a',
    title: '2a max-pool stride 1 forward and backward',
    question: 'Max pooling with stride 1; x_in and x_out have different sizes. Find the forward and backward equations (or pseudo code).',
    text: [
      'Forward: x_out[t] = max_k x_in[t + k] over a window of K samples, t = 0 … N − K, so x_out has N − K + 1 samples. Keep the '
        + 'arg-max a[t] = t + k*, the index of x_in where the maximum sits (k* the first tap that attains it: the first maximum '
        + 'wins ties). Backward: ∂C/∂x_in[i] = Σ_t 1[a[t] = i]·∂C/∂x_out[t] — each window sends its '
        + 'gradient to its winner only (the mask), and because stride-1 windows overlap, a sample that wins several windows adds '
        + 'their gradients. Samples that win no window get 0.',
      'Common mistakes: pseudo code that is 2-D (rows, columns, height, width) for a 1-D question, an output size computed with '
        + 'the pool length as stride instead of 1, and a “mask” multiplied by ∂C/∂x_out without saying that overlapping windows must add.',
      'Step through: the pool gradients jump to their arg-max. The gradient check marks entries at a tie as kinks.',
    ],
    pre: [
      '# stride 1, no padding',
      'forward(x, K):',
      '  for t in 0 … N−K:',
      '    a[t] = t',
      '    for k in 1 … K−1:',
      '      if x[t+k] > x[a[t]]:   # strict: first max wins',
      '        a[t] = t+k',
      '    x_out[t] = x[a[t]]',
      'backward(delta, a):          # delta = dC/dx_out',
      '  dx = zeros(N)               # dx = dC/dx_in',
      '  for t in 0 … N−K:',
      '    dx[a[t]] += delta[t]      # overlaps add',
    ].join('\n'),
    experiment: experiment({
      layers: [conv({ kernelSize: 3 }), pool({ kernelSize: 3, stride: 1 })], input: { preset: 'sines', cycles: 3, seed: 2 },
      target: { preset: 'pooled', kernelSize: 3 }, learningRate: 0.02,
    }),
  },
  {
    id: '2b',
    title: '2b pooling boundaries',
    question: 'Discuss how you handle the boundaries (of the pooling layer) and explain your choice.',
    text: [
      'Pooling pads with −∞ (never 0), so a padded cell never wins a window that holds a real sample and receives no gradient. This lesson '
        + 'pools with K = 3, stride 2, padding 1 and ceil mode, so both rules are at work: the −∞ padding at the edges and the '
        + 'last, partial window that ceil mode keeps.',
      'Open the boundary lab’s pooling row: no padding, −∞ padding, and floor versus ceil mode, with ∂C/∂x_in counting the '
        + 'windows each sample wins. Its paragraphs answer 2b.',
    ],
    experiment: experiment({
      layers: [conv({ kernelSize: 3 }), pool({ kernelSize: 3, stride: 2, padding: 1, ceilMode: true })],
      input: { preset: 'sines', cycles: 2, seed: 5 }, target: { preset: 'signal', kind: 'sine', cycles: 1, seed: 0 }, learningRate: 0.02,
    }),
  },
  {
    id: 'hidden-kernel',
    title: 'Exercise: recover the hidden kernel',
    exercise: 'hidden-kernel',
    question: 'A 5-tap kernel produced the target from the input. Train until your kernel is that kernel.',
    text: [
      'The target was made by filtering the noise input with a hidden 5-tap kernel. The conv layer has 5 taps too, the loss is '
        + 'convex in W and b, so gradient descent can find it. Train, watch the distance to the hidden kernel shrink, then reveal '
        + 'the kernel to compare. Why does a noise input work better than a single sine here?',
    ],
    experiment: experiment({
      n: 64, layers: [conv({ kernelSize: 5 })], input: { preset: 'noise', cycles: 1, seed: 7 },
      target: { preset: 'filtered', kernel: HIDDEN_KERNEL }, learningRate: 0.005, stepsPerFrame: 5,
    }),
  },
  {
    id: 'diverge',
    title: 'Exercise: find the learning rate that diverges',
    exercise: 'diverge',
    question: 'Raise η until training blows up. Can you predict the threshold before trying?',
    text: [
      'For a conv layer without activation the loss is a quadratic bowl in (W, b): C = ‖A·θ − y‖², where each row of A is one '
        + 'input window (plus a 1 for the bias). Its Hessian is 2AᵀA, and gradient descent on a quadratic diverges as soon as '
        + 'η > 2 / λ_max(2AᵀA) = 1 / λ_max(AᵀA). Change η in the page’s controls and train; the page reports when the loss '
        + 'becomes infinite. Then reveal the threshold computed from this input.',
    ],
    experiment: experiment({
      n: 32, layers: [conv({ kernelSize: 3 })], input: { preset: 'sines', cycles: 2, seed: 4 },
      target: { preset: 'filtered', kernel: [0.25, 0.5, 0.25] }, learningRate: 0.01, stepsPerFrame: 1,
    }),
  },
  OPTIMIZER_LESSON,
  generaliseLesson('generalise-small', 'Does the kernel generalise? (1) a small training set', 4, 0.5, [
    'A kernel is only useful if it works on signals it has not seen. This lesson trains a 31-tap kernel to denoise noisy '
      + 'sines from just 2 training examples and keeps 2 more aside as a validation set, never used for a step. Train (plain SGD, '
      + 'one example per step, about 2,500 steps) and watch the loss chart: the training loss (solid) falls far below the validation loss (dashed).',
    'That gap is overfitting: 32 parameters (31 taps and a bias) against 2 × 32 output samples. They cannot solve those 64 '
      + 'equations exactly (the training loss stays near 0.004, not 0), but they bend far enough towards the noise of these two '
      + 'examples, and that noise is different in every new signal. Click the validation examples in the strip to see the prediction miss.',
  ]),
  generaliseLesson('generalise-large', 'Does the kernel generalise? (2) a larger training set', 64, 0.25, [
    'The same network and task with 48 training examples (16 for validation). Train again: the two curves now stay close, '
      + 'because no kernel can fit the noise of 48 different signals; the one that fits them best is a smoothing filter, '
      + 'and that filter also works on the validation signals.',
    'A common mistake is to judge a model by its training loss alone: compare the gap between the curves in the two lessons '
      + '(about 0.004 vs 0.13 with 2 examples, 0.021 vs 0.027 with 48, after 2,500 steps at η = 0.05).',
  ]),
  {
    id: 'classify',
    title: 'A waveform classifier and the kernels it learns',
    question: 'Can a small 1-D CNN tell a sine from a square, a sawtooth and a chirp under noise, and what do its kernels look for?',
    text: [
      'This lesson loads a classifier: conv (8 kernels of 9 taps) → tanh → max-pool → conv (8 kernels of 5 taps) → tanh → '
        + 'global average pool → linear with one output z_j per class. The softmax turns those logits into probabilities '
        + 'p_j = e^{z_j} / Σ_i e^{z_i}, and the loss is cross-entropy, C = −log p of the true class. The data set has 320 '
        + 'noisy waveforms of random frequency, phase and amplitude; a quarter are held out, never trained on, to measure '
        + 'the validation accuracy: the share of held-out waveforms whose largest p is their class.',
      'It trains with plain SGD on one example per step, in the order of the set. The step-through below animates the '
        + 'example the page\u2019s next step trains and predicts the weights that step makes (its last frame shows those the core '
        + 'made); the gradient check compares the core\u2019s gradients of the example shown with finite differences. Press Play: the loss chart shows the accuracy too, and after about 1,500 steps the '
        + 'network classifies about 95 % of the held-out waveforms. (Choosing "classify waveforms" in the data-set panel '
        + 'loads a ReLU version trained with Adam on batches of 16, which gets there in a few hundred steps.) The output '
        + 'panel shows the bars of p for the example you chose in the strip, with the true class outlined.',
      'Then look at the kernels of the first conv layer. A kernel whose taps all share one sign averages its window: it '
        + 'smooths the noise away. A kernel whose taps change sign once or twice takes differences: it answers to slopes and '
        + 'jumps, such as the steps of a square wave and the sudden drop of a sawtooth, which a sine never has. A kernel that '
        + 'changes sign often answers to fast wiggles, such as the fast end of a chirp. Global pooling then asks only how '
        + 'much of each feature a waveform holds, wherever it is, which is why the random phase matters little (though not exactly '
        + 'nothing: the zero-padded edges and the stride-2 max-pool still see where a waveform sits, so a shifted copy gets '
        + 'slightly different logits).',
      'A common mistake is to read a single kernel as "the square-wave detector": the classes are told apart by the linear '
        + 'layer weighing all the pooled features, so the readout below names, for each class, the second layer\u2019s feature '
        + 'it weighs most. Another seed learns other kernels that work just as well: the shapes, not their order, are what '
        + 'recur.',
    ],
    experiment: {
      ...experiment({
        n: 128, loss: 'crossentropy', seed: 3, input: { preset: 'sine', cycles: 3, seed: 1 }, target: { preset: 'same' },
        learningRate: 0.1, stepsPerFrame: 5,
        layers: [
          conv({ outChannels: 8, kernelSize: 9 }), act('tanh'), pool({ kernelSize: 2, stride: 2 }),
          conv({ outChannels: 8, kernelSize: 5 }), act('tanh'),
          { type: GLOBALPOOL.type, op: 'avg' }, { type: LINEAR.type, outFeatures: 4, bias: true },
        ],
      }),
      dataset: classifyDataset(),
    },
    readout: 'kernels',
  },
];

/** How a conv kernel's taps read: averaging, differences (slopes and jumps) or fast wiggles. */
export function kernelShape(taps) {
  const size = taps.reduce((sum, w) => sum + Math.abs(w), 0);
  if (!(size > 0)) return 'flat';
  if (Math.abs(taps.reduce((sum, w) => sum + w, 0)) / size > 0.6) return 'averaging';
  let changes = 0;
  for (let k = 1; k < taps.length; k++) if (Math.sign(taps[k]) !== Math.sign(taps[k - 1]) && taps[k] !== 0) changes += 1;
  return changes >= 4 ? 'fast wiggles' : 'slopes and jumps';
}

/** A kernel as a row of block characters, lowest tap ▁ to highest █ (a text picture of its shape). */
export function kernelSparkline(taps) {
  const blocks = '▁▂▃▄▅▆▇█';
  const lo = Math.min(...taps);
  const hi = Math.max(...taps);
  return Array.from(taps, (w) => blocks[hi > lo ? Math.round(((w - lo) / (hi - lo)) * 7) : 3]).join('');
}

/**
 * The classifier lesson's readout: each first-layer kernel's picture and shape, and for each class the pooled feature
 * (a second-layer channel) its logit weighs most. → text
 */
export function describeClassifierKernels(model, experiment) {
  const first = model.layers.findIndex((g) => g.type === CONV1D.type);
  const last = model.layers.length - 1;
  if (first < 0 || model.layers[last].type !== LINEAR.type) return '';
  const g = model.layers[first];
  const w = model.view('weight', first);
  const K = g.kernelSize;
  const kernels = [];
  for (let o = 0; o < g.outChannels; o++) {
    const taps = Array.from(w.subarray(o * g.inChannels * K, o * g.inChannels * K + K));
    kernels.push(`${o + 1} ${kernelSparkline(taps)} ${kernelShape(taps)}`);
  }
  const lin = model.layers[last];
  const W = model.view('weight', last);
  const names = (experiment.dataset && presetClassNames(experiment.dataset.preset)) || [];
  const classes = [];
  for (let c = 0; c < lin.outFeatures; c++) {
    let best = 0;
    for (let j = 1; j < lin.inFeatures; j++) if (W[c * lin.inFeatures + j] > W[c * lin.inFeatures + best]) best = j;
    classes.push(`${names[c] || `class ${c}`}: feature ${best + 1} (weight ${num(W[c * lin.inFeatures + best], 2)})`);
  }
  return `After ${model.stepCount()} steps, the first layer\u2019s kernels: ${kernels.join(' · ')}. `
    + `Each class\u2019s logit leans most on: ${classes.join('; ')}.`;
}

/**
 * A lesson of the generalisation pair: the denoise task, a 31-tap conv, `count` examples, plain SGD on one example per
 * step, in the order of the set (the step-through animates the example the next step trains).
 */
function generaliseLesson(id, title, count, validation, text) {
  return {
    id, title,
    question: 'Does a kernel learned from a few examples work on new ones? Compare the training and validation curves.',
    text,
    experiment: {
      ...experiment({
        n: 32, layers: [conv({ kernelSize: 31 })], loss: 'mse', input: { preset: 'noise', cycles: 1, seed: 1 },
        target: { preset: 'same' }, learningRate: 0.05, stepsPerFrame: 10,
      }),
      dataset: { preset: 'denoise', seed: 3, count, validation },
    },
  };
}

/**
 * For a single conv layer with identity output the loss is quadratic, C = ‖Aθ − y‖², A = [input windows | 1]:
 * SGD diverges for η > 1/λ_max(AᵀA) ('sse'; M/λ_max for 'mse') and converges fastest at 1/(λ_max + λ_min).
 * Uses the model's padded input (the core's). → { threshold, best, lambdaMax, lambdaMin } or null for other networks.
 */
export function criticalLearningRate(model) {
  const layers = model.layers;
  if (layers.length !== 1 || layers[0].type !== CONV1D.type || layers[0].inChannels !== 1 || layers[0].outChannels !== 1) return null;
  const g = layers[0];
  model.evaluate();
  const xp = model.view('padded', 0);
  const K = g.kernelSize, M = g.outLength;
  const n = K + (g.bias ? 1 : 0);
  const row = (t, k) => (k < K ? xp[t * g.stride + k * g.dilation] : 1);
  const ata = Array.from({ length: n }, () => new Float64Array(n));
  for (let t = 0; t < M; t++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ata[i][j] += row(t, i) * row(t, j);
  const lambdaMax = largestEigenvalue(ata, 0);
  if (!(lambdaMax > 0)) return null;
  // λ_min from the largest eigenvalue of λ_max·I − AᵀA (shifted power iteration).
  const lambdaMin = Math.max(0, lambdaMax - largestEigenvalue(ata, lambdaMax));
  const scale = model.spec.loss === 'mse' ? M : 1;
  return { threshold: scale / lambdaMax, best: scale / (lambdaMax + lambdaMin), lambdaMax, lambdaMin };
}

/** Largest eigenvalue of (shift·I − S) for a symmetric positive semi-definite S (shift 0: of S itself). */
function largestEigenvalue(S, shift) {
  const n = S.length;
  let v = new Float64Array(n).map((_, i) => 1 + i / n);
  let lambda = 0;
  for (let iteration = 0; iteration < 2000; iteration++) {
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += (shift ? (i === j ? shift : 0) - S[i][j] : S[i][j]) * v[j];
      w[i] = sum;
    }
    const norm = Math.hypot(...w);
    if (norm === 0) return 0;
    lambda = norm;
    v = w.map((x) => x / norm);
  }
  return lambda;
}

/** Distance between a conv layer's kernel and the hidden kernel, aligned as the page's teacher aligns it (centred). */
export function kernelDistance(weight, hidden) {
  const K = weight.length;
  const centre = Math.floor((K - 1) / 2), hc = Math.floor((hidden.length - 1) / 2);
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const j = k - centre + hc;
    const target = j >= 0 && j < hidden.length ? hidden[j] : 0;
    sum += (weight[k] - target) ** 2;
  }
  return Math.sqrt(sum);
}

/** JSON with sorted keys, so objects compare by content. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => value[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const lessonKey = (e) => canonical({ network: e.network, input: e.input, target: e.target, dataset: e.dataset ?? null });
let lessonKeys = null;  // each lesson read as the page reads it: fields a lesson leaves out (e.g. groups) filled in

/** The lesson whose network, input and target equal the experiment's, or null. */
export function matchLesson(experiment) {
  lessonKeys ??= LESSONS.map((lesson) => lessonKey(normalizeExperiment(lesson.experiment).experiment));
  const k = lessonKey(experiment);
  const i = lessonKeys.indexOf(k);
  return i >= 0 ? LESSONS[i] : null;
}

/** Building the cards stops after this long (ms) and goes on in a new task: each card's link is an encoded experiment. */
const BUILD_BUDGET_MS = 8;

/**
 * Mounts the lessons list, built across tasks (a slow phone's main thread is never held for all cards at once) and
 * shown whole once built. → a Promise of { load(id), active(), update() }
 */
export async function mountLessons(root, context) {
  let activeId = null;
  const cards = new Map();
  const readouts = new Map();

  let started = performance.now();
  for (const lesson of LESSONS) {
    if (performance.now() - started >= BUILD_BUDGET_MS) {
      await nextTask();
      started = performance.now();
    }
    // a lesson that compares two experiments opens as a comparison where the page can show one (context.compare)
    const pair = context.compare ? lessonComparison(lesson) : null;
    const link = h('a', { href: pair ? context.compare.link(pair.a, pair.b) : context.linkFor(lesson.experiment), class: 'explain-link' }, 'Shareable link');
    const load = h('button', { type: 'button', class: 'explain-primary', dataset: { lesson: lesson.id } }, 'Load this lesson');
    const readout = h('div', { class: 'explain-readout', role: 'status', 'aria-live': 'polite' });
    const body = [
      h('p', { class: 'explain-question' }, h('strong', {}, lesson.exercise ? 'Task: ' : 'Question: '), lesson.question),
      ...lesson.text.map((t) => para(t)),
      lesson.pre ? h('pre', { class: 'explain-pre' }, lesson.pre) : null,
      pair ? h('p', { class: 'explain-compare-note' }, `Opens as two experiments trained side by side. ${differencesSentence(pair.a, pair.b)}`) : null,
    ];
    if (lesson.exercise) body.push(readout, exerciseReveal(lesson));
    else if (lesson.readout) body.push(readout);
    const card = h('article', { class: 'explain-lesson', dataset: { lesson: lesson.id }, 'aria-labelledby': `explain-lesson-${lesson.id}` },
      h('h4', { id: `explain-lesson-${lesson.id}` }, lesson.title), ...body, h('p', { class: 'explain-actions' }, load, ' ', link));
    // the lesson's network changes the plots above: bring them into view instead of leaving the learner mid-text
    load.addEventListener('click', () => { if (select(lesson.id) !== false && context.showPlots) context.showPlots(); });
    // The same lesson with goals the page checks (web/shared/exercise/lessons.js), when the page can show exercises.
    const asExercise = LESSON_EXERCISES.find((l) => l.id === lesson.id);
    if (asExercise && context.tryExercise) {
      const tryIt = h('button', { type: 'button', class: 'explain-try', dataset: { lessonExercise: lesson.id } }, 'Try it as an exercise');
      tryIt.addEventListener('click', () => {
        activeId = lesson.id;
        markActive();
        context.tryExercise(JSON.parse(JSON.stringify(asExercise.experiment)), asExercise.exercise);
      });
      card.lastElementChild.append(' ', tryIt);
    }
    cards.set(lesson.id, card);
    readouts.set(lesson.id, readout);
  }
  replaceChildren(root,
    h('p', {}, 'Each lesson loads an experiment for one classic question about conv and pooling layers, with a short text; its link '
      + 'opens exactly that experiment. The exercises check your answer live.'),
    h('div', { class: 'explain-lessons' }, ...cards.values()));

  function exerciseReveal(lesson) {
    const box = h('details', { class: 'explain-reveal' }, h('summary', {}, lesson.exercise === 'hidden-kernel' ? 'Reveal the hidden kernel' : 'Reveal the threshold'));
    const content = h('p', {});
    box.appendChild(content);
    box.addEventListener('toggle', () => {
      if (!box.open) return;
      if (lesson.exercise === 'hidden-kernel') {
        content.textContent = `W* = [${HIDDEN_KERNEL.join(', ')}], b* = 0 (the target is this kernel applied to the input with zeros padding).`;
      } else {
        const r = activeId === lesson.id ? criticalLearningRate(context.model()) : null;
        content.textContent = r === null
          ? 'Load the exercise first: the threshold is computed from its input.'
          : `λ_max(AᵀA) = ${num(r.lambdaMax)}, so SGD diverges for η > ${num(r.threshold)}. Below it, it converges; `
            + `the fastest fixed step is 1/(λ_max + λ_min) = ${num(r.best)} (λ_min = ${num(r.lambdaMin)}), and small η converge slowly.`;
      }
    });
    return box;
  }

  function select(id) {
    const lesson = LESSONS.find((l) => l.id === id);
    if (!lesson) return false;
    const pair = context.compare ? lessonComparison(lesson) : null;
    const ok = pair ? context.compare.open(pair.a, pair.b) : context.setExperiment(JSON.parse(JSON.stringify(lesson.experiment)));
    if (ok !== false) {
      activeId = id;
      markActive();
      update();
    }
    return ok;
  }

  function markActive() {
    for (const [id, card] of cards) {
      card.classList.toggle('explain-active', id === activeId);
      if (id === activeId) card.setAttribute('aria-current', 'true');
      else card.removeAttribute('aria-current');
    }
  }

  /**
   * Live readouts of the exercises. The active lesson is the one whose network, input and target the page shows
   * (so opening a lesson's link, or editing only η, keeps it active; changing the network forgets it).
   */
  function update() {
    const exp = context.experiment();
    const found = matchLesson(exp);
    if ((found ? found.id : null) !== activeId) {
      activeId = found ? found.id : null;
      markActive();
    }
    if (!activeId) return;
    const lesson = found;
    const readout = readouts.get(activeId);
    const model = context.model();
    if (lesson.readout === 'kernels') {
      readout.textContent = describeClassifierKernels(model, exp);
    } else if (lesson.exercise === 'hidden-kernel') {
      const w = model.view('weight', 0);
      const b = model.view('bias', 0);
      const d = kernelDistance(w, HIDDEN_KERNEL);
      readout.textContent = `Your kernel: [${Array.from(w, (v) => num(v, 3)).join(', ')}], b = ${num(b[0] ?? 0, 3)}. `
        + `Distance to the hidden kernel: ${num(d, 3)}${d < 0.01 ? ' — recovered!' : ''} (after ${model.stepCount()} steps, loss ${num(model.loss(), 3)}).`;
    } else if (lesson.exercise === 'diverge') {
      const last = model.lastTrain;
      readout.textContent = `η = ${exp.learningRate}, loss ${num(model.loss(), 3)} after ${model.stepCount()} steps`
        + (last && last.diverged ? ' — diverged: the loss became infinite, so the page stopped and kept the last finite weights.' : '.');
    }
  }

  update();
  return { load: select, active: () => activeId, update, lessons: LESSONS };
}
