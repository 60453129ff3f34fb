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
// Progress (what the learner did, kept by session.js): { answers: { [i]: value }, choiceMet: { [i]: bool },
//   hintsShown: { [i]: n }, metAt: { [i]: step }, rightAnswers: { [i]: value } }.
import { ConvPoolError } from '../../lib/arguments.js';
import { weightShape } from '../../layers/registry.js';
import { formulaGoalMet, formulaGoalText } from './formula-goal.js';

const QUANTITY_NAMES = {
  outputLength: 'the output length',
  y: 'y',
  dx: '∂C/∂x',
  dw: '∂C/∂W',
  db: '∂C/∂b',
};

/** A number for a learner: up to 4 significant digits, no trailing zeros. */
export function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

/** Which entry a goal names, as the page's plots label it (layers counted from 1). */
export function goalEntry(goal) {
  const l = goal.layer + 1;
  switch (goal.quantity) {
    case 'outputLength': return `the output length of layer ${l}`;
    case 'y': return `y[${goal.channel}, ${goal.index}] of layer ${l}`;
    case 'dx': return `∂C/∂x[${goal.channel}, ${goal.index}] of layer ${l} (the gradient at its input)`;
    case 'dw': return `∂C/∂W[${goal.channel}, ${goal.inChannel}, ${goal.index}] of layer ${l}`;
    default: return `∂C/∂b[${goal.channel}] of layer ${l}`;
  }
}

/** The goal's label: the author's `text`, or one made from its fields. */
export function goalText(goal) {
  if (goal.text) return goal.text;
  switch (goal.type) {
    case 'lossBelow':
      return `Bring the loss to ${formatNumber(goal.value)} or below${goal.maxSteps ? ` within ${goal.maxSteps} steps` : ''}`;
    case 'answer': return `Type ${goalEntry(goal)}`;
    case 'setting': {
      const keep = Object.entries(goal.keep).map(([k, v]) => `${k} ${v}`).join(', ');
      return `Change a setting so that layer ${goal.layer + 1}'s ${goal.quantity} is ${goal.equals}${keep ? ` (keeping ${keep})` : ''}`;
    }
    case 'formula': return formulaGoalText(goal);
    default: return goal.question;
  }
}

/** The equation a learner should look at for a quantity of a layer type (shown once a hint has been revealed). */
export function equationFor(quantity, layerType) {
  const table = {
    conv1d: {
      outputLength: 'L_out = ⌊(N + p_left + p_right − d·(K − 1) − 1) / s⌋ + 1',
      y: 'y[o, t] = b[o] + Σ_c Σ_k W[o, c, k] · x_pad[c, t·s + k·d]',
      dx: '∂C/∂x_pad[c, j] = Σ_o Σ_k δ[o, t] · W[o, c, k] over t·s + k·d = j, then each padded cell adds into the sample it copies (zeros: dropped)',
      dw: '∂C/∂W[o, c, k] = Σ_t δ[o, t] · x_pad[c, t·s + k·d], with δ = ∂C/∂y of this layer',
      db: '∂C/∂b[o] = Σ_t δ[o, t], with δ = ∂C/∂y of this layer',
    },
    maxpool1d: {
      outputLength: 'L_out = ⌊(N + 2p − d·(K − 1) − 1 (+ s − 1 in ceil mode)) / s⌋ + 1',
      y: 'y[c, t] = max_k x_pad[c, t·s + k·d] (padding is −∞; the first maximum wins ties)',
      dx: '∂C/∂x[c, i] = Σ_t 1[a[c, t] = i] · ∂C/∂y[c, t]: each window sends its gradient to its arg-max; overlapping windows add',
    },
    activation: {
      outputLength: 'an activation keeps the length: L_out = N',
      y: 'y[c, t] = g(x[c, t])',
      dx: '∂C/∂x[c, t] = ∂C/∂y[c, t] · g′(x[c, t])',
    },
  };
  return table[layerType]?.[quantity] ?? null;
}

// ---------------------------------------------------------------------------------------------------------------
// The probe of a real model.

/**
 * A probe reading a convpool model (web/convpool.js createModel). trueValue() runs model.evaluate() first, so y and every
 * gradient are those of the current weights (not of the step before the last update). `loss` and `stepCount` default to
 * the model's; the page passes its own when it counts differently (its handle's loss() and stepCount()).
 */
export function modelProbe(model, { loss = () => model.loss(), stepCount = () => model.stepCount() } = {}) {
  let evaluated = false;
  const fresh = () => {
    // One forward + backward per check (session.js invalidates before each), however many entries the goals read.
    if (!evaluated) { model.evaluate(); evaluated = true; }
  };
  return {
    loss,
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

// ---------------------------------------------------------------------------------------------------------------
// Goal checks.

function settingMet(goal, probe) {
  const g = probe.geometry(goal.layer);
  const spec = probe.layerSpec(goal.layer);
  if (!g || !spec) return { met: false, detail: `the network has no layer ${goal.layer + 1}` };
  for (const [key, value] of Object.entries(goal.keep)) {
    const actual = key in spec ? spec[key] : g[key];
    if (actual !== value) return { met: false, detail: `keep ${key} ${value} (it is ${actual})` };
  }
  // Pooling pads both sides alike; the core reports that as `padding`.
  const value = (goal.quantity === 'padLeft' || goal.quantity === 'padRight') && g[goal.quantity] === undefined && g.padding !== undefined
    ? g.padding : g[goal.quantity];
  if (value === undefined) return { met: false, detail: `a ${g.type} layer has no ${goal.quantity}` };
  return value === goal.equals
    ? { met: true, detail: `layer ${goal.layer + 1}'s ${goal.quantity} is ${value}` }
    : { met: false, detail: `layer ${goal.layer + 1}'s ${goal.quantity} is ${value}, not yet ${goal.equals}` };
}

function lossMet(goal, probe, progress, i) {
  const steps = probe.stepCount();
  const reachedAt = progress.metAt?.[i];
  if (reachedAt !== undefined) return { met: true, detail: `reached at step ${reachedAt}` };
  const loss = probe.loss();
  const within = goal.maxSteps === undefined || steps <= goal.maxSteps;
  if (loss <= goal.value && within) return { met: true, detail: `loss ${formatNumber(loss)} at step ${steps}`, reachedAt: steps };
  if (!within) {
    return { met: false, detail: `loss ${formatNumber(loss)} after ${steps} steps: more than ${goal.maxSteps}; reset and try again` };
  }
  return { met: false, detail: `loss ${formatNumber(loss)} after ${steps} steps, not yet ${formatNumber(goal.value)} or below` };
}

/** Is a typed value within the goal's tolerance of the true value? Relative, with |true| taken as at least 1e-6. */
export function withinTolerance(goal, typed, truth) {
  if (goal.quantity === 'outputLength') return typed === truth;
  if (!Number.isFinite(truth)) return Object.is(typed, truth);
  return Math.abs(typed - truth) <= goal.tolerance * Math.max(Math.abs(truth), 1e-6);
}

/**
 * How far off a wrong typed answer is, without giving the true value away: a direction and a band, plus the
 * common mistakes that leave a tell-tale ratio (a factor 2, a flipped sign, an off-by-one length).
 */
export function wrongAnswerFeedback(goal, typed, truth) {
  if (goal.quantity === 'outputLength') {
    const side = typed > truth ? 'too long' : 'too short';
    if (Math.abs(typed - truth) === 1) return `${side} by one: a common mistake is to forget the + 1 or the floor ⌊…⌋`;
    return `${side}`;
  }
  if (truth === 0) return `too far from the true value, which is smaller in size than ${formatNumber(Math.abs(typed))}`;
  const ratio = typed / truth;
  const near = (target) => Math.abs(ratio - target) < 0.02;
  if (near(-1)) return 'right size, wrong sign: a common mistake is to write the update −η·∂C/∂θ instead of the gradient ∂C/∂θ';
  if (near(0.5)) return 'exactly half: a common mistake is to drop the 2 of ∂(ŷ − y)²/∂ŷ = 2(ŷ − y)';
  if (near(2)) return 'exactly twice: count the factor 2 of ∂(ŷ − y)²/∂ŷ = 2(ŷ − y) only once';
  if (ratio < 0) return 'of the wrong sign';
  const relative = Math.abs(ratio - 1);
  const side = ratio > 1 ? 'too large' : 'too small';
  if (relative < 0.01) return `${side}, but within 1 % (the tolerance is ${formatNumber(goal.tolerance * 100)} %): check rounding`;
  if (relative < 0.1) return `${side}, by less than 10 %`;
  if (relative < 0.5) return `${side}, by 10 to 50 %`;
  return `${side}, by more than 50 %`;
}

/** A typed number: a '−' sign and a decimal comma ('0,25') are read as '-' and '.'; anything else as Number() does. */
export function parseTyped(text) {
  let t = String(text).trim().replace(/−/g, '-');
  if (/^[-+]?\d*,\d+(e[-+]?\d+)?$/i.test(t)) t = t.replace(',', '.');
  return t === '' ? NaN : Number(t);
}

function answerMet(goal, probe, progress, i) {
  const typed = progress.answers?.[i];
  let truth;
  try {
    truth = probe.trueValue(goal);
  } catch (error) {
    return { met: false, detail: `this goal cannot be checked on the current network: ${error.message}` };
  }
  if (typed === undefined || typed === null || typed === '') return { met: false, detail: 'no answer yet' };
  const value = typeof typed === 'number' ? typed : parseTyped(typed);
  if (typeof typed === 'string' && String(typed).trim() === '') return { met: false, detail: 'no answer yet' };
  if (Number.isNaN(value) && !Number.isNaN(truth)) return { met: false, detail: `${String(typed).slice(0, 40)} is not a number` };
  if (withinTolerance(goal, value, truth)) return { met: true, detail: `${formatNumber(value)} is right`, right: typed };
  // Right when it was typed, for the network as it was then: training on afterwards does not take it back.
  const earlier = progress.rightAnswers?.[i];
  if (earlier !== undefined && earlier === typed) return { met: true, detail: `${formatNumber(value)} was right when you typed it` };
  let detail = `${formatNumber(value)} is ${wrongAnswerFeedback(goal, value, truth)}`;
  if ((progress.hintsShown?.[i] ?? 0) > 0) {
    const g = probe.geometry(goal.layer);
    const equation = g && equationFor(goal.quantity, g.type);
    if (equation) detail += `. Look at the equation ${equation}`;
  }
  return { met: false, detail };
}

function choiceMet(goal, progress, i) {
  const state = progress.choiceMet?.[i];
  if (state === undefined) return { met: false, detail: 'no choice yet' };
  return state ? { met: true, detail: 'right choice' } : { met: false, detail: 'not this one: read the question again and try another option' };
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
    let outcome;
    if (goal.type === 'lossBelow') outcome = lossMet(goal, probe, progress, i);
    else if (goal.type === 'answer') outcome = answerMet(goal, probe, progress, i);
    else if (goal.type === 'setting') outcome = settingMet(goal, probe);
    else if (goal.type === 'formula') outcome = formulaGoalMet(goal, probe, progress, i);
    else outcome = choiceMet(goal, progress, i);
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
