// Why a formula is wrong, in words that teach: where it disagrees (which indices, which draw, which stride) and which
// classic mistake it is. Each mistake is recognised by what the formula computes, not by how it is spelled: the
// formula is evaluated again with the kernel flipped, on a layer with stride 1, against a shifted truth, and so on.
import { agrees, evaluateCase, scaleOf } from './compare.js';
import { QUANTITIES } from './symbols.js';
import { childrenOf, isConstant, valueOf } from './tree.js';
import { formulaPart } from './parts.js';
import { formatNumber } from '../format.js';

/** "0 … 5, 9, 12 … 20": sorted integers as runs, at most `max` runs. */
export function describeIndices(indices, max = 5) {
  const runs = [];
  for (const n of indices) {
    const last = runs[runs.length - 1];
    if (last && n === last[1] + 1) last[1] = n; else runs.push([n, n]);
  }
  const text = (r) => (r[0] === r[1] ? `${r[0]}` : r[1] === r[0] + 1 ? `${r[0]}, ${r[1]}` : `${r[0]} … ${r[1]}`);
  const shown = runs.length > max ? [...runs.slice(0, max - 1).map(text), '…', text(runs[runs.length - 1])] : runs.map(text);
  return shown.join(', ');
}

/** Indices whose value involves the layer's boundary: a window reaching into the padding, or a sample near an edge. */
export function edgeIndices(layer, quantity) {
  const edges = new Set();
  const span = (layer.K - 1) * layer.d;
  if (quantity === 'y') {
    for (let t = 0; t < layer.M; t++) {
      const first = t * layer.s - layer.p;
      if (first < 0 || first + span > layer.N - 1) edges.add(t);
    }
  } else if (quantity === 'dx') {
    const left = Math.max(span, layer.p + 1), right = Math.max(span, layer.pr + 1);
    for (let i = 0; i < layer.N; i++) if (i < left || i > layer.N - 1 - right) edges.add(i);
  }
  return edges;
}

/** The detail of a wrong formula (context from checkFormula: { cp, formula, layer, quantity, cases, tolerance, budget }). */
export function diagnose(context) {
  const sentences = [where(context), ...mistakes(context).slice(0, 3)];
  for (const note of context.formula.notes) sentences.push(`Note: ${note.text}.`);
  return sentences.join(' ');
}

function where({ quantity, cases, layer }) {
  const free = QUANTITIES[quantity].free;
  const wrongCase = cases.find((c) => c.wrong.length);
  const currentRight = cases[0].label === 'the current values' && !cases[0].wrong.length;
  let prefix = '';
  if (currentRight) {
    const why = coincidence(cases[0], layer);
    prefix = `Right for the current values, but wrong for ${wrongCase.label}: right by coincidence here${why ? ` (${why})` : ''}. `;
  } else if (wrongCase !== cases[0] || cases.length > 1) {
    prefix = `For ${wrongCase.label}: `;
  }
  if (!free) {  // one value: how far off, never the value itself (an exercise may hide it)
    const [value, truth] = [wrongCase.learner[0], wrongCase.truth[0]];
    const off = !Number.isFinite(value) ? 'is not a finite number'
      : truth === 0 || Math.sign(value) !== Math.sign(truth) ? 'has the wrong sign or size'
        : `is ${value > truth ? 'too large' : 'too small'} by ${Math.abs(value / truth - 1) < 0.5 ? 'less' : 'more'} than 50 %`;
    return `${prefix}${QUANTITIES[quantity].entry} ${off}.`;
  }
  const right = wrongCase.indices.filter((n) => !wrongCase.wrong.includes(n));
  const edges = edgeIndices(layer, quantity);
  const atEdges = edges.size && wrongCase.wrong.every((n) => edges.has(n));
  const edgeWords = quantity === 'y' ? (layer.p || layer.pr ? 'the padded edges' : 'the edges')
    : 'the samples near the edges';
  if (!right.length) return `${prefix}wrong at every ${free} (${free} = ${describeIndices(wrongCase.indices)}).`;
  return `${prefix}right for ${free} = ${describeIndices(right)}, wrong at ${free} = `
    + `${describeIndices(wrongCase.wrong)}${atEdges ? `: ${edgeWords}` : ''}.`;
}

/** Why a formula can be right for the current values and still wrong: what is special about them now. */
function coincidence(current, layer) {
  const { W, delta, x } = current.env;
  if (layer.weights && W.length > 1 && W.every((w, k) => Math.abs(w - W[W.length - 1 - k]) <= 1e-6)) {
    return 'the current kernel is symmetric, W[K−1−k] = W[k]';
  }
  if (delta.every((v) => v === 0)) return 'δ is 0 everywhere now';
  if (x.every((v) => v === x[0])) return 'the current input is constant';
  return '';
}

/** Every classic mistake the formula's values match, most telling first. */
function mistakes(context) {
  const { formula, layer, quantity } = context;
  const found = [];
  const uses = formula.uses;
  const conv = layer.weights;  // a kernel layer (W, b): its mistakes; else a window max (−∞ padding)
  if (conv && quantity === 'dx' && !uses.has('W')) {
    found.push('The kernel is missing: a common mistake is ∂C/∂x_in = ∂C/∂x_out · g′(x_in), which is only the '
      + 'activation’s step. The conv layer sends each δ[t] back through every tap that read x[i], weighted by that '
      + 'tap’s W[k].');
  }
  const free = QUANTITIES[quantity].free;
  if (free && !uses.has('free')) {
    found.push(`The formula does not depend on ${free}: it gives the same number for every ${QUANTITIES[quantity].entry}.`);
  }
  if (conv && quantity === 'y') {
    const backwards = readsAgainstTheTaps(context, ['x', 'xpad'], -1);
    if (backwards) {
      found.push(`${backwards}: a convolution, not a correlation. A common `
        + 'mistake: the layer reads x[t·s + k·d − p], the taps in the same order as the samples.');
    }
  }
  if (conv && quantity === 'dx') {
    const forwards = readsAgainstTheTaps(context, ['delta'], 1);
    if (forwards) {
      found.push(`${forwards}: the taps are paired the wrong way round. Output t reads x[i] through tap k when `
        + 't·s + k·d − p = i, so t falls as k grows.');
    }
  }
  if (!conv && quantity === 'y' && wholeSignalMax(context)) {
    found.push('This is a max over the whole signal, not over the window of y[t]: a common mistake. Each output has '
      + 'its own window of K samples, d apart, starting at t·s − p.');
  }
  if (conv && (quantity === 'y' || quantity === 'dx') && matchesWith(context, (env) => ({ ...env, W: env.W.slice().reverse() }))) {
    found.push('A convolution, not a correlation: the formula pairs W[K−1−k] where the layer has W[k]. '
      + (quantity === 'y' ? 'A common mistake: PyTorch’s conv1d slides the kernel without flipping it.'
        : 'For ∂C/∂x_in the kernel does appear flipped, but only because the index runs the other way: δ[i + p − k], not δ[i + p + k − (K−1)].'));
  }
  if (conv && quantity === 'dw' && matchesIndexMap(context, (k) => layer.K - 1 - k)) {
    found.push('The taps are mirrored: the formula gives ∂C/∂W[K−1−k] at k (a convolution where the layer correlates).');
  }
  if (quantity === 'y' && layer.bias) {
    if (!uses.has('b') && offsetMatches(context, (c) => c.env.b)) {
      found.push('The bias b is missing: y[t] = b + Σ_k … (a common mistake).');
    } else if (offsetMatches(context, (c) => -(layer.K - 1) * c.env.b)) {
      found.push('b is inside the sum, so it is added K times; it belongs once, outside the sum.');
    }
  }
  const shift = shiftMatch(context);
  if (shift) found.push(shift);
  const boundaryRule = usesZeroOutside(context);
  if (boundaryRule) found.push(boundaryAdvice(layer, quantity));
  // Without padding the boundary rule does not matter, so "right without padding" would blame the offset instead.
  for (const variant of variantsRight(context, !boundaryRule)) found.push(variant);
  const sign = scaledMatch(context);
  if (sign) found.push(sign);
  found.push(...boundsAdvice(context));
  return [...new Set(found)];
}

/** The formula, evaluated on `transform(env)`, agrees with the truth at every index of every case. */
function matchesWith({ formula, cases, tolerance, budget }, transform) {
  try {
    return cases.every((c) => {
      const values = formula.evaluate(transform(c.env), c.indices, budget);
      return c.indices.every((n) => agrees(values[n], c.truth[n], tolerance, c.scale));
    });
  } catch {
    return false;  // the budget ran out: no claim
  }
}

function matchesIndexMap({ cases, tolerance }, map) {
  return cases.every((c) => c.indices.every((n) => agrees(c.learner[map(n)], c.truth[n], tolerance, c.scale)));
}

/** learner + offset(case) = truth everywhere (a constant missing or added). */
function offsetMatches({ cases, tolerance }, offset) {
  return cases.every((c) => {
    const o = offset(c);
    return o !== 0 && c.indices.every((n) => agrees(c.learner[n] + o, c.truth[n], tolerance, c.scale));
  });
}

function wholeSignalMax({ cases, tolerance }) {
  return cases.every((c) => {
    const top = Math.max(...c.env.x);
    return c.indices.every((n) => agrees(c.learner[n], top, tolerance, c.scale));
  });
}

/** learner[n] = truth[n + σ] wherever both exist (at least half the indices): an index offset, usually the padding. */
function shiftMatch({ cases, layer, quantity, tolerance }) {
  if (quantity !== 'y' && quantity !== 'dx') return null;
  const free = QUANTITIES[quantity].free;
  const limit = Math.max(layer.p, layer.pr, (layer.K - 1) * layer.d, 1);
  // A shift alone, or a shift with the bias missing too (two mistakes at once are common).
  const offsets = quantity === 'y' && layer.bias ? [() => 0, (c) => c.env.b] : [() => 0];
  for (let sigma = -limit; sigma <= limit; sigma++) {
    if (sigma === 0) continue;
    const offset = offsets.find((o) => cases.every((c) => {
      const both = c.indices.filter((n) => n + sigma >= 0 && n + sigma < c.truth.length);
      return both.length >= c.indices.length / 2
        && both.every((n) => agrees(c.learner[n] + o(c), c.truth[n + sigma], tolerance, c.scale));
    }));
    if (!offset) continue;
    const noBias = offset !== offsets[0] ? ' (and the bias b is missing)' : '';
    const padding = Math.abs(sigma) === layer.p && layer.p > 0;
    const what = `${free} + ${sigma}`.replace('+ -', '− ');
    return `The formula gives at ${free} the true value at ${what}${noBias}: it is shifted by ${Math.abs(sigma)}`
      + (padding ? `, the left padding p = ${layer.p}. A common mistake is to ignore the padding offset: the window of `
        + 'y[t] starts at x[t·s − p].' : '.');
  }
  return null;
}

/** A formula reading x (0 outside) where the layer's boundary rule is not zeros, wrong only at the edges. */
function usesZeroOutside({ formula, layer, quantity, cases }) {
  const nonZeroRule = layer.padValue !== 0 ? layer.p > 0 : layer.paddingMode !== 'zeros' && (layer.p || layer.pr);
  if (!nonZeroRule || formula.uses.has('xpad') || !formula.uses.has('x') && quantity !== 'dx') return false;
  const edges = edgeIndices(layer, quantity);
  return cases.some((c) => c.wrong.length) && cases.every((c) => c.wrong.every((n) => edges.has(n)));
}

function boundaryAdvice(layer, quantity) {
  if (layer.padValue !== 0) {
    return 'This layer pads with −∞, not 0: an edge window of negative values has its maximum inside the signal. Use '
      + 'xpad (its padded cells are −∞), or keep the window inside 0 … N−1.';
  }
  if (quantity === 'dx') {
    return `With paddingMode '${layer.paddingMode}' the padded cells copy samples, so their gradient comes back: each `
      + 'padded cell adds its ∂C/∂xpad onto the sample it copied (zeros padding drops it). The formula treats the '
      + 'edges as zeros padding would.';
  }
  return `With paddingMode '${layer.paddingMode}' the layer reads the padded input xpad, whose edge cells copy samples; `
    + 'x is 0 outside 0 … N−1 (that is zeros padding). Read the window from xpad, or write the rule out.';
}

/** "right for stride 1, wrong for stride 2": the formula checked again on the layer with one setting made plain. */
function variantsRight(context, withPadding) {
  const { cp, formula, layer, quantity, tolerance, budget } = context;
  const out = [];
  const variants = [];
  if (layer.s > 1) variants.push([{ s: 1 }, `Right for stride 1, wrong for stride ${layer.s}: `
    + (formula.uses.has('s') ? 'look at where s enters the index (t·s).' : 'the stride s is missing (output t starts at t·s).')]);
  if (layer.d > 1) variants.push([{ d: 1 }, `Right for dilation 1, wrong for dilation ${layer.d}: `
    + (formula.uses.has('d') ? 'look at where d enters the index (k·d).' : 'the dilation d is missing (the taps are d apart: k·d).')]);
  if (withPadding && (layer.p > 0 || layer.pr > 0)) variants.push([{ p: 0, pr: 0, padding: 0 }, `Right without padding, wrong with `
    + `p = ${layer.p}: ${formula.uses.has('p') || formula.uses.has('xpad') ? 'check the padding offset −p.' : 'the padding offset −p is missing.'}`]);
  for (const [change, sentence] of variants) {
    const variant = variantLayer(cp, layer, change);
    if (!variant) continue;
    try {
      const right = [1, 2].every((n) => {
        const c = evaluateCase(cp, formula, variant, quantity, { label: 'variant', seed: 0x7a51 + n },
          tolerance, budget);
        return !c.wrong.length;
      });
      if (right) out.push(sentence);
    } catch {
      // A variant the core refuses or the formula cannot evaluate says nothing.
    }
  }
  return out;
}

/** The layer with some fields changed and its output length recomputed by the core, or null when the core refuses it. */
function variantLayer(cp, layer, change) {
  const next = { ...layer, ...change };
  if (next.padding === 'same') return null;
  try {
    return { ...next, M: formulaPart(layer.type).outLength(cp, next) };
  } catch {
    return null;
  }
}

/** The right values times a constant (−1, 2, ½, K): a sign or a factor. */
function scaledMatch({ cases, tolerance }) {
  const c0 = cases.find((c) => c.wrong.length);
  const n0 = c0.indices.reduce((best, n) => (Math.abs(c0.truth[n]) > Math.abs(c0.truth[best]) ? n : best), c0.indices[0]);
  if (!c0.truth[n0]) return null;
  const factor = c0.learner[n0] / c0.truth[n0];
  if (!Number.isFinite(factor) || Math.abs(factor - 1) < 1e-3) return null;
  const fits = cases.every((c) => c.indices.every((n) => agrees(c.learner[n], factor * c.truth[n], tolerance,
    scaleOf(c.truth) * Math.max(1, Math.abs(factor)))));
  if (!fits) return null;
  if (Math.abs(factor + 1) < 1e-3) return 'The sign is flipped: the formula gives −(the right value) everywhere.';
  return `The formula gives ${formatNumber(factor)} times the right value everywhere: a stray factor.`;
}

/** Sums whose bounds (evaluated with the layer's numbers) leave out kernel taps or outputs. */
function boundsAdvice({ formula, layer, cases }) {
  const out = [];
  for (const sum of formula.sums) {
    const reads = readersOf(sum.node.body, sum.variable);
    const range = boundsOf(formula, sum.node, cases[0].env);
    if (!range) continue;
    const [lo, hi] = range;
    const check = (array, size, symbol) => {
      if (!reads.has(array)) return;
      if (lo > 0 || hi < size - 1) {
        out.push(`The ${sum.kind === 'sum' ? 'sum' : 'max'} over ${sum.variable} runs ${sum.variable} = ${lo} … ${hi}; `
          + `${array === 'W' ? 'the kernel has' : array === 'delta' ? 'δ has' : 'the window has'} ${size} `
          + `${array === 'delta' ? 'entries' : 'taps'}, ${sum.variable} = 0 … ${symbol} − 1 (an off-by-one bound?).`);
      }
    };
    check('W', layer.K, 'K');
    check('delta', layer.M, 'M');
  }
  return out;
}

/** The arrays a sum's variable indexes directly (W_k, δ_t), from the tree. */
function readersOf(node, variable) {
  const found = new Set();
  const walk = (n) => {
    if (n.kind === 'name' && n.index && n.index.kind === 'name' && n.index.name === variable) found.add(n.name);
    childrenOf(n).forEach(walk);
  };
  walk(node);
  return found;
}

/** The bounds of a sum fixed by the layer's numbers, or null when they depend on another index. */
function boundsOf(formula, node, env) {
  if (!isConstant(node.lower) || !isConstant(node.upper)) return null;
  return [Math.ceil(valueOf(node.lower, env)), Math.floor(valueOf(node.upper, env))];
}

/**
 * A sentence when the formula reads one of `arrays` at an index that moves the wrong way as the kernel tap it
 * multiplies rises: falling (`wrongSign` −1: x[t − k] in y) or rising (+1: δ[i + k] in ∂C/∂x_in).
 */
function readsAgainstTheTaps({ formula, cases }, arrays, wrongSign) {
  const env = cases[0].env;
  let found = null;
  const walk = (n, sums) => {
    if (found) return;
    if (n.kind === 'sum' || n.kind === 'max') {
      walk(n.lower, sums); walk(n.upper, sums); walk(n.body, [...sums, n.variable]);
      return;
    }
    if (n.kind === 'name' && arrays.includes(n.name) && n.index) {
      for (const variable of sums) {
        const at = (v) => valueOf(n.index, env, { [variable]: v }, 5);  // other indices: any value
        const slope = at(1) - at(0);
        if (Math.sign(slope) === wrongSign && kernelIndexedBy(formula.tree, variable)) {
          const name = n.name === 'delta' ? 'δ' : n.name;
          found = `The formula reads ${name} further ${wrongSign < 0 ? 'left' : 'right'} as ${variable} grows (its index `
            + `${wrongSign < 0 ? 'falls' : 'rises'} by ${Math.abs(slope)} per tap)`;
          return;
        }
      }
    }
    for (const child of childrenOf(n)) walk(child, sums);
  };
  walk(formula.tree, []);
  return found;
}

function kernelIndexedBy(tree, variable) {
  return readersOf(tree, variable).has('W');
}
