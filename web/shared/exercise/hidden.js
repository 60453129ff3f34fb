// What an exercise hides, decided in one place: every view of the page asks this rule (the plots, their tables and
// screen-reader summaries, tooltips and the keyboard readout, the explanations' substituted equations, the exports).
// DOM-free; each goal type says which quantity it hides (goal-types.js, `hides`).
//
// A goal with `hidePlot` hides the quantity it asks for wherever the page would show it, not only in "its" plot:
//   y of layer l      is also the input of layer l + 1 (its x_in and x_pad) and, for the last layer, the prediction ŷ
//   ∂C/∂x of layer l  is also δ = ∂C/∂x_out of layer l − 1 (and its ∂C/∂x_pad)
//   ∂C/∂W, ∂C/∂b      are the gradient tracks of the layer's kernel (or linear weights)
//   the loss          is the loss curve, the status line and every C the explanations read (model.loss(), evaluate())
// The views read the model through mask(model), whose view(kind, layer) gives NaN for every hidden value, so a value
// the rule hides cannot reach a canvas, a table, a tooltip, an equation or a file by a path nobody thought of.

import { goalType } from './goal-types.js';

/** The model.view kinds that carry each hidden quantity of layer `l` (n layers): [kind, layer] pairs (null: the network's). */
function carriers(quantity, l, n) {
  switch (quantity) {
    case 'y':
    case 'outputLength': {
      const pairs = [['output', l]];
      if (l + 1 < n) pairs.push(['input', l + 1], ['padded', l + 1]);
      if (l === n - 1) pairs.push(['output', null], ['probabilities', null]);
      return pairs;
    }
    case 'dx': {
      const pairs = [['gradInput', l], ['gradPadded', l]];
      if (l > 0) pairs.push(['gradOutput', l - 1]);
      return pairs;
    }
    case 'dw': return [['gradWeight', l]];
    case 'db': return [['gradBias', l]];
    default: return [];
  }
}

/** The plots (canvas kind and layer) that show each hidden quantity first and foremost: they are hidden whole. */
function plotsOf(quantity, l, n) {
  switch (quantity) {
    case 'y':
    case 'outputLength': return l === n - 1 ? [['forward', l], ['prediction', null]] : [['forward', l]];
    case 'dx': return [['backward', l]];
    case 'dw':
    case 'db': return [['kernel', l], ['weights', l]];
    case 'loss': return [['loss', null]];
    default: return [];
  }
}

/** [{ quantity, layer }] of an exercise's goals with hidePlot (each goal type says what it hides: goal-types.js). */
export function hiddenQuantities(exercise) {
  if (!exercise) return [];
  return exercise.goals.filter((g) => g.hidePlot).map((g) => goalType(g.type)?.hides?.(g)).filter(Boolean);
}

const NAMES = { y: 'y', outputLength: 'y', dx: '∂C/∂x', dw: '∂C/∂W', db: '∂C/∂b' };

/**
 * The rule of an exercise (null: nothing hidden) →
 *   any                       true when something is hidden
 *   hides(kind, layer, n)     is model.view(kind, layer) hidden, for a network of n layers (layer null: the network's)
 *   hidesPlot(kind, layer, n) is the plot of that kind ('forward' | 'backward' | 'kernel' | 'weights' | 'prediction' | 'loss') hidden whole
 *   hidesLoss                 the loss (curve, status line) is hidden
 *   mask(model)               the model as the views may see it (the same object for the same model)
 *   what()                    the hidden quantities in words, for a note ("y of layer 1, ∂C/∂W of layer 1")
 */
export function hiddenRule(exercise) {
  const quantities = hiddenQuantities(exercise);
  const hidesLoss = quantities.some((q) => q.quantity === 'loss');
  const has = (list, kind, layer) => list.some(([k, l]) => k === kind && l === (layer ?? null));
  const hides = (kind, layer, n) => quantities.some((q) => has(carriers(q.quantity, q.layer, n), kind, layer));
  const hidesPlot = (kind, layer, n) => quantities.some((q) => has(plotsOf(q.quantity, q.layer, n), kind, layer));
  const masks = new WeakMap();

  function mask(model) {
    if (!model || quantities.length === 0) return model;
    let masked = masks.get(model);
    if (!masked) {
      const view = (kind, layer) => {
        const values = model.view(kind, layer);
        return hides(kind, layer ?? null, model.layers.length) ? new Float32Array(values.length).fill(NaN) : values;
      };
      // the explanations' gradient check lists ∂C/∂W, ∂C/∂b and ∂C/∂x_in entries, analytic and by finite differences
      const gradientKind = { weight: 'gradWeight', bias: 'gradBias', input: 'gradInput' };
      const gradientCheck = (options) => {
        const report = model.gradientCheck(options);
        const n = model.layers.length;
        const entries = report.entries.map((e) => (hides(gradientKind[e.tensor], e.layer, n)
          ? { ...e, analytic: NaN, numeric: NaN, hidden: true } : e));
        return { ...report, entries };
      };
      // a hidden loss: the views' readings of C are NaN (the model still computes it; evaluate() still runs the passes)
      const lossReadings = hidesLoss ? {
        loss: () => NaN,
        validationLoss: () => NaN,
        evaluate: (...args) => { model.evaluate(...args); return NaN; },
      } : {};
      masked = new Proxy(model, {
        get(target, key) {
          if (key === 'view') return view;
          if (key === 'gradientCheck') return gradientCheck;
          if (Object.hasOwn(lossReadings, key)) return lossReadings[key];
          const value = Reflect.get(target, key, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      masks.set(model, masked);
    }
    return masked;
  }

  return {
    any: quantities.length > 0,
    hides,
    hidesPlot,
    hidesLoss,
    mask,
    what: () => [...new Set(quantities.map((q) => (q.quantity === 'loss' ? 'the loss' : `${NAMES[q.quantity]} of layer ${q.layer + 1}`)))],
  };
}
