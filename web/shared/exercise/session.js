// One learner working on one exercise: their answers, choices and revealed hints, the goals' state, and the change
// events the page forwards (postMessage 'exercise' event, SCORM). DOM-free: the page calls update() after each step
// or edit and renders result().
import { deflateSync, inflateSync, strFromU8, strToU8 } from '../../generated/vendor/fflate.js';
import LZString from '../../generated/vendor/lz-string.js';
import { ConvPoolError, describe } from '../../lib/arguments.js';
import { checkExercise } from './check.js';
import { GOAL_TYPES, goalType } from './goal-types.js';
import { choiceHash } from './hash.js';
import { validateExercise } from './model.js';
import { MAX_FORMULA_CHARS } from './formula-goal.js';
import { EXERCISE_KEY, splitFragment } from './fragment.js';

const SUSPEND_VERSION = 2;
/** Compressed suspend data starts with this (version 1 was plain JSON, still read). */
const COMPRESSED = 'z2:';

/** Text → deflate (fflate, level 9) → base64url: a SCORM CMIString of plain ASCII that every LMS stores as written. */
function deflateText(text) {
  const bytes = deflateSync(strToU8(text), { level: 9 });
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** deflateText back (throws on damaged text; readSuspendData catches). */
function inflateText(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return strFromU8(inflateSync(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

/**
 * The message an embedded page posts to its parent when a goal changes (docs/interface.md "postMessage").
 * @param {import('../../types.js').ExerciseResult} result
 * @returns {import('../../types.js').ExerciseEvent}
 */
export function exerciseEvent(result) {
  return {
    convpool: 1, event: 'exercise', passed: result.passed, score: result.score,
    goals: result.goals.map((g) => ({ text: g.text, met: g.met })),
  };
}

/**
 * The contract's exercise() shape: { title, task, goals: [{ text, met }], passed, score } (+ type, detail, now, guesses
 * per goal). `met` is the grade: once a goal was met it stays met; `now` says whether the current state still meets it.
 */
function publicResult(result, everMet, guesses) {
  const goals = result.goals.map(({ type, text, met, detail }, i) => ({
    type, text, met: met || everMet[i] === true, now: met, detail, guesses: guesses[i] ?? 0,
  }));
  const metCount = goals.filter((g) => g.met).length;
  return {
    title: result.title, task: result.task, passed: metCount === goals.length,
    score: goals.length ? metCount / goals.length : 0, goals,
  };
}

/** The maps a goal type keeps in the progress of its own (goal-types.js `progress`): [[map, type, accept], …]. */
const TYPE_MAPS = Object.values(GOAL_TYPES).flatMap((type) => Object.entries(type.progress ?? {}).map(([map, accept]) => [map, type.type, accept]));

function emptyProgress() {
  return {
    answers: {}, rightAnswers: {}, choiceMet: {}, choices: {}, rightChoices: {}, formulas: {}, hintsShown: {}, metAt: {},
    generalHints: 0,
    everMet: {}, guesses: {},
    ...Object.fromEntries(TYPE_MAPS.map(([map]) => [map, {}])),
  };
}

/** SCORM 1.2's interaction record of one check of goal i (scorm.js writes it as cmi.interactions.n.*). */
function attemptRecord(goal, i, { response, correct, guesses }) {
  const own = goalType(goal.type).interaction?.(goal, response);
  const { type, response: text } = own ?? { type: 'performance', response: String(response) };
  return { goal: i, id: `goal-${i + 1}-guess-${guesses}`, type, response: String(text).slice(0, 255), result: correct ? 'correct' : 'wrong', guesses };
}

/**
 * createExerciseSession({ exercise, probe, progress?, onChange? }) → session
 *   session.result()            the last result (exercise() of the page)
 *   session.update()            re-checks every goal (after a step, a reset or an edit); calls onChange(result, event)
 *                               when a goal's met state changed (passed and score follow from those), else
 *                               onProgress(result) when only a goal's live detail moved; returns the result
 *   session.answer(i, value)    a typed number for an 'answer' goal, an option (text or index) for a 'choice' goal,
 *                               the formula's text for a 'formula' goal;
 *                               → Promise of the result (choices are hashed asynchronously)
 *   session.revealHint(i)       the next hint of goal i (or of the exercise when i is omitted), null when none is left
 *   session.progress()          a JSON-able copy of what the learner did (for suspend data)
 *   session.setProbe(probe)     after the page rebuilt its model
 *   session.ready               a promise: resumed choices re-checked against their hashes (then update() ran)
 * @param {{ exercise: object, probe: { invalidate?: () => void, [method: string]: any }, progress?: object | null,
 *   onChange?: (result: import('../../types.js').ExerciseResult, event: import('../../types.js').ExerciseEvent) => void,
 *   onProgress?: (result: import('../../types.js').ExerciseResult) => void,
 *   onAttempt?: (record: object) => void }} options
 */
export function createExerciseSession({ exercise, probe, progress, onChange = () => {}, onProgress = () => {}, onAttempt = () => {} }) {
  const ex = validateExercise(exercise);
  const state = { ...emptyProgress(), ...(progress ? readProgress(progress, ex) : {}) };
  let last = null;

  function update() {
    probe.invalidate?.();  // the weights, data or network may have changed since the last check: evaluate afresh, once
    const result = checkExercise(ex, probe, state);
    for (const [i, step] of Object.entries(result.reached)) state.metAt[i] = step;
    for (const [i, typed] of Object.entries(result.right)) state.rightAnswers[i] = typed;
    const previous = last;
    last = publicResult(result, state.everMet, state.guesses);
    last.goals.forEach((g, i) => {
      if (!g.now || state.everMet[i]) return;
      state.everMet[i] = true;  // a grade only goes up: setting padding back does not take a met goal away
      // a goal met by what the learner did to the experiment (a setting, a loss) is one more line in the LMS's record
      if (previous && (ex.goals[i].type === 'setting' || ex.goals[i].type === 'lossBelow')) {
        state.guesses[i] = (state.guesses[i] ?? 0) + 1;
        g.guesses = state.guesses[i];
        onAttempt(attemptRecord(ex.goals[i], i, { response: g.detail, correct: true, guesses: state.guesses[i] }));
      }
    });
    const goalChanged = previous && last.goals.some((g, i) => g.met !== previous.goals[i].met || g.now !== previous.goals[i].now);
    if (goalChanged) onChange(last, exerciseEvent(last));
    // the live numbers of a goal (a loss goal's C after n steps) moved: the panel shows them; nothing is reported
    else if (previous && last.goals.some((g, i) => g.detail !== previous.goals[i].detail)) onProgress(last);
    return last;
  }

  function goalAt(i, withEntry = false) {
    if (!Number.isInteger(i) || i < 0 || i >= ex.goals.length) {
      throw new ConvPoolError(`goalIndex ${describe(i)} must be a whole number from 0 to ${ex.goals.length - 1}`);
    }
    const goal = ex.goals[i];
    if (withEntry && !goalType(goal.type).accept) {
      throw new ConvPoolError(`goal ${i} is a '${goal.type}' goal: it takes no typed answer (it is met by what is done on the page)`);
    }
    return goal;
  }

  async function answer(i, value) {
    const goal = goalAt(i, true);
    const response = await goalType(goal.type).accept(goal, value, state, i);
    state.guesses[i] = (state.guesses[i] ?? 0) + 1;
    const result = update();
    onAttempt(attemptRecord(goal, i, { response, correct: result.goals[i].now, guesses: state.guesses[i] }));
    return result;
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
    // a choice goal met on an earlier visit counts again only when its right choice still hashes right
    for (const [i, option] of Object.entries(state.rightChoices)) {
      if ((await choiceHash(ex.goals[i].salt, option)) === ex.goals[i].answerHash) state.everMet[i] = true;
      else delete state.rightChoices[i];
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
  const option = (v, g) => g.type === 'choice' && typeof v === 'string' && g.options.includes(v);
  out.choices = eachGoal(raw.choices, option);
  out.rightChoices = eachGoal(raw.rightChoices, option);  // re-hashed in session.ready before a choice counts
  out.formulas = eachGoal(raw.formulas, (v, g) => g.type === 'formula' && typeof v === 'string' && v.length <= MAX_FORMULA_CHARS);
  // met goals stay met (grades only go up); a choice's is re-earned from rightChoices, never read back
  out.everMet = eachGoal(raw.everMet, (v, g) => v === true && g.type !== 'choice');
  out.guesses = eachGoal(raw.guesses, (v) => Number.isInteger(v) && v >= 0 && v <= 1e6);
  // choiceMet is never read back: stored progress may have been edited, so choices are re-hashed (session.ready).
  out.hintsShown = eachGoal(raw.hintsShown, count);
  out.metAt = eachGoal(raw.metAt, (v, g) => g.type === 'lossBelow' && Number.isInteger(v) && v >= 0);
  // a goal type's own maps (e.g. the formulas typed), entry by entry as the type accepts them
  for (const [map, type, accept] of TYPE_MAPS) out[map] = eachGoal(raw[map], (v, g) => g.type === type && accept(v, g));
  out.generalHints = Number.isInteger(raw.generalHints) && raw.generalHints >= 0 && raw.generalHints <= exercise.hints.length
    ? raw.generalHints : 0;
  return out;
}

/**
 * What SCORM keeps between visits (cmi.suspend_data, at most `limit` = 4,096 characters): the experiment's fragment
 * and the learner's progress, compressed (deflate, then base64url: plain ASCII, which every LMS stores as written).
 * When even that does not fit, what matters most is kept and `dropped` says what was not:
 *   1. the experiment and all progress;
 *   2. all progress without the experiment (dropped: 'experiment': the launch page's own experiment comes back);
 *   3. the grade, hints and guesses without the typed answers and choices of goals already met (dropped: 'answers').
 * → { text, dropped } (dropped null when everything fits). Resumed choices are re-checked against their hash.
 */
export function packSuspendData({ fragment, progress }, limit = 4096) {
  const pack = (data) => `${COMPRESSED}${deflateText(JSON.stringify({ v: SUSPEND_VERSION, ...data }))}`;
  const full = typeof fragment === 'string' ? pack({ ...fragmentParts(fragment), p: progress }) : null;
  if (full && full.length <= limit) return { text: full, dropped: null };
  const withoutExperiment = pack({ p: progress });
  if (withoutExperiment.length <= limit) return { text: withoutExperiment, dropped: fragment ? 'experiment' : null };
  const met = progress.everMet ?? {};
  const keepUnmet = (map) => Object.fromEntries(Object.entries(map ?? {}).filter(([i]) => !met[i]));
  const slim = { ...progress, answers: keepUnmet(progress.answers), rightAnswers: {}, choices: keepUnmet(progress.choices),
    formulas: keepUnmet(progress.formulas) };
  const text = pack({ p: slim });
  return { text: text.length <= limit ? text : pack({ p: { everMet: met, guesses: progress.guesses } }), dropped: 'answers' };
}

/**
 * A fragment as suspend data keeps it: the experiment, and the exercise as its JSON with its digest (`ex=1.<lz>.<sum>`
 * holds already-compressed text, which would not compress again; its JSON compresses together with the rest, and
 * compressing it again gives the same `<lz>`, so the link comes back byte for byte).
 */
function fragmentParts(fragment) {
  const { experiment, value } = splitFragment(fragment);
  const parts = value === null ? null : value.split('.');
  if (!parts || parts.length !== 3 || parts[0] !== '1') return { f: fragment };
  const json = LZString.decompressFromEncodedURIComponent(parts[1]);
  if (typeof json !== 'string' || LZString.compressToEncodedURIComponent(json) !== parts[1]) return { f: fragment };
  return { f: experiment, e: json, d: parts[2] };
}

/** fragmentParts back into the fragment. */
function joinFragment(data) {
  if (typeof data.f !== 'string') return null;
  if (typeof data.e !== 'string' || typeof data.d !== 'string') return data.f;
  return `${data.f}&${EXERCISE_KEY}=1.${LZString.compressToEncodedURIComponent(data.e)}.${data.d}`;
}

/** The suspend data's text alone (packSuspendData(…).text). */
export function suspendData(state, limit = 4096) {
  return packSuspendData(state, limit).text;
}

/** suspend data (compressed, or the plain JSON of version 1) → { fragment, progress } or null; never throws. */
export function readSuspendData(text) {
  if (typeof text !== 'string' || text === '' || text.length > 4096) return null;
  try {
    const json = text.startsWith(COMPRESSED) ? inflateText(text.slice(COMPRESSED.length)) : text;
    if (typeof json !== 'string' || json.length > 200_000) return null;
    const data = JSON.parse(json);
    if (!data || (data.v !== SUSPEND_VERSION && data.v !== 1)) return null;
    return { fragment: joinFragment(data), progress: data.p ?? null };
  } catch {
    return null;
  }
}
