// The layer registry: every layer type the library and the page know, one line each, in the order menus and messages
// list them. Everything about a type lives in its folder web/layers/<type>/; the library, the experiment reader and
// its link form, the session, the exporters, the explanations and the views look a type up here and never name one.
// Adding a layer type = a core op + one folder + one line below (docs/architecture.md).
//
// A type's index.js is pure (no DOM, no imports but web/lib), so the library loads this file in Node; its views
// (equations, step-through frames, tooltips, exported code) are in other files of the folder, loaded on first use
// through its `load` functions.
import { ConvPoolError } from '../lib/errors.js';
import conv1d from './conv1d/index.js';
import activation from './activation/index.js';
import maxpool1d from './maxpool1d/index.js';
import avgpool1d from './avgpool1d/index.js';
import globalpool from './globalpool/index.js';
import linear from './linear/index.js';

/**
 * @typedef {import('../types.js').LayerGeometry} Geometry   a layer as the core made it (model.layers[l])
 * @typedef {import('../types.js').LayerObject} LayerObject   a layer as a spec or the page holds it
 *
 * @typedef {object} FieldRow  one option of a layer type (a column of the layer object and of createModel's spec)
 * @property {string} key        the field of the layer object
 * @property {'int' | 'bool' | 'choice' | 'padding'} type   'padding': an int ≥ 0, 'same' or 'valid'
 * @property {unknown} [default]  the library's value when the field is absent (a function of the layer read so far);
 *                               undefined: the field is required
 * @property {unknown} initial    the page's value for a new layer and for a field an experiment leaves out
 * @property {unknown} [fallback] the page's value when an experiment's value is bad (else `initial`)
 * @property {number} [min]       the page's range of an 'int' (and of a 'padding' number)
 * @property {number} [max]
 * @property {string[]} [choices] the names of a 'choice'
 * @property {string} code        its letter in a link (`conv-k5-o1-…`); '' = positional (`act-tanh`)
 * @property {string} label       the control's label
 * @property {string} help        the control's hint
 * @property {(value: any, layer: LayerObject) => string} describe   its words in a layer's description ('' = nothing)
 * @property {boolean} [pageHidden]       no control on the page (the library takes it; the page keeps `initial`)
 * @property {boolean} [linkOmitsInitial] left out of a link at its initial value (an option added after links were shared)
 *
 * @typedef {object} LayerType
 * @property {string} type     the name in a layer object ({ type: … })
 * @property {string} title    the page's name of the type
 * @property {string} code     its code in a link
 * @property {FieldRow[]} fields   its options, in link order
 * @property {string} next    the type the page's "add layer" appends after a layer of this type
 * @property {(layer: LayerObject, channels: number) => number} channelsAfter   output channels given the input's
 * @property {{ weights: (g: Geometry) => number, outputs: (layer: LayerObject) => number, shape: 'kernel' | 'matrix' } | null} parameters
 *           a type with weights: how many (from its geometry), its outputs (the bias length) and their shape — a
 *           kernel W[o, c, k] (drawn tap by tap) or a matrix W[o, j] over the flattened input (a heat map); null: none
 * @property {boolean} padded  keeps its padded input (the 'padded' and 'gradPadded' views)
 * @property {(layer: LayerObject) => boolean} showsPadded   a layer object whose backward plot shows ∂C/∂x_pad
 * @property {(g: Geometry) => boolean} argmax   whether a layer of this geometry has the 'argmax' view
 * @property {(g: Geometry) => number} work      the operations of one training step (forward and backward), roughly
 * @property {{ reads: 'window' | 'whole' | 'sample', padLeft: (g: Geometry) => number, cells: (g: Geometry) => number }} axis
 *           how an output reads the input on the drawn axis: a sliding window, the whole input, or its own sample
 * @property {object} plot   how the page draws it (<type>/plot.js: labels, padding cells, hover highlights)
 * @property {{ code: () => Promise<object>, tooltip: () => Promise<object>, equations: () => Promise<object>, answer: () => Promise<object>, steps?: () => Promise<object>, formula?: () => Promise<object> }} load
 *           the parts loaded on first use: code.js (the exporters' part), tooltip.js (the hover words), equations.js
 *           (the explanations' TeX), answer.js (the 'answer' goal's equations in words, a hint's pointer;
 *           web/shared/exercise/answer-feedback.js); optional: steps.js (its own stages in the step-through, each with
 *           its frames, title, caption, drawing and hover; web/explain/step-frames.js; without it the step-through
 *           shows the whole layer at once, each way), formula.js (a type a formula goal can ask about: its
 *           quantities, true values and classic mistakes; web/shared/formula/parts.js)
 */

/** @type {LayerType[]} */
export const LAYERS = [conv1d, activation, maxpool1d, avgpool1d, globalpool, linear];

const BY_NAME = new Map(LAYERS.map((layer) => [layer.type, layer]));

/** The layer types' names, in the order menus and messages list them. */
export const LAYER_TYPES = LAYERS.map((layer) => layer.type);

/** The types with weights (a kernel or a weight matrix, and an optional bias). */
export const WEIGHTED_TYPES = LAYERS.filter((layer) => layer.parameters).map((layer) => layer.type);

/** The shape of a layer's weights: 'kernel' (W[o, c, k]), 'matrix' (W[o, j]) or null (none). */
export function weightShape(layer) {
  return layerType(layer.type).parameters?.shape ?? null;
}

/**
 * The names model.view(name, l) answers for a layer of geometry `g`: the signals and their gradients, then its
 * padded input, its weights and bias with their gradients, its arg-max, as its type has them.
 */
export function layerViews(g) {
  const kind = layerType(g.type);
  const views = ['input', 'output', 'gradInput', 'gradOutput'];
  if (kind.padded) views.push('padded', 'gradPadded');
  if (kind.parameters) views.push('weight', 'gradWeight', 'bias', 'gradBias');  // bias: empty without one
  if (kind.argmax(g)) views.push('argmax');
  return views;
}

/** Whether `layer` is of a type with weights. */
export function isWeighted(layer) {
  return WEIGHTED_TYPES.includes(layer.type);
}

/** Whether `type` names a registered layer type (own names only: not 'toString' or '__proto__'). */
export function isLayerType(type) {
  return typeof type === 'string' && BY_NAME.has(type);
}

/** The registry entry of `type`; throws ConvPoolError for a name that is not one. */
export function layerType(type) {
  const entry = typeof type === 'string' ? BY_NAME.get(type) : undefined;
  if (!entry) {
    throw new ConvPoolError(`layer type ${JSON.stringify(type)} must be one of ${LAYER_TYPES.join(', ')}`,
      { field: 'type' });
  }
  return entry;
}

/** The type whose link code is `code`, or undefined. */
export function layerTypeByCode(code) {
  return LAYERS.find((layer) => layer.code === code);
}

/** A new layer of `type` as the page adds it (every field at its initial value); `fields` override some. */
export function initialLayer(type, fields = {}) {
  const layer = { type };
  for (const row of layerType(type).fields) layer[row.key] = row.initial;
  return Object.assign(layer, fields);
}

/** The layer with every absent field at the library's default (web/convpool.js fills in the same values). */
export function withLibraryDefaults(layer) {
  const full = { type: layer.type };
  for (const row of layerType(layer.type).fields) {
    const value = layer[row.key];
    const fallback = typeof row.default === 'function' ? row.default(full) : row.default;
    full[row.key] = value === undefined || value === null ? fallback : value;
  }
  return full;
}

/** A layer's options in words, e.g. "k=5, 1 out ch, s=1, d=1, padding 'same' (zeros), bias". */
export function describeLayer(layer) {
  if (!isLayerType(layer.type)) return '';
  return layerType(layer.type).fields.map((row) => row.describe(layer[row.key], layer)).filter(Boolean).join(', ');
}

/** Channels after `layer` given `channels` before it: a conv's outChannels, a linear's outFeatures, else the same. */
export function channelsAfter(layer, channels) {
  return layerType(layer.type).channelsAfter(layer, channels);
}

/** A layer in a link: its type's code, then each field as `-` + letter + value (`conv-k5-o1-…`, `act-tanh`). */
export function encodeLayer(layer) {
  const entry = layerType(layer.type);
  const value = (row, v) => (row.type === 'bool' ? (v ? 1 : 0) : v);
  const written = entry.fields.filter((row) => !(row.linkOmitsInitial && (layer[row.key] ?? row.initial) === row.initial));
  return [entry.code, ...written.map((row) => `${row.code}${value(row, layer[row.key])}`)].join('-');
}

/**
 * A layer from its link text, unchecked: absent fields are undefined, unreadable ones NaN or 'bad' (the experiment's
 * reader then falls back and says so). An unknown type code gives { type: code }.
 */
export function decodeLayer(text) {
  const [code, ...parts] = text.split('-');
  const entry = layerTypeByCode(code);
  if (!entry) return { type: code };
  const lettered = {};
  for (const part of parts) if (part.length > 1) lettered[part[0]] = part.slice(1);
  const layer = { type: entry.type };
  entry.fields.forEach((row, i) => {
    const text = row.code === '' ? parts[i] : lettered[row.code];
    layer[row.key] = text === undefined ? undefined : decodeValue(row, text);
  });
  return layer;
}

function decodeValue(row, text) {
  const int = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
  switch (row.type) {
    case 'int': return int;
    case 'bool': return text === '1' ? true : text === '0' ? false : 'bad';
    case 'padding': return text === 'same' || text === 'valid' ? text : int;
    default: return text;
  }
}

/**
 * The parts of `types` loaded on first use, e.g. loadParts('code', ['conv1d']) → Map type → module. A type without
 * the part (an optional one: steps, formula) is not in the map.
 */
export async function loadParts(part, types = LAYER_TYPES) {
  const unique = [...new Set(types)].filter((type) => layerType(type).load[part]);
  const modules = await Promise.all(unique.map((type) => layerType(type).load[part]()));
  return new Map(unique.map((type, i) => [type, modules[i]]));
}
