// An exercise in the link: one more key of the page's fragment, `ex=1.<lz-string of the exercise JSON>.<digest>`.
//
// The digest is SHA-256 over the exercise and over the experiment's settings the exercise locks or hides (the
// "bound" part of the fragment), so a link whose goals were removed or changed, or whose locked network or signals were
// edited by hand, is refused with a notice. It is a check without a secret (the page has none): it stops hand edits
// and damaged links, not someone who rebuilds a link with this code — which is why no reference answer is ever in the
// link: the page computes true values from the core, and choice answers are only a salted hash (model.js).
import LZString from '../../generated/vendor/lz-string.js';
import { sha256Hex, validateExercise } from './model.js';
import { EXERCISE_KEY, splitFragment } from './fragment.js';

export { EXERCISE_KEY, splitFragment };

const FORMAT = '1';
const DIGEST_HEX = 32;          // 128 bits of SHA-256
const MAX_PACKED = 16_000;      // characters of lz-string; a longer value is refused before it is decompressed
const MAX_JSON = 64_000;

/** The link keys of the training options (web/shared/schema.js TRAINING_SCHEMA codes), grouped as the page's controls are. */
const OPTIMIZER_KEYS = ['opt', 'mom', 'damp', 'nest', 'b1', 'b2', 'eps'];
const TRAINING_KEYS = ['bs', 'shuf', ...OPTIMIZER_KEYS, 'wd'];

/**
 * Fragment keys (web/shared/experiment.js) each hide=/lock= name governs: while an exercise locks them they must not
 * change. A key the link does not carry is bound as absent, so adding `&data=…` or `&opt=adam` is an edit too.
 */
export const BOUND_KEYS = {
  network: ['n', 'ch', 'layers', 'loss', 'seed'],
  length: ['n'],
  channels: ['ch'],
  layers: ['layers'],
  loss: ['loss'],
  seed: ['seed'],
  signals: ['in0', 'in1', 'in2', 'in3', 'target'],
  input: ['in0', 'in1', 'in2', 'in3'],
  target: ['target'],
  draw: ['in0', 'in1', 'in2', 'in3', 'target'],
  lr: ['lr'],
  // what a loss goal measures: the data set (the page's 'dataset' group holds the training options too) and each option
  dataset: ['data', 'val', ...TRAINING_KEYS],
  'data-preset': ['data'],
  'data-count': ['data'],
  'own-data': ['data'],
  'data-validation': ['val'],
  batch: ['bs'],
  shuffle: ['shuf'],
  optimizer: OPTIMIZER_KEYS,
  momentum: ['mom', 'damp', 'nest'],
  betas: ['b1', 'b2', 'eps'],
  'weight-decay': ['wd'],
};

/**
 * The names above that bound nothing before links bound the data set and training options. A link made then and
 * locking one of them carries a digest over the other names only; it is still accepted (it opens exactly as it did),
 * while every link made since binds them (a hand edit of its data or optimizer is refused).
 */
const BOUND_SINCE_V2 = new Set(['dataset', 'data-preset', 'data-count', 'own-data', 'data-validation', 'batch', 'shuffle',
  'optimizer', 'momentum', 'betas', 'weight-decay']);

/** key=value pairs of a fragment (without '#'), in order; the last of a repeated key wins. */
export function fragmentFields(fragment) {
  const fields = new Map();
  for (const pair of String(fragment).replace(/^#/, '').split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    fields.set(eq < 0 ? pair : pair.slice(0, eq), eq < 0 ? '' : pair.slice(eq + 1));
  }
  return fields;
}

/** The part of the experiment an exercise binds: the fields its lock and hide lists govern, sorted by key. */
export function boundPart(exercise, fragment, { legacy = false } = {}) {
  const keys = new Set();
  for (const name of [...exercise.lock, ...exercise.hide]) {
    if (legacy && BOUND_SINCE_V2.has(name)) continue;
    for (const key of BOUND_KEYS[name] ?? []) keys.add(key);
  }
  const fields = fragmentFields(fragment);
  return [...keys].sort().map((key) => `${key}=${fields.get(key) ?? ''}`).join('&');
}

async function digest(packed, bound) {
  return (await sha256Hex(`convpool-exercise|${FORMAT}|${packed}|${bound}`)).slice(0, DIGEST_HEX);
}

/**
 * A (validated) exercise on an experiment fragment → the `ex` value. `fragment` is the experiment it is set on
 * (getState() without the exercise); the settings the exercise locks are bound into the digest.
 */
export async function encodeExercise(exercise, fragment = '') {
  const ex = validateExercise(exercise);
  const packed = LZString.compressToEncodedURIComponent(JSON.stringify(ex));
  return `${FORMAT}.${packed}.${await digest(packed, boundPart(ex, fragment))}`;
}

/** experiment fragment + exercise → the whole fragment (any older `ex` replaced). */
export async function fragmentWithExercise(fragment, exercise) {
  const { experiment } = splitFragment(fragment);
  return `${experiment}&${EXERCISE_KEY}=${await encodeExercise(exercise, experiment)}`;
}

/**
 * A whole fragment → { experiment, exercise: null } (no exercise), { experiment, exercise } (intact), or
 * { experiment, exercise: null, problem } when the exercise part was damaged or tampered with. Never throws.
 */
export async function readExerciseFragment(fragment) {
  const { experiment, value } = splitFragment(typeof fragment === 'string' ? fragment : '');
  if (value === null) return { experiment, exercise: null };
  const refused = (why) => ({ experiment, exercise: null, problem: `the exercise in this link was refused: ${why}` });
  let decoded = value;
  try { decoded = decodeURIComponent(value); } catch { /* keep it raw; the checks below refuse it */ }
  const parts = decoded.split('.');
  if (parts.length !== 3 || parts[0] !== FORMAT) return refused('it is not an exercise this page wrote');
  const [, packed, sum] = parts;
  if (packed.length === 0 || packed.length > MAX_PACKED || !/^[A-Za-z0-9+\-$]*$/.test(packed) || !/^[0-9a-f]+$/.test(sum)) {
    return refused('it is damaged');
  }
  let plain;
  try { plain = LZString.decompressFromEncodedURIComponent(packed); } catch { plain = null; }
  if (typeof plain !== 'string' || plain.length === 0 || plain.length > MAX_JSON) return refused('it is damaged');
  let exercise;
  try {
    exercise = validateExercise(JSON.parse(plain));
  } catch (error) {
    return refused(error instanceof SyntaxError ? 'it is damaged' : error.message);
  }
  const intact = sum === await digest(packed, boundPart(exercise, experiment))
    || (exercise.lock.concat(exercise.hide).some((name) => BOUND_SINCE_V2.has(name))
      && sum === await digest(packed, boundPart(exercise, experiment, { legacy: true })));
  if (!intact) {
    return refused('it was changed after it was made (its goals, or a setting it locks); ask for the original link');
  }
  return { experiment, exercise, digest: sum };
}
