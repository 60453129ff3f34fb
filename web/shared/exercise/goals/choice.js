// { type: 'choice', question, options, salt, answerHash }: multiple choice. The exercise holds only a salted SHA-256 of
// the right option (an author's `correct` is replaced by prepareExercise in model.js), never the answer itself.
import { ConvPoolError, describe } from '../../../lib/arguments.js';
import { hex, text, textList, LIMITS } from '../fields.js';
import { choiceHash, normaliseOption } from '../hash.js';

export default {
  type: 'choice',
  fields: ['question', 'options', 'salt', 'answerHash'],
  entry: 'option',  // the panel shows the options; answer(i, value) takes an option's text or index

  precheck(raw, at) {
    if (raw.correct !== undefined || raw.answer !== undefined) {
      // The link must never carry a reference answer in plain text: prepareExercise() turns `correct` into a hash.
      throw new ConvPoolError(`${at}.correct must not be part of a stored exercise: prepareExercise() replaces it with a salted hash`);
    }
  },

  normalise(raw, goal, at) {
    goal.question = text(`${at}.question`, raw.question, LIMITS.task, { required: true });
    goal.options = textList(`${at}.options`, raw.options, LIMITS.options, LIMITS.option);
    if (goal.options.length < 2) throw new ConvPoolError(`${at}.options has ${goal.options.length} entries; a choice needs at least 2`);
    if (new Set(goal.options).size !== goal.options.length) throw new ConvPoolError(`${at}.options has two equal options`);
    goal.salt = hex(`${at}.salt`, raw.salt, 16, 64);
    goal.answerHash = hex(`${at}.answerHash`, raw.answerHash, 64, 64);
  },

  text: (goal) => goal.question,

  /** The option picked (its text or index) into the progress, checked against the hash → the option recorded. */
  async accept(goal, value, state, i) {
    const option = typeof value === 'number' ? goal.options[value] : value;
    if (typeof option !== 'string' || !goal.options.map(normaliseOption).includes(normaliseOption(option))) {
      throw new ConvPoolError(`answer ${describe(value)} must be one of goal ${i}'s options (its text or index)`);
    }
    state.choices[i] = normaliseOption(option);
    state.choiceMet[i] = (await choiceHash(goal.salt, option)) === goal.answerHash;
    if (state.choiceMet[i]) state.rightChoices[i] = state.choices[i];
    return state.choices[i];
  },

  check(goal, probe, progress, i) {
    const state = progress.choiceMet?.[i];
    if (state === undefined) return { met: false, detail: 'no choice yet' };
    return state ? { met: true, detail: 'right choice' } : { met: false, detail: 'not this one: read the question again and try another option' };
  },

  /** SCORM 1.2's 'choice' response: the option's letter (a, b, c …). */
  interaction: (goal, response) => ({
    type: 'choice', response: String.fromCharCode(97 + goal.options.map(normaliseOption).indexOf(normaliseOption(response))),
  }),

  hides: () => null,  // a choice shows no plot's value
};
