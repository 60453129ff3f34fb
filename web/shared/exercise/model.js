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
// that shows this goal's quantity, so it does not give the answer away)); each type's own fields are its entry in
// goal-types.js (goals/loss-below.js, answer.js, setting.js, choice.js).
import { ConvPoolError } from '../../lib/arguments.js';
import {
  LIMITS, isObject, knownFields, refuse, text, textList,
} from './fields.js';
import { GOAL_TYPES as TYPES, goalType } from './goal-types.js';
import { choiceHash, normaliseOption, randomSalt, sha256Hex } from './hash.js';

export { LIMITS, choiceHash, normaliseOption, randomSalt, sha256Hex };
export { ANSWER_QUANTITIES, DEFAULT_TOLERANCE } from './goals/answer.js';
export { KEEPABLE_FIELDS, SETTING_QUANTITIES } from './goals/setting.js';

export const EXERCISE_VERSION = 1;
/** The goal types' names (goal-types.js holds each one's fields, checks and label). */
export const GOAL_TYPES = Object.keys(TYPES);
/** The page's hide=/lock= names (docs/course.md "Embed it in a course page"); unknown names are refused here, not ignored. */
export const CONTROL_NAMES = ['header', 'footer', 'train', 'step', 'play', 'reset', 'lr', 'speed', 'network', 'length',
  'channels', 'loss', 'seed', 'layers', 'signals', 'input', 'target', 'draw', 'share', 'embed-code', 'export', 'explain',
  // the data set and optimizer panel
  'dataset', 'data-preset', 'data-count', 'data-validation', 'own-data', 'batch', 'shuffle', 'optimizer', 'momentum',
  'betas', 'weight-decay', 'examples', 'overview',
  // "Compare with…" (two experiments side by side)
  'compare'];
const COMMON_GOAL_FIELDS = ['type', 'text', 'hints', 'hidePlot'];
const EXERCISE_FIELDS = ['v', 'title', 'task', 'goals', 'hints', 'lock', 'hide'];

function controlList(name, value) {
  if (value === undefined || value === null) return [];
  const list = typeof value === 'string' ? value.split(',').map((s) => s.trim()).filter(Boolean) : value;
  if (!Array.isArray(list)) refuse(name, value, 'must be an array of control names (or a comma-separated text)');
  for (const [i, item] of list.entries()) {
    if (!CONTROL_NAMES.includes(item)) refuse(`${name}[${i}]`, item, `must be one of ${CONTROL_NAMES.join(', ')}`);
  }
  return [...new Set(list)];
}

function normaliseGoal(raw, i) {
  const at = `goals[${i}]`;
  if (!isObject(raw)) refuse(at, raw, "must be an object with a 'type'");
  const type = goalType(raw.type);
  if (!type) refuse(`${at}.type`, raw.type, `must be one of ${GOAL_TYPES.join(', ')}`);
  type.precheck?.(raw, at);  // a field a type refuses with its own reason (a choice's `correct`)
  const goal = { type: raw.type };
  knownFields(at, raw, [...COMMON_GOAL_FIELDS, ...type.fields]);
  const label = text(`${at}.text`, raw.text, LIMITS.text);
  if (label) goal.text = label;
  goal.hints = textList(`${at}.hints`, raw.hints, LIMITS.hints, LIMITS.hint);
  if (raw.hidePlot !== undefined && typeof raw.hidePlot !== 'boolean') refuse(`${at}.hidePlot`, raw.hidePlot, 'must be true or false');
  goal.hidePlot = raw.hidePlot === true;
  type.normalise(raw, goal, at);
  return goal;
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
// Reference answers of choice goals: a salted SHA-256 (hash.js), never the answer itself.

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
