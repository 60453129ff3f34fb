// The session's experiment as a Python script (web/shared/code-export/). A chunk of its own: the page imports it
// while the WASM loads (the handle's `ready` waits for both), so the handle's exportCode(kind) answers synchronously
// without the exporters' templates weighing on the page's first script.
import { exportCode, resolveExperiment, scriptFileName } from '../shared/code-export/index.js';
import { pickCheckpoints, sensitivityWords } from '../shared/code-export/page-check.js';
import { pageCheckOf, replayCheckpoints } from '../shared/code-export/replay-check.js';
import { datasetSets, exampleSignals, modelSpec, stepWork } from '../shared/session-model.js';

export { scriptFileName };

/**
 * Work (≈ multiply-adds, session-model.js stepWork × batch) an export may spend on its float32-sensitivity replay:
 * the classifier preset's 300 steps fit (2.6e6 each), and replaying them takes about as long as the page took to
 * train them (2.6 s on a loaded 2-core machine). Longer trainings are checked for their first steps only, and the
 * header and the viewer say so.
 */
const SENSITIVITY_WORK = 1e9;

/**
 * An experiment as the exporters take it (web/shared/code-export/resolved.js): its network and training options,
 * its seeded initial weights, its example or data set made as the page makes them, its recorded η schedule, `link`
 * for the header, and what the scripts check themselves against: the page's losses at up to 12 steps of `history`
 * (its curve, [{ step, loss }]; null: replayed here) and the float32 sensitivity of its training.
 */
export function resolvePageExperiment(cp, experiment, link, history = null) {
  const spec = modelSpec(experiment);
  const model = cp.createModel(spec);
  try {
    const { input, target } = exampleSignals(cp, experiment, model);
    const sets = experiment.dataset ? datasetSets(cp, experiment, model) : {};
    const schedule = experiment.steps > 0 ? experiment.schedule : [];
    const resolved = resolveExperiment(cp, spec, input, target, schedule, link, sets);
    // the scripts and the replays compare the core's loss of the whole set (sse: a sum); the page's curve holds C, a
    // data set's mean per example (training-display.js), so its checkpoints go back to sums here
    const toSum = spec.loss === 'sse' ? resolved.dataset.count : 1;
    const checkpoints = history
      ? pickCheckpoints(history).map(([step, loss]) => [step, loss * toSum])
      : replayCheckpoints(cp, resolved);
    const maxSteps = Math.floor(SENSITIVITY_WORK / (stepWork(model) * resolved.spec.batchSize));
    return { ...resolved, pageCheck: pageCheckOf(cp, resolved, checkpoints, { maxSteps }) };
  } finally {
    model.delete();
  }
}

/**
 * The session's experiment (queued training already run) → { text, note, parts }: the script of `kind` ('pytorch'
 * | 'numpy'), and for the viewer the sentence on how closely it can reproduce the page (null: nothing to check) and
 * whether float32 rounding parts the training from the page's (a nudged replay did).
 */
export function experimentExport(session, kind) {
  // a script computes every value of the network: while an exercise hides one, it would hand the answer over
  if (session.hidden) {
    throw new Error(`an exercise hides ${session.hidden.what().join(' and ')} here, and a script would print it; `
      + 'the code export comes back once the exercise is done or closed');
  }
  const resolved = resolvePageExperiment(session.cp, session.experiment, session.fragment(), session.history);
  const { sensitivity } = resolved.pageCheck;
  return { text: exportCode(kind, resolved), note: sensitivityWords(sensitivity), parts: Boolean(sensitivity?.partsBy) };
}

/** The session's experiment (queued training already run) as a script of `kind` ('pytorch' | 'numpy'). */
export function experimentAsCode(session, kind) {
  return experimentExport(session, kind).text;
}
