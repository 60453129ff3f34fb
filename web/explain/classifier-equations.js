// The equations of the softmax cross-entropy loss as TeX strings in the notation of notation.js, as the core
// computes it (core/crossentropy.hpp). The classifier layers' own equations are in their folders
// (web/layers/{avgpool1d,globalpool,linear}/equations.js).
import { dC } from './tex.js';

/** Softmax cross-entropy on the logits z = ŷ (the last layer's [K, 1] output) with class y; mean over the batch. */
export function crossEntropyTex(classes) {
  return [
    `p_j = \\frac{e^{z_j - m}}{\\sum_{i=0}^{${classes - 1}} e^{z_i - m}}, \\quad m = \\max_i z_i \\quad\\text{(softmax; subtracting } m \\text{ keeps } e^{\\cdot} \\le 1\\text{)}`,
    `C = -\\log p_y = m + \\log \\sum_i e^{z_i - m} - z_y \\quad\\text{(averaged over the examples of a batch)}`,
    `${dC('z_j')} = p_j - \\mathbb{1}[j = y] \\quad\\text{(divided by the batch size)}`,
  ];
}
