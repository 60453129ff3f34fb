// The exercise in the link (web/shared/exercise/link.js): it round-trips, a tampered link is refused, and the link
// never holds a choice's answer in plain text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import LZString from '../../web/generated/vendor/lz-string.js';
import {
  EXERCISE_KEY, boundPart, fragmentWithExercise, readExerciseFragment, splitFragment,
} from '../../web/shared/exercise/link.js';
import { prepareExercise } from '../../web/shared/exercise/model.js';
import { random } from '../helpers/random.mjs';

const EXPERIMENT = 'v=1&n=32&ch=1&layers=conv-k5-o1-s1-d1-p0-mzeros-b1&loss=sse&seed=1&in0=sawtooth-1.5-0'
  + '&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=1&steps=0';
const SECRET = 'circular padding wraps around';

async function authored() {
  return prepareExercise({
    title: 'Boundaries',
    task: 'Keep $N = 32$.',
    goals: [
      { type: 'setting', layer: 0, quantity: 'outLength', equals: 32, keep: { kernelSize: 5 } },
      { type: 'answer', quantity: 'dx', layer: 0, index: 1, tolerance: 0.01, hidePlot: true },
      { type: 'choice', question: 'Which mode reads the far end?', options: ['zeros', SECRET, 'reflect'], correct: SECRET },
    ],
    lock: ['signals', 'lr'],
  });
}

/** Rewrites the exercise's JSON inside a link and re-packs it, keeping the old digest: what a hand edit does. */
function editPacked(fragment, edit) {
  const { experiment, value } = splitFragment(fragment);
  const [format, packed, digest] = value.split('.');
  const exercise = JSON.parse(LZString.decompressFromEncodedURIComponent(packed));
  edit(exercise);
  return `${experiment}&${EXERCISE_KEY}=${format}.${LZString.compressToEncodedURIComponent(JSON.stringify(exercise))}.${digest}`;
}

test('an exercise round-trips through the fragment, beside the experiment', async () => {
  const exercise = await authored();
  const fragment = await fragmentWithExercise(EXPERIMENT, exercise);
  assert.ok(fragment.startsWith(`${EXPERIMENT}&ex=1.`), fragment.slice(0, 200));
  const read = await readExerciseFragment(`#${fragment}`);
  assert.equal(read.problem, undefined);
  assert.equal(read.experiment, EXPERIMENT);
  assert.deepEqual(read.exercise, exercise);
  assert.ok(fragment.length - EXPERIMENT.length < 1200, `the exercise adds ${fragment.length - EXPERIMENT.length} characters`);
  // Setting it again replaces the old exercise instead of adding a second one.
  const again = await fragmentWithExercise(fragment, exercise);
  assert.equal(again.split('&ex=').length, 2);
  assert.deepEqual(await readExerciseFragment(EXPERIMENT), { experiment: EXPERIMENT, exercise: null });
});

test('the link never holds the choice answer in plain text, not even inside the compressed part', async () => {
  const exercise = await authored();
  const fragment = await fragmentWithExercise(EXPERIMENT, exercise);
  const { value } = splitFragment(fragment);
  const plain = LZString.decompressFromEncodedURIComponent(value.split('.')[1]);
  const stored = JSON.parse(plain);
  assert.equal(stored.goals[2].correct, undefined);
  // The option text is in it (it is shown), but nothing marks which option is right: no index, no answer field.
  assert.deepEqual(Object.keys(stored.goals[2]).sort(), ['answerHash', 'hidePlot', 'hints', 'options', 'question', 'salt', 'type']);
  assert.ok(!fragment.includes(SECRET) && !decodeURIComponent(fragment).includes(SECRET));
  // Typed answers are computed by the page: no number for goal 1 is stored either.
  assert.deepEqual(Object.keys(stored.goals[1]).sort(),
    ['channel', 'hidePlot', 'hints', 'inChannel', 'index', 'layer', 'quantity', 'tolerance', 'type']);
});

test('a tampered link is refused with a notice: goals removed or changed, locked settings edited', async () => {
  const exercise = await authored();
  const fragment = await fragmentWithExercise(EXPERIMENT, exercise);
  const refusedBecause = async (text, pattern) => {
    const read = await readExerciseFragment(text);
    assert.equal(read.exercise, null, 'the exercise is refused');
    assert.match(read.problem, pattern);
  };
  const changed = /changed after it was made/;
  await refusedBecause(editPacked(fragment, (e) => { e.goals.pop(); }), changed);
  await refusedBecause(editPacked(fragment, (e) => { e.goals[1].tolerance = 0.9; }), changed);
  await refusedBecause(editPacked(fragment, (e) => { e.lock = []; }), changed);
  await refusedBecause(editPacked(fragment, (e) => { e.goals[2].answerHash = '0'.repeat(64); }), changed);
  // A locked setting of the experiment edited by hand: the learning rate, and the input signal.
  await refusedBecause(fragment.replace('lr=0.01', 'lr=0.02'), changed);
  await refusedBecause(fragment.replace('in0=sawtooth-1.5-0', 'in0=sine-1-0'), changed);
  // Damaged links.
  await refusedBecause(fragment.replace('&ex=1.', '&ex=2.'), /not an exercise this page wrote/);
  await refusedBecause(`${EXPERIMENT}&ex=1.@@@.abc`, /damaged/);
  await refusedBecause(`${EXPERIMENT}&ex=1.${'A'.repeat(20000)}.abc`, /damaged/);
  await refusedBecause(editPacked(fragment, (e) => { e.goals = 'none'; }), /exercise.goals 'none' must be an array/);
  // What the exercise leaves unlocked may change: training steps, the layer (a setting goal asks to change it).
  const trained = fragment.replace('steps=0', 'steps=40&sched=40@0.01').replace('p0-mzeros', 'p2-mreflect');
  assert.notEqual((await readExerciseFragment(trained)).exercise, null);
});

test('random garbage never throws and never yields an exercise', async () => {
  const rand = random(5);
  const alphabet = 'ex=1.&#%AZaz09+-$~';
  for (let i = 0; i < 300; i++) {
    const text = Array.from({ length: Math.floor(rand() * 80) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const read = await readExerciseFragment(text);
    assert.equal(read.exercise, null, text);
  }
  assert.equal((await readExerciseFragment(undefined)).exercise, null);
});

test('boundPart covers exactly the fragment keys the exercise locks or hides', async () => {
  const exercise = await authored();
  assert.equal(boundPart(exercise, EXPERIMENT),
    'in0=sawtooth-1.5-0&in1=&in2=&in3=&lr=0.01&target=filtered-0.1,0.2,0.4,0.2,0.1');
  assert.equal(boundPart({ ...exercise, lock: [], hide: [] }, EXPERIMENT), '');
});
