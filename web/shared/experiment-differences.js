// What B changes of A, in words ("padding mode reflect instead of zeros; η 0.02 instead of 0.01"), generated from the
// two experiments through the layer and training schemas (web/shared/schema.js): a new option is named by its own
// row's label, never by a sentence written here. DOM-free. The step counts are left out: both sides train in lockstep.
import { TRAINING_SCHEMA } from './schema.js';
import { isLayerType, layerType } from '../layers/registry.js';

const title = (type) => (isLayerType(type) ? layerType(type).title : type);

const same = (x, y) => JSON.stringify(x) === JSON.stringify(y);
/** A value as the page's controls show it: numbers as typed, text as is, lists of numbers shortened. */
function show(value) {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length > 6 ? `${value.length} values` : `[${value.join(', ')}]`;
  if (typeof value === 'object') return Object.values(value).filter((v) => typeof v !== 'object').join(' ');
  return String(value);
}
const change = (what, a, b) => `${what} ${show(b)} instead of ${show(a)}`;

/** A signal (an input channel or the target) in words: its preset and settings, or "drawn by hand". */
function signalWords(signal) {
  if (!signal) return 'none';
  if (signal.drawn) return 'drawn by hand';
  const extra = Object.entries(signal).filter(([k]) => k !== 'preset').map(([k, v]) => `${k} ${show(v)}`);
  return extra.length ? `${signal.preset} (${extra.join(', ')})` : signal.preset;
}

function layerDifferences(layersA, layersB) {
  const out = [];
  const many = Math.max(layersA.length, layersB.length) > 1;
  if (layersA.length !== layersB.length) out.push(`${layersB.length} layers instead of ${layersA.length}`);
  for (let l = 0; l < Math.min(layersA.length, layersB.length); l++) {
    const la = layersA[l];
    const lb = layersB[l];
    const where = many ? `layer ${l + 1} ` : '';
    if (la.type !== lb.type) {
      out.push(`${where}${title(lb.type)} instead of ${title(la.type)}`.trim());
      continue;
    }
    for (const row of isLayerType(la.type) ? layerType(la.type).fields : []) {
      if (!same(la[row.key], lb[row.key])) out.push(`${where}${change(row.label, la[row.key], lb[row.key])}`);
    }
  }
  return out;
}

function trainingDifferences(trainingA, trainingB) {
  const out = [];
  if (!trainingA && !trainingB) return out;
  const initial = Object.fromEntries(TRAINING_SCHEMA.map((row) => [row.key, row.initial]));
  const ta = trainingA || initial;
  const tb = trainingB || initial;
  for (const row of TRAINING_SCHEMA) {
    // an optimizer's own option counts only where that optimizer runs (Adam's β₁ means nothing to SGD)
    if (row.optimizer && row.optimizer !== ta.optimizer && row.optimizer !== tb.optimizer) continue;
    if (!same(ta[row.key], tb[row.key])) out.push(change(row.label, ta[row.key], tb[row.key]));
  }
  return out;
}

/** → [phrase…]: every setting in which experiment B differs from experiment A (empty: the same experiment). */
export function experimentDifferences(a, b) {
  const out = [];
  const na = a.network;
  const nb = b.network;
  if (na.inputLength !== nb.inputLength) out.push(change('input length N', na.inputLength, nb.inputLength));
  if (na.inputChannels !== nb.inputChannels) out.push(change('input channels', na.inputChannels, nb.inputChannels));
  out.push(...layerDifferences(na.layers, nb.layers));
  if (na.loss !== nb.loss) out.push(change('loss', na.loss, nb.loss));
  if (na.seed !== nb.seed) out.push(change('weight seed', na.seed, nb.seed));
  const channels = Math.max(a.input.length, b.input.length);
  for (let c = 0; c < channels; c++) {
    if (!same(a.input[c], b.input[c])) {
      out.push(`input${channels > 1 ? ` channel ${c + 1}` : ''} ${signalWords(b.input[c])} instead of ${signalWords(a.input[c])}`);
    }
  }
  if (!same(a.target, b.target)) out.push(`target ${signalWords(b.target)} instead of ${signalWords(a.target)}`);
  if (!same(a.dataset ?? null, b.dataset ?? null)) {
    out.push(b.dataset ? (a.dataset ? 'another data set' : 'a data set instead of one example') : 'one example instead of a data set');
  }
  if (a.learningRate !== b.learningRate) out.push(change('η', a.learningRate, b.learningRate));
  out.push(...trainingDifferences(a.training, b.training));
  return out;
}

/** The line at the top of the comparison: "B: …; …" (or what to do when B is still A's copy). */
export function differencesSentence(a, b) {
  const list = experimentDifferences(a, b);
  return list.length ? `B: ${list.join('; ')}.` : 'B is still a copy of A: change B with the controls to compare.';
}
