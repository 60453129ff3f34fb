// What the formula goal (goals/formula.js) needs besides its entry in goal-types.js: its label, the learner's text, the
// judge (the parser, evaluator and checker of web/shared/formula/, loaded by import() only when an exercise has a
// formula goal, so no other page pays for them) and the learner's formulas in the link (fx=).
import LZString from '../../generated/vendor/lz-string.js';
import { QUANTITIES } from '../formula/symbols.js';
import { FORMULA_LIMITS } from '../formula/errors.js';

export const FORMULA_QUANTITIES = Object.keys(QUANTITIES);
/** The default tolerance of a formula goal, relative to the largest true value of a draw. */
export const FORMULA_TOLERANCE = 1e-4;
export const MAX_FORMULA_CHARS = FORMULA_LIMITS.maxChars;

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
