// The one place the code-export test reads the page's experiment format: a link fragment (or an experiment
// object of web/shared/experiment.js) → the resolved experiment the exporters take, by the page's own code.
import { parseFragment, serializeExperiment } from '../../web/shared/experiment.js';
import { resolvePageExperiment } from '../../web/app/code-source.js';

/** Experiment object → its link fragment (without '#'). */
export const linkOf = (experiment) => serializeExperiment(experiment);

/**
 * A link fragment → { resolved, experiment, problems }: the signals or data set made as the page makes them
 * (presets by the core, 'filtered' targets by the teacher network, drawings resampled), through the page's own
 * code (web/app/code-source.js).
 */
export function resolveFragment(cp, fragment) {
  const { experiment, problems } = parseFragment(fragment);
  return { resolved: resolvePageExperiment(cp, experiment, fragment), experiment, problems };
}
