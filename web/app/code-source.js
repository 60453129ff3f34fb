// The session's experiment as a Python script (web/shared/code-export/). A chunk of its own: the page imports it
// while the WASM loads (the handle's `ready` waits for both), so the handle's exportCode(kind) answers synchronously
// without the exporters' templates weighing on the page's first script.
import { exportCode, resolveExperiment, scriptFileName } from '../shared/code-export/index.js';
import { datasetSets, modelSpec } from '../shared/session.js';
import { inputSignal, targetSignal } from '../shared/signals.js';

export { scriptFileName };

/**
 * The session's experiment (queued training already run) as a script of `kind` ('pytorch' | 'numpy'): its network,
 * its seeded initial weights, its signals or data set as the page makes them, its training options, its recorded η
 * schedule, its link in the header.
 */
export function experimentAsCode(session, kind) {
  const { cp, experiment, model } = session;
  const x = inputSignal(cp, experiment);
  const y = targetSignal(cp, experiment, model, x);
  const schedule = experiment.steps > 0 ? experiment.schedule : [];
  const sets = experiment.dataset ? datasetSets(cp, experiment, model) : {};
  const resolved = resolveExperiment(cp, modelSpec(experiment), x, y, schedule, session.fragment(), sets);
  return exportCode(kind, resolved);
}
