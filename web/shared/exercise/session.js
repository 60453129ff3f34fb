// One learner working on one exercise: their answers, choices and revealed hints, the goals' state, and the change
// events the page forwards (postMessage 'exercise' event, SCORM). DOM-free: the page calls update() after each step
// or edit and renders result().
import { ConvPoolError, describe } from '../../lib/arguments.js';
import { checkExercise } from './check.js';
import { choiceHash, normaliseOption, validateExercise } from './model.js';
import { formulaAnswer, MAX_FORMULA_CHARS } from './formula-goal.js';

const SUSPEND_VERSION = 1;

/** The message an embedded page posts to its parent when a goal changes (README "postMessage"). */
export function exerciseEvent(result) {
  return {
    convpool: 1, event: 'exercise', passed: result.passed, score: result.score,
    goals: result.goals.map((g) => ({ text: g.text, met: g.met })),
  };
}

/** The contract's exercise() shape: { title, task, goals: [{ text, met }], passed, score } (+ detail per goal). */
function publicResult(result) {
  return {
    title: result.title, task: result.task, passed: result.passed, score: result.score,
    goals: result.goals.map(({ type, text, met, detail }) => ({ type, text, met, detail })),
  };
}

function emptyProgress() {
  return { answers: {}, rightAnswers: {}, choiceMet: {}, choices: {}, formulas: {}, hintsShown: {}, metAt: {}, generalHints: 0 };
}

/**
 * createExerciseSession({ exercise, probe, progress?, onChange? }) → session
 *   session.result()            the last result (exercise() of the page)
 *   session.update()            re-checks every goal (after a step, a reset or an edit); calls onChange(result, event)
 *                               when a goal's met state changed (passed and score follow from those); returns the result
 *   session.answer(i, value)    a typed number for an 'answer' goal, an option (text or index) for a 'choice' goal;
 *                               → Promise of the result (choices are hashed asynchronously)
 *   session.revealHint(i)       the next hint of goal i (or of the exercise when i is omitted), null when none is left
 *   session.progress()          a JSON-able copy of what the learner did (for suspend data)
 *   session.setProbe(probe)     after the page rebuilt its model
 *   session.ready               a promise: resumed choices re-checked against their hashes (then update() ran)
 */
export function createExerciseSession({ exercise, probe, progress, onChange = () => {} }) {
  const ex = validateExercise(exercise);
  const state = { ...emptyProgress(), ...(progress ? readProgress(progress, ex) : {}) };
  let last = null;

  function update() {
    probe.invalidate?.();  // the weights, data or network may have changed since the last check: evaluate afresh, once
    const result = checkExercise(ex, probe, state);
    for (const [i, step] of Object.entries(result.reached)) state.metAt[i] = step;
    for (const [i, typed] of Object.entries(result.right)) state.rightAnswers[i] = typed;
    const previous = last;
    last = publicResult(result);
    const goalChanged = previous && last.goals.some((g, i) => g.met !== previous.goals[i].met);
    if (goalChanged) onChange(last, exerciseEvent(last));
    return last;
  }

  function goalAt(i, type) {
    if (!Number.isInteger(i) || i < 0 || i >= ex.goals.length) {
      throw new ConvPoolError(`goalIndex ${describe(i)} must be a whole number from 0 to ${ex.goals.length - 1}`);
    }
    const goal = ex.goals[i];
    if (type && !type.includes(goal.type)) {
      throw new ConvPoolError(`goal ${i} is a '${goal.type}' goal: it takes no typed answer (only 'answer', 'choice' and 'formula' goals do)`);
    }
    return goal;
  }

  async function answer(i, value) {
    const goal = goalAt(i, ['answer', 'choice', 'formula']);
    if (goal.type === 'formula') {
      state.formulas[i] = formulaAnswer(value, (name, v, rule) => { throw new ConvPoolError(`${name} ${describe(v)} ${rule}`); });
    } else if (goal.type === 'answer') {
      if (typeof value !== 'number' && typeof value !== 'string') {
        throw new ConvPoolError(`answer ${describe(value)} must be a number (or the text typed)`);
      }
      state.answers[i] = typeof value === 'string' ? value.slice(0, 100) : value;
      delete state.rightAnswers[i];  // a new answer is judged on the network as it is now
    } else {
      const option = typeof value === 'number' ? goal.options[value] : value;
      if (typeof option !== 'string' || !goal.options.map(normaliseOption).includes(normaliseOption(option))) {
        throw new ConvPoolError(`answer ${describe(value)} must be one of goal ${i}'s options (its text or index)`);
      }
      state.choices[i] = normaliseOption(option);
      state.choiceMet[i] = (await choiceHash(goal.salt, option)) === goal.answerHash;
    }
    return update();
  }

  function revealHint(i) {
    if (i === undefined) {
      if (state.generalHints >= ex.hints.length) return null;
      return ex.hints[state.generalHints++];
    }
    const goal = goalAt(i);
    const shown = state.hintsShown[i] ?? 0;
    if (shown >= goal.hints.length) return null;
    state.hintsShown[i] = shown + 1;
    update();  // a typed answer's feedback now names its equation
    return goal.hints[shown];
  }

  function hintsShown(i) {
    if (i === undefined) return ex.hints.slice(0, state.generalHints);
    return goalAt(i).hints.slice(0, state.hintsShown[i] ?? 0);
  }

  update();
  // Stored choices are checked against their hashes again before they count.
  const ready = (async () => {
    for (const [i, option] of Object.entries(state.choices)) {
      state.choiceMet[i] = (await choiceHash(ex.goals[i].salt, option)) === ex.goals[i].answerHash;
    }
    return update();
  })();
  return {
    exercise: ex,
    ready,
    result: () => last,
    update,
    answer,
    revealHint,
    hintsShown,
    progress: () => JSON.parse(JSON.stringify(state)),
    setProbe(next) { probe = next; return update(); },
  };
}

/** A stored progress object → the fields that still fit this exercise (bad entries dropped, never thrown). */
export function readProgress(raw, exercise) {
  const out = emptyProgress();
  if (raw === null || typeof raw !== 'object') return out;
  const n = exercise.goals.length;
  const eachGoal = (map, accept) => {
    const result = {};
    if (map && typeof map === 'object') {
      for (const [key, value] of Object.entries(map)) {
        const i = Number(key);
        if (Number.isInteger(i) && i >= 0 && i < n && accept(value, exercise.goals[i])) result[i] = value;
      }
    }
    return result;
  };
  const count = (value, goal) => Number.isInteger(value) && value >= 0 && value <= goal.hints.length;
  const typed = (v, g) => g.type === 'answer' && (typeof v === 'number' || (typeof v === 'string' && v.length <= 100));
  out.answers = eachGoal(raw.answers, typed);
  out.rightAnswers = eachGoal(raw.rightAnswers, typed);
  out.choices = eachGoal(raw.choices, (v, g) => g.type === 'choice' && typeof v === 'string' && g.options.includes(v));
  out.formulas = eachGoal(raw.formulas, (v, g) => g.type === 'formula' && typeof v === 'string' && v.length <= MAX_FORMULA_CHARS);
  // choiceMet is never read back: stored progress may have been edited, so choices are re-hashed (session.ready).
  out.hintsShown = eachGoal(raw.hintsShown, count);
  out.metAt = eachGoal(raw.metAt, (v, g) => g.type === 'lossBelow' && Number.isInteger(v) && v >= 0);
  out.generalHints = Number.isInteger(raw.generalHints) && raw.generalHints >= 0 && raw.generalHints <= exercise.hints.length
    ? raw.generalHints : 0;
  return out;
}

/**
 * What SCORM keeps between visits (cmi.suspend_data, at most 4,096 characters): the experiment's fragment and the
 * learner's progress. A fragment too long to fit is left out (the exercise's own link restores the experiment).
 * Resumed choices are re-checked against their hash, so edited suspend data cannot mark a wrong choice right.
 */
export function suspendData({ fragment, progress }, limit = 4096) {
  const compact = { v: SUSPEND_VERSION, p: progress };
  const withFragment = JSON.stringify({ ...compact, f: fragment });
  if (typeof fragment === 'string' && withFragment.length <= limit) return withFragment;
  const text = JSON.stringify(compact);
  return text.length <= limit ? text : JSON.stringify({ v: SUSPEND_VERSION, p: { ...progress, answers: {}, choices: {}, formulas: {} } }).slice(0, limit);
}

/** suspend data → { fragment, progress } or null; never throws. */
export function readSuspendData(text) {
  if (typeof text !== 'string' || text === '' || text.length > 4096) return null;
  try {
    const data = JSON.parse(text);
    if (!data || data.v !== SUSPEND_VERSION) return null;
    return { fragment: typeof data.f === 'string' ? data.f : null, progress: data.p ?? null };
  } catch {
    return null;
  }
}
