// The exercise's key in the page's fragment, and splitting it off: small on purpose, so the page can tell a link with
// an exercise from one without before it loads the exercise code (link.js, lz-string, the checks).
export const EXERCISE_KEY = 'ex';
/** The learner's typed formulas (formula goals), so a shared link shows what they typed. */
export const FORMULAS_KEY = 'fx';

/** The fragment without its exercise, the exercise's value (or null) and the learner's formulas' value (or null). */
export function splitFragment(fragment) {
  const pairs = String(fragment).replace(/^#/, '').split('&').filter((p) => p !== '');
  const last = (key) => {
    const mine = pairs.filter((p) => p.startsWith(`${key}=`));
    return mine.length ? mine[mine.length - 1].slice(key.length + 1) : null;
  };
  return {
    experiment: pairs.filter((p) => !p.startsWith(`${EXERCISE_KEY}=`) && !p.startsWith(`${FORMULAS_KEY}=`)).join('&'),
    value: last(EXERCISE_KEY),
    formulas: last(FORMULAS_KEY),
  };
}
