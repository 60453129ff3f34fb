// ConvPoolError says where an error is as data: .layer (the index in spec.layers, or null) and .field (the argument
// or layer option), from the library's own checks and from the core's ArgumentError through the bindings alike; the
// page's editor places a refusal by those (app/field-errors.js placeProblem), whatever the message's wording.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConvPoolError, loadConvPool } from '../../web/convpool.js';
import { placeProblem } from '../../web/app/field-errors.js';
import { normalizeExperiment, defaultExperiment } from '../../web/shared/experiment.js';

const cp = await loadConvPool();

/** The ConvPoolError `fn` throws, or a failure saying it threw something else or nothing. */
function refusal(fn, what) {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConvPoolError, `${what}: threw ${error} instead of a ConvPoolError`);
    return error;
  }
  assert.fail(`${what}: nothing was thrown`);
}

const conv = (fields) => ({ type: 'conv1d', kernelSize: 3, ...fields });
const model = (layers, extra = {}) => () => cp.createModel({ inputLength: 8, layers, ...extra }).delete();

test('createModel: each refusal names its layer and field, from the library checks and from the core', () => {
  const cases = [
    // [what, spec thunk, layer, field, message part]
    ['a string where a stride goes (library)', model([conv(), { type: 'maxpool1d', kernelSize: 2, stride: 'two' }]), 1, 'stride', "layers[1].stride 'two' must be an integer"],
    ['an unknown option (library)', model([conv({ size: 3 })]), 0, 'size', "unknown field 'size'"],
    ['an unknown type (library)', model([conv(), { type: 'dense' }]), 1, 'type', "layers[1].type 'dense' must be one of"],
    ['reflect padding past the input (core)', model([conv({ padding: 8, paddingMode: 'reflect' })]), 0, 'padding', 'must be smaller than the input length 8'],
    ["'same' with stride 2 (core)", model([conv({ padding: 'same', stride: 2 })]), 0, 'padding', "padding 'same' requires stride 1"],
    ['a max-pool padding beyond half its kernel (core)', model([conv(), { type: 'maxpool1d', kernelSize: 2, padding: 2 }]), 1, 'padding', 'must be at most half the kernelSize'],
    ['a kernel longer than its input (core)', model([conv({ kernelSize: 20 })]), 0, 'kernelSize', 'kernelSize 20'],
    ['groups that do not divide the channels (core)', model([conv({ outChannels: 3, groups: 2 })], { inputChannels: 2 }), 0, 'groups', 'groups 2 must divide outChannels 3'],
    ['an input length of 0 (core)', model([conv()], { inputLength: 0 }), null, 'inputLength', 'inputLength 0'],
    ["'crossentropy' after a layer of length 8 (core)", model([conv({ padding: 'same' })], { loss: 'crossentropy' }), null, 'loss', "loss 'crossentropy' needs"],
    ['an Adam β₁ of 1 (core)', model([conv()], { optimizer: { type: 'adam', beta1: 1 } }), null, 'optimizer.beta1', 'optimizer.beta1 1'],
  ];
  for (const [what, thunk, layer, field, part] of cases) {
    const error = refusal(thunk, what);
    assert.equal(error.layer, layer, `${what}: .layer (${error.message})`);
    assert.equal(error.field, field, `${what}: .field (${error.message})`);
    assert.ok(error.message.includes(part), `${what}: the message "${error.message}" says "${part}"`);
  }
});

test('the ops (conv1d, maxPool1d, …) name the field of a refusal and no layer', () => {
  const x = new Float32Array(6);
  const cases = [
    ['conv1d reflect padding (core)', () => cp.conv1d({ x, inChannels: 1, outChannels: 1, kernelSize: 3, w: new Float32Array(3), padding: 6, paddingMode: 'reflect' }), 'padding'],
    ['conv1d weights of the wrong length (core)', () => cp.conv1d({ x, inChannels: 1, outChannels: 1, kernelSize: 3, w: new Float32Array(2) }), 'w'],
    ['maxPool1d kernelSize 1.5 (library)', () => cp.maxPool1d({ x, channels: 1, kernelSize: 1.5 }), 'kernelSize'],
    ['avgPool1d stride 0 (core)', () => cp.avgPool1d({ x, channels: 1, kernelSize: 2, stride: 0 }), 'stride'],
    ["globalPool1d op 'sum' (library)", () => cp.globalPool1d({ x, channels: 1, op: 'sum' }), 'op'],
  ];
  for (const [what, thunk, field] of cases) {
    const error = refusal(thunk, what);
    assert.equal(error.layer, null, `${what}: .layer (${error.message})`);
    assert.equal(error.field, field, `${what}: .field (${error.message})`);
  }
});

test('the editor places a refusal by its layer and field, not by its words', () => {
  const layers = [conv(), { type: 'maxpool1d', kernelSize: 2 }];
  const error = refusal(model([conv(), { type: 'maxpool1d', kernelSize: 2, padding: 2 }]), 'a pool padding');
  const placed = placeProblem({ rule: error.message, layer: error.layer, field: error.field }, layers);
  assert.deepEqual({ layer: placed.layer, key: placed.key }, { layer: 1, key: 'padding' });
  assert.ok(!placed.text.startsWith('layers[1]'), `the card says which layer; the text does not repeat it: ${placed.text}`);
  assert.match(placed.text, /kernel size K/, 'code words become the controls\' labels');
  // a reworded message lands in the same place: the place is data
  assert.deepEqual(placeProblem({ rule: 'any words at all', layer: 1, field: 'stride' }, layers),
    { layer: 1, key: 'stride', text: 'any words at all' });
  assert.deepEqual(placeProblem({ rule: 'the network as a whole', layer: null, field: null }, layers),
    { layer: -1, key: null, text: 'the network as a whole' });
});

test("the experiment reader gives each problem's place beside its words", () => {
  const raw = defaultExperiment();
  raw.network.layers[2].kernelSize = 0;
  raw.network.inputLength = 1;
  const { problems, places } = normalizeExperiment(raw);
  assert.equal(places.length, problems.length, 'one place per problem');
  const pool = places.find((place) => place.layer === 2);
  assert.deepEqual({ field: pool.field, rule: pool.rule }, { field: 'kernelSize', rule: 'layer 3 kernel size K 0 is outside 1…64' });
  assert.ok(problems.includes('layer 3 kernel size K 0 is outside 1…64; used 1'), `the notice keeps what it used: ${problems}`);
  assert.ok(places.some((place) => place.layer === null && place.field === 'inputLength'), 'a network field has no layer');
});
