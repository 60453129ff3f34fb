// The session's experiment as a Python script (web/shared/code-export/). A chunk of its own: the page imports it
// while the WASM loads (the handle's `ready` waits for both), so the handle's exportCode(kind) answers synchronously
// without the exporters' templates weighing on the page's first script.
import { exportCode, resolveExperiment, scriptFileName } from '../shared/code-export/index.js';
import { datasetSets, exampleSignals, modelSpec } from '../shared/session-model.js';

export { scriptFileName };

/**
 * An experiment as the exporters take it (web/shared/code-export/resolved.js): its network and training options,
 * its seeded initial weights, its example or data set made as the page makes them, its recorded η schedule, `link`
 * for the header.
 */
export function resolvePageExperiment(cp, experiment, link) {
  const spec = modelSpec(experiment);
  const model = cp.createModel(spec);
  try {
    const { input, target } = exampleSignals(cp, experiment, model);
    const sets = experiment.dataset ? datasetSets(cp, experiment, model) : {};
    const schedule = experiment.steps > 0 ? experiment.schedule : [];
    return resolveExperiment(cp, spec, input, target, schedule, link, sets);
  } finally {
    model.delete();
  }
}

/** The session's experiment (queued training already run) as a script of `kind` ('pytorch' | 'numpy'). */
export function experimentAsCode(session, kind) {
  return exportCode(kind, resolvePageExperiment(session.cp, session.experiment, session.fragment()));
}
