// Each layer type's part of the formula goal (web/layers/<type>/formula.js: its quantities, its layer fields, its true
// values from the core, its classic mistakes), found through the layer registry: this folder names no layer type.
import { LAYERS } from '../../layers/registry.js';

const parts = new Map();
let loading = null;

/** Loads the formula part of every layer type that has one (once) → Promise. */
export function loadFormulaParts() {
  loading ??= Promise.all(LAYERS.filter((t) => t.load.formula).map(async (t) => {
    const part = /** @type {{ default: object }} */ (await t.load.formula());
    parts.set(t.type, { title: t.title, ...part.default });
  }));
  return loading;
}

/** The formula part of a layer type (after loadFormulaParts), or null when the type has none. */
export const formulaPart = (type) => parts.get(type) ?? null;

/** The titles of the layer types with a formula goal, for a message ("conv 1d or max-pool 1d"). */
export const formulaTypes = () => [...parts.values()].map((p) => p.title).join(' or ');
