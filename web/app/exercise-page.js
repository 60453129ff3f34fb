// Exercises on the page, loaded when the page first has one: a first visit without an exercise link never needs the
// controller, the checks, the student panel or the SCORM code (exercise-runtime.js and web/shared/exercise/), so they
// are fetched by import() the first time a link, a SCORM launch, the handle, the editor or a lesson brings an exercise.
// Until then the page's fragment is the experiment's own and there is no exercise to check.
import { LAUNCH_META, parseLaunchData } from '../shared/exercise/launch.js';
import { splitFragment } from '../shared/exercise/fragment.js';

/** The launch data a SCORM package bakes into the single file ({ fragment, search }), or null on any other page. */
export function readLaunch(doc = document) {
  const meta = doc.querySelector(`meta[name="${LAUNCH_META}"]`);
  return meta ? parseLaunchData(meta.getAttribute('content')) : null;
}

/** True when a fragment (with or without '#') carries an exercise (`ex=`). */
export const hasExercise = (fragment) => typeof fragment === 'string' && splitFragment(fragment).value !== null;

/**
 * createPageExercises(session, { embedOptions, applyEmbedRules, notices, scorm }) → the exercise side of the page, the
 * same whether or not exercise-runtime.js is loaded yet:
 *   load()                → Promise of the loaded exercises (exercise-runtime.js); a failed load can be retried
 *   open(fragment)        a link, setState or the launch: loads the experiment now, the exercise once it is verified
 *   setExercise(ex, { applyLocks })   the handle (locks apply) or the editor's preview (the author keeps every control)
 *   exercise() / answer(i, value) / exportPackage(format)   the handle's exercise calls
 *   onResult(fn), current(), state(), startScorm()
 * `scorm` (true for a page that opens with an exercise) lets the page look for an LMS's API; such a page calls load()
 * before startScorm().
 */
export function createPageExercises(session, options) {
  let loaded = null;   // exercise-runtime.js's page exercises, once imported
  let loading = null;
  const listeners = [];

  function load() {
    loading ??= import('./exercise-runtime.js').then((m) => {
      loaded = m.createPageExercises(session, options);
      for (const fn of listeners) loaded.onResult(fn);
      return loaded;
    }).catch((error) => {
      loading = null;  // a network hiccup: the next exercise tries again
      throw new Error(`the exercise code could not be loaded (${error && error.message || error}); check the connection and try again`);
    });
    return loading;
  }

  /** The load, with a notice when it fails (the experiment itself stays as it is: nothing of the learner's is lost). */
  function loadOrSay() {
    return load().catch((error) => {
      options.notices.show(`${error.message[0].toUpperCase()}${error.message.slice(1)}. The experiment opened without its exercise.`, 'error');
      throw error;
    });
  }

  return {
    load,
    open(fragment, { inParts = false } = {}) {
      if (loaded) return loaded.open(fragment, { inParts });
      const whole = typeof fragment === 'string' ? fragment.replace(/^#/, '') : '';
      const { experiment, value } = splitFragment(whole);
      const ok = inParts ? session.loadFragmentInParts(experiment) : session.loadFragment(experiment);
      // No exercise was ever installed, so a fragment without one has nothing to remove. A failed load was said by
      // loadOrSay: the experiment is open without its exercise (null), and the start-up goes on.
      const exercise = value === null ? Promise.resolve(null)
        : loadOrSay().then((x) => x.installFrom(whole, ok), () => null);
      return { ok, exercise };
    },
    async setExercise(exercise, setOptions) { return (await load()).setExercise(exercise, setOptions); },
    exercise: () => (loaded ? loaded.controller.exercise() : null),
    async answer(goalIndex, value) { return (await load()).controller.answer(goalIndex, value); },
    async exportPackage(format) { return (await load()).controller.exportPackage(format); },
    current: () => (loaded ? loaded.current() : null),
    onResult(fn) { listeners.push(fn); loaded?.onResult(fn); },
    state: () => (loaded ? loaded.state() : splitFragment(session.fragment()).experiment),
    startScorm: () => (loaded ? loaded.startScorm() : null),
  };
}

/** "Make an exercise": the editor (exercise-editor.js) and the exercise code load on the first click. */
export function wireExerciseEditor(context, notices) {
  const button = document.getElementById('make-exercise');
  if (!button) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');  // style.css shows a busy cursor; a slow network takes a moment
    Promise.all([import('./exercise-editor.js'), context.exercises.load()])
      .then(([m]) => m.openExerciseEditor(context))
      .catch((error) => notices.show(`The exercise editor could not open: ${error && error.message || error}. Try again in a moment.`, 'error'))
      .finally(() => button.removeAttribute('aria-busy'));
  });
}
