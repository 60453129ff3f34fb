// The waveform-classification task as the page reads it: the 'classify' data set (class-index targets from a seed),
// loss 'crossentropy' accepted only with it, its link form, the classifier network as an edit, and Undo's premise:
// the same choice always gives the same experiment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import { datasetExamples, isClassificationDataset, presetClassNames } from '../../web/shared/datasets.js';
import { defaultExperiment, normalizeExperiment, parseFragment, serializeExperiment } from '../../web/shared/experiment.js';
import { classifyDataset, fitsClasses, useClassifierNetwork } from '../../web/shared/classify-task.js';
import { createSession } from '../../web/shared/session.js';
import { makeWaveformDataset } from '../../web/shared/classification-data.js';

const cp = await loadConvPool();

test("the 'classify' data set: the waveforms of makeWaveformDataset, one class index per example, split for validation", () => {
  const dataset = classifyDataset({ seed: 4, count: 40, validation: 0.25 });
  assert.ok(isClassificationDataset(dataset));
  assert.equal(isClassificationDataset({ preset: 'denoise', seed: 1, count: 4 }), false);
  const { train, validation } = datasetExamples(cp, dataset, 64);
  assert.equal(train.length, 30);
  assert.equal(validation.length, 10);
  const made = makeWaveformDataset({ seed: 4, count: 40, length: 64 });
  assert.deepEqual(Array.from(train[5].input), Array.from(made.inputs.subarray(5 * 64, 6 * 64)));
  assert.deepEqual([...train, ...validation].map((e) => e.target[0]), Array.from(made.targets));
  assert.deepEqual(presetClassNames('classify'), ['sine', 'square', 'sawtooth', 'chirp']);
  // a short input keeps four samples per cycle (maxCycles ≤ N/4) instead of refusing
  assert.equal(datasetExamples(cp, dataset, 8).train[0].input.length, 8);
});

test("loss 'crossentropy' needs a classification data set; with one, its link reads back exactly", () => {
  const plain = defaultExperiment();
  plain.network.loss = 'crossentropy';
  const refused = normalizeExperiment(plain);
  assert.equal(refused.experiment.network.loss, 'sse');
  assert.match(refused.problems[0], /loss 'crossentropy' needs a classification data set/);
  const classifier = useClassifierNetwork(defaultExperiment(), classifyDataset());
  const read = normalizeExperiment(classifier);
  assert.deepEqual(read.problems, []);
  const link = serializeExperiment(read.experiment);
  assert.match(link, /&loss=crossentropy&.*&opt=adam&data=classify-1-320&val=0.25$/);
  const parsed = parseFragment(link);
  assert.deepEqual(parsed.problems, []);
  assert.equal(serializeExperiment(parsed.experiment), link);
});

test('the classifier network fits the classes, trains, and a replayed link gives a bit-identical loss', () => {
  const session = createSession(cp);
  session.load(useClassifierNetwork(defaultExperiment(), classifyDataset()));
  assert.ok(fitsClasses(session.model, session.experiment.dataset));
  assert.equal(fitsClasses({ outputLength: 63, outputChannels: 1 }, classifyDataset()), false, 'the default network ends in 1 × 63');
  session.train(300);
  const accuracy = session.validationAccuracy();
  assert.ok(accuracy > 0.8, `validation accuracy after 300 steps: ${accuracy}`);
  assert.ok(Number.isFinite(session.history.at(-1).accuracy), 'the history holds the accuracy');
  const again = createSession(cp);
  again.loadFragment(session.fragment());
  again.runPending();
  assert.equal(again.loss(), session.loss());
  assert.equal(again.validationAccuracy(), accuracy);
  // the one-example page (no data set) has no accuracy
  const plain = createSession(cp);
  plain.load(defaultExperiment());
  assert.ok(Number.isNaN(plain.accuracy()));
});
