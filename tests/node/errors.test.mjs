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
    [/^groups_0/, /groups 0 must be at least 1/],
    [/^groups_not_dividing_out/, new RegExp(`groups ${c.groups} must divide outChannels ${c.outChannels}`)],
    [/^groups_(not_dividing_in|gt_in)/, new RegExp(`groups ${c.groups} must divide inChannels ${c.inChannels}`)],
    [/^avg_padding_gt_half/, new RegExp(`padding ${c.padding} must be at most half the kernelSize ${c.kernelSize}`)],
    [/^avg_output_too_small/, new RegExp(`kernelSize ${c.kernelSize} spans ${c.kernelSize} samples, .* the output would be empty`)],
    [/^avg_kernel_size_0/, /kernelSize 0 must be at least 1/],
    [/^avg_stride_0/, /stride 0 must be at least 1/],
    [/^avg_padding_negative/, /padding -1 must be at least 0/],
    [/^ce_target/, new RegExp(`target\\[1\\] ${c.target && c.target[1]} must be a class index: an integer from 0 to ${c.classes - 1}`)],
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
    const x = new Float32Array((c.inChannels || c.channels) * c.inputLength || 0);
    if (c.op === 'conv1d') {
      throwsConvPoolError(() => cp.conv1d({
        x, inChannels: c.inChannels, outChannels: c.outChannels, kernelSize: c.kernelSize,
        w: new Float32Array(c.outChannels * c.inChannels * Math.max(c.kernelSize, 0)), stride: c.stride,
        padding: c.padding, dilation: c.dilation, paddingMode: c.paddingMode,
        ...(c.groups === undefined ? {} : { groups: c.groups }),
      }), rule);
    } else if (c.op === 'avgpool1d') {
      throwsConvPoolError(() => cp.avgPool1d({
        x, channels: c.channels, kernelSize: c.kernelSize, stride: c.stride, padding: c.padding,
        ceilMode: c.ceilMode, countIncludePad: c.countIncludePad,
      }), rule);
    } else if (c.op === 'crossentropy') {
      throwsConvPoolError(() => cp.crossEntropy({
        logits: new Float32Array(c.count * c.classes), classes: c.classes, target: c.target,
      }), rule);
    } else {
      throwsConvPoolError(() => cp.maxPool1d({
        x, channels: c.channels, kernelSize: c.kernelSize, stride: c.stride, padding: c.padding,
        dilation: c.dilation, ceilMode: c.ceilMode,
      }), rule);
    }
    checked++;
  }
  assert.ok(checked >= 45, `only ${checked} cases`);
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

test('conv1d groups: the weight length follows [outChannels, inChannels / groups, kernelSize]', () => {
  const x = new Float32Array(4 * 8);
  throwsConvPoolError(() => cp.conv1d({ x, inChannels: 4, outChannels: 4, kernelSize: 3, groups: 2, w: new Float32Array(48) }),
    /w has length 48 but must have length 24 \(outChannels \* \(inChannels \/ groups\) \* kernelSize = 4 \* 2 \* 3\)/);
  throwsConvPoolError(() => cp.conv1d({ x, inChannels: 4, outChannels: 4, kernelSize: 3, groups: 1.5, w: new Float32Array(24) }),
    /groups 1.5 must be an integer/);
  throwsConvPoolError(() => cp.createModel({ inputLength: 8, inputChannels: 4, layers: [{ type: 'conv1d', outChannels: 6, kernelSize: 3, groups: 4 }] }),
    /layers\[0\] \(conv1d\): groups 4 must divide outChannels 6/);
});

test('avg-pool, global pool, linear and cross-entropy argument rules', () => {
  const avg = (over) => ({ x: new Float32Array(8), channels: 1, kernelSize: 2, ...over });
  throwsConvPoolError(() => cp.avgPool1d(avg({ countIncludePad: 'yes' })), /countIncludePad 'yes' must be true or false/);
  throwsConvPoolError(() => cp.avgPool1d(avg({ dilation: 2 })), /unknown field 'dilation'/);
  throwsConvPoolError(() => cp.avgPool1d(avg({ channels: 3 })), /x has length 8, which is not a multiple of channels 3/);
  throwsConvPoolError(() => cp.avgPool1d(avg({ gradOut: new Float32Array(5) })), /gradOut has length 5 but must have length 4/);
  throwsConvPoolError(() => cp.avgPool1d(avg({ kernelSize: 9 })), /kernelSize 9 spans 9 samples, more than the padded input length 8/);

  const global = (over) => ({ x: new Float32Array(8), channels: 2, op: 'max', ...over });
  throwsConvPoolError(() => cp.globalPool1d(global({ op: 'min' })), /op 'min' must be one of 'max', 'avg'/);
  throwsConvPoolError(() => cp.globalPool1d(global({ op: undefined })), /op is required \(one of 'max', 'avg'\)/);
  throwsConvPoolError(() => cp.globalPool1d(global({ gradOut: new Float32Array(8) })), /gradOut has length 8 but must have length 2/);
  throwsConvPoolError(() => cp.globalPool1d(global({ x: new Float32Array(0) })), /x is empty/);

  const lin = (over) => ({ x: new Float32Array(6), inFeatures: 6, outFeatures: 2, w: new Float32Array(12), ...over });
  throwsConvPoolError(() => cp.linear(lin({ inFeatures: 5 })), /x has length 6 but must have length 5 \(inFeatures\)/);
  throwsConvPoolError(() => cp.linear(lin({ w: new Float32Array(6) })), /w has length 6 but must have length 12 \(outFeatures \* inFeatures = 2 \* 6\)/);
  throwsConvPoolError(() => cp.linear(lin({ b: [1, 2, 3] })), /b has length 3 but must have length 2/);
  throwsConvPoolError(() => cp.linear(lin({ outFeatures: 0 })), /outFeatures 0 must be at least 1/);
  throwsConvPoolError(() => cp.linear(lin({ outFeatures: 2000, w: new Float32Array(12000) })), /outFeatures 2000 must be at most 1024/);
  throwsConvPoolError(() => cp.linear(lin({ gradOut: new Float32Array(3) })), /gradOut has length 3 but must have length 2/);

  const ce = (over) => ({ logits: new Float32Array(6), classes: 3, target: [0, 2], ...over });
  throwsConvPoolError(() => cp.crossEntropy(ce({ target: [0, 2.5] })), /target\[1\] 2.5 must be a class index: an integer from 0 to 2 \(classes 3\)/);
  throwsConvPoolError(() => cp.crossEntropy(ce({ target: [NaN, 1] })), /target\[0\] NaN must be a class index/);
  throwsConvPoolError(() => cp.crossEntropy(ce({ target: [1.00000001, 1] })), /target\[0\] 1.00000001 must be a class index/);
  throwsConvPoolError(() => cp.crossEntropy(ce({ target: Float32Array.of(0, -0.5) })), /target\[1\] -0.5 must be a class index/);
  throwsConvPoolError(() => cp.crossEntropy(ce({ target: [0, '1'] })), /target\[1\] '1' must be a number/);
  throwsConvPoolError(() => cp.crossEntropy(ce({ target: [0] })), /target has length 1 but must have length 2/);
  throwsConvPoolError(() => cp.crossEntropy(ce({ classes: 4 })), /logits has length 6, which is not a multiple of classes 4/);
  throwsConvPoolError(() => cp.crossEntropy(ce({ count: 3 })), /logits has length 6 but must have length 9 \(count \* classes = 3 \* 3\)/);
  throwsConvPoolError(() => cp.crossEntropy(ce({ gradient: 1 })), /gradient 1 must be true or false/);
  throwsConvPoolError(() => cp.crossEntropy(ce({ classes: 0 })), /classes 0 must be at least 1/);
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
