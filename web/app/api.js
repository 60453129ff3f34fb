// The page's public handle, window.convpoolPlayground (docs/interface.md), and its postMessage twin for embedding
// pages on another origin. Every call first runs queued training, so it answers for the experiment as shown.
import { LIMITS } from '../shared/schema.js';
import { listenForMessages } from './embed.js';
import { nextTask } from '../shared/yield.js';
import { splitComparison } from './compare/pair.js';

/** One postMessage 'step' may ask for at most this much work (≈ 10 s), so a message cannot freeze the page. */
const MESSAGE_STEP_WORK = 1e10;

/**
 * → { handle, resolveReady, rejectReady }; `redraw()` draws at once, `stop()` pauses Play, `notice(text, kind)` shows one,
 * `exercises()` the page's exercises (exercise-page.js) once they exist: getState/setState carry the exercise through them.
 * `pair()` the two sessions of a comparison (compare/pair.js); `comparisonShown()` → a promise settled once the
 * comparison's view is on the page (its code loads on first use).
 */
export function publishHandle(getSession, { redraw, stop, notice, exercises = () => null, pair, comparisonShown }) {
  let resolveReady;
  let rejectReady;
  const drawn = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  // exportCode's exporters: their own chunk, fetched while the WASM loads (dist preloads it: READY_AWAITS in
  // scripts/dist.mjs); `ready` waits for both
  let codeSource = null;
  let codeSourceError = null;
  // (requested in a task of its own: the request costs a slow phone ms the module graph's evaluation should not carry)
  const codeSourceLoaded = nextTask().then(() => import('./code-source.js'))
    .then((m) => { codeSource = m; }, (error) => { codeSourceError = error; });
  const ready = Promise.all([drawn, codeSourceLoaded]).then(() => undefined);
  const loaded = () => {
    const s = getSession();
    if (!s || !s.model) throw new Error('convpool is still loading; await convpoolPlayground.ready first');
    return s;
  };
  const session = () => {
    const s = loaded();
    s.runPending();
    pair()?.b?.runPending();  // comparing: B's queued training too, so every call answers for both sides as shown
    return s;
  };

  const pageExercises = () => {
    const x = exercises();
    if (!x) throw new Error('convpool is still loading; await convpoolPlayground.ready first');
    return x;
  };

  /** @type {import('../types.js').PlaygroundHandle} */
  const handle = Object.freeze({
    ready,
    step(n = 1) {
      const s = session();
      const steps = Number(n);
      if (!Number.isInteger(steps) || steps < 1) throw new Error(`step(n): n ${String(n)} must be a whole number ≥ 1`);
      // comparing: both sides take the n steps (pair.step); alone, A within the step limit as always
      const loss = pair().comparing ? pair().step(steps) : s.train(Math.min(steps, Math.max(0, LIMITS.maxSteps - s.experiment.steps)));
      redraw();
      return loss;
    },
    loss() { return session().loss(); },
    /** The validation set's loss at the current weights (NaN when the experiment has no validation set). */
    validationLoss() { return session().validationLoss(); },
    /** Loss 'crossentropy': the share of training examples classified right (NaN for the other losses). */
    accuracy() { return session().accuracy(); },
    /** The same on the validation set (NaN without one, or for the other losses). */
    validationAccuracy() { return session().validationAccuracy(); },
    stepCount() { return session().stepCount(); },
    getState() {
      const s = session();
      return pair().fragment(exercises() ? exercises().state() : s.fragment());
    },
    setState(fragment) {
      const s = session();
      if (typeof fragment !== 'string') {
        notice('setState needs the text of a link fragment; nothing was changed.', 'warning');
        return false;
      }
      // a link with B beside A (vs=) opens the comparison; one without it ends any comparison, as a fresh page would
      const { main, comparison } = splitComparison(fragment);
      const ok = exercises() ? exercises().open(main).ok : s.loadFragment(main);
      s.runPending();
      let okB = true;
      if (comparison === null) pair().end();
      else {
        okB = pair().start(comparison);
        pair().b.runPending();
        okB = okB && !pair().b.replayDiverged;
      }
      return ok && !s.replayDiverged && okB;  // a crafted link whose recorded steps diverge is not reproduced exactly
    },
    reset() {
      session();
      stop();
      for (const side of pair().sessions()) side.reset();
      redraw();
    },
    /**
     * Shows experiment B (a link fragment) beside the current one, both then training in lockstep; null ends the
     * comparison. → a promise of true when B was read exactly (false: B opened with a notice of what was not).
     */
    async setComparison(fragment) {
      session();
      if (fragment !== null && typeof fragment !== 'string') {
        throw new Error(`setComparison(fragment): fragment ${typeof fragment === 'object' ? JSON.stringify(fragment) : String(fragment)} `
          + 'must be the text of a link fragment (as getState() gives) or null to end the comparison');
      }
      stop();
      if (fragment === null) {
        pair().end();
        redraw();
        return true;
      }
      const ok = pair().start(splitComparison(fragment).main);
      pair().b.runPending();
      await comparisonShown();
      redraw();
      return ok && !pair().b.replayDiverged;
    },
    /** null, or { a: { step, loss }, b: { step, loss } } while two experiments train side by side. */
    comparison() { session(); return pair().summary(); },
    /** 'pytorch' | 'numpy' → a standalone Python script reproducing this experiment (README "Export as code"). */
    exportCode(kind) {
      const s = session();
      if (!codeSource) {
        throw new Error(`the code export could not be loaded (${codeSourceError ? codeSourceError.message : 'still loading'})`);
      }
      return codeSource.experimentAsCode(s, kind);
    },
    /** Loads an exercise on the current experiment (its lock/hide apply); → Promise of exercise(). */
    setExercise(exercise) { session(); return pageExercises().setExercise(exercise); },
    /** null, or { title, task, goals: [{ type, text, met, detail }], passed, score }. */
    exercise() { session(); return pageExercises().exercise(); },
    /** A learner's answer to goal goalIndex ('answer': a number or the text typed; 'choice': an option) → Promise of exercise(). */
    answer(goalIndex, value) { session(); return pageExercises().answer(goalIndex, value); },
    /** → Promise of a Uint8Array: the SCORM 1.2 zip of this exercise. */
    exportPackage(format) { session(); return pageExercises().exportPackage(format); },
    /**
     * Measuring hooks for tests and the curious (beyond the documented handle): WASM allocator bytes in use, the
     * WASM memory size, live models (embind handles) and embind's own instance count; all flat when nothing leaks.
     */
    debug: Object.freeze({
      heapBytesInUse() { return loaded().cp.heapBytesInUse(); },
      heapSize() { return loaded().cp.heapSize(); },
      liveModels() { return loaded().cp.liveModels(); },
      embindInstances() { return loaded().cp.embindInstances(); },
      /** Estimated work of one training step of the current network (units ≈ multiply-adds). */
      stepWork() { return loaded().stepWork(); },
    }),
  });
  window.convpoolPlayground = handle;
  // listen from the start: a parent may post as soon as the iframe's load event fires (replies wait for `ready`)
  listenForMessages(handle, { maxSteps: () => Math.max(1, Math.floor(MESSAGE_STEP_WORK / getSession().stepWork())) });
  return { handle, resolveReady, rejectReady };
}
