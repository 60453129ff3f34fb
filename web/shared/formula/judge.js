// The formula goal's judge on a live model: the layer as the core built it, its current x_in, W, b and δ, and the
// checker (check.js). A judgement depends on the formula, the layer's settings and the values it was first checked
// with: it is kept until one of the first two changes, so training on does not re-check every step (a formula right
// for the values when it was typed, and for 3 random draws, is a formula, not a coincidence of those weights).
import { loadConvPool } from '../../convpool.js';
import { checkFormula } from './check.js';
import { formulaLayer, modelValues } from './reference.js';
import { loadFormulaParts } from './parts.js';

const REMEMBERED = 64;

/** → Promise of judge(goal, text, model) → { met, detail, error?, plot? }; never throws for any text. */
export async function createFormulaJudge() {
  const [cp] = await Promise.all([loadConvPool(), loadFormulaParts()]);
  const remembered = new Map();
  return function judge(goal, text, model) {
    const geometry = model?.layers?.[goal.layer];
    const { layer, error } = formulaLayer(geometry, model?.spec?.layers?.[goal.layer], goal.layer + 1, goal.quantity);
    if (error) return { met: false, detail: `this goal cannot be checked on the current network: ${error}` };
    const key = JSON.stringify([goal.quantity, goal.tolerance, layer, text]);
    const known = remembered.get(key);
    if (known) return known;
    model.evaluate();  // the views hold the current weights' forward and backward pass
    const result = checkFormula({ cp, text, quantity: goal.quantity, layer, current: modelValues(model, goal.layer, layer),
      tolerance: goal.tolerance });
    if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value);
    remembered.set(key, result);
    return result;
  };
}
