// The one place the code-export test reads the page's experiment format: a link fragment (or an experiment
// object of web/shared/experiment.js) → the resolved experiment the exporters take. When the page's schema moves, only
// the two imports below change.
import { parseFragment, serializeExperiment } from '../../web/shared/experiment.js';
import { inputSignal, targetSignal } from '../../web/shared/signals.js';
import { resolveExperiment } from '../../web/shared/code-export/index.js';

/** Experiment object → its link fragment (without '#'). */
export const linkOf = (experiment) => serializeExperiment(experiment);

/**
 * A link fragment → { resolved, experiment, problems }: the signals made as the page makes them (presets by the
 * core, 'filtered' targets by the teacher network, drawings resampled).
 */
export function resolveFragment(cp, fragment) {
  const { experiment, problems } = parseFragment(fragment);
  const model = cp.createModel(experiment.network);
  try {
    const x = inputSignal(cp, experiment);
    const y = targetSignal(cp, experiment, model, x);
    const schedule = experiment.steps > 0 ? experiment.schedule : [];
    return { resolved: resolveExperiment(cp, experiment.network, x, y, schedule, fragment), experiment, problems };
  } finally {
    model.delete();
  }
}
