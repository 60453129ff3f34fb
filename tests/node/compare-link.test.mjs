// The comparison's link form (web/app/compare/pair.js: B beside A as vs=) and its differences line
// (web/app/compare/differences.js): old links read exactly as before, a link with B splits back into both
// fragments, and the line names every changed setting through the schemas' labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMPARISON_KEY, joinComparison, splitComparison } from '../../web/app/compare/pair.js';
import { experimentDifferences, differencesSentence } from '../../web/shared/experiment-differences.js';
import { defaultExperiment, parseFragment, serializeExperiment } from '../../web/shared/experiment.js';

// Links as earlier releases wrote them (one experiment, with and without a training record, a data set, an exercise)
const OLD_LINKS = [
  '',
  'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=sse&seed=42&in0=sines-3-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=2&steps=0',
  'v=1&n=32&ch=1&layers=conv-k5-o1-s1-d1-p2-mreflect-b1&loss=sse&seed=1&in0=sawtooth-1.5-0&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=1&steps=120&sched=100@0.01~20@0.02',
  'v=1&n=32&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1&loss=mse&seed=3&in0=sine-2-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=5&steps=0&bs=4&opt=adam&data=denoise-7-24&val=0.25',
  'v=1&n=24&ch=1&layers=conv-k3-o1-s1-d1-p0-mzeros-b1&loss=sse&seed=1&in0=sine-2-0&target=filtered-0.25,0.5,0.25&lr=0.02&spf=1&steps=0&ex=N4Ig',
];

test('an old link (no vs=) is read exactly as before: the same fragment, the same experiment, no comparison', () => {
  for (const link of OLD_LINKS) {
    for (const written of [link, `#${link}`]) {
      const { main, comparison } = splitComparison(written);
      assert.equal(comparison, null, `no B in ${written}`);
      assert.equal(main, link, 'the fragment without B is the link itself');
      assert.deepEqual(parseFragment(main), parseFragment(written), `${written} reads the same experiment`);
    }
    assert.equal(joinComparison(link, null), link, 'a link without B is written unchanged');
  }
});

test('a link with B splits into A (with its exercise) and B, and joins back to the same text', () => {
  const a = OLD_LINKS[4];
  const b = OLD_LINKS[2];
  const both = joinComparison(a, b);
  assert.ok(both.startsWith(`${a}&${COMPARISON_KEY}=`), both);
  assert.ok(!both.slice(a.length + 1).includes('&'), 'B is one part of the link (its & are encoded)');
  assert.deepEqual(splitComparison(both), { main: a, comparison: b });
  assert.deepEqual(splitComparison(`#${both}`), { main: a, comparison: b });
  // A's reader ignores B's part: A reads exactly as its own link (vs= is split off before, so no unknown-part notice)
  assert.deepEqual(parseFragment(splitComparison(both).main), parseFragment(a));
  assert.equal(serializeExperiment(parseFragment(splitComparison(both).comparison).experiment), b);
});

test('the differences line names each changed setting by its schema label, and nothing else', () => {
  const a = defaultExperiment();
  assert.deepEqual(experimentDifferences(a, structuredClone(a)), []);
  assert.match(differencesSentence(a, structuredClone(a)), /still a copy of A/);
  const b = structuredClone(a);
  b.network.layers[0].paddingMode = 'reflect';
  b.learningRate = 0.02;
  b.steps = 500;  // steps are not a difference: both sides train in lockstep
  assert.equal(differencesSentence(a, b), 'B: layer 1 padding mode reflect instead of zeros; η 0.02 instead of 0.01.');
  const c = structuredClone(a);
  c.network.layers[2].kernelSize = 3;
  c.network.layers.pop();
  c.training = { ...(c.training || {}), optimizer: 'adam', beta1: 0.9, beta2: 0.999, eps: 1e-8 };
  const words = experimentDifferences(a, c);
  assert.ok(words.includes('2 layers instead of 3'), words.join(' | '));
  assert.ok(words.some((w) => /^optimizer adam instead of sgd$/.test(w)), words.join(' | '));
  const d = structuredClone(a);
  d.network.layers[1] = { type: 'maxpool1d', kernelSize: 2, stride: 1, padding: 0, dilation: 1, ceilMode: false };
  assert.ok(experimentDifferences(a, d).includes('layer 2 max-pool 1d instead of activation'), experimentDifferences(a, d).join(' | '));
});
