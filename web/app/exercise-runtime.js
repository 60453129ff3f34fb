// Exercises on the page: the exercise controller (web/shared/exercise/controller.js) given what the page owns — its
// model, its fragment, its parent window, the LMS's SCORM API, its own single-file HTML — and wired to the session's
// events, the link, the embed locks, the hidden plots and the student panel. Loaded by exercise-page.js only when the
// page has an exercise (a link, a SCORM launch, the handle, the editor, a lesson): a first visit never needs it.
import { createExerciseController } from '../shared/exercise/controller.js';
import { readExerciseFragment, splitFragment } from '../shared/exercise/link.js';
import { hiddenRule } from '../shared/exercise/hidden.js';
import { LAUNCH_FILE } from '../shared/exercise/launch.js';
import { findScormApi } from '../shared/exercise/scorm.js';
import { exerciseEvent } from '../shared/exercise/session.js';
import { SOURCE_TEMPLATE_ID, singleFileFromDocument } from '../shared/exercise/single-file.js';
import { createExercisePanel } from './exercise-panel.js';

/**
 * The single-file playground's HTML for a SCORM package: the single file rebuilds itself; the hosted site (dist/)
 * fetches the copy beside it, and `npm start` (either mode) builds one on that request (scripts/serve.mjs).
 */
async function singleFileHtml() {
  const own = singleFileFromDocument(document);
  if (own) return own;
  let response;
  try { response = await fetch(new URL(LAUNCH_FILE, location.href)); } catch { response = null; }
  const text = response && response.ok ? await response.text() : '';
  if (!text.includes(`<template id="${SOURCE_TEMPLATE_ID}">`)) {
    throw new Error(`a SCORM package needs the single-file playground (${LAUNCH_FILE}), which this site does not serve `
      + `beside its page: copy it from dist/ (\`npm run dist\`) next to this page, or open it and download the package there`);
  }
  return text;
}

/** The browser's local storage as the controller uses it, or null where the page may not use it (a sandboxed frame). */
function browserStorage() {
  try {
    const storage = window.localStorage;
    return storage ? { get: (key) => storage.getItem(key), set: (key, text) => storage.setItem(key, text) } : null;
  } catch {
    return null;
  }
}

/** What the loss is measured on, in words: a loss goal says it. */
function measuredOn(experiment) {
  const d = experiment?.dataset;
  if (!d) return 'the one example';
  const examples = d.own ? `your ${d.own.length} own examples` : `the ${d.count} examples of the task “${d.preset}” (seed ${d.seed})`;
  return `the training set, ${examples}${d.validation > 0 ? `, less the ${Math.round(d.validation * 100)} % held out` : ''}`;
}

/**
 * createPageExercises(session, { embedOptions, applyEmbedRules, notices, scorm }) → the exercise side of the page:
 *   controller            the handle's exercise / answer / exportPackage / state
 *   open(fragment)        a link, setState or the launch: loads the experiment now, the exercise once it is verified
 *   setExercise(ex, { applyLocks })   the handle (locks apply) or the editor's preview (the author keeps every control)
 *   onResult(fn)          after every change of the exercise (the editor's preview listens)
 *   startScorm()          in an LMS: LMSInitialize, → the fragment stored on the last visit (or null); LMSFinish on exit
 * `scorm` (true for a page that opens with an exercise) lets the page look for an LMS's API.
 */
export function createPageExercises(session, { embedOptions, applyEmbedRules, notices, scorm = false }) {
  const embedded = window.parent !== window;
  const post = (message) => { try { window.parent.postMessage(message, '*'); } catch { /* the parent is gone */ } };
  const listeners = [];
  let current = null;  // the installed exercise as stored (choices hashed): the panel reads options and hints from it
  const panel = createExercisePanel(document.getElementById('exercise-panel'), {
    answer: (i, value) => controller.answer(i, value),
    revealHint: (i) => controller.revealHint(i),
    hintsShown: (i) => controller.hintsShown(i),
    result: () => controller.exercise(),
    progress: () => controller.progress(),
    formulaResult: (i) => controller.formulaResult(i),
    // the formula box's plot leaves the true values out where the exercise hides that quantity
    truthHidden: (i) => {
      const goal = current?.goals[i];
      if (!goal) return false;
      const kind = { y: 'output', dx: 'gradInput', dw: 'gradWeight', db: 'gradBias' }[goal.quantity];
      return Boolean(kind && hiddenRule(current).hides(kind, goal.layer, session.coreModel.layers.length));
    },
  });
  const controller = createExerciseController({
    model: () => session.coreModel,  // the checks see every value; the views see session.model (hidden values masked)
    // loss goals compare the number the page calls C, named as the status line names it
    loss: () => session.loss(),
    lossName: () => session.display().cName,
    fragment: () => session.fragment(),
    post: embedded ? post : null,
    scormApi: scorm ? findScormApi(window) : null,
    singleFileHtml,
    onProgress: (result) => panel.render(result, current),  // the live numbers only: no link, no report
    onChange(result) {
      panel.render(result, current);
      for (const fn of listeners) { try { fn(result); } catch (error) { console.warn('an exercise listener failed', error); } }
    },
    storage: browserStorage(),
    measuredOn: () => measuredOn(session.experiment),
    onDropped: (what) => notices.show(what === 'experiment'
      ? 'This experiment is too large for the course platform to keep (4,096 characters): your answers and goals are kept, '
        + 'and the exercise\'s own experiment opens next time.'
      : 'The course platform keeps at most 4,096 characters: your grade, goals and hints are kept, the answers of goals '
        + 'already met are not.', 'info'),
    onScormError: (error) => console.warn(`SCORM: ${error.call}${error.element ? ` ${error.element}` : ''} failed`
      + `${error.code ? ` (error ${error.code})` : ''}: ${error.message}`),
  });

  /** Locks and hides of an exercise, added to the page's own (as ?lock= / ?hide= would). */
  function applyLocks(exercise) {
    for (const name of exercise.lock) embedOptions.lock.add(name);
    for (const name of exercise.hide) embedOptions.hide.add(name);
    applyEmbedRules(embedOptions);
  }

  /**
   * Asks the exercise's hiding rule (web/shared/exercise/hidden.js): the session masks the hidden values for every
   * view, and the plots that show them first and foremost are hidden whole, with their tables and summaries.
   */
  function hidePlots() {
    const rule = current ? hiddenRule(current) : null;
    if ((session.hidden === null) !== !rule?.any || (rule?.any && JSON.stringify(rule.what()) !== JSON.stringify(session.hidden.what()))) {
      session.setHidden(rule);
    }
    const n = session.model ? session.model.layers.length : 0;
    for (const canvas of document.querySelectorAll('#panels canvas')) {
      const kind = canvas.dataset.kind ?? canvas.id.replace(/^canvas-/, '');
      const layer = canvas.dataset.layer === undefined ? null : Number(canvas.dataset.layer);
      const hidden = Boolean(rule?.hidesPlot(kind, layer, n));
      const details = canvas.parentElement?.querySelector(`details.plot-data[data-plot="${canvas.id}"]`);
      if (details) { details.hidden = hidden; if (hidden) details.open = false; }
      if (canvas.classList.contains('exercise-hidden') === hidden) continue;
      canvas.classList.toggle('exercise-hidden', hidden);
      canvas.tabIndex = hidden ? -1 : 0;
      if (hidden) {
        canvas.setAttribute('aria-hidden', 'true');
        const note = document.createElement('p');
        note.className = 'exercise-hidden-note';
        note.textContent = 'This plot is hidden during the exercise: it would show an answer.';
        canvas.before(note);
      } else {
        canvas.removeAttribute('aria-hidden');
        if (canvas.previousElementSibling?.classList.contains('exercise-hidden-note')) canvas.previousElementSibling.remove();
      }
    }
  }

  /** After the controller installed (or dropped) an exercise: remember it as stored, lock, hide, render. */
  async function installed(locks) {
    const result = controller.exercise();
    current = result ? (await readExerciseFragment(controller.state())).exercise : null;
    if (current && locks) applyLocks(current);
    // A newly installed exercise is a change for the embedding page too (a course page's scoreboard starts from it).
    if (embedded && result) post(exerciseEvent(result));
    panel.render(result, current);
    hidePlots();
    for (const fn of listeners) { try { fn(result); } catch (error) { console.warn('an exercise listener failed', error); } }
    return result;
  }

  /**
   * A whole fragment: the experiment loads at once (ok: true when read exactly); the exercise once verified. With
   * `inParts` (the page's start-up) the experiment loads in parts, a task each, and ok is a promise.
   */
  function open(fragment, { inParts = false } = {}) {
    const whole = typeof fragment === 'string' ? fragment.replace(/^#/, '') : '';
    const { experiment } = splitFragment(whole);
    const ok = inParts ? session.loadFragmentInParts(experiment) : session.loadFragment(experiment);
    return { ok, exercise: installFrom(whole, ok) };
  }

  /** The exercise of the fragment `whole` (or none), once its experiment (loading: `ok`, a value or a promise) is in. */
  async function installFrom(whole, ok) {
    const { value } = splitFragment(whole);
    if (ok instanceof Promise) await ok;  // loading in parts: the exercise installs on the model just loaded
    if (value === null) {
      if (current) { await controller.setExercise(null); await installed(false); }
      return null;
    }
    const read = await controller.load(whole);  // verifies the digest; installs on the model just loaded
    if (read.problem) {
      notices.show(`${read.problem[0].toUpperCase()}${read.problem.slice(1)}. The experiment opened without it.`, 'warning');
    }
    return installed(true);
  }

  // After every step, reset or edit the goals are checked again (events go out only when a goal changed).
  const update = () => { if (current) controller.update(); };
  session.on('weights', update);
  session.on('model', ({ cause }) => {
    update();
    hidePlots();
    if (cause === 'edit' && current) controller.rebind().catch(() => {});  // the page's own edit: its link must still open
  });

  return {
    controller,
    open,
    installFrom,
    async setExercise(exercise, { applyLocks: locks = true } = {}) {
      await controller.setExercise(exercise);
      return installed(locks);
    },
    current: () => current,
    onResult(fn) { listeners.push(fn); },
    state: () => controller.state(),
    startScorm() {
      const started = controller.startScorm();
      if (!started) return null;
      started.finishOnExit(window);
      return started.fragment;
    },
  };
}
