// { type: 'setting', layer, quantity, equals, keep? }: the learner changes the network until the core's geometry of
// that layer has `quantity` = `equals`, with the layer fields in `keep` unchanged. Read from the core (model.layers).
import { isObject, knownFields, refuse, wholeNumber, LIMITS } from '../fields.js';

/** What a 'setting' goal may require of a layer's geometry (as the core computes it: model.layers[l]). */
export const SETTING_QUANTITIES = ['outLength', 'outChannels', 'padLeft', 'padRight', 'paddedLength'];
/** Layer fields a 'setting' goal may pin with `keep` (so "keep the kernel size 5" is part of the goal). */
export const KEEPABLE_FIELDS = ['type', 'kernelSize', 'stride', 'padding', 'dilation', 'paddingMode', 'bias', 'outChannels',
  'ceilMode', 'fn'];

/** Is a setting goal met by the probe's network? → { met, detail }. */
export function settingMet(goal, probe) {
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

export default {
  type: 'setting',
  fields: ['layer', 'quantity', 'equals', 'keep'],
  entry: null,  // met by changing the network

  normalise(raw, goal, at) {
    goal.layer = wholeNumber(`${at}.layer`, raw.layer, 0, LIMITS.maxLayer);
    const quantity = raw.quantity === undefined ? 'outLength' : raw.quantity;
    if (!SETTING_QUANTITIES.includes(quantity)) refuse(`${at}.quantity`, raw.quantity, `must be one of ${SETTING_QUANTITIES.join(', ')}`);
    goal.quantity = quantity;
    goal.equals = wholeNumber(`${at}.equals`, raw.equals, 0, LIMITS.maxIndex);
    goal.keep = {};
    if (raw.keep !== undefined && raw.keep !== null) {
      if (!isObject(raw.keep)) refuse(`${at}.keep`, raw.keep, 'must be an object of layer fields');
      knownFields(`${at}.keep`, raw.keep, KEEPABLE_FIELDS);
      for (const [key, value] of Object.entries(raw.keep)) {
        if (!['string', 'number', 'boolean'].includes(typeof value)) refuse(`${at}.keep.${key}`, value, 'must be a text, number or true/false');
        goal.keep[key] = value;
      }
    }
  },

  text(goal) {
    const keep = Object.entries(goal.keep).map(([k, v]) => `${k} ${v}`).join(', ');
    return `Change a setting so that layer ${goal.layer + 1}'s ${goal.quantity} is ${goal.equals}${keep ? ` (keeping ${keep})` : ''}`;
  },

  check: (goal, probe) => settingMet(goal, probe),

  // the length shows in the layer's output plot
  hides: (goal) => ({ quantity: 'outputLength', layer: goal.layer }),
};
