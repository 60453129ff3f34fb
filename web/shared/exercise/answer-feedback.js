// Numbers as a learner reads them, the entry a goal names, and feedback on a wrong typed number that fits the
// quantity (a direction and a band, the tell-tale mistakes), without ever naming the true value.
import { loadParts } from '../../layers/registry.js';

// each layer type's equations in words (web/layers/<type>/answer.js), loaded with the exercises, not at start-up
const ANSWER_PARTS = await loadParts('answer');

/** A number for a learner: up to 4 significant digits, no trailing zeros. */
export function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** Which entry a goal names, as the page's plots label it (layers counted from 1). */
export function goalEntry(goal) {
  const l = goal.layer + 1;
  switch (goal.quantity) {
    case 'outputLength': return `the output length of layer ${l}`;
    case 'y': return `y[${goal.channel}, ${goal.index}] of layer ${l}`;
    case 'dx': return `∂C/∂x[${goal.channel}, ${goal.index}] of layer ${l} (the gradient at its input)`;
    case 'dw': return `∂C/∂W[${goal.channel}, ${goal.inChannel}, ${goal.index}] of layer ${l}`;
    default: return `∂C/∂b[${goal.channel}] of layer ${l}`;
  }
}

/**
 * The equation a learner should look at for a quantity of a layer of geometry `g` (shown once a hint has been
 * revealed), in plain text: the layer type's own words (web/layers/<type>/answer.js), or null for a quantity it has none for.
 */
export function equationFor(quantity, g) {
  const words = ANSWER_PARTS.get(g.type)?.default;
  return words && Object.hasOwn(words, quantity) ? words[quantity](g) : null;
}

/** Is a typed value within the goal's tolerance of the true value? Relative, with |true| taken as at least 1e-6. */
export function withinTolerance(goal, typed, truth) {
  if (goal.quantity === 'outputLength') return typed === truth;
  if (!Number.isFinite(truth)) return Object.is(typed, truth);
  return Math.abs(typed - truth) <= goal.tolerance * Math.max(Math.abs(truth), 1e-6);
}

/** The quantities that are gradients: only they carry the factor 2 of ∂(ŷ − y)²/∂ŷ. */
const GRADIENTS = new Set(['dx', 'dw', 'db']);

/** How far a size is off, for a ratio typed / true > 0: a band, or the power of ten once it is 10 times or more. */
function sizeBand(ratio, tolerance) {
  const side = ratio > 1 ? 'too large' : 'too small';
  const factor = ratio > 1 ? ratio : 1 / ratio;
  if (factor >= 10) {
    const power = Math.round(Math.log10(factor));
    return `about ${formatNumber(10 ** power)} times ${side}`;
  }
  const relative = Math.abs(ratio - 1);
  if (relative < 0.01) return `${side}, but within 1 % (the tolerance is ${formatNumber(tolerance * 100)} %): check rounding`;
  if (relative < 0.1) return `${side}, by less than 10 %`;
  if (relative < 0.5) return `${side}, by 10 to 50 %`;
  return `${side}, by more than 50 %`;
}

/**
 * How far off a wrong typed answer is, without giving the true value away: a direction and a band, plus the
 * common mistakes that leave a tell-tale ratio (the factor 2 of a squared error's gradient — for gradients only —, a
 * flipped sign, an off-by-one length). A wrong sign that is also off in size says both.
 */
export function wrongAnswerFeedback(goal, typed, truth) {
  if (goal.quantity === 'outputLength') {
    const side = typed > truth ? 'too long' : 'too short';
    if (Math.abs(typed - truth) === 1) return `${side} by one: a common mistake is to forget the + 1 or the floor ⌊…⌋`;
    return `${side}`;
  }
  if (truth === 0) return `too far from the true value, which is smaller in size than ${formatNumber(Math.abs(typed))}`;
  if (typed === 0) return 'too small: the true value is not 0';
  const ratio = typed / truth;
  const near = (target) => Math.abs(ratio - target) < 0.02;
  const gradient = GRADIENTS.has(goal.quantity);
  if (near(-1)) {
    return gradient ? 'right size, wrong sign: a common mistake is to write the update −η·∂C/∂θ instead of the gradient ∂C/∂θ'
      : 'right size, wrong sign';
  }
  if (gradient && near(0.5)) return 'exactly half: a common mistake is to drop the 2 of ∂(ŷ − y)²/∂ŷ = 2(ŷ − y)';
  if (gradient && near(2)) return 'exactly twice: count the factor 2 of ∂(ŷ − y)²/∂ŷ = 2(ŷ − y) only once';
  if (ratio < 0) {
    const size = -ratio;
    return Math.abs(size - 1) < 0.1 ? 'of the wrong sign (its size is within 10 %)' : `of the wrong sign, and ${sizeBand(size, goal.tolerance)} in size`;
  }
  return sizeBand(ratio, goal.tolerance);
}

/** A typed number: a '−' sign and a decimal comma ('0,25') are read as '-' and '.'; anything else as Number() does. */
export function parseTyped(text) {
  let t = String(text).trim().replace(/−/g, '-');
  if (/^[-+]?\d*,\d+(e[-+]?\d+)?$/i.test(t)) t = t.replace(',', '.');
  return t === '' ? NaN : Number(t);
}
