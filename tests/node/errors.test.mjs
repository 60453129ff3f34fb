// Every error path of web/convpool.js throws ConvPoolError whose message names the argument, its value and the
// rule. The invalid configurations come from tests/golden/errors.json, where PyTorch refused each one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool, ConvPoolError } from '../../web/convpool.js';
import { loadGolden } from '../helpers/golden.mjs';

const cp = await loadConvPool();

function throwsConvPoolError(fn, pattern) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof ConvPoolError, `expected ConvPoolError, got ${error && error.name}: ${error && error.message}`);
    assert.ok(error instanceof Error);
    assert.equal(error.name, 'ConvPoolError');
    assert.match(error.message, pattern);
    return true;
  });
}

// What our message must say for each kind of configuration PyTorch refused.
function expectedRule(c) {
  const rules = [
    [/^reflect/, new RegExp(`must be smaller than the input length ${c.inputLength} for paddingMode 'reflect'`)],
    [/^circular/, new RegExp(`must be at most the input length ${c.inputLength} for paddingMode 'circular'`)],
    [/^same_stride/, new RegExp(`padding 'same' requires stride 1, but stride is ${c.stride}`)],
    [/kernel_gt|output_too_small|output_zero|dilated_kernel/, /the output would be empty/],
    [/^kernel_size_0/, /kernelSize 0 must be at least 1/],
    [/^stride_(0|negative)/, new RegExp(`stride ${c.stride} must be at least 1`)],
    [/^dilation_0/, /dilation 0 must be at least 1/],
    [/^padding_negative/, /padding -1 must be at least 0/],
    [/^padding_string_unknown/, /padding 'full' must be an integer, 'same' or 'valid'/],
    [/^padding_mode_unknown/, /paddingMode 'mirror' must be one of 'zeros', 'reflect', 'replicate', 'circular'/],
    [/^input_length_0/, /x is empty/],
    [/^padding_gt_half/, new RegExp(`padding ${c.padding} must be at most half the kernelSize ${c.kernelSize}`)],
  ];
  const found = rules.find(([name]) => name.test(c.name));
  return found && found[1];
}

test('every configuration PyTorch refuses throws ConvPoolError naming the rule', () => {
  const { cases } = loadGolden('errors.json');
  let checked = 0;
  for (const c of cases) {
    // PyTorch's batch shape lets input channels disagree with the weight; here the channel count is given once.
    if (c.name === 'input_channels_mismatch') continue;
    const rule = expectedRule(c);
    assert.ok(rule, `no expected rule for ${c.name}`);
    const x = new Float32Array((c.inChannels || c.channels) * c.inputLength);
    if (c.op === 'conv1d') {
      throwsConvPoolError(() => cp.conv1d({
        x, inChannels: c.inChannels, outChannels: c.outChannels, kernelSize: c.kernelSize,
        w: new Float32Array(c.outChannels * c.inChannels * Math.max(c.kernelSize, 0)), stride: c.stride,
        padding: c.padding, dilation: c.dilation, paddingMode: c.paddingMode,
      }), rule);
    } else {
      throwsConvPoolError(() => cp.maxPool1d({
        x, channels: c.channels, kernelSize: c.kernelSize, stride: c.stride, padding: c.padding,
        dilation: c.dilation, ceilMode: c.ceilMode,
      }), rule);
    }
    checked++;
  }
  assert.ok(checked >= 30, `only ${checked} cases`);
});

const conv = (over) => ({ x: new Float32Array(8), inChannels: 1, outChannels: 1, kernelSize: 3, w: new Float32Array(3), ...over });

test('conv1d argument types and lengths', () => {
  throwsConvPoolError(() => cp.conv1d(conv({ kernelSize: 2.5 })), /kernelSize 2.5 must be an integer/);
  throwsConvPoolError(() => cp.conv1d(conv({ kernelSize: NaN })), /kernelSize NaN must be an integer/);
  throwsConvPoolError(() => cp.conv1d(conv({ kernelSize: '3' })), /kernelSize '3' must be an integer/);
  throwsConvPoolError(() => cp.conv1d(conv({ kernelSize: 1e12 })), /kernelSize 1000000000000 must be between/);
  throwsConvPoolError(() => cp.conv1d(conv({ kernelSize: 5000, w: new Float32Array(5000) })), /kernelSize 5000 must be at most 1024/);
  throwsConvPoolError(() => cp.conv1d(conv({ inChannels: 0 })), /inChannels 0 must be at least 1/);
  throwsConvPoolError(() => cp.conv1d(conv({ inChannels: 3 })), /x has length 8, which is not a multiple of inChannels 3/);
  throwsConvPoolError(() => cp.conv1d(conv({ w: new Float32Array(4) })), /w has length 4 but must have length 3/);
  throwsConvPoolError(() => cp.conv1d(conv({ b: new Float32Array(2) })), /b has length 2 but must have length 1/);
  throwsConvPoolError(() => cp.conv1d(conv({ gradOut: new Float32Array(3) })), /gradOut has length 3 but must have length 6/);
  throwsConvPoolError(() => cp.conv1d(conv({ x: 'signal' })), /x 'signal' must be a Float32Array/);
  throwsConvPoolError(() => cp.conv1d(conv({ x: [1, 'a'] })), /x\[1\] 'a' must be a number/);
  throwsConvPoolError(() => cp.conv1d(conv({ paddingMode: 'mirror' })), /paddingMode 'mirror' must be one of/);
  throwsConvPoolError(() => cp.conv1d(conv({ kernel: 3 })), /unknown field 'kernel'/);
  throwsConvPoolError(() => cp.conv1d(null), /conv1d arguments null must be an object/);
  throwsConvPoolError(() => cp.conv1d(conv({ outChannels: 65, w: new Float32Array(65 * 3) })), /outChannels 65 must be at most 64/);
  throwsConvPoolError(() => cp.conv1d(conv({ x: new Float32Array(5), padding: 9, paddingMode: 'circular' })),
    /padding 9 must be at most the input length 5 for paddingMode 'circular'/);
});

test('max-pool argument types', () => {
  const pool = (over) => ({ x: new Float32Array(8), channels: 1, kernelSize: 2, ...over });
  throwsConvPoolError(() => cp.maxPool1d(pool({ ceilMode: 1 })), /ceilMode 1 must be true or false/);
  throwsConvPoolError(() => cp.maxPool1d(pool({ channels: 3 })), /not a multiple of channels 3/);
  throwsConvPoolError(() => cp.maxPool1d(pool({ kernelSize: undefined })), /kernelSize is required/);
  throwsConvPoolError(() => cp.maxPool1d(pool({ stride: -2 })), /stride -2 must be at least 1/);
});

test('createModel and model methods', () => {
  const spec = () => ({ inputLength: 16, layers: [{ type: 'conv1d', kernelSize: 3, padding: 'same' }] });
  throwsConvPoolError(() => cp.createModel({ ...spec(), inputLength: 0 }), /inputLength 0 must be at least 1/);
  throwsConvPoolError(() => cp.createModel({ ...spec(), inputLength: 2 ** 21 }), /inputLength 2097152 must be at most 1048576/);
  throwsConvPoolError(() => cp.createModel({ ...spec(), loss: 'l1' }), /loss 'l1' must be one of 'sse', 'mse'/);
  throwsConvPoolError(() => cp.createModel({ ...spec(), seed: -1 }), /seed -1 must be at least 0/);
  throwsConvPoolError(() => cp.createModel({ ...spec(), layers: 'conv' }), /layers 'conv' must be an array/);
  throwsConvPoolError(() => cp.createModel({ ...spec(), layers: [{ type: 'dense' }] }), /layers\[0\].type 'dense' must be one of/);
  throwsConvPoolError(() => cp.createModel({ ...spec(), layers: [{ type: 'activation', fn: 'gelu' }] }), /layers\[0\].fn 'gelu' must be one of/);
  throwsConvPoolError(() => cp.createModel({ ...spec(), layers: [{ type: 'conv1d', kernelSize: 3, stride: 2, padding: 'same' }] }),
    /layers\[0\] \(conv1d\): padding 'same' requires stride 1/);
  throwsConvPoolError(() => cp.createModel({ ...spec(), layers: Array(17).fill({ type: 'activation', fn: 'relu' }) }),
    /layers.length 17 must be at most 16/);
  throwsConvPoolError(() => cp.createModel({ ...spec(), layers: [{ type: 'maxpool1d', kernelSize: 2, padding: 2 }] }),
    /layers\[0\] \(maxpool1d\): padding 2 must be at most half the kernelSize 2/);

  const model = cp.createModel(spec());
  throwsConvPoolError(() => model.setInput(new Float32Array(15)), /input has length 15 but must have length 16/);
  throwsConvPoolError(() => model.setTarget([1, 2]), /target has length 2 but must have length 16/);
  throwsConvPoolError(() => model.train(1.5, 0.1), /steps 1.5 must be an integer/);
  throwsConvPoolError(() => model.train(-1, 0.1), /steps -1 must be at least 0/);
  throwsConvPoolError(() => model.train(1, NaN), /learningRate NaN must be a finite number/);
  throwsConvPoolError(() => model.train(2e7, 0.1), /steps 20000000 must be at most 10000000/);
  throwsConvPoolError(() => model.view('kernel', 0), /view 'kernel' does not exist for a conv1d layer/);
  throwsConvPoolError(() => model.view('weight', 3), /layer 3 must be from 0 to 0/);
  model.delete();
  throwsConvPoolError(() => model.train(1, 0.1), /this model has been deleted/);
  model.delete();  // twice is harmless
});

test('a failed call leaves the module working', () => {
  assert.throws(() => cp.conv1d(conv({ stride: 0 })));
  const r = cp.conv1d(conv({ w: new Float32Array([1, 2, 3]), x: Float32Array.from([1, 1, 1, 1, 1, 1, 1, 1]) }));
  assert.deepEqual(Array.from(r.y), [6, 6, 6, 6, 6, 6]);
});
