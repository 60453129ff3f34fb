// The exercise's key in the page's fragment, and splitting it off: small on purpose, so the page can tell a link with
// an exercise from one without before it loads the exercise code (link.js, lz-string, the checks).
export const EXERCISE_KEY = 'ex';

/** The fragment without its exercise, and the exercise's value (or null). */
export function splitFragment(fragment) {
  const pairs = String(fragment).replace(/^#/, '').split('&').filter((p) => p !== '');
  const mine = pairs.filter((p) => p.startsWith(`${EXERCISE_KEY}=`));
  return {
    experiment: pairs.filter((p) => !p.startsWith(`${EXERCISE_KEY}=`)).join('&'),
    value: mine.length ? mine[mine.length - 1].slice(EXERCISE_KEY.length + 1) : null,
  };
}
