// Hints for a new learner: what to do first (on a page opened without a link), and, as a notice, when training makes
// the loss worse, that the learning rate is probably too large (with the lesson that explains why).
import { formatNumber } from '../shared/format.js';

/**
 * The first steps (index.html, in the Train group, in the page's flow: it covers nothing and moves nothing when it
 * appears, as it is there from the first paint): they go away at the first Play or step, or with ✕.
 */
export function showWelcome(session) {
  const welcome = document.getElementById('welcome');
  const close = () => { welcome.hidden = true; off(); };
  const off = session.on('weights', close);
  document.getElementById('welcome-close').addEventListener('click', close, { once: true });
}

/** Hides the first steps at once: the page was opened with a link, an exercise or in an embed (not a first visit). */
export function hideWelcome() {
  document.getElementById('welcome').hidden = true;
}

/** Needs this many steps before judging that training made the loss worse. */
const MIN_STEPS = 10;

/** After MIN_STEPS steps with the loss above where it started: say η is too large, once per model or reset. */
export function watchLearningRate(session, notices) {
  let said = false;
  session.on('model', () => { said = false; notices.hide('eta'); });
  session.on('weights', ({ steps, reset }) => {
    if (reset) { said = false; notices.hide('eta'); return; }
    const history = session.history;
    if (said || steps < MIN_STEPS || history.length < 2) return;
    const start = history[0].loss;
    const now = history[history.length - 1].loss;
    if (!(Number.isFinite(now) && now > start * 1.05)) return;
    said = true;
    const eta = session.experiment.learningRate;
    notices.show(`The loss went up from ${formatNumber(start)} to ${formatNumber(now)} in ${steps} steps: the learning rate `
      + `η = ${eta} is probably too large — each step overshoots the minimum. Try a smaller η (move the slider left), then Reset. `
      + 'Why: the lesson “Exercise: find the learning rate that diverges” under Explanations → Lessons.', 'eta');
  });
}
