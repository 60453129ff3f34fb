// Export an experiment as code: a standalone PyTorch script or a plain-NumPy script that reproduces it and prints
// `loss <value>` last — the playground's loss() at the final weights. The input is a "resolved experiment"
// (see resolved.js): plain data, so this module needs neither the page nor a DOM.
//
//   const resolved = resolveExperiment(cp, spec, input, target, schedule, link);
//   const source = exportCode('pytorch', resolved);   // or 'numpy'
//
// For the page: spec = the experiment's network, input/target = the Float32Arrays the page trains on, schedule =
// the recorded [[steps, η], …] (empty at step 0), link = its fragment; a fresh model with the same seed has the
// page's initial weights, which resolveExperiment reads.
import { ConvPoolError, describe } from '../../lib/arguments.js';
import { exportNumPy } from './numpy.js';
import { exportPyTorch } from './pytorch.js';

export { exportNumPy, exportPyTorch };
export { resolveExperiment, checkResolved } from './resolved.js';

/** File name a download of the script should get, e.g. convpool_pytorch.py. */
export function scriptFileName(kind) {
  return `convpool_${kind}.py`;
}

/** kind: 'pytorch' | 'numpy' → the script's Python source. */
export function exportCode(kind, resolved) {
  if (kind === 'pytorch') return exportPyTorch(resolved);
  if (kind === 'numpy') return exportNumPy(resolved);
  throw new ConvPoolError(`kind ${describe(kind)} must be one of 'pytorch', 'numpy'`);
}
