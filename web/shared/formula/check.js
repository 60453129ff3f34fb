// Checks a learner's formula for a layer's quantity: evaluated at every index against the core, for the current values
// and at least 3 random draws of x, W, b and δ, so a formula right by coincidence (a symmetric kernel, a zero edge) is
// caught. Met when every value agrees within `tolerance`, relative to the largest true value of that draw.
// A wrong formula gets a detail that says where it disagrees and names the classic mistake (diagnose.js).
import { grouped } from './errors.js';
import { compileFormula, createBudget } from './evaluate.js';
import { quantityIndices } from './reference.js';
import { evaluateCase } from './compare.js';
import { diagnose } from './diagnose.js';

export const DEFAULT_TOLERANCE = 1e-4;
export const RANDOM_DRAWS = 3;
const DRAW_SEED = 0x5eed;

/**
 * → { met, detail, error?: { message, start, end }, plot?: { label, indices, truth, learner, wrong }, cases }
 *   cp        the loaded library (web/convpool.js)
 *   layer     formulaLayer(...).layer
 *   current   the current values of x, W, b, δ (modelValues), or null to check with random draws only
 */
export function checkFormula({ cp, text, quantity, layer, current = null, tolerance = DEFAULT_TOLERANCE,
  draws = RANDOM_DRAWS, seed = DRAW_SEED }) {
  const compiled = compileFormula(text, { quantity, layer });
  if (compiled.error) {
    return { met: false, error: compiled.error, detail: `The page cannot read this formula: ${compiled.error.message}.` };
  }
  const { formula } = compiled;
  const sets = [];
  if (current) sets.push({ label: 'the current values', values: current });
  for (let n = 0; n < draws; n++) sets.push({ label: `random draw ${n + 1}`, seed: seed + n });
  const budget = createBudget();
  // Refuse before any work a formula whose sums alone would spend the budget (nested sums over huge ranges).
  let perIndex;
  try {
    perIndex = formula.estimate({ N: layer.N, K: layer.K, M: layer.M, s: layer.s, d: layer.d, p: layer.p });
  } catch (error) {
    if (error.name !== 'FormulaError') throw error;
    return { met: false, error: { message: error.message, start: error.start, end: error.end },
      detail: `The page cannot evaluate this formula: ${error.message}.` };
  }
  const work = perIndex * quantityIndices(layer, quantity).length * sets.length;
  if (work > budget.total) {
    const message = `evaluating this formula at every index of this layer (N = ${layer.N}, M = ${layer.M}, K = ${layer.K}) `
      + `would take about ${formatCount(work)} steps; the page stops at ${formatCount(budget.total)}. Nested sums over `
      + 'long ranges cost the most: solve an Iverson bracket for its index instead of summing over it, or try a shorter signal';
    return { met: false, error: { message, start: null, end: null }, detail: `The page cannot evaluate this formula: ${message}.` };
  }
  const cases = [];
  try {
    for (const set of sets) cases.push(evaluateCase(cp, formula, layer, quantity, set, tolerance, budget));
  } catch (error) {
    if (error.name !== 'FormulaError') throw error;
    return { met: false, error: { message: error.message, start: error.start, end: error.end },
      detail: `The page cannot evaluate this formula: ${error.message}.` };
  }
  const wrongCase = cases.find((c) => c.wrong.length);
  const shownCase = wrongCase ?? cases[0];
  const plot = { label: shownCase.label, indices: shownCase.indices, truth: shownCase.truth, learner: shownCase.learner,
    wrong: shownCase.wrong };
  if (!wrongCase) {
    const what = current ? `the current values and ${draws} random draws` : `${draws} random draws`;
    return { met: true, detail: `Right at every index, for ${what}.`, plot, cases };
  }
  const context = { cp, formula, layer, quantity, cases, tolerance, budget };
  return { met: false, detail: diagnose(context), plot, cases };
}

function formatCount(n) {
  return n >= 1e12 ? n.toExponential(1).replace('e+', '×10^') : grouped(Math.round(n));
}
