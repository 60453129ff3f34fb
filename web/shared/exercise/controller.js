// The exercise behind the page's handle: setExercise / exercise() / answer() / exportPackage('scorm12'), the
// 'exercise' event to an embedding page, the exercise in getState()'s fragment, and SCORM 1.2 reporting.
// DOM-free: the page hands in what it owns (its model, its fragment, how to post to its parent, the SCORM API).
import { ConvPoolError, describe } from '../../lib/arguments.js';
import { modelProbe } from './check.js';
import { BOUND_KEYS, EXERCISE_KEY, encodeExercise, fragmentFields, readExerciseFragment, splitFragment } from './link.js';
import { prepareExercise } from './model.js';
import { createScormReporter } from './scorm.js';
import { createExerciseSession, packSuspendData, readSuspendData } from './session.js';
import { attachFormulaJudge, decodeFormulas, encodeFormulas, hasFormulaGoal, loadFormulaJudge } from './formula-goal.js';
import { FORMULAS_KEY } from './fragment.js';

/** What a loss goal measures besides the network: the data set and the training options (their link keys, in words). */
/** @type {Array<[string[], string]>} */
const MEASURED_KEYS = [
  [BOUND_KEYS['data-preset'].concat(BOUND_KEYS['data-validation']), 'data set'],
  [BOUND_KEYS.dataset.filter((k) => k !== 'data' && k !== 'val'), 'training options (optimizer, batch, weight decay)'],
];
const STORAGE_PREFIX = 'convpool-exercise:';

/**
 * createExerciseController(page) → controller. `page`:
 *   model()              the page's current convpool model (checks read it through modelProbe)
 *   loss(), lossName()   optional: the number the page calls C and its name (a data set's C is its mean per
 *                        example, web/shared/training-display.js); loss goals compare that, as the page shows it
 *   fragment()           the experiment's fragment without the exercise (getState() before this module adds to it)
 *   post(message)        posts to the embedding page (null/undefined when not embedded)
 *   scormApi             the LMS API object (scorm.js findScormApi(window)), or null
 *   singleFileHtml()     → Promise of the single-file playground's HTML (for exportPackage)
 *   onChange(result)     re-render the exercise panel (also called after setExercise and answer)
 *   onProgress(result)   (optional) a goal's live detail moved, nothing else (a loss goal's C after a step): show it
 *   onScormError(error)  an LMS error, for the console or a quiet notice
 *   storage              (optional) { get(key), set(key, text) }: the browser's local storage, where a learner's
 *                        answers are kept per exercise so a reload of the link keeps them (without an LMS)
 *   onDropped(what)      (optional) suspend data could not hold everything: 'experiment' or 'answers' was left out
 *   measuredOn()         (optional) what the loss is measured on, in words (a loss goal says it)
 */
export function createExerciseController(page) {
  let session = null;
  let encoded = null;          // the `ex` value for getState(): computed once per exercise, bound to its locked settings
  let reporter = null;
  let storedProgress = null;   // what the LMS kept from the last visit
  let probe = null;
  let probedModel = null;
  let formulaJudge = null;     // web/shared/formula/, loaded with the first exercise that has a formula goal
  let measured = null;         // the data and training keys of the experiment the exercise was installed on
  let droppedSaid = null;

  /** null, or what of the data and training options differs from the experiment the exercise was installed on. */
  function changedData() {
    if (!measured) return null;
    const now = fragmentFields(splitFragment(page.fragment()).experiment);
    const differs = MEASURED_KEYS.filter(([keys]) => keys.some((key) => (now.get(key) ?? '') !== (measured.get(key) ?? '')));
    return differs.length ? differs.map(([, words]) => words).join(' and ') : null;
  }

  /** One probe per model, so its forward/backward cache lives as long as the model does. */
  function currentProbe() {
    const model = page.model();
    if (model !== probedModel) {
      probe = {
        ...modelProbe(model, page.loss ? { loss: page.loss, lossName: page.lossName } : undefined),
        changedData, ...(page.measuredOn ? { measuredOn: page.measuredOn } : {}),
      };
      probedModel = model;
      if (formulaJudge) attachFormulaJudge(probe, model, formulaJudge);
    }
    return probe;
  }

  /** The key the browser keeps this exercise's progress under: its link digest (the exercise and what it binds). */
  const storageKey = () => (encoded ? `${STORAGE_PREFIX}${encoded.slice(encoded.lastIndexOf('.') + 1)}` : null);

  function save() {
    const key = storageKey();
    if (!key || !page.storage || !session) return;
    try { page.storage.set(key, JSON.stringify(session.progress())); } catch { /* storage full or denied: the LMS or the link keeps the rest */ }
  }

  function stored() {
    const key = storageKey();
    if (!key || !page.storage) return null;
    try { return JSON.parse(page.storage.get(key) ?? 'null'); } catch { return null; }
  }

  /** Keeps what the learner did: in the browser (a reload of the link) and in the LMS (score, status, suspend data). */
  function keep(result = session.result()) {
    save();
    if (reporter) {
      const packed = packSuspendData({ fragment: state(), progress: session.progress() });
      if (packed.dropped && packed.dropped !== droppedSaid) { droppedSaid = packed.dropped; page.onDropped?.(packed.dropped); }
      reporter.report({ passed: result.passed, score: result.score, suspendData: packed.text });
    }
  }

  function changed(result, event) {
    if (event && page.post) page.post(event);
    keep(result);
    page.onChange?.(result);
  }

  async function install(exercise, progress = storedProgress, typedFormulas = {}) {
    storedProgress = null;     // what the LMS kept applies to the first exercise installed after startScorm()
    if (hasFormulaGoal(exercise) && !formulaJudge) {
      formulaJudge = await loadFormulaJudge();
      probedModel = null;      // the next probe gets the judge
    }
    const experiment = splitFragment(page.fragment()).experiment;
    // The link first: every report after this one, the first after a resume too, carries the exercise.
    encoded = await encodeExercise(exercise, experiment);
    measured = fragmentFields(experiment);
    session = null;
    let kept = progress ?? stored();
    if (Object.keys(typedFormulas).length) kept = { ...(kept ?? {}), formulas: { ...(kept?.formulas ?? {}), ...typedFormulas } };
    session = createExerciseSession({
      exercise, probe: currentProbe(), progress: kept, onChange: changed, onProgress: (result) => page.onProgress?.(result),
      onAttempt: (record) => reporter?.interaction(record),
    });
    await session.ready;
    const result = session.result();
    changed(result, null);
    return result;
  }

  /** getState(): the experiment's fragment, plus the exercise when there is one. */
  function state() {
    const experiment = splitFragment(page.fragment()).experiment;
    if (!encoded) return experiment;
    const formulas = encodeFormulas(session?.progress().formulas);
    return `${experiment}&${EXERCISE_KEY}=${encoded}${formulas ? `&${FORMULAS_KEY}=${formulas}` : ''}`;
  }

  return {
    /** playground.setExercise(exercise): validates (a choice's `correct` becomes a salted hash) → Promise of exercise(). */
    async setExercise(exercise) {
      if (exercise === null) { session = null; encoded = null; page.onChange?.(null); return null; }
      return install(await prepareExercise(exercise));
    },

    /** playground.exercise(): null, or { title, task, goals: [{ type, text, met, detail }], passed, score }. */
    exercise: () => (session ? session.result() : null),

    /** playground.answer(goalIndex, value) → Promise of exercise(). */
    async answer(goalIndex, value) {
      if (!session) throw new ConvPoolError(`answer(${describe(goalIndex)}, …) needs an exercise: call setExercise first`);
      const result = await session.answer(goalIndex, value);
      keep();  // a wrong answer changes no goal, but it is the learner's work: the LMS and the browser keep it
      return result;
    },

    /** The next hint of a goal (or of the exercise when goalIndex is omitted), or null. */
    revealHint(goalIndex) {
      if (!session) return null;
      const hint = session.revealHint(goalIndex);
      keep();
      return hint;
    },
    hintsShown: (goalIndex) => (session ? session.hintsShown(goalIndex) : []),
    /** Goal i's last formula judgement ({ met, detail, error?, plot? }: the panel draws it), or null. */
    formulaResult: (goalIndex) => (session && probe?.formulaResult ? probe.formulaResult(goalIndex) : null),
    /** What the learner did (answers typed, choices, hints), e.g. to show a resumed visit's answers; null without an exercise. */
    progress: () => (session ? session.progress() : null),

    /** After every step, reset or edit: re-checks the goals (events fire only when a goal's state changed). */
    update() {
      return session ? session.setProbe(currentProbe()) : null;
    },

    state,

    /**
     * After an edit of a setting the exercise binds (possible where its locks are not applied: the editor's preview, a
     * lesson tried as an exercise), binds the exercise to the experiment as it is now, so getState() stays a link
     * that opens; the learner's progress is kept.
     */
    async rebind() {
      if (!session) return;
      const experiment = splitFragment(page.fragment()).experiment;
      encoded = await encodeExercise(session.exercise, experiment);
      // `measured` stays the experiment the exercise was installed on: a loss goal is still measured on that data
      save();
    },

    /**
     * Opens a whole fragment (a link, setState, the SCORM launch or resume): verifies its exercise, lets the page load
     * the experiment part (`await loadExperiment(experimentFragment)`, as the page always loaded a fragment), then
     * installs the exercise on the model that experiment built. → Promise of { experiment, exercise, problem? }:
     * a tampered or damaged exercise is refused (exercise null) and `problem` is the notice to show.
     */
    async load(fragment, loadExperiment) {
      const read = await readExerciseFragment(fragment);
      await loadExperiment?.(read.experiment);
      // the formulas a learner typed travel in the link (fx=): they are theirs, judged again here
      if (read.exercise) await install(read.exercise, storedProgress, decodeFormulas(splitFragment(fragment).formulas, read.exercise));
      else { session = null; encoded = null; }
      const result = { experiment: read.experiment, exercise: session ? session.result() : null };
      return read.problem ? { ...result, problem: read.problem } : result;
    },

    /**
     * In an LMS: LMSInitialize, and what to resume → { fragment, finishOnExit(window) }, or null without an LMS.
     * `fragment` is the state stored on the last visit (null on a first one): load() it. The learner's stored progress
     * (answers, hints, choices re-checked by hash) applies to the first exercise installed after this call.
     */
    startScorm() {
      reporter = createScormReporter(page.scormApi, { onError: (e) => page.onScormError?.(e) });
      if (!reporter) return null;
      const stored = readSuspendData(reporter.start());
      storedProgress = stored?.progress ?? null;
      return { fragment: stored?.fragment ?? null, finishOnExit: (win) => reporter.finishOnExit(win) };
    },

    /** playground.exportPackage('scorm12') → Promise of a Uint8Array (the zip). */
    async exportPackage(format) {
      if (format !== 'scorm12') throw new ConvPoolError(`format ${describe(format)} must be 'scorm12'`);
      if (!session) throw new ConvPoolError('exportPackage needs an exercise: call setExercise first');
      // the zip code (package.js, fflate) loads on the first export, not with the page
      const { buildScormPackage } = await import('./package.js');
      return buildScormPackage({ html: await page.singleFileHtml(), fragment: page.fragment(), exercise: session.exercise });
    },
  };
}
