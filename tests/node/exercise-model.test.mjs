// The exercise format (web/shared/exercise/model.js): every bad field is refused with its name, value and rule;
// choice answers are stored only as a salted hash.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConvPoolError } from '../../web/convpool.js';
import { CONTROL_NAMES as PAGE_CONTROL_NAMES } from '../../web/app/embed.js';
import {
  CONTROL_NAMES, DEFAULT_TOLERANCE, choiceHash, prepareExercise, validateExercise,
} from '../../web/shared/exercise/model.js';

const lossGoal = { type: 'lossBelow', value: 0.1 };
const base = { title: 'T', task: 'do it', goals: [lossGoal] };

function refused(raw, ...fragments) {
  assert.throws(() => validateExercise(raw), (error) => {
    assert.ok(error instanceof ConvPoolError, `a ConvPoolError, got ${error}`);
    for (const f of fragments) assert.ok(error.message.includes(f), `message "${error.message}" should contain "${f}"`);
    return true;
  });
}

test('a minimal exercise is completed with its defaults', () => {
  const ex = validateExercise({ title: '  Same length ', goals: [{ type: 'answer', quantity: 'y', layer: 0 }] });
  assert.equal(ex.title, 'Same length');
  assert.equal(ex.task, '');
  assert.deepEqual(ex.lock, []);
  assert.deepEqual(ex.hints, []);
  assert.deepEqual(ex.goals[0], {
    type: 'answer', quantity: 'y', layer: 0, channel: 0, index: 0, inChannel: 0, tolerance: DEFAULT_TOLERANCE,
    hints: [], hidePlot: false,
  });
});

test('bad exercises are refused, naming the field, its value and the rule', () => {
  refused(null, 'exercise', 'null', 'must be an object');
  refused({ ...base, extra: 1 }, "unknown field 'extra'");
  refused({ ...base, title: '' }, 'exercise.title', 'must not be empty');
  refused({ ...base, title: 'x'.repeat(200) }, 'exercise.title', '200 characters');
  refused({ ...base, goals: [] }, 'exercise.goals', '0 entries');
  refused({ ...base, goals: 'lossBelow' }, 'exercise.goals', "'lossBelow'", 'must be an array');
  refused({ ...base, goals: [{ type: 'guess' }] }, 'goals[0].type', "'guess'", 'must be one of');
  refused({ ...base, goals: [{ type: 'lossBelow', value: -1 }] }, 'goals[0].value', '-1', 'at least 0');
  refused({ ...base, goals: [{ type: 'lossBelow', value: NaN }] }, 'goals[0].value', 'NaN', 'finite');
  refused({ ...base, goals: [{ type: 'lossBelow', value: 1, maxSteps: 2.5 }] }, 'goals[0].maxSteps', '2.5', 'whole number');
  refused({ ...base, goals: [{ type: 'answer', quantity: 'dz', layer: 0 }] }, 'goals[0].quantity', "'dz'", 'outputLength');
  refused({ ...base, goals: [{ type: 'answer', quantity: 'y' }] }, 'goals[0].layer', 'required');
  refused({ ...base, goals: [{ type: 'answer', quantity: 'y', layer: 0, tolerance: 2 }] }, 'goals[0].tolerance', '2', 'below 1');
  refused({ ...base, goals: [{ type: 'setting', layer: 0, equals: 3, keep: { colour: 1 } }] }, 'goals[0].keep', "'colour'");
  refused({ ...base, goals: [{ type: 'setting', layer: 0, quantity: 'speed', equals: 3 }] }, 'goals[0].quantity', "'speed'");
  refused({ ...base, goals: [lossGoal, { type: 'lossBelow', value: 1, hidePlot: 'yes' }] }, 'goals[1].hidePlot', "'yes'");
  refused({ ...base, lock: ['network', 'everything'] }, 'exercise.lock[1]', "'everything'", 'must be one of');
  refused({ ...base, hints: [3] }, 'exercise.hints[0]', '3', 'must be a text');
});

test('choice goals: a plain answer is refused; prepareExercise stores only a salted hash', async () => {
  const options = ['zeros', 'reflect', 'circular'];
  refused({ ...base, goals: [{ type: 'choice', question: 'Which?', options, correct: 'reflect' }] }, 'goals[0].correct', 'salted hash');
  refused({ ...base, goals: [{ type: 'choice', question: 'Which?', options: ['a', 'a'], salt: 'ab'.repeat(8), answerHash: 'c'.repeat(64) }] }, 'two equal options');
  refused({ ...base, goals: [{ type: 'choice', question: 'Which?', options, salt: 'xyz', answerHash: 'c'.repeat(64) }] }, 'goals[0].salt', 'hexadecimal');

  const first = await prepareExercise({ ...base, goals: [{ type: 'choice', question: 'Which?', options, correct: 'reflect' }] });
  const second = await prepareExercise({ ...base, goals: [{ type: 'choice', question: 'Which?', options, correct: 1 }] });
  const goal = first.goals[0];
  assert.equal(goal.correct, undefined);
  assert.match(goal.answerHash, /^[0-9a-f]{64}$/);
  assert.equal(goal.answerHash, await choiceHash(goal.salt, 'reflect'));
  assert.notEqual(goal.answerHash, await choiceHash(goal.salt, 'zeros'));
  assert.notEqual(first.goals[0].salt, second.goals[0].salt, 'a fresh salt each time');
  assert.equal(second.goals[0].answerHash, await choiceHash(second.goals[0].salt, ' reflect '), 'spaces do not matter');
  await assert.rejects(prepareExercise({ ...base, goals: [{ type: 'choice', question: 'Q', options, correct: 'same' }] }),
    /goals\[0\]\.correct 'same' must be one of the options/);
});

test("the control names are the page's hide=/lock= names", () => {
  assert.deepEqual([...CONTROL_NAMES].sort(), [...PAGE_CONTROL_NAMES].sort());
});
