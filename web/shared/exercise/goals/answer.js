// { type: 'answer', quantity, layer, channel, index, inChannel, tolerance }: the learner types a number; met when it is
// within `tolerance` (relative) of the true value the page computes from the core. Right when typed stays right.
import { ConvPoolError, describe } from '../../../lib/arguments.js';
import { finite, refuse, wholeNumber, LIMITS } from '../fields.js';
import {
  equationFor, formatNumber, goalEntry, parseTyped, withinTolerance, wrongAnswerFeedback,
} from '../answer-feedback.js';

/** What an 'answer' goal may ask: an output length, or one entry of y, ∂C/∂x, ∂C/∂W, ∂C/∂b. */
export const ANSWER_QUANTITIES = ['outputLength', 'y', 'dx', 'dw', 'db'];
/** The default tolerance of an 'answer' goal: relative to the true value. */
export const DEFAULT_TOLERANCE = 1e-3;

export default {
  type: 'answer',
  fields: ['quantity', 'layer', 'channel', 'index', 'inChannel', 'tolerance'],
  entry: 'number',  // the panel shows a box for a number; answer(i, value) takes a number or the text typed

  normalise(raw, goal, at) {
    if (!ANSWER_QUANTITIES.includes(raw.quantity)) refuse(`${at}.quantity`, raw.quantity, `must be one of ${ANSWER_QUANTITIES.join(', ')}`);
    goal.quantity = raw.quantity;
    goal.layer = wholeNumber(`${at}.layer`, raw.layer, 0, LIMITS.maxLayer);
    goal.channel = wholeNumber(`${at}.channel`, raw.channel, 0, 63, 0);
    goal.index = wholeNumber(`${at}.index`, raw.index, 0, LIMITS.maxIndex, 0);
    goal.inChannel = wholeNumber(`${at}.inChannel`, raw.inChannel, 0, 63, 0);
    const tolerance = raw.tolerance === undefined || raw.tolerance === null ? DEFAULT_TOLERANCE : finite(`${at}.tolerance`, raw.tolerance);
    if (!(tolerance > 0 && tolerance < 1)) refuse(`${at}.tolerance`, raw.tolerance, 'must be a relative tolerance above 0 and below 1');
    goal.tolerance = tolerance;
  },

  text: (goal) => `Type ${goalEntry(goal)}`,

  /** The learner's entry into their progress (state.answers) → the response to record; throws naming a bad value. */
  accept(goal, value, state, i) {
    if (typeof value !== 'number' && typeof value !== 'string') {
      throw new ConvPoolError(`answer ${describe(value)} must be a number (or the text typed)`);
    }
    state.answers[i] = typeof value === 'string' ? value.slice(0, 100) : value;
    delete state.rightAnswers[i];  // a new answer is judged on the network as it is now
    return String(state.answers[i]);
  },

  check(goal, probe, progress, i) {
    const typed = progress.answers?.[i];
    let truth;
    try {
      truth = probe.trueValue(goal);
    } catch (error) {
      return { met: false, detail: `this goal cannot be checked on the current network: ${error.message}` };
    }
    if (typed === undefined || typed === null || typed === '') return { met: false, detail: 'no answer yet' };
    const value = typeof typed === 'number' ? typed : parseTyped(typed);
    if (typeof typed === 'string' && String(typed).trim() === '') return { met: false, detail: 'no answer yet' };
    if (Number.isNaN(value) && !Number.isNaN(truth)) return { met: false, detail: `${String(typed).slice(0, 40)} is not a number` };
    if (withinTolerance(goal, value, truth)) return { met: true, detail: `${formatNumber(value)} is right`, right: typed };
    // Right when it was typed, for the network as it was then: training on afterwards does not take it back.
    const earlier = progress.rightAnswers?.[i];
    if (earlier !== undefined && earlier === typed) return { met: true, detail: `${formatNumber(value)} was right when you typed it` };
    let detail = `${formatNumber(value)} is ${wrongAnswerFeedback(goal, value, truth)}`;
    if ((progress.hintsShown?.[i] ?? 0) > 0) {
      const g = probe.geometry(goal.layer);
      const equation = g && equationFor(goal.quantity, g);
      if (equation) detail += `. Look at the equation ${equation}`;
    }
    return { met: false, detail };
  },

  /** SCORM 1.2's interaction: a plain decimal as 'numeric', anything else typed as 'fill-in'. */
  interaction(goal, response) {
    const value = parseTyped(response);
    return Number.isFinite(value) ? { type: 'numeric', response: String(value) } : { type: 'fill-in', response: String(response) };
  },

  hides: (goal) => ({ quantity: goal.quantity, layer: goal.layer }),
};
