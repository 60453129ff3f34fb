// The data-set presets (web/shared/datasets.js) against the real core, and the readers of the learner's own files
// (web/shared/import-data.js) against well-formed and malformed CSV and WAV files: every bad file gets a message
// naming where (row, column, chunk) and the rule it broke, and nothing throws.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import {
  DATASET_PRESETS, datasetExamples, exampleSeed, packExamples, presetExample, validationCount, windowsFromSamples,
} from '../../web/shared/datasets.js';
import { IMPORT_LIMITS, parseExamplesCsv, parseWav } from '../../web/shared/import-data.js';

const cp = await loadConvPool();

test('every preset makes finite examples of the asked length, the same from the same seed and different across seeds', () => {
  for (const preset of DATASET_PRESETS) {
    const a = presetExample(cp, preset, 64, 7);
    const b = presetExample(cp, preset, 64, 7);
    const c = presetExample(cp, preset, 64, 8);
    assert.equal(a.input.length, 64, preset);
    assert.equal(a.target.length, 64, preset);
    assert.ok([...a.input, ...a.target].every(Number.isFinite), `${preset}: finite values`);
    assert.deepEqual(a, b, `${preset}: same seed, same example`);
    assert.notDeepEqual(a.input, c.input, `${preset}: another seed, another input`);
    assert.ok(a.target.some((v) => v !== 0), `${preset}: the target is not all zeros`);
  }
});

test("the presets' targets are what their names say", () => {
  const smooth = presetExample(cp, 'smooth', 32, 3);
  const t = 10;
  const h = [0.1, 0.2, 0.4, 0.2, 0.1];
  const expected = h.reduce((s, w, j) => s + w * smooth.input[t + j - 2], 0);
  assert.ok(Math.abs(smooth.target[t] - expected) < 1e-6, `smooth: target[${t}] ${smooth.target[t]} vs ${expected}`);
  const peaks = presetExample(cp, 'peaks', 128, 3);
  assert.ok(peaks.target.every((v) => v === 0 || v === 1), 'peaks: targets are 0 or 1');
  const edges = presetExample(cp, 'edges', 128, 3);
  assert.ok(edges.target.filter((v) => v !== 0).length < 40, 'edges: the target is non-zero only near steps');
});

test('example seeds differ across examples and seeds and stay within 31 bits', () => {
  const seen = new Set();
  for (let s = 0; s < 20; s++) for (let i = 0; i < 50; i++) {
    const v = exampleSeed(s, i);
    assert.ok(Number.isInteger(v) && v >= 0 && v < 2 ** 31, `seed ${v}`);
    seen.add(v);
  }
  assert.equal(seen.size, 1000);
});

test('the validation split holds the last share of the examples (at least one, never all)', () => {
  assert.equal(validationCount(10, 0), 0);
  assert.equal(validationCount(10, 0.25), 3);
  assert.equal(validationCount(10, 0.01), 1);
  assert.equal(validationCount(2, 0.9), 1);
  assert.equal(validationCount(1, 0.5), 0);
  const { train, validation } = datasetExamples(cp, { preset: 'denoise', seed: 1, count: 8, validation: 0.25 }, 32);
  assert.equal(train.length, 6);
  assert.equal(validation.length, 2);
  const own = datasetExamples(cp, { own: [[[1, 2], [3]], [[4, 5], [6]]], validation: 0.5 }, 2);
  assert.deepEqual(own.validation.map((e) => e.target), [[6]]);
});

test('packing fits examples to the network and trains in the core', () => {
  const model = cp.createModel({ inputLength: 32, inputChannels: 2, layers: [{ type: 'conv1d', outChannels: 1, kernelSize: 5, padding: 'same' }], loss: 'mse', seed: 1, batchSize: 4 });
  const { train } = datasetExamples(cp, { preset: 'smooth', seed: 2, count: 8, validation: 0 }, 32);
  const packed = packExamples(train, model);
  assert.equal(packed.inputs.length, 8 * 2 * 32);
  assert.deepEqual(packed.inputs.subarray(0, 32), packed.inputs.subarray(32, 64), 'the input is copied to every channel');
  model.setDataset(packed);
  const before = model.loss();
  model.train(200, 0.05);
  assert.ok(model.loss() < before / 2, `the loss fell from ${before} to ${model.loss()}`);
  model.delete();
});

test('a WAV-style sample stream is cut into evenly spaced windows with a smoothed target', () => {
  const samples = Float32Array.from({ length: 1000 }, (_, i) => (i % 50) / 50);
  const windows = windowsFromSamples(samples, 64, 10);
  assert.equal(windows.length, 10);
  assert.equal(windows[9].input[63], samples[999]);
  assert.equal(windowsFromSamples(samples.subarray(0, 10), 64, 4).length, 0);
});

test('a well-formed CSV reads: header, comments, separators, blank lines', () => {
  const text = 'x1,x2,x3,y1,y2\n# a comment\n1,2,3,4,5\n\n0.5;-1e-2;3\t4 5\r\n';
  const parsed = parseExamplesCsv(text, { inputValues: 3 });
  assert.equal(parsed.ok, true, parsed.message);
  assert.deepEqual(parsed.rows, [[[1, 2, 3], [4, 5]], [[0.5, -0.01, 3], [4, 5]]]);
  assert.deepEqual(parsed.header, ['x1', 'x2', 'x3', 'y1', 'y2']);
});

/** Malformed CSV files: [name, text, a fragment the message must contain]. */
const BAD_CSV = [
  ['empty', '', 'no examples'],
  ['only blank lines', '\n\n  \n', 'no examples'],
  ['only comments', '# nothing\n# here', 'no examples'],
  ['only a header', 'a,b,c,d', 'no examples'],
  ['too few values', '1,2,3', 'row 1 has 3 values'],
  ['exactly the input, no target', '1,2,3,4', 'at least one target value'],
  ['second row shorter', '1,2,3,4,5\n1,2,3,4', 'row 2 has 4 values but the first example has 5'],
  ['second row longer', '1,2,3,4,5\n1,2,3,4,5,6', 'row 2 has 6 values'],
  ['third row shorter after blank', '1,2,3,4,5\n\n1,2,3,4,5\n1,2', 'row 4 has 2 values'],
  ['text cell', '1,2,abc,4,5', "row 1, column 3: 'abc' is not a number"],
  ['text in row 2', '1,2,3,4,5\n1,2,3,4,x', "row 2, column 5: 'x' is not a number"],
  ['NaN', '1,NaN,3,4,5', 'row 1, column 2'],
  ['nan lower', '1,2,nan,4,5', 'not a finite number'],
  ['Infinity', '1,2,3,Infinity,5', 'not a finite number'],
  ['-Infinity', '-Infinity,2,3,4,5', 'row 1, column 1'],
  ['inf', '1,2,3,4,inf', 'not a finite number'],
  ['empty cell', '1,,3,4,5', 'row 1, column 2 is empty'],
  ['trailing comma', '1,2,3,4,5,', 'column 6 is empty'],
  ['leading comma', ',1,2,3,4,5', 'column 1 is empty'],
  ['double separator', '1,2,,3,4,5', 'is empty'],
  ['huge number', '1,2,3,4,1e300', 'beyond ±1e6'],
  ['overflow to infinity', '1,2,3,4,1e999', 'beyond ±1e6'],
  ['big number', '1,2,3,4,2000000', 'beyond ±1e6'],
  ['hex', '0x10,2,3,4,5', "'0x10' is not a number"],
  ['comma decimal', '1,2,3,4,"5,5"', 'not a number'],
  ['quoted number', '"1",2,3,4,5', 'not a number'],
  ['two dots', '1.2.3,2,3,4,5', 'not a number'],
  ['bare sign', '-,2,3,4,5', 'not a number'],
  ['bare exponent', '1e,2,3,4,5', 'not a number'],
  ['unit suffix', '1,2,3,4,5ms', 'not a number'],
  ['percent', '1,2,3,4,50%', 'not a number'],
  ['word mid-row', '1,2,3,4,5\nhello world,1,2,3,4', 'row 2, column 1'],
  ['header then text', 'a,b,c,d,e\n1,2,three,4,5', 'row 2, column 3'],
  ['NUL byte', '1,2,3\u0000,4,5', 'binary'],
  ['binary PNG header', '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', 'binary'],
  ['random control bytes', Array.from({ length: 400 }, (_, i) => String.fromCharCode((i * 37) % 32)).join(''), 'binary'],
  ['replacement characters', '\ufffd'.repeat(100), 'binary'],
  ['a ZIP', 'PK\u0003\u0004\u0014\u0000\u0000\u0000\u0008\u0000', 'binary'],
  ['huge file', '1,'.repeat(IMPORT_LIMITS.maxBytes), 'at most'],
  ['too many rows', '1,2,3,4,5\n'.repeat(IMPORT_LIMITS.maxRows + 1), `at most ${IMPORT_LIMITS.maxRows} examples`],
  ['too many values in a row', Array.from({ length: IMPORT_LIMITS.maxValues + 2 }, () => '1').join(','), 'per row'],
  ['JSON', '{"inputs": [1,2,3]}', 'not a number'],
  ['HTML', '<html><body>1,2,3</body></html>', 'is not a number'],
  ['HTML with numbers', '1,2,3,4,5\n<p>1</p>,2,3,4,5', 'row 2, column 1'],
  ['semicolon rows mismatched', '1;2;3;4;5\n1;2;3', 'row 2 has 3 values'],
  ['tabs mismatched', '1\t2\t3\t4\t5\n1\t2\t3\t4\t5\t6\t7', 'row 2 has 7 values'],
  ['a single number', '42', 'row 1 has 1 values'],
  ['a sentence', 'this is not a data file at all, sorry', 'no examples'],
  ['plus-minus signs', '±1,2,3,4,5', 'not a number'],
  ['unicode minus', '−1,2,3,4,5', 'not a number'],
  ['date', '2024-01-01,2,3,4,5', 'not a number'],
  ['time', '1,2,3,4,12:30', 'not a number'],
  ['boolean words', '1,2,3,4,true', 'not a number'],
  ['null word', '1,2,3,null,5', 'not a number'],
  ['undefined word', 'undefined,2,3,4,5', "'undefined' is not a number"],
  ['long text cell shortened', `1,2,3,4,${'z'.repeat(500)}`, '…'],
  ['not a string', null, 'could not be read'],
];

test(`${BAD_CSV.length} malformed CSV files each get a message naming the place and the rule`, () => {
  assert.ok(BAD_CSV.length >= 50, `at least 50 malformed files (${BAD_CSV.length})`);
  for (const [name, text, expected] of BAD_CSV) {
    const parsed = parseExamplesCsv(text, { inputValues: 4 });
    assert.equal(parsed.ok, false, `${name}: refused`);
    assert.ok(parsed.message.includes(expected), `${name}: message '${parsed.message}' names '${expected}'`);
    assert.ok(parsed.message.length < 200, `${name}: a short message`);
  }
});

/** A WAV file: PCM `bits` (or float), `channels`, the given samples in ±1. */
function wav(samples, { bits = 16, channels = 1, code = bits === 32 ? 3 : 1, rate = 8000 } = {}) {
  const bytesPer = bits / 8;
  const data = samples.length * bytesPer * channels;
  const buf = new ArrayBuffer(44 + data);
  const v = new DataView(buf);
  const put = (at, s) => [...s].forEach((ch, i) => v.setUint8(at + i, ch.charCodeAt(0)));
  put(0, 'RIFF'); v.setUint32(4, 36 + data, true); put(8, 'WAVE'); put(12, 'fmt ');
  v.setUint32(16, 16, true); v.setUint16(20, code, true); v.setUint16(22, channels, true); v.setUint32(24, rate, true);
  v.setUint32(28, rate * bytesPer * channels, true); v.setUint16(32, bytesPer * channels, true); v.setUint16(34, bits, true);
  put(36, 'data'); v.setUint32(40, data, true);
  samples.forEach((s, i) => {
    for (let c = 0; c < channels; c++) {
      const at = 44 + (i * channels + c) * bytesPer;
      if (code === 3) v.setFloat32(at, s, true);
      else if (bits === 16) v.setInt16(at, Math.round(s * 32767), true);
      else if (bits === 8) v.setUint8(at, Math.round(s * 127 + 128));
    }
  });
  return new Uint8Array(buf);
}

test('WAV files read: 16-bit, 8-bit, float, stereo (first channel)', () => {
  const s = [0, 0.5, -0.5, 0.25];
  const r16 = parseWav(wav(s));
  assert.equal(r16.ok, true, r16.message);
  assert.equal(r16.sampleRate, 8000);
  assert.ok(r16.samples.every((v, i) => Math.abs(v - s[i]) < 1e-3));
  assert.ok(parseWav(wav(s, { bits: 8 })).ok);
  assert.deepEqual([...parseWav(wav(s, { bits: 32 })).samples], s);
  assert.equal(parseWav(wav(s, { channels: 2 })).samples.length, 4);
});

test('malformed WAV files each get a message', () => {
  const good = wav([0, 0.1, 0.2, 0.3]);
  const cut = (n) => good.slice(0, n);
  const patched = (at, bytes) => { const c = good.slice(); c.set(bytes, at); return c; };
  const cases = [
    ['empty', new Uint8Array(0), 'not a WAV'],
    ['text', new TextEncoder().encode('1,2,3,4'), 'not a WAV'],
    ['RIFF but not WAVE', patched(8, [65, 86, 73, 32]), 'not a WAV'],
    ['header only', cut(12), "no 'fmt '"],
    ['cut in fmt', cut(30), "chunk 'fmt '"],
    ['no data chunk', cut(36), "no 'data'"],
    ['data without samples', cut(44), 'no samples'],
    ['compressed encoding', patched(20, [2, 0]), 'not read'],
    ['12-bit', patched(34, [12, 0]), 'not read'],
    ['zero channels', patched(22, [0, 0]), 'channels'],
    ['not bytes', 'hello', 'could not be read'],
  ];
  for (const [name, bytes, expected] of cases) {
    const parsed = parseWav(bytes);
    assert.equal(parsed.ok, false, `${name}: refused`);
    assert.ok(parsed.message.includes(expected), `${name}: '${parsed.message}' names '${expected}'`);
  }
});

// ---- the session with a data set: links carry it, replay it bit-for-bit; old links read as before ----
const { createSession } = await import('../../web/shared/session.js');
const { defaultExperiment, parseFragment, serializeExperiment } = await import('../../web/shared/experiment.js');

function trainedSession(change) {
  const session = createSession(cp);
  const e = defaultExperiment();
  change(e);
  assert.equal(session.load(e), true, 'the experiment loads exactly');
  session.train(30, 0.01);
  session.train(20, 0.003);
  return session;
}

test('a preset data set with Adam, batches and a validation split replays bit-for-bit from its link', () => {
  const validations = [];
  const session = trainedSession((e) => {
    e.dataset = { preset: 'denoise', seed: 5, count: 20, validation: 0.25 };
    Object.assign(e.training, { batchSize: 4, shuffle: true, optimizer: 'adam', beta1: 0.8, weightDecay: 0.001 });
  });
  session.on('weights', () => validations.push(session.history.at(-1).validation));
  session.train(5, 0.01);
  assert.ok(validations.length > 0 && validations.every(Number.isFinite), `the curve's points after training hold the validation loss: ${validations}`);
  const link = session.fragment();
  assert.match(link, /&bs=4&shuf=1&opt=adam&b1=0.8&wd=0.001&data=denoise-5-20&val=0.25$/);
  const again = createSession(cp);
  assert.equal(again.loadFragment(link), true);
  again.runPending();
  assert.equal(again.loss(), session.loss(), 'training loss bit-identical');
  assert.equal(again.validationLoss(), session.validationLoss(), 'validation loss bit-identical');
  assert.ok(Number.isFinite(session.validationLoss()));
  assert.equal(session.model.exampleCount(), 15);
  assert.equal(session.model.validationCount(), 5);
});

test('own rows travel in the link and replay bit-for-bit; SGD momentum and Nesterov are link fields too', () => {
  const own = Array.from({ length: 6 }, (_, i) => [Array.from({ length: 64 }, (_, t) => Math.fround(Math.sin(t * 0.1 * (i + 1)))),
    Array.from({ length: 8 }, (_, t) => Math.fround(t / 8 - i / 10))]);
  const session = trainedSession((e) => {
    e.dataset = { own, validation: 0.34 };
    Object.assign(e.training, { batchSize: 2, momentum: 0.9, nesterov: true });
  });
  const again = createSession(cp);
  assert.equal(again.loadFragment(session.fragment()), true);
  again.runPending();
  assert.equal(again.loss(), session.loss());
  assert.equal(again.validationLoss(), session.validationLoss());
  assert.deepEqual(again.experiment.dataset.own, own);
});

test('an old link (no data set, no training options) reads as one example and plain SGD, with the same fragment', () => {
  const old = 'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=sse&seed=42'
    + '&in0=sines-3-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=2&steps=100&sched=60@0.01~40@0.05';
  const parsed = parseFragment(old);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.experiment.dataset, null);
  assert.equal(parsed.experiment.training.optimizer, 'sgd');
  assert.equal(serializeExperiment(parsed.experiment), old);
  const session = createSession(cp);
  session.loadFragment(old);
  session.runPending();
  // the same training by hand on the library alone, as before data sets existed
  const e = parsed.experiment;
  const model = cp.createModel(e.network);
  model.setInput(session.model.view('input').slice());
  model.setTarget(session.model.view('target').slice());
  model.train(60, 0.01);
  model.train(40, 0.05);
  assert.equal(session.loss(), model.loss());
  model.delete();
});

test('bad data-set link fields fall back with a problem, never throw', () => {
  for (const tail of ['data=nope-1-2', 'data=denoise-x-5', 'data=own.@@@', 'data=own.', 'data=own-2-3-1.AAAA', 'data=own-1-1-1.AAAAAAAAAA!', 'data=own-9999-9-9.', 'bs=0', 'opt=rmsprop', 'mom=2', 'data=denoise-1-8&val=7', 'shuf=maybe']) {
    const parsed = parseFragment(`v=1&n=64&${tail}`);
    assert.ok(parsed.problems.length > 0, `${tail}: a problem is reported`);
  }
});

test('a spreadsheet CSV from a German or French locale (semicolons, decimal commas) reads as its numbers', () => {
  const text = 'x1;x2;x3;y\n0,5;-1,25;3;0,125\n1,5;2;-0,75;1e-2\n';
  const parsed = parseExamplesCsv(text, { inputValues: 3 });
  assert.equal(parsed.ok, true, parsed.message);
  assert.deepEqual(parsed.rows, [[[0.5, -1.25, 3], [0.125]], [[1.5, 2, -0.75], [0.01]]]);
  assert.deepEqual(parsed.format, { separator: 'semicolon', decimal: ',' });
  const tabs = parseExamplesCsv('0,5\t1,5\t2,5\t3,5\n', { inputValues: 2 });
  assert.deepEqual(tabs.rows, [[[0.5, 1.5], [2.5, 3.5]]]);
  assert.deepEqual(tabs.format, { separator: 'tab', decimal: ',' });
  assert.deepEqual(parseExamplesCsv('0.5,1.5,2\n', { inputValues: 2 }).format, { separator: 'comma', decimal: '.' });
});

test('what stays ambiguous is refused with its row and column, never misread', () => {
  const cases = [
    // commas and spaces between values: four numbers or two decimal-comma numbers?
    ['0,5 1,25 2,5', 'row 1, column 2', 'mixes commas and spaces'],
    ['1,2,3\n0,5 1,25 2', 'row 2, column 2', 'mixes commas and spaces'],
    // one file, two decimal marks: '1.5' after decimal commas could be a thousands separator
    ['0,5;1,5;2\n1.5;2;3', "row 2, column 1: '1.5' uses '.' as decimal mark but row 1, column 1 uses ','", 'one decimal mark'],
    ['1.5;2;3\n0,5;1;2', "row 2, column 1: '0,5' uses ',' as decimal mark but row 1, column 1 uses '.'", 'one decimal mark'],
    ['1.234,5;2;3', "row 1, column 1: '1.234,5' has both '.' and ','", 'thousands separator'],
  ];
  for (const [text, place, rule] of cases) {
    const parsed = parseExamplesCsv(text, { inputValues: 2 });
    assert.equal(parsed.ok, false, `${JSON.stringify(text)} is refused, not read as ${JSON.stringify(parsed.rows)}`);
    assert.ok(parsed.message.includes(place) && parsed.message.includes(rule), `${JSON.stringify(text)}: '${parsed.message}'`);
  }
});
