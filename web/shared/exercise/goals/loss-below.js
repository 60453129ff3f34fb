// { type: 'lossBelow', value, maxSteps? }: met when loss() ≤ value (within maxSteps steps of the last reset, if given),
// measured on the data set and training options the exercise was installed on. Once met it stays met.
import { finite, refuse, wholeNumber, LIMITS } from '../fields.js';
import { formatNumber } from '../answer-feedback.js';

export default {
  type: 'lossBelow',
  fields: ['value', 'maxSteps'],
  entry: null,  // met by training, not by something typed

  normalise(raw, goal, at) {
    goal.value = finite(`${at}.value`, raw.value);
    if (goal.value < 0) refuse(`${at}.value`, raw.value, 'must be at least 0 (a loss is never negative)');
    if (raw.maxSteps !== undefined && raw.maxSteps !== null) goal.maxSteps = wholeNumber(`${at}.maxSteps`, raw.maxSteps, 1, LIMITS.maxSteps);
  },

  text: (goal) => `Bring the loss to ${formatNumber(goal.value)} or below${goal.maxSteps ? ` within ${goal.maxSteps} steps` : ''}`,

  check(goal, probe, progress, i) {
    const steps = probe.stepCount();
    const reachedAt = progress.metAt?.[i];
    const on = probe.measuredOn ? ` on ${probe.measuredOn()}` : '';
    if (reachedAt !== undefined) return { met: true, detail: `reached at step ${reachedAt}${on}` };
    // A loss goal measures the data and training options the exercise was made with: other data would be another task.
    const changed = probe.changedData?.();
    if (changed) return { met: false, detail: `this goal is measured on the exercise's own ${changed}: put it back (or reload the exercise) to count` };
    const loss = probe.loss();
    const within = goal.maxSteps === undefined || steps <= goal.maxSteps;
    // with hidePlot the loss is the answer: the feedback says where training stands, not the value
    const name = probe.lossName ? probe.lossName() : 'loss';  // the page's name of C (e.g. "training C (mean per example)")
    const said = goal.hidePlot ? `the ${name}` : `${name} ${formatNumber(loss)}`;
    if (loss <= goal.value && within) return { met: true, detail: `${said}${on} at step ${steps}`, reachedAt: steps };
    if (!within) {
      return { met: false, detail: `${said}${on} after ${steps} steps: more than ${goal.maxSteps}; reset and try again` };
    }
    return { met: false, detail: `${said}${on} after ${steps} steps, not yet ${formatNumber(goal.value)} or below` };
  },

  hides: () => ({ quantity: 'loss', layer: null }),
};
