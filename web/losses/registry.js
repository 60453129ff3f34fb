// The losses the page offers, by name: each file holds one loss's value, ∂C/∂ŷ, their TeX and words, and how its δ
// scales over a batch of B examples (sse: a sum, mse: 2/(B·n), crossentropy: (p_j − 1[j = y])/B).
import sse from './sse.js';
import mse from './mse.js';
import crossentropy from './crossentropy.js';

export const LOSS_MODULES = Object.freeze({ sse, mse, crossentropy });

/** The loss named `name` ('sse' when the name is unknown: an old link's default). */
export function lossOf(name) { return LOSS_MODULES[name] || sse; }
