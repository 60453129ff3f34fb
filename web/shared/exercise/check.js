// Checks an exercise's goals against what the page shows. The true values come from the core, never from a second
// implementation here: modelProbe(model) reads them from a convpool model (web/convpool.js) after model.evaluate().
//
// A probe is any object with
//   loss()                      the current loss
//   stepCount()                 steps taken since the last reset
//   trueValue(goal)             the number an 'answer' goal asks for (throws ConvPoolError when it does not exist)
//   layerCount()
//   geometry(layer)             the core's geometry of a layer ({ type, inLength, outLength, padLeft, … }), or null
//   layerSpec(layer)            the layer's normalised spec ({ type, kernelSize, padding, paddingMode, … }), or null
//   invalidate()                (optional) the model changed: the next trueValue() evaluates it again
//   measuredOn()                (optional) what a loss is measured on, in words ('the one example', 'the training set …')
//   changedData()               (optional) null, or what of the data and training options a loss goal measures was changed
// Progress (what the learner did, kept by session.js): { answers: { [i]: value }, choiceMet: { [i]: bool },
//   hintsShown: { [i]: n }, metAt: { [i]: step }, rightAnswers: { [i]: value } }.
import { ConvPoolError } from '../../lib/arguments.js';
import { weightShape } from '../../layers/registry.js';
import { goalEntry } from './answer-feedback.js';
import { goalType } from './goal-types.js';
import { settingMet } from './goals/setting.js';

export {
  equationFor, formatNumber, goalEntry, parseTyped, withinTolerance, wrongAnswerFeedback,
} from './answer-feedback.js';

/** The goal's label: the author's `text`, or one its type makes from its fields. */
export function goalText(goal) {
  return goal.text || goalType(goal.type).text(goal);
}

// ---------------------------------------------------------------------------------------------------------------
// The probe of a real model.

/**
 * A probe reading a convpool model (web/convpool.js createModel). trueValue() runs model.evaluate() first, so y and every
 * gradient are those of the current weights (not of the step before the last update). `loss` and `stepCount` default to
 * the model's; the page passes its own when it counts differently (its handle's loss() and stepCount()).
 */
export function modelProbe(model, { loss = () => model.loss(), stepCount = () => model.stepCount(), lossName = () => 'loss' } = {}) {
  let evaluated = false;
  const fresh = () => {
    // One forward + backward per check (session.js invalidates before each), however many entries the goals read.
    if (!evaluated) { model.evaluate(); evaluated = true; }
  };
  return {
    loss,
    lossName,
    stepCount,
    layerCount: () => model.layers.length,
    geometry: (layer) => model.layers[layer] ?? null,
    layerSpec: (layer) => model.spec.layers[layer] ?? null,
    invalidate: () => { evaluated = false; },
    trueValue(goal) {
      const g = model.layers[goal.layer];
      if (!g) throw new ConvPoolError(`layer ${goal.layer + 1} does not exist (the network has ${model.layers.length} layers)`);
      if (goal.quantity === 'outputLength') return g.outLength;
      fresh();
      const { channel: c, index: i } = goal;
      switch (goal.quantity) {
        case 'y':
          if (c >= g.outChannels || i >= g.outLength) throw outside(goal, `[${g.outChannels}, ${g.outLength}]`);
          return model.view('output', goal.layer)[c * g.outLength + i];
        case 'dx':
          if (c >= g.inChannels || i >= g.inLength) throw outside(goal, `[${g.inChannels}, ${g.inLength}]`);
          return model.view('gradInput', goal.layer)[c * g.inLength + i];
        case 'dw': {
          if (weightShape(g) !== 'kernel') {
            throw new ConvPoolError(`layer ${goal.layer + 1} is a ${g.type} layer: ${weightShape(g) === null ? 'it has no ∂C/∂W'
              : 'its weights are a matrix W[o, j], not a kernel W[o, c, k]'}`);
          }
          if (c >= g.outChannels || goal.inChannel >= g.inChannels || i >= g.kernelSize) {
            throw outside(goal, `[${g.outChannels}, ${g.inChannels}, ${g.kernelSize}]`);
          }
          return model.view('gradWeight', goal.layer)[(c * g.inChannels + goal.inChannel) * g.kernelSize + i];
        }
        default: {  // db
          if (weightShape(g) !== 'kernel' || !g.bias) throw new ConvPoolError(`layer ${goal.layer + 1} has no bias, so no ∂C/∂b`);
          if (c >= g.outChannels) throw outside(goal, `[${g.outChannels}]`);
          return model.view('gradBias', goal.layer)[c];
        }
      }
    },
  };
}

function outside(goal, shape) {
  return new ConvPoolError(`${goalEntry(goal)} is outside the layer's shape ${shape}`);
}

/**
 * Whether changing fields of one layer of a network spec gives `goal` (a 'setting' goal), by building the model with
 * the core (cp.createModel) and reading its geometry: the page and the editor use it to check that an exercise can
 * be solved. → { holds, geometry } or { holds: false, error } when the core refuses the network.
 */
export function trySetting(cp, spec, layer, changes, goal) {
  const layers = spec.layers.map((l, i) => (i === layer ? { ...l, ...changes } : l));
  let model;
  try {
    model = cp.createModel({ ...spec, layers });
    const probe = modelProbe(model);
    return { holds: settingMet(goal, probe).met, geometry: model.layers[goal.layer] };
  } catch (error) {
    return { holds: false, error: error.message };
  } finally {
    model?.delete();
  }
}

/**
 * Every goal against the probe → { title, task, goals: [{ type, text, met, detail }], passed, score, reached, right }.
 * score is the fraction of goals met (0…1). For the caller to keep in its progress: `reached` (lossBelow goals met, index →
 * step → progress.metAt, so a goal met within its steps stays met) and `right` (typed answers that are right now, index →
 * the text typed → progress.rightAnswers, so training on afterwards does not take the answer back).
 */
export function checkExercise(exercise, probe, progress = {}) {
  const reached = {};
  const right = {};
  const goals = exercise.goals.map((goal, i) => {
    const outcome = goalType(goal.type).check(goal, probe, progress, i);
    if (outcome.reachedAt !== undefined) reached[i] = outcome.reachedAt;
    if (outcome.right !== undefined) right[i] = outcome.right;
    return { type: goal.type, text: goalText(goal), met: outcome.met, detail: outcome.detail };
  });
  const metCount = goals.filter((g) => g.met).length;
  return {
    title: exercise.title, task: exercise.task, goals, passed: metCount === goals.length,
    score: goals.length ? metCount / goals.length : 0, reached, right,
  };
}
