// The layer registry (web/layers/registry.js) against the library and the core: every registered type builds with
// its initial values, answers every view it claims (and no arg-max it does not claim), round-trips through the link
// form, fills in the same defaults as the library, and its folder has every part the registry loads on first use
// with the functions their callers use. A new layer type is checked here as soon as it has its registry line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConvPool } from '../../web/convpool.js';
import {
  LAYERS, LAYER_TYPES, decodeLayer, encodeLayer, initialLayer, layerViews, loadParts, withLibraryDefaults,
} from '../../web/layers/registry.js';

const cp = await loadConvPool();

/** A model of one layer of `type` at its initial values on a 2-channel input of 16 samples (the caller deletes it). */
function modelOf(type, fields = {}) {
  const layer = initialLayer(type, fields);
  return cp.createModel({ inputLength: 16, inputChannels: 2, layers: [layer], seed: 3 });
}

test('every type builds at its initial values and answers exactly the views it claims', () => {
  assert.deepEqual(LAYER_TYPES, LAYERS.map((layer) => layer.type));
  for (const entry of LAYERS) {
    const model = modelOf(entry.type);
    try {
      const g = model.layers[0];
      assert.equal(g.type, entry.type);
      for (const name of layerViews(g)) {
        assert.doesNotThrow(() => model.view(name, 0), `${entry.type}: view '${name}' is claimed and must exist`);
      }
      if (!entry.argmax(g)) assert.throws(() => model.view('argmax', 0), /does not exist/, `${entry.type}: no arg-max`);
      assert.equal(model.outputChannels, entry.channelsAfter(initialLayer(entry.type), 2), `${entry.type}: channelsAfter`);
      if (entry.parameters) {
        assert.equal(model.view('weight', 0).length, entry.parameters.weights(g), `${entry.type}: weight count`);
        assert.ok(['kernel', 'matrix'].includes(entry.parameters.shape), `${entry.type}: weight shape`);
      }
      const work = entry.work(g);
      assert.ok(Number.isFinite(work) && work > 0, `${entry.type}: work ${work}`);
      assert.ok(entry.axis.cells(g) >= g.inLength && entry.axis.padLeft(g) >= 0, `${entry.type}: axis`);
      assert.ok(LAYER_TYPES.includes(entry.next), `${entry.type}: next ${entry.next}`);
    } finally {
      model.delete();
    }
  }
});

test("the rows' library defaults are what createModel fills in", () => {
  for (const entry of LAYERS) {
    // only the required fields (rows without a default), at their initial values
    const minimal = { type: entry.type };
    for (const row of entry.fields) if (row.default === undefined) minimal[row.key] = row.initial;
    const model = cp.createModel({ inputLength: 16, inputChannels: 2, layers: [minimal] });
    try {
      assert.deepEqual(withLibraryDefaults(minimal), model.spec.layers[0], `${entry.type}: defaults`);
    } finally {
      model.delete();
    }
  }
});

test('link codes are unique and every type round-trips through its link form', () => {
  const codes = LAYERS.map((entry) => entry.code);
  assert.equal(new Set(codes).size, codes.length, `type codes ${codes}`);
  for (const entry of LAYERS) {
    const letters = entry.fields.map((row) => row.code).filter(Boolean);
    assert.equal(new Set(letters).size, letters.length, `${entry.type}: field letters ${letters}`);
    const layer = initialLayer(entry.type);
    // a field a link leaves out at its initial value (added after links were shared) decodes as absent: the
    // experiment's reader gives it its initial value, as for a link made before the field existed
    const written = { ...layer };
    for (const row of entry.fields) if (row.linkOmitsInitial) written[row.key] = undefined;
    assert.deepEqual(decodeLayer(encodeLayer(layer)), written, `${entry.type}: ${encodeLayer(layer)}`);
    for (const row of entry.fields) {
      if (row.type === 'int' && !(row.initial >= row.min && row.initial <= row.max)) {
        assert.fail(`${entry.type}.${row.key}: initial ${row.initial} outside ${row.min}…${row.max}`);
      }
      if (row.type === 'choice') assert.ok(row.choices.includes(row.initial), `${entry.type}.${row.key}: initial`);
      assert.equal(typeof row.describe(layer[row.key], layer), 'string', `${entry.type}.${row.key}: describe`);
    }
  }
});

test("every type's folder has the parts the registry loads, with the functions their callers use", async () => {
  const expected = {
    code: (m) => [m.pytorch?.module, m.numpy?.entries, m.numpy?.section],
    tooltip: (m) => [m.output, m.gradInput],
    equations: (m) => [m.blocks, m.forwardAt, m.backwardAt],
    answer: (m) => [m.default.outputLength, m.default.y, m.default.dx],
  };
  for (const [part, functions] of Object.entries(expected)) {
    const loaded = await loadParts(part);
    for (const type of LAYER_TYPES) {
      const module = loaded.get(type);
      functions(module).forEach((fn, i) => assert.equal(typeof fn, 'function', `${type}/${part}.js: function ${i}`));
      if (part === 'code') {
        assert.ok(Array.isArray(module.numpy.forward) && Array.isArray(module.numpy.backward), `${type}: numpy branch`);
        const weighted = LAYERS.find((entry) => entry.type === type).parameters !== null;
        assert.equal(typeof module.parameterShapes === 'function', weighted, `${type}: parameterShapes iff weights`);
      }
    }
  }
  // the optional step-through part: each stage has its frame count (or one frame), words, drawing and hover
  const steps = await loadParts('steps');
  assert.ok(steps.size > 0, 'some type has stages of its own');
  for (const [type, module] of steps) {
    assert.ok(module.default.forward.length > 0 && module.default.backward.length > 0, `${type}/steps.js: a stage each way`);
    for (const stage of [...module.default.forward, ...module.default.backward]) {
      assert.equal(typeof stage.kind, 'string', `${type}/steps.js: kind`);
      assert.ok(typeof stage.title === 'string' && stage.title.length > 0, `${type}/steps.js ${stage.kind}: title`);
      for (const fn of ['caption', 'draw', 'hover']) assert.equal(typeof stage[fn], 'function', `${type}/steps.js ${stage.kind}: ${fn}`);
      if (stage.items !== undefined) assert.equal(typeof stage.items, 'function', `${type}/steps.js ${stage.kind}: items`);
    }
  }
  const kinds = [...steps.values()].flatMap((m) => [...m.default.forward, ...m.default.backward].map((stage) => stage.kind));
  assert.equal(new Set(kinds).size, kinds.length, `stage kinds are unique across types: ${kinds}`);
  for (const entry of LAYERS) {
    for (const fn of ['inputLabel', 'outputLabel', 'gradInputLabel', 'padValue', 'padSource', 'copiesOf']) {
      assert.equal(typeof entry.plot[fn], 'function', `${entry.type}/plot.js: ${fn}`);
    }
  }
});
