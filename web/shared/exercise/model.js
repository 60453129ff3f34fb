// The exercise: what a teacher asks, as one plain JSON object carried in the link. This module validates and
// normalises it; it imports no DOM and never computes an answer (check.js does, from the core).
//
// {
//   v: 1,
//   title: 'Same length',
//   task: 'Choose the padding that keeps $N = 32$ …',        // plain text; $…$ is inline math
//   goals: [goal, …],                                       // 1 … MAX_GOALS
//   hints: ['…'],                                           // general hints, revealed one at a time
//   lock: ['network'], hide: ['export'],                    // the page's hide=/lock= control names
// }
// goal (every type may carry `text` (its label), `hints` (revealed one at a time) and `hidePlot` (true: hide the plot
// that shows this goal's quantity, so it does not give the answer away)):
//   { type: 'lossBelow', value, maxSteps? }                            met when loss() ≤ value (within maxSteps steps)
//   { type: 'answer', quantity, layer, channel, index, inChannel, tolerance }   the learner types the number
//   { type: 'setting', layer, quantity, equals, keep? }                the learner changes a setting until the core's
//                                                                      geometry of that layer has quantity = equals
//   { type: 'choice', question, options, salt, answerHash }            multiple choice; the answer only as a salted hash
//   { type: 'formula', quantity, layer, tolerance }                    the learner types a formula (formula-goal.js)
import { ConvPoolError, describe } from '../../lib/arguments.js';
import { FORMULA_GOAL_FIELDS, normaliseFormulaGoal } from './formula-goal.js';

export const EXERCISE_VERSION = 1;
export const GOAL_TYPES = ['lossBelow', 'answer', 'setting', 'choice', 'formula'];
/** What an 'answer' goal may ask: an output length, or one entry of y, ∂C/∂x, ∂C/∂W, ∂C/∂b. */
export const ANSWER_QUANTITIES = ['outputLength', 'y', 'dx', 'dw', 'db'];
/** What a 'setting' goal may require of a layer's geometry (as the core computes it: model.layers[l]). */
export const SETTING_QUANTITIES = ['outLength', 'outChannels', 'padLeft', 'padRight', 'paddedLength'];
/** Layer fields a 'setting' goal may pin with `keep` (so "keep the kernel size 5" is part of the goal). */
export const KEEPABLE_FIELDS = ['type', 'kernelSize', 'stride', 'padding', 'dilation', 'paddingMode', 'bias', 'outChannels',
  'ceilMode', 'fn'];
/** The page's hide=/lock= names (README "Embed it in a course page"); unknown names are refused here, not ignored. */
export const CONTROL_NAMES = ['header', 'footer', 'train', 'step', 'play', 'reset', 'lr', 'speed', 'network', 'length',
  'channels', 'loss', 'seed', 'layers', 'signals', 'input', 'target', 'draw', 'share', 'embed-code', 'export', 'explain',
  // the data set and optimizer panel
  'dataset', 'data-preset', 'data-count', 'data-validation', 'own-data', 'batch', 'shuffle', 'optimizer', 'momentum',
  'betas', 'weight-decay', 'examples'];
/** The default tolerance of an 'answer' goal: relative to the true value. */
export const DEFAULT_TOLERANCE = 1e-3;

export const LIMITS = Object.freeze({
  title: 120, task: 4000, text: 300, hint: 1000, hints: 10, goals: 20, options: 10, option: 200, maxLayer: 15,
  maxIndex: 4_194_304, maxSteps: 1_000_000,
});

const GOAL_FIELDS = {
  lossBelow: ['value', 'maxSteps'],
  answer: ['quantity', 'layer', 'channel', 'index', 'inChannel', 'tolerance'],
  setting: ['layer', 'quantity', 'equals', 'keep'],
  choice: ['question', 'options', 'salt', 'answerHash'],
  formula: FORMULA_GOAL_FIELDS,
};
const COMMON_GOAL_FIELDS = ['type', 'text', 'hints', 'hidePlot'];
const EXERCISE_FIELDS = ['v', 'title', 'task', 'goals', 'hints', 'lock', 'hide'];

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

function refuse(name, value, rule) {
  throw new ConvPoolError(`${name} ${describe(value)} ${rule}`);
}

function text(name, value, max, { required = false } = {}) {
  if (value === undefined || value === null) {
    if (required) throw new ConvPoolError(`${name} is required (a text of 1 to ${max} characters)`);
    return undefined;
  }
  if (typeof value !== 'string') refuse(name, value, 'must be a text');
  const trimmed = value.trim();
  if (required && trimmed === '') refuse(name, value, 'must not be empty');
  if (trimmed.length > max) throw new ConvPoolError(`${name} has ${trimmed.length} characters, more than the ${max} allowed`);
  return trimmed;
}

function wholeNumber(name, value, min, max, fallback) {
  if (value === undefined || value === null) {
    if (fallback === undefined) throw new ConvPoolError(`${name} is required (a whole number from ${min} to ${max})`);
    return fallback;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    refuse(name, value, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function finite(name, value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(name, value, 'must be a finite number');
  return value;
}

function textList(name, value, maxItems, maxChars) {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) refuse(name, value, `must be an array of texts`);
  if (value.length > maxItems) throw new ConvPoolError(`${name} has ${value.length} entries, more than the ${maxItems} allowed`);
  return value.map((item, i) => text(`${name}[${i}]`, item, maxChars, { required: true }));
}

function controlList(name, value) {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
  if (!Array.isArray(list)) refuse(name, value, 'must be an array of control names (or a comma-separated text)');
  for (const [i, item] of list.entries()) {
    if (!CONTROL_NAMES.includes(item)) refuse(`${name}[${i}]`, item, `must be one of ${CONTROL_NAMES.join(', ')}`);
  }
  return [...new Set(list)];
}

function knownFields(name, object, known) {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) throw new ConvPoolError(`${name} has an unknown field '${key}' (known fields: ${known.join(', ')})`);
  }
}

function normaliseGoal(raw, i) {
  const at = `goals[${i}]`;
  if (!isObject(raw)) refuse(at, raw, "must be an object with a 'type'");
  if (!GOAL_TYPES.includes(raw.type)) refuse(`${at}.type`, raw.type, `must be one of ${GOAL_TYPES.join(', ')}`);
  if (raw.type === 'choice' && (raw.correct !== undefined || raw.answer !== undefined)) {
    // The link must never carry a reference answer in plain text: prepareExercise() turns `correct` into a hash.
    throw new ConvPoolError(`${at}.correct must not be part of a stored exercise: prepareExercise() replaces it with a salted hash`);
  }
  knownFields(at, raw, [...COMMON_GOAL_FIELDS, ...GOAL_FIELDS[raw.type]]);
  const goal = { type: raw.type };
  const label = text(`${at}.text`, raw.text, LIMITS.text);
  if (label) goal.text = label;
  goal.hints = textList(`${at}.hints`, raw.hints, LIMITS.hints, LIMITS.hint);
  if (raw.hidePlot !== undefined && typeof raw.hidePlot !== 'boolean') refuse(`${at}.hidePlot`, raw.hidePlot, 'must be true or false');
  goal.hidePlot = raw.hidePlot === true;
  switch (raw.type) {
    case 'lossBelow': {
      goal.value = finite(`${at}.value`, raw.value);
      if (goal.value < 0) refuse(`${at}.value`, raw.value, 'must be at least 0 (a loss is never negative)');
      if (raw.maxSteps !== undefined && raw.maxSteps !== null) goal.maxSteps = wholeNumber(`${at}.maxSteps`, raw.maxSteps, 1, LIMITS.maxSteps);
      break;
    }
    case 'answer': {
      if (!ANSWER_QUANTITIES.includes(raw.quantity)) refuse(`${at}.quantity`, raw.quantity, `must be one of ${ANSWER_QUANTITIES.join(', ')}`);
      goal.quantity = raw.quantity;
      goal.layer = wholeNumber(`${at}.layer`, raw.layer, 0, LIMITS.maxLayer);
      goal.channel = wholeNumber(`${at}.channel`, raw.channel, 0, 63, 0);
      goal.index = wholeNumber(`${at}.index`, raw.index, 0, LIMITS.maxIndex, 0);
      goal.inChannel = wholeNumber(`${at}.inChannel`, raw.inChannel, 0, 63, 0);
      const tolerance = raw.tolerance === undefined || raw.tolerance === null ? DEFAULT_TOLERANCE : finite(`${at}.tolerance`, raw.tolerance);
      if (!(tolerance > 0 && tolerance < 1)) refuse(`${at}.tolerance`, raw.tolerance, 'must be a relative tolerance above 0 and below 1');
      goal.tolerance = tolerance;
      break;
    }
    case 'setting': {
      goal.layer = wholeNumber(`${at}.layer`, raw.layer, 0, LIMITS.maxLayer);
      const quantity = raw.quantity === undefined ? 'outLength' : raw.quantity;
      if (!SETTING_QUANTITIES.includes(quantity)) refuse(`${at}.quantity`, raw.quantity, `must be one of ${SETTING_QUANTITIES.join(', ')}`);
      goal.quantity = quantity;
      goal.equals = wholeNumber(`${at}.equals`, raw.equals, 0, LIMITS.maxIndex);
      goal.keep = {};
      if (raw.keep !== undefined && raw.keep !== null) {
        if (!isObject(raw.keep)) refuse(`${at}.keep`, raw.keep, 'must be an object of layer fields');
        knownFields(`${at}.keep`, raw.keep, KEEPABLE_FIELDS);
        for (const [key, value] of Object.entries(raw.keep)) {
          if (!['string', 'number', 'boolean'].includes(typeof value)) refuse(`${at}.keep.${key}`, value, 'must be a text, number or true/false');
          goal.keep[key] = value;
        }
      }
      break;
    }
    case 'formula':
      return normaliseFormulaGoal(raw, goal, at, { wholeNumber, finite, refuse, maxLayer: LIMITS.maxLayer });
    default: {  // choice
      goal.question = text(`${at}.question`, raw.question, LIMITS.task, { required: true });
      goal.options = textList(`${at}.options`, raw.options, LIMITS.options, LIMITS.option);
      if (goal.options.length < 2) throw new ConvPoolError(`${at}.options has ${goal.options.length} entries; a choice needs at least 2`);
      if (new Set(goal.options).size !== goal.options.length) throw new ConvPoolError(`${at}.options has two equal options`);
      goal.salt = hex(`${at}.salt`, raw.salt, 16, 64);
      goal.answerHash = hex(`${at}.answerHash`, raw.answerHash, 64, 64);
    }
  }
  return goal;
}

function hex(name, value, min, max) {
  if (typeof value !== 'string' || value.length < min || value.length > max || !/^[0-9a-f]+$/.test(value)) {
    refuse(name, value, `must be ${min === max ? min : `${min} to ${max}`} lowercase hexadecimal digits`);
  }
  return value;
}

/**
 * Any value in → a complete, valid exercise out, or a ConvPoolError naming the field, its value and the rule.
 * Choice goals must already carry { salt, answerHash } (see prepareExercise for an author's `correct`).
 */
export function validateExercise(raw) {
  if (!isObject(raw)) refuse('exercise', raw, 'must be an object { title, task, goals, hints, lock, hide }');
  knownFields('exercise', raw, EXERCISE_FIELDS);
  if (raw.v !== undefined && raw.v !== EXERCISE_VERSION) refuse('exercise.v', raw.v, `must be ${EXERCISE_VERSION}`);
  if (!Array.isArray(raw.goals)) refuse('exercise.goals', raw.goals, 'must be an array of goals');
  if (raw.goals.length < 1 || raw.goals.length > LIMITS.goals) {
    throw new ConvPoolError(`exercise.goals has ${raw.goals.length} entries; an exercise needs 1 to ${LIMITS.goals}`);
  }
  return {
    v: EXERCISE_VERSION,
    title: text('exercise.title', raw.title, LIMITS.title, { required: true }),
    task: text('exercise.task', raw.task, LIMITS.task) ?? '',
    goals: Array.from(raw.goals, normaliseGoal),
    hints: textList('exercise.hints', raw.hints, LIMITS.hints, LIMITS.hint),
    lock: controlList('exercise.lock', raw.lock),
    hide: controlList('exercise.hide', raw.hide),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Reference answers of choice goals: a salted SHA-256 (Web Crypto, in browsers and Node 20), never the answer itself.

const encoder = new TextEncoder();

function bytesToHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function sha256Hex(textValue) {
  return bytesToHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(textValue))));
}

export function randomSalt() {
  return bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** The option as it is hashed: trimmed, inner spaces collapsed, so a stray space never fails a right answer. */
export function normaliseOption(option) {
  return String(option).trim().replace(/\s+/g, ' ');
}

/** The hash a choice goal stores for `option` under `salt`. */
export function choiceHash(salt, option) {
  return sha256Hex(`convpool-choice|${salt}|${normaliseOption(option)}`);
}

/**
 * An author's exercise → a stored exercise: each choice goal's `correct` (an option's text or index) becomes
 * { salt, answerHash } with a fresh random salt, then everything is validated. The result never holds `correct`.
 */
export async function prepareExercise(raw) {
  if (!isObject(raw) || !Array.isArray(raw.goals)) return validateExercise(raw);
  const goals = [];
  for (const [i, goal] of raw.goals.entries()) {
    if (!isObject(goal) || goal.type !== 'choice' || goal.correct === undefined) {
      goals.push(goal);
      continue;
    }
    const { correct, ...rest } = goal;
    const options = Array.isArray(goal.options) ? goal.options : [];
    const option = typeof correct === 'number' ? options[correct] : correct;
    if (typeof option !== 'string' || !options.map(normaliseOption).includes(normaliseOption(option))) {
      refuse(`goals[${i}].correct`, correct, 'must be one of the options (its text or its index)');
    }
    const salt = randomSalt();
    goals.push({ ...rest, salt, answerHash: await choiceHash(salt, option) });
  }
  return validateExercise({ ...raw, goals });
}

/**
 * The plots an exercise hides so they do not give an answer away: [{ quantity, layer }] for its goals with
 * hidePlot (quantity 'outputLength' | 'y' | 'dx' | 'dw' | 'db' of a layer, or 'loss' for a lossBelow goal).
 */
export function hiddenPlots(exercise) {
  return exercise.goals.filter((g) => g.hidePlot).map((g) => (
    g.type === 'answer' || g.type === 'formula' ? { quantity: g.quantity, layer: g.layer }
      : g.type === 'lossBelow' ? { quantity: 'loss', layer: null }
        : g.type === 'setting' ? { quantity: g.quantity, layer: g.layer } : { quantity: 'choice', layer: null }));
}
