// { type: 'formula', quantity, layer, tolerance }: the learner types the right-hand side of y[t], ∂C/∂x_in[i], ∂C/∂W[k]
// or ∂C/∂b of a conv1d or maxpool1d layer; met when it agrees with the core at every index, for the current values and
// 3 random draws (web/shared/formula/). The checker loads by import() only for an exercise with a formula goal: the
// controller gives the probe its judge (formula-goal.js attachFormulaJudge) before the first check.
import { finite, refuse, wholeNumber, LIMITS } from '../fields.js';
import { FORMULA_QUANTITIES, FORMULA_TOLERANCE, formulaAnswer, formulaGoalText } from '../formula-goal.js';

export default {
  type: 'formula',
  fields: ['quantity', 'layer', 'tolerance'],
  entry: 'formula',  // the panel shows the formula box (math input and plain text); answer(i, text) takes the text

  normalise(raw, goal, at) {
    if (!FORMULA_QUANTITIES.includes(raw.quantity)) refuse(`${at}.quantity`, raw.quantity, `must be one of ${FORMULA_QUANTITIES.join(', ')}`);
    goal.quantity = raw.quantity;
    goal.layer = wholeNumber(`${at}.layer`, raw.layer, 0, LIMITS.maxLayer);
    const tolerance = raw.tolerance === undefined || raw.tolerance === null ? FORMULA_TOLERANCE : finite(`${at}.tolerance`, raw.tolerance);
    if (!(tolerance > 0 && tolerance < 1)) refuse(`${at}.tolerance`, raw.tolerance, 'must be a relative tolerance above 0 and below 1');
    goal.tolerance = tolerance;
  },

  text: formulaGoalText,

  /** The typed formula into the progress (state.formulas) → the response to record. */
  accept(goal, value, state, i) {
    state.formulas[i] = formulaAnswer(value, refuse);
    return state.formulas[i];
  },

  check(goal, probe, progress, i) {
    const typed = progress.formulas?.[i];
    if (typeof typed !== 'string' || typed.trim() === '') return { met: false, detail: 'no answer yet' };
    if (!probe.formula) return { met: false, detail: 'the formula checker is loading' };
    const judged = probe.formula(goal, typed, i);
    return { met: judged.met, detail: judged.detail };
  },

  /** SCORM 1.2's interaction: the formula as typed ('fill-in', at most 255 characters). */
  interaction: (goal, response) => ({ type: 'fill-in', response: String(response) }),

  hides: (goal) => ({ quantity: goal.quantity, layer: goal.layer }),
};
