// Lessons that open as two experiments trained side by side (the page's comparison, web/app/compare/): the conv
// boundary lesson (1c: zeros against reflect padding), the pooling boundary lesson (2b: no padding and floor mode
// against −∞ padding and ceil mode) and the optimizer lesson (plain SGD against Adam on the same data set and η).
// DOM-free: each comparison is { a, b }, two experiments in the page's schema that differ only in what is compared.
import MAXPOOL1D from '../layers/maxpool1d/index.js';
import { conv, lessonExperiment } from './lesson-experiment.js';
import { initialTraining } from './schema.js';

const copy = (experiment) => JSON.parse(JSON.stringify(experiment));

/**
 * The optimizer lesson's experiment for `optimizer`: a 9-tap kernel learns to denoise sines, one example per step
 * (as the step-through shows a step), η 0.02.
 */
function optimizerExperiment(optimizer) {
  return {
    ...lessonExperiment({
      n: 64, loss: 'mse', layers: [conv({ kernelSize: 9 })], input: { preset: 'sine', cycles: 3, seed: 1 },
      target: { preset: 'same' }, learningRate: 0.02, stepsPerFrame: 5,
    }),
    training: { ...initialTraining(), optimizer },
    dataset: { preset: 'denoise', seed: 1, count: 32, validation: 0.25 },
  };
}

/** The optimizer lesson, a card of the explanations' lessons (web/explain/lessons.js). */
export const OPTIMIZER_LESSON = Object.freeze({
  id: 'optimizers',
  title: 'SGD against Adam on the same data set',
  question: 'Plain SGD and Adam start from the same weights, see the same batches and use the same η. Which gets to a low loss sooner, and why?',
  text: [
    'A (solid) takes plain SGD steps, W ← W − η·∂C/∂W; B (dashed) takes Adam steps, which divide a running mean of the '
      + 'gradient by the root of a running mean of its square, so every weight moves about η per step whatever the size of its '
      + 'gradient. Both train a 9-tap kernel to denoise sines (24 training examples, one per step, 8 held out) with η = 0.02, in lockstep.',
    'Press Play and watch the loss chart: Adam’s curve falls much faster in the first hundred steps, while SGD’s steps shrink with '
      + 'the gradient. Near the bottom Adam’s steps stay about η long, so its loss jitters, and after several hundred steps the two '
      + 'end near the same loss: the optimizer changes the path, not the best kernel. Turn on “Difference B − A” under the '
      + 'parameters to see which taps the two disagree on along the way.',
  ],
  experiment: optimizerExperiment('sgd'),
  compare: optimizerExperiment('adam'),
});

/**
 * The comparison a lesson opens as, or null: { a, b } (copies, safe to load). `lesson` is a card of the explanations'
 * lessons: { id, experiment, compare? }.
 */
export function lessonComparison(lesson) {
  if (lesson.compare) return { a: copy(lesson.experiment), b: copy(lesson.compare) };
  const b = copy(lesson.experiment);
  const a = copy(lesson.experiment);
  if (lesson.id === '1c') {
    // the lesson's reflect padding (B) against zeros (A): the edges of the output and of ∂C/∂x_in part
    a.network.layers[0].paddingMode = 'zeros';
    return { a, b };
  }
  if (lesson.id === '2b') {
    // the lesson's pool (−∞ padding, ceil mode: B) against the plain one (no padding, floor mode: A)
    const l = a.network.layers.findIndex((layer) => layer.type === MAXPOOL1D.type);
    a.network.layers[l] = { ...a.network.layers[l], padding: 0, ceilMode: false };
    return { a, b };
  }
  return null;
}
