// Each layer type's part of the exported scripts (web/layers/<type>/code.js: its torch.nn module, weight shapes and
// NumPy section), loaded once when the exporters load, so exportCode answers synchronously afterwards.
import { loadParts } from '../../layers/registry.js';

/** type → its code module ({ pytorch, numpy, parameterShapes? }). */
const CODE = await loadParts('code');

/** The exported code of layer type `type`. */
export function layerCode(type) {
  return CODE.get(type);
}
