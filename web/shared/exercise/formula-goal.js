// The formula goal in the exercise engine: { type: 'formula', quantity, layer, tolerance } — the learner types the
// right-hand side of y[t], ∂C/∂x_in[i], ∂C/∂W[k] or ∂C/∂b of a conv1d or maxpool1d layer. This file is the goal's
// format, label and check as the engine sees them; the parser, the evaluator and the checker (web/shared/formula/)
// load by import() only when an exercise has a formula goal (attachFormulaJudge), so no other page pays for them.
import LZString from '../../generated/vendor/lz-string.js';
import { QUANTITIES } from '../formula/symbols.js';
import { FORMULA_LIMITS } from '../formula/errors.js';

export const FORMULA_GOAL_FIELDS = ['quantity', 'layer', 'tolerance'];
export const FORMULA_QUANTITIES = Object.keys(QUANTITIES);
/** The default tolerance of a formula goal, relative to the largest true value of a draw. */
export const FORMULA_TOLERANCE = 1e-4;
export const MAX_FORMULA_CHARS = FORMULA_LIMITS.maxChars;

/** Validates a formula goal's own fields into `goal` (model.js hands in its checks, which name field, value and rule). */
export function normaliseFormulaGoal(raw, goal, at, { wholeNumber, finite, refuse, maxLayer }) {
  if (!FORMULA_QUANTITIES.includes(raw.quantity)) {
    refuse(`${at}.quantity`, raw.quantity, `must be one of ${FORMULA_QUANTITIES.join(', ')}`);
  }
  goal.quantity = raw.quantity;
  goal.layer = wholeNumber(`${at}.layer`, raw.layer, 0, maxLayer);
  const tolerance = raw.tolerance === undefined || raw.tolerance === null ? FORMULA_TOLERANCE : finite(`${at}.tolerance`, raw.tolerance);
  if (!(tolerance > 0 && tolerance < 1)) refuse(`${at}.tolerance`, raw.tolerance, 'must be a relative tolerance above 0 and below 1');
  goal.tolerance = tolerance;
  return goal;
}

/** "Type the formula of ∂C/∂x_in[i] for layer 1". */
export function formulaGoalText(goal) {
  return `Type the formula of ${QUANTITIES[goal.quantity].entry} for layer ${goal.layer + 1}`;
}

export const hasFormulaGoal = (exercise) => Boolean(exercise?.goals?.some((g) => g.type === 'formula'));

/** A typed formula as stored (text, at most MAX_FORMULA_CHARS characters), or a refusal naming the rule. */
export function formulaAnswer(value, refuse) {
  if (typeof value !== 'string') refuse('answer', value, 'must be the formula as text, e.g. \\sum_{k=0}^{K-1} W_k x_{t+k}');
  if (value.length > MAX_FORMULA_CHARS) {
    refuse('answer', `${value.slice(0, 20)}…`, `has ${value.length} characters; a formula may have at most ${MAX_FORMULA_CHARS}`);
  }
  return value;
}

/** The goal's state: the learner's formula judged by the probe's formula judge (attachFormulaJudge). */
export function formulaGoalMet(goal, probe, progress, i) {
  const text = progress.formulas?.[i];
  if (typeof text !== 'string' || text.trim() === '') return { met: false, detail: 'no answer yet' };
  if (!probe.formula) return { met: false, detail: 'the formula checker is loading' };
  const judged = probe.formula(goal, text, i);
  return { met: judged.met, detail: judged.detail };
}

/** Loads web/shared/formula/ (parser, evaluator, checker) and the library → Promise of a judge for attachFormulaJudge. */
export async function loadFormulaJudge() {
  const { createFormulaJudge } = await import('../formula/judge.js');
  return createFormulaJudge();
}

/**
 * Gives `probe` (check.js modelProbe of `model`) the formula judge: probe.formula(goal, text, i) → { met, detail,
 * error?, plot? }, and probe.formulaResult(i), goal i's last judgement (the panel draws its plot from it).
 */
export function attachFormulaJudge(probe, model, judge) {
  const last = new Map();
  probe.formula = (goal, text, i) => {
    const judged = judge(goal, text, model);
    last.set(i, judged);
    return judged;
  };
  probe.formulaResult = (i) => last.get(i) ?? null;
  return probe;
}

/** The learner's formulas ({ goalIndex: text }) as the link's `fx=` value, or '' when there are none. */
export function encodeFormulas(formulas) {
  const entries = Object.entries(formulas ?? {}).filter(([, text]) => typeof text === 'string' && text !== '');
  return entries.length ? LZString.compressToEncodedURIComponent(JSON.stringify(Object.fromEntries(entries))) : '';
}

/** The link's `fx=` value → { goalIndex: text } (entries that do not fit a formula goal of `exercise` are dropped). */
export function decodeFormulas(value, exercise) {
  if (typeof value !== 'string' || value === '' || value.length > 16_000) return {};
  let data;
  try { data = JSON.parse(LZString.decompressFromEncodedURIComponent(value) ?? ''); } catch { return {}; }
  const out = {};
  if (!data || typeof data !== 'object') return out;
  for (const [key, text] of Object.entries(data)) {
    const goal = exercise?.goals?.[Number(key)];
    if (goal?.type === 'formula' && typeof text === 'string' && text.length <= MAX_FORMULA_CHARS) out[Number(key)] = text;
  }
  return out;
}
