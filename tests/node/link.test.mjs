// The experiment ⇄ link round trip of the page (parse, serialize, normalize), in Node: a failure names the
// function and the experiment, not a page. Old links (written before the page recorded η per step, or by hand
// with few fields) still load as they did.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { random } from '../helpers/random.mjs';
import { PADDING_MODES, ACTIVATIONS } from '../../web/convpool.js';
import {
  LIMITS, INPUT_PRESETS, defaultExperiment, normalizeExperiment, parseFragment,
  serializeExperiment, encodeDrawn, decodeDrawn, quantizeValue,
} from '../../web/shared/experiment.js';

const DEFAULT_LINK = 'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=sse&seed=42'
  + '&in0=sines-3-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=2&steps=0';

/** A random valid experiment from a seeded generator: every layer kind, padding rule, preset and drawn signals. */
function randomExperiment(rand) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  // + 0: quantizeValue turns a tiny negative into −0, which a link writes as 0 (the same number to every sum)
  const drawn = (n) => Array.from({ length: n }, () => quantizeValue(4 * rand() - 2) + 0);
  const channels = int(1, LIMITS.maxInputChannels);
  const length = int(LIMITS.minLength, 300);
  const layers = Array.from({ length: int(1, LIMITS.maxLayers) }, () => {
    const kind = pick(['conv1d', 'maxpool1d', 'activation']);
    if (kind === 'conv1d') {
      return { type: 'conv1d', outChannels: int(1, LIMITS.maxOutChannels), kernelSize: int(1, 9), stride: int(1, 4),
        padding: pick(['same', 'valid', int(0, 6)]), dilation: int(1, 3), paddingMode: pick(PADDING_MODES), groups: 1, bias: rand() < 0.5 };
    }
    if (kind === 'maxpool1d') {
      return { type: 'maxpool1d', kernelSize: int(1, 6), stride: int(1, 4), padding: int(0, 3), dilation: int(1, 3), ceilMode: rand() < 0.5 };
    }
    return { type: 'activation', fn: pick(ACTIVATIONS) };
  });
  const input = Array.from({ length: channels }, () => (rand() < 0.25 ? { drawn: drawn(length) }
    : { preset: pick(INPUT_PRESETS), cycles: int(0, 40) / 4, seed: int(0, 1e6) }));
  const target = pick([
    () => ({ preset: 'filtered', kernel: Array.from({ length: int(1, 7) }, () => int(-40, 40) / 8) }),
    () => ({ preset: 'same' }),
    () => ({ preset: 'pooled', kernelSize: int(1, 9) }),
    () => ({ preset: 'signal', kind: pick(INPUT_PRESETS), cycles: int(0, 20) / 2, seed: int(0, 99) }),
    () => ({ drawn: drawn(int(1, 200)) }),
  ])();
  const learningRate = pick([0.01, 0.003, 0.1, 1e-6, 10, 0.0316]);
  const schedule = [];
  let steps = 0;
  for (let i = int(0, 3); i > 0; i--) {
    const n = int(1, 500);
    schedule.push([n, pick([0.01, 0.05, 0.001])]);
    steps += n;
  }
  return {
    v: 1, network: { inputLength: length, inputChannels: channels, layers, loss: pick(['sse', 'mse']), seed: int(0, 2 ** 31 - 1) },
    input, target, learningRate, stepsPerFrame: int(1, LIMITS.maxStepsPerFrame), steps, schedule,
    training: defaultExperiment().training, dataset: null,  // one example, plain SGD: what every link meant before data sets
  };
}

test('serializeExperiment → parseFragment gives back the same experiment, with no problems (300 random experiments)', () => {
  const rand = random(20241129);
  for (let i = 0; i < 300; i++) {
    const experiment = randomExperiment(rand);
    const link = serializeExperiment(experiment);
    const parsed = parseFragment(link);
    assert.deepEqual(parsed.problems, [], `experiment ${i}: parseFragment(${link.slice(0, 160)})`);
    assert.deepEqual(parsed.experiment, experiment, `experiment ${i}: parseFragment(serializeExperiment(e)) differs from e`);
    assert.equal(serializeExperiment(parsed.experiment), link, `experiment ${i}: the link is stable`);
    assert.equal(parseFragment(`#${link}`).experiment.network.inputLength, experiment.network.inputLength, 'a leading # is allowed');
  }
});

test('normalizeExperiment keeps a valid experiment as it is and is idempotent on any input', () => {
  const rand = random(7);
  for (let i = 0; i < 100; i++) {
    const experiment = randomExperiment(rand);
    const once = normalizeExperiment(experiment);
    assert.deepEqual(once.problems, [], `experiment ${i}`);
    assert.deepEqual(once.experiment, experiment, `experiment ${i}: normalizeExperiment changed a valid experiment`);
  }
  assert.deepEqual(normalizeExperiment({}), { experiment: defaultExperiment(), problems: [], places: [] }, 'an empty object is the defaults');
  const odd = [null, 42, 'x', [], { v: 2 }, { network: { inputLength: -5, layers: [{ type: 'lstm' }] } },
    { learningRate: Infinity, steps: 1e9 }, { input: 'sine', target: { preset: 'filtered', kernel: [1e9] } }];
  for (const raw of odd) {
    const once = normalizeExperiment(raw);
    assert.ok(once.problems.length > 0, `normalizeExperiment(${JSON.stringify(raw)}) says what it fixed`);
    const twice = normalizeExperiment(once.experiment);
    assert.deepEqual(twice, { experiment: once.experiment, problems: [], places: [] }, `normalizeExperiment(${JSON.stringify(raw)}) is idempotent`);
  }
});

test('the default experiment is the documented default link', () => {
  assert.equal(serializeExperiment(defaultExperiment()), DEFAULT_LINK);
  assert.deepEqual(parseFragment(''), { experiment: defaultExperiment(), problems: [], empty: true });
  assert.deepEqual(parseFragment('#').experiment, defaultExperiment());
});

test('old links: no schedule (steps replayed at the link\'s η), few fields, and fields in any order', () => {
  const noSchedule = parseFragment(DEFAULT_LINK.replace('steps=0', 'steps=250').replace('lr=0.01', 'lr=0.05'));
  assert.deepEqual(noSchedule.problems, []);
  assert.equal(noSchedule.experiment.steps, 250);
  assert.deepEqual(noSchedule.experiment.schedule, [[250, 0.05]]);
  assert.match(serializeExperiment(noSchedule.experiment), /&steps=250&sched=250@0\.05$/, 'written back with its schedule');

  const short = parseFragment('n=32&lr=0.02');
  assert.deepEqual(short.problems, []);
  assert.deepEqual(short.experiment, { ...defaultExperiment(), network: { ...defaultExperiment().network, inputLength: 32 }, learningRate: 0.02 });

  const shuffled = DEFAULT_LINK.split('&').reverse().join('&');
  assert.deepEqual(parseFragment(shuffled), { experiment: defaultExperiment(), problems: [], empty: false });

  const oldLayers = parseFragment('v=1&layers=conv-k3~pool-k2~act-relu');  // layer fields left out take their defaults
  assert.deepEqual(oldLayers.problems, []);
  assert.deepEqual(oldLayers.experiment.network.layers, [
    { type: 'conv1d', outChannels: 1, kernelSize: 3, stride: 1, padding: 'same', dilation: 1, paddingMode: 'zeros', groups: 1, bias: true },
    { type: 'maxpool1d', kernelSize: 2, stride: 1, padding: 0, dilation: 1, ceilMode: false },
    { type: 'activation', fn: 'relu' },
  ]);
});

test('a schedule that does not add up is replaced by all steps at the current η, and said so', () => {
  const { experiment, problems } = parseFragment(`${DEFAULT_LINK.replace('steps=0', 'steps=100')}&sched=40@0.01~50@0.1`);
  assert.deepEqual(experiment.schedule, [[100, 0.01]]);
  assert.match(problems.join('; '), /does not add up to the step count/);
});

test('bad fields keep the rest of the link and name what was wrong', () => {
  const { experiment, problems } = parseFragment('v=1&n=32&lr=abc&seed=9&bogus=1');
  assert.equal(experiment.network.inputLength, 32);
  assert.equal(experiment.network.seed, 9);
  assert.equal(experiment.learningRate, 0.01);
  assert.match(problems.join('; '), /learning rate η must be a finite number; used 0\.01/);
  assert.match(problems.join('; '), /ignored unknown part\(s\) of the link: bogus/);
  const tooLong = parseFragment('x'.repeat(LIMITS.fragmentChars + 1));
  assert.deepEqual(tooLong.experiment, defaultExperiment());
  assert.match(tooLong.problems[0], /the link is too long/);
});

test('encodeDrawn / decodeDrawn: drawn signals survive exactly (multiples of 1/1024 within ±2)', () => {
  const rand = random(3);
  for (let i = 0; i < 50; i++) {
    const values = Array.from({ length: 1 + Math.floor(rand() * LIMITS.maxLength) }, () => quantizeValue(4.2 * rand() - 2.1) + 0);
    assert.deepEqual(decodeDrawn(encodeDrawn(values)), values, `drawing ${i} of ${values.length} samples`);
  }
  for (const bad of ['draw.', 'draw.!!', 'nodraw', `draw.${'A'.repeat(LIMITS.drawnChars + 1)}`, 42]) {
    assert.equal(decodeDrawn(bad), null, `decodeDrawn(${String(bad).slice(0, 20)})`);
  }
});
