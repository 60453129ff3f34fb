// The session: one experiment, its model and its training, with no DOM. It owns the library handle, the experiment
// (network, signals, η, steps and the η schedule that reproduces them), the model built from it, the loss history
// and the queue of training still to run (a link's recorded steps, a ×100 click too big for one frame). The page and
// the explanations' demo drive it (load / edit / train / reset / runPending) and subscribe to what happened: the
// events and their payloads are listed once, in session-events.js ('model', 'weights', 'problems', 'replay', 'idle',
// 'diverged', 'limit', 'settings', 'hidden'); on() refuses any other name.
// With loss 'crossentropy' (a classification data set) the history's points also hold the training and validation
// accuracy.
import {
  LIMITS, cloneExperiment, defaultExperiment, normalizeExperiment, parseFragment, serializeExperiment,
} from './experiment.js';
import { createEmitter } from './session-events.js';
import { buildModel, buildingModel, currentLoss, runAtOnce, stepWork } from './session-model.js';
import { weightShape } from '../layers/registry.js';

export { stepWork, modelSpec, buildModel, exampleSignals, datasetSets } from './session-model.js';
import { nextTask } from './yield.js';
import { experimentDisplay } from './training-display.js';
import { optimizerOf } from '../optimizers/registry.js';

const MAX_HISTORY = 4000;
/**
 * Work units (≈ multiply-adds; ≈ 1 ns each in Chromium's WASM) that one link may replay: about half a minute. The
 * default network replays the documented 1,000,000 steps well within it; a link asking for more (a big network
 * times many steps) loads at step 0 with a problem instead of freezing the page for hours. A count, not a timing,
 * so a link is replayed (or not) the same way on every device.
 */
const REPLAY_WORK_LIMIT = 3e10;
const NS_PER_WORK = 2;  // a conservative first guess of the speed, replaced by measurements as training runs

/** Runs a generator of parts to its end, one part per task; → a promise of its return value. */
async function runInTasks(parts) {
  for (;;) {
    const { done, value } = parts.next();
    if (done) return value;
    await nextTask();
  }
}

/** Copies of every weight and bias (layers with parameters), by layer index. */
function parameterCopies(model) {
  const out = {};
  model.layers.forEach((g, l) => {
    if (weightShape(g) !== null) out[l] = { weight: model.view('weight', l).slice(), bias: model.view('bias', l).slice() };
  });
  return out;
}

/**
 * The record of the step just taken (call right after model.train(1, η)): per layer with parameters θ_{u−1} (before),
 * θ_u, the batch's gradient at θ_{u−1} (the core leaves it in gradWeight/gradBias until the next evaluation) and the
 * optimizer's state after the step. → { u, learningRate, layers: { [l]: { before, after, grad, state } } }
 */
function stepRecord(model, experiment, before, learningRate) {
  const { module } = optimizerOf(experiment.training);
  const layers = {};
  for (const [l, params] of Object.entries(before)) {
    const layer = Number(l);
    const state = {};
    for (const tensor of ['weight', 'bias']) {
      // a layer without a bias has no bias state either (its views do not exist)
      state[tensor] = module.stateViews[tensor].map((name) => (params[tensor].length ? model.view(name, layer).slice() : new Float32Array(0)));
    }
    layers[l] = {
      before: params,
      after: { weight: model.view('weight', layer).slice(), bias: model.view('bias', layer).slice() },
      grad: { weight: model.view('gradWeight', layer).slice(), bias: model.view('gradBias', layer).slice() },
      state,
    };
  }
  return { u: model.stepCount(), learningRate, layers };
}

/** Clears an experiment's training record: it is then the experiment at step 0 (its weights straight from the seed). */
function toStepZero(experiment) {
  experiment.steps = 0;
  experiment.schedule = [];
  return experiment;
}

/** True when two experiments differ only in their training record (steps and η schedule). */
function sameAtStepZero(a, b) {
  const key = (e) => JSON.stringify({ ...e, steps: 0, schedule: [] });
  return key(a) === key(b);
}

/**
 * The most steps n ≤ `most` with trainingMs(n) ≤ `budgetMs` (0 when not even one fits), in whole epochs of `epoch`
 * steps when fewer than `most` and at least one epoch fit (see the session's stepsWithin). trainingMs grows with n.
 */
export function stepsWithinBudget(trainingMs, epoch, budgetMs, most) {
  if (!(most >= 1) || trainingMs(1) > budgetMs) return 0;
  let fits = 1;
  let over = most + 1;
  while (over - fits > 1) {  // the last n that fits, by bisection
    const mid = Math.floor((fits + over) / 2);
    if (trainingMs(mid) <= budgetMs) fits = mid; else over = mid;
  }
  return fits < most && fits >= epoch ? fits - (fits % epoch) : fits;
}

/** A session on the loaded library `cp`, empty until the first load. */
export function createSession(cp) {
  const { emit, on } = createEmitter();
  let experiment = null;
  let model = null;
  let serial = 0;
  let history = [];
  /** Training still to run, in order: { steps, learningRate, fromLink } (a link's steps, or a queued click). */
  let pending = [];
  let replayDiverged = false;
  let msPerStep = 0.02;
  let msPerPoint = 0.02;  // one point of the loss curve: the whole training and validation sets' losses
  let lastBusyAt = 0;
  let shown = { index: 0, validation: false };
  let hidden = null;  // what an exercise hides (web/shared/exercise/hidden.js): the views see the model through it
  const viewed = () => (hidden ? hidden.mask(model) : model);
  let lastStep = null;  // stepRecord of the last step taken (null after a new model or a reset)


  /** Makes `next` (already built into `nextModel`) the current experiment; its recorded steps are queued. */
  function adopt(next, nextModel, cause) {
    if (model && model !== nextModel) model.delete();
    serial += 1;
    model = nextModel;
    const recorded = next.steps > 0 ? next.schedule.map(([steps, learningRate]) => ({ steps, learningRate, fromLink: true })) : [];
    experiment = toStepZero(next);
    pending = recorded;
    msPerStep = Math.max(0.0005, stepWork(model) * NS_PER_WORK * 1e-6);
    // a point runs one forward pass per example (≈ half a step's work each); one example: forward and backward
    const examples = experiment.dataset ? model.exampleCount() + model.validationCount() : 2;
    msPerPoint = Math.max(0.0005, 0.5 * examples * stepWork(model) * NS_PER_WORK * 1e-6);
    shown = { index: 0, validation: false };
    lastStep = null;
    history = [historyPoint(0)];
    emit('model', { model: viewed(), experiment, cause });
    if (pending.length) emit('replay', { steps: recorded.reduce((sum, item) => sum + item.steps, 0) });
    else emit('idle');
  }

  /**
   * { step, loss, validation } at the current weights (validation NaN without a validation set); views current.
   * With loss 'crossentropy' also { accuracy, validationAccuracy } (shares of examples classified right).
   */
  function historyPoint(step) {
    const loss = currentLoss(model, experiment);
    if (!experiment.dataset) return { step, loss, validation: NaN };
    const held = model.validationCount() > 0;
    const validation = held ? experimentDisplay(experiment, model).validationC(model.validationLoss()) : NaN;
    const point = { step, loss, validation };
    if (experiment.network.loss === 'crossentropy') {
      point.accuracy = model.accuracy();
      point.validationAccuracy = held ? model.validationAccuracy() : NaN;
    }
    model.showExample(shown.index, { validation: shown.validation });
    return point;
  }

  /**
   * `measure()` of the whole training or validation set (each of its examples passes through the model's views), then
   * the shown example back in the views: asking for a loss never changes what the plots show.
   */
  function keepingShown(measure) {
    const value = measure();
    if (experiment.dataset) model.showExample(shown.index, { validation: shown.validation });
    return value;
  }

  /** Shows one example of the data set in every view (index in the training or validation set). → its loss. */
  function showExample(index, validation = false) {
    const count = validation ? model.validationCount() : model.exampleCount();
    if (!Number.isInteger(index) || index < 0 || index >= count) return NaN;
    shown = { index, validation };
    const loss = model.showExample(index, { validation });
    return loss;
  }

  /** Loads any experiment object as if it came from a link. → true, or false after a 'problems' event. */
  function load(raw, options) {
    return runAtOnce(loading(raw, options));
  }

  /** load() in parts, one task each (the page's start-up). → a promise of load's answer. */
  function loadInParts(raw, options) {
    return runInTasks(loading(raw, options));
  }

  /** load() as a generator of parts: reading the experiment, building its model (in parts), adopting it. */
  function* loading(raw, { problems = [], source = 'link' } = {}) {
    const normalized = normalizeExperiment(raw);
    const all = [...problems, ...normalized.problems];
    let next = normalized.experiment;
    let nextModel;
    yield;
    try {
      nextModel = yield* buildingModel(cp, next);
    } catch (error) {
      all.push(`the network was refused: ${error.message}`);
      next = defaultExperiment();
      nextModel = buildModel(cp, next);
    }
    const work = next.steps * stepWork(nextModel);
    if (work > REPLAY_WORK_LIMIT) {
      const minutes = Math.max(1, Math.round((work * 1e-9) / 60));
      all.push(`replaying its ${next.steps.toLocaleString('en')} training steps on this network would take `
        + `about ${minutes.toLocaleString('en')} minute${minutes > 1 ? 's' : ''}, so it starts from step 0 (press Play to train)`);
      toStepZero(next);
    }
    replayDiverged = false;
    yield;
    adopt(next, nextModel, 'load');
    emit('problems', { problems: all, source });
    return all.length === 0;
  }

  /** Loads a link fragment (with or without '#'). → true when it was read exactly. */
  function loadFragment(fragment) {
    const parsed = parseFragment(fragment);
    return load(parsed.experiment, { problems: parsed.empty ? [] : parsed.problems });
  }

  /** loadFragment in parts, one task each. → a promise of its answer. */
  function loadFragmentInParts(fragment) {
    const parsed = parseFragment(fragment);
    return loadInParts(parsed.experiment, { problems: parsed.empty ? [] : parsed.problems });
  }

  /** A new experiment from an edit of the current one; steps start again from 0 (a link must replay exactly). */
  function edit(change) {
    const draft = cloneExperiment(experiment);
    change(draft);
    toStepZero(draft);
    const normalized = normalizeExperiment(draft);
    if (normalized.problems.length) {
      // where the first problem is, as data (ConvPoolError's layer/field, or the reader's place)
      const { layer, field, rule } = normalized.places[0];
      return { ok: false, message: normalized.problems[0], rule, layer, field };
    }
    // back to the running experiment (e.g. an invalid value undone): nothing changed, so training goes on
    if (sameAtStepZero(normalized.experiment, experiment)) return { ok: true, unchanged: true };
    let nextModel;
    try {
      nextModel = buildModel(cp, normalized.experiment);
    } catch (error) {
      return { ok: false, message: error.message, rule: error.message, layer: error.layer ?? null, field: error.field ?? null };
    }
    adopt(normalized.experiment, nextModel, 'edit');
    return { ok: true };
  }

  /** Steps in one epoch: a data set's batches that make one pass over it (1 without a data set). */
  function epochSteps() {
    return experiment.dataset ? Math.ceil(model.exampleCount() / experiment.training.batchSize) : 1;
  }

  /**
   * train(n) trains in pieces of this many steps and adds one curve point after each. The curve's density depends on
   * the step reached, not on how the steps were asked for: a link's replay (a few large calls) draws its first steps
   * as finely as the live training it records (many small calls) — a point at every step up to step 512, then one
   * every 2, 4, … (at least 256 points per doubling of the step count).
   */
  function pieceSize(n) {
    const stride = 2 ** Math.max(0, Math.floor(Math.log2(Math.max(1, experiment.steps) / 256)));
    // a data set's curve point evaluates every example: at most one per epoch (and per call), so it stays cheap
    return Math.max(Math.min(Math.ceil(n / 50), stride), epochSteps());
  }

  /** The estimated time of train(n) in ms: its steps and the curve points it adds (measured as training runs). */
  function trainingMs(n) {
    return n <= 0 ? 0 : n * msPerStep + Math.ceil(n / pieceSize(n)) * msPerPoint;
  }

  /**
   * The most steps, up to `most`, that train() runs with their curve points within `budgetMs` (0 when not even one
   * fits). With a data set a count below `most` is whole epochs when one fits: a partial epoch would add a curve
   * point that costs a whole set's evaluation for a fraction of an epoch's training.
   */
  function stepsWithin(budgetMs, most) {
    return stepsWithinBudget(trainingMs, epochSteps(), budgetMs, most);
  }

  /**
   * Runs n SGD steps at η inside WASM in pieces (pieceSize: so the loss curve gets points; SGD in pieces is
   * bit-identical to one call) and records them; → the loss of the last step.
   */
  function train(n, learningRate = experiment.learningRate) {
    if (n <= 0) return model.loss();
    let loss;
    for (let done = 0, piece; done < n; done += piece) {
      piece = Math.min(pieceSize(n), n - done);  // finer early on (the step reached sets the curve's density)
      loss = trainPiece(piece, learningRate);
      if (model.lastTrain.diverged || experiment.steps >= LIMITS.maxSteps) break;
    }
    return loss;
  }

  function trainPiece(n, learningRate) {
    const started = performance.now();
    lastBusyAt = started;
    // n − 1 steps, then the last one alone, so its θ_{u−1} and gradient are recorded (bit-identical to one call)
    let loss = n > 1 ? model.train(n - 1, learningRate) : NaN;
    let stepsRun = n > 1 ? model.lastTrain.stepsRun : 0;
    let diverged = n > 1 && model.lastTrain.diverged;
    if (!diverged) {
      const before = parameterCopies(model);
      loss = model.train(1, learningRate);
      stepsRun += model.lastTrain.stepsRun;
      diverged = model.lastTrain.diverged;
      if (model.lastTrain.stepsRun === 1 && !diverged) lastStep = stepRecord(model, experiment, before, learningRate);
    }
    msPerStep = 0.8 * msPerStep + 0.2 * Math.max(0.0005, (performance.now() - started) / Math.max(1, stepsRun));
    if (stepsRun > 0) {
      const last = experiment.schedule[experiment.schedule.length - 1];
      if (last && last[1] === learningRate) last[0] += stepsRun;
      else experiment.schedule.push([stepsRun, learningRate]);
      experiment.steps += stepsRun;
    }
    const pointStarted = performance.now();
    const point = historyPoint(experiment.steps);
    msPerPoint = 0.8 * msPerPoint + 0.2 * Math.max(0.0005, performance.now() - pointStarted);
    history.push(point);
    if (history.length > MAX_HISTORY) history = history.filter((_, i) => i % 2 === 0 || i === history.length - 1);
    emit('weights', { steps: experiment.steps, loss, reset: false });
    if (diverged) {
      if (pending.some((item) => item.fromLink)) replayDiverged = true;
      pending = [];
      emit('diverged', { step: experiment.steps + 1, loss, learningRate });
      emit('idle');
    } else if (experiment.steps >= LIMITS.maxSteps) {
      emit('limit', { steps: experiment.steps });
    }
    return loss;
  }

  /** Runs queued training for about `budgetMs` (Infinity: all of it). → true when something ran. */
  function runPending(budgetMs = Infinity) {
    if (!pending.length) return false;
    const started = performance.now();
    while (pending.length && performance.now() - started < budgetMs) {
      const item = pending[0];
      const left = budgetMs - (performance.now() - started);
      const chunk = Number.isFinite(budgetMs) ? Math.max(1, stepsWithin(left, item.steps)) : item.steps;
      train(chunk, item.learningRate);
      if (!pending.length) return true;  // diverged: the queue was dropped
      item.steps -= chunk;
      if (item.steps <= 0) pending.shift();
    }
    if (!pending.length) emit('idle');
    return true;
  }

  /** Queues n steps at the current η (room permitting: a link replays at most LIMITS.maxSteps). */
  function queue(n) {
    const room = LIMITS.maxSteps - experiment.steps - pending.reduce((sum, item) => sum + item.steps, 0);
    if (room > 0) pending.push({ steps: Math.min(n, room), learningRate: experiment.learningRate, fromLink: false });
  }

  /** New weights from the seed, step 0; queued training is run first (so a reset always follows it). */
  function reset() {
    runPending();
    model.reset(experiment.network.seed);
    lastStep = null;
    toStepZero(experiment);
    history = [historyPoint(0)];
    emit('weights', { steps: 0, loss: history[0].loss, reset: true });
  }

  /** Drops queued training (after a failure, so the page never loops on it). */
  function cancelPending() {
    pending = [];
    emit('idle');
  }

  function setSettings({ learningRate, stepsPerFrame }) {
    if (learningRate !== undefined) experiment.learningRate = learningRate;
    if (stepsPerFrame !== undefined) experiment.stepsPerFrame = stepsPerFrame;
    emit('settings', { learningRate: experiment.learningRate, stepsPerFrame: experiment.stepsPerFrame });
  }

  return {
    cp,
    /** Subscribes `fn` to events of `type` (one of SESSION_EVENTS); → a function that unsubscribes it. */
    on,
    load, loadFragment, loadFragmentInParts, edit, train, runPending, queue, reset, cancelPending, setSettings, showExample,
    /** The data set's example the views show: { index, validation }. */
    get shownExample() { return { ...shown }; },
    /** The validation set's C (mean per example) at the current weights (NaN without one). */
    validationLoss: () => (experiment.dataset && model.validationCount() > 0 ? experimentDisplay(experiment, model).validationC(keepingShown(() => model.validationLoss())) : NaN),
    /** What the page says about the loss, C and the update of this experiment (web/shared/training-display.js). */
    display: () => experimentDisplay(experiment, model),
    /** The last step taken: θ before and after it, the batch's gradient at θ before, the optimizer state (or null). */
    get lastStep() { return lastStep; },
    /** Loss 'crossentropy': the share of training examples classified right (NaN for the other losses). */
    accuracy: () => (experiment.network.loss === 'crossentropy' ? keepingShown(() => model.accuracy()) : NaN),
    /** The same on the validation set (NaN without one). */
    validationAccuracy: () => (experiment.network.loss === 'crossentropy' && experiment.dataset && model.validationCount() > 0
      ? keepingShown(() => model.validationAccuracy()) : NaN),
    get experiment() { return experiment; },
    /** The model as the views may show it: an exercise's hidden values read as NaN (exercise/hidden.js). */
    get model() { return viewed(); },
    /** The model with every value, for what must see them all: an exercise's checks. */
    get coreModel() { return model; },
    /** The exercise's hiding rule (hiddenRule), or null: every view asks it (session.hidden) or reads model through it. */
    get hidden() { return hidden; },
    setHidden(rule) {
      hidden = rule && rule.any ? rule : null;
      emit('hidden', { hidden });
    },
    /** Increases with every new model (a view's cache key). */
    get serial() { return serial; },
    /** [{ step, loss }]: the loss at the weights after `step` steps, thinned to at most MAX_HISTORY points. */
    get history() { return history; },
    /** Steps still queued (a link's replay or queued clicks). */
    get pendingSteps() { return pending.reduce((sum, item) => sum + item.steps, 0); },
    /** True while a link's recorded steps are still replaying (its link is not written meanwhile). */
    get replaying() { return pending.some((item) => item.fromLink); },
    /** True when the last link's recorded steps diverged (the link was not reproduced exactly). */
    get replayDiverged() { return replayDiverged; },
    get msPerStep() { return msPerStep; },
    /** Measured ms of one loss-curve point (the whole training and validation sets' losses with a data set). */
    get msPerPoint() { return msPerPoint; },
    trainingMs, stepsWithin, epochSteps,
    /** performance.now() of the last training call: the page defers heavy work to a quiet moment. */
    get lastBusyAt() { return lastBusyAt; },
    stepWork: () => stepWork(model),
    /** The link fragment (without '#') that reproduces this experiment. */
    fragment: () => serializeExperiment(experiment),
    /** C at the current weights: one example's loss, or a data set's mean per example (training-display.js). */
    loss: () => experimentDisplay(experiment, model).c(keepingShown(() => model.loss())),
    stepCount: () => model.stepCount(),
  };
}
