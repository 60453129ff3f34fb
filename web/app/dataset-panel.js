// The data-set panel: what the network learns from (one example, a task preset made from a seed, or the learner's
// own CSV/WAV examples), the validation share, and the training options (batch, shuffle, optimizer, weight decay),
// one control per row of TRAINING_SCHEMA. Every change is an edit of the experiment (a new model at step 0, so a
// link replays exactly); a refused file or value shows a message and the current data set stays. The CSV/WAV readers
// and the classification offer load by import() when first used (a first visit uses neither).
import { TRAINING_SCHEMA } from '../shared/schema.js';
import { ALL_DATASET_PRESETS, DATASET_LIMITS, PRESET_TITLES, isClassificationDataset, windowsFromSamples } from '../shared/datasets.js';
import { inputSignal, resample, targetSignal } from '../shared/signals.js';
import { onDemand } from './on-demand.js';

/** The embed name (hide=/lock=) of each training row's control. */
const ROW_CONTROL = { batchSize: 'batch', shuffle: 'shuffle', optimizer: 'optimizer', momentum: 'momentum', dampening: 'momentum',
  nesterov: 'momentum', beta1: 'betas', beta2: 'betas', eps: 'betas', weightDecay: 'weight-decay' };

function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

function field(id, label, control, name) {
  return el('div', { class: 'field', 'data-control': name }, [el('label', { for: id, text: label }), control]);
}

/**
 * Builds the panel into `root`. edit(change) applies change(experiment) as a new experiment → { ok, message };
 * experiment() is the current one, model() the current model and cp the library (to make the drawn example's
 * signals). → { render(experiment) }.
 */
export function createDatasetPanel(root, { edit, experiment, model, cp, notices }) {
  const readers = onDemand(() => import('../shared/import-data.js'), 'the CSV and WAV reader', notices);
  const classifying = onDemand(() => Promise.all([import('./classify-offer.js'), import('../shared/classify-task.js')]),
    'the classification data set', notices);
  const source = el('select', { id: 'data-source' });
  source.append(el('option', { value: 'one', text: 'one example (the signals above)' }));
  for (const p of ALL_DATASET_PRESETS) source.append(el('option', { value: p, text: `task: ${PRESET_TITLES[p]}` }));
  source.append(el('option', { value: 'own', text: 'my own examples (CSV / WAV)' }));
  const count = el('input', { type: 'number', id: 'data-count', min: 1, max: DATASET_LIMITS.maxCount, step: 1, inputmode: 'numeric' });
  const seed = el('input', { type: 'number', id: 'data-seed', min: 0, step: 1, inputmode: 'numeric' });
  const share = el('input', { type: 'number', id: 'data-validation', min: 0, max: DATASET_LIMITS.maxValidation, step: 0.05 });
  const csv = el('textarea', { id: 'data-csv', rows: 3, placeholder: 'one example per row: the input values, then the target values' });
  const useCsv = el('button', { type: 'button', id: 'data-csv-use', text: 'Use these rows' });
  const file = el('input', { type: 'file', id: 'data-file', accept: '.csv,.txt,.wav,text/csv,audio/wav' });
  const addSignals = el('button', { type: 'button', id: 'data-add-signals', text: 'Add the signals above (drawn or preset) as an example' });
  const message = el('p', { id: 'data-error', class: 'error', role: 'alert', hidden: '' });
  // what the network learns from, in numbers: the rows read, the training/validation split, how the file was read
  const summary = el('p', { id: 'data-summary', class: 'hint', 'aria-live': 'polite' });
  let readAs = null;  // { own: the rows it describes, text: 'semicolon-separated, decimal comma' } of the last CSV used
  const controls = {};
  const rows = TRAINING_SCHEMA.map((row) => {
    const id = `train-${row.key}`;
    let control;
    if (row.type === 'bool') control = el('input', { type: 'checkbox', id });
    else if (row.type === 'choice') {
      control = el('select', { id });
      for (const c of row.choices) control.append(el('option', { value: c, text: c === 'sgd' ? 'SGD' : 'Adam' }));
    } else control = el('input', { type: 'number', id, min: row.min, max: row.max, step: row.type === 'int' ? 1 : 'any', title: row.help });
    controls[row.key] = control;
    const wrapper = field(id, row.label, control, ROW_CONTROL[row.key]);
    wrapper.title = row.help;
    return { row, wrapper, control };
  });
  root.replaceChildren(
    el('legend', { text: 'Data set and optimizer' }),
    el('div', { class: 'fields' }, [
      field('data-source', 'learn from', source, 'data-preset'),
      field('data-count', 'examples', count, 'data-count'),
      field('data-seed', 'data seed', seed, 'data-count'),
      field('data-validation', 'validation share', share, 'data-validation'),
    ]),
    summary,
    el('div', { class: 'own-data', 'data-control': 'own-data' }, [
      el('label', { for: 'data-csv', text: 'paste a CSV (one example per row: the N input values, then the target values)' }),
      csv, useCsv, field('data-file', 'or load a CSV or WAV file', file, 'own-data'), addSignals,
    ]),
    message,
    el('div', { class: 'fields' }, rows.map((r) => r.wrapper)),
  );
  // a classification data set asks before it replaces the network (classify-offer.js, in this box once loaded)
  const offerBox = el('div', { class: 'classify-offer', id: 'classify-offer', role: 'group',
    'aria-label': 'Classification needs a classifier network', hidden: '' });
  message.after(offerBox);
  let classify = null;
  /** The offer for a classification data set (its code loads on the first one); a failed load puts the choice back. */
  async function offerClassification(validation) {
    let offerCode;
    let task;
    const chosen = source.value;
    try { [offerCode, task] = await classifying(); } catch { render(experiment()); return; }
    if (source.value !== chosen) return;  // another choice was made while the code loaded
    classify ??= offerCode.createClassifyOffer({ element: offerBox, apply: (change) => apply(change), experiment, model,
      onCancel: () => render(experiment()) });
    classify.offer(task.classifyDataset({ seed: Number(seed.value) || 1, validation }));
  }

  const say = (text) => { message.textContent = text || ''; message.hidden = !text; };
  /** Applies an edit; a refusal is shown and the experiment (its data set too) stays as it was. */
  function apply(change) {
    const result = edit(change);
    say(result.ok ? '' : result.message);
    render(experiment());
    return result.ok;
  }

  /** Away from a classification data set, the loss goes back to sse (cross-entropy needs class indices). */
  function leaveClassification(e) {
    if (e.network.loss === 'crossentropy') e.network.loss = 'sse';
  }

  function currentShape() {
    const e = experiment();
    return { inputValues: e.network.inputLength * e.network.inputChannels, length: e.network.inputLength };
  }

  /** Own rows → the experiment's data set (values made float32-exact, as the model stores them). */
  function useOwnRows(rows, what, format = null) {
    const f32 = (list) => Array.from(list, Math.fround);
    const own = rows.map(([x, y]) => [f32(x), f32(y)]);
    const validation = Number(share.value) || 0;
    readAs = format ? { rows: own.length, text: formatWords(format) } : null;
    if (apply((e) => { leaveClassification(e); e.dataset = { own, validation }; })) say('');
    else message.textContent = `${what}: ${message.textContent}`;
  }

  source.addEventListener('change', () => {
    const value = source.value;
    classify?.dismiss();
    if (value === 'own') { say('Paste rows or load a file below; the current data set stays until they are read.'); return; }
    if (isClassificationDataset({ preset: value })) {
      const validation = Number(share.value) > 0 ? Number(share.value) : 0.25;
      offerClassification(validation);
      return;
    }
    apply((e) => {
      leaveClassification(e);
      e.dataset = value === 'one' ? null : {
        preset: value, seed: Number(seed.value) || 1, count: Number(count.value) || 32, validation: Number(share.value) || 0,
      };
    });
  });
  for (const input of [count, seed, share]) {
    input.addEventListener('change', () => apply((e) => {
      if (!e.dataset) return;
      if (!e.dataset.own) { e.dataset.count = Number(count.value); e.dataset.seed = Number(seed.value); }
      e.dataset.validation = Number(share.value);
    }));
  }
  // Drawn examples: the one-example input and target (draw them with "Draw" above the plots) join your own examples,
  // fitted to the lengths of the rows already there.
  addSignals.addEventListener('click', () => {
    const e = experiment();
    const x = inputSignal(cp, e);
    const y = targetSignal(cp, e, model(), x);
    const rows = e.dataset && e.dataset.own ? e.dataset.own : [];
    const row = rows.length ? [resample(x, rows[0][0].length), resample(y, rows[0][1].length)] : [x, y];
    useOwnRows([...rows, row], 'The drawn example');
  });
  /** The CSV/WAV readers (import-data.js); null when they could not be loaded (a notice said so). */
  const loadReaders = () => readers().catch(() => null);
  // heading for the CSV box or the file picker fetches the readers, so they are in by the time they are used
  for (const control of [csv, file]) control.addEventListener('focus', loadReaders, { once: true });
  useCsv.addEventListener('click', async () => {
    const reader = await loadReaders();
    if (!reader) { say('The pasted rows were not used: the CSV reader could not be loaded. The data set is unchanged.'); return; }
    const parsed = reader.parseExamplesCsv(csv.value, { inputValues: currentShape().inputValues });
    if (!parsed.ok) { say(`The pasted rows were not used: ${parsed.message}. The data set is unchanged.`); return; }
    useOwnRows(parsed.rows, 'The pasted rows', parsed.format);
  });
  // data-files-read counts the files handled (used or refused): reading is asynchronous, so tests wait for it
  let filesRead = 0;
  file.addEventListener('change', async () => {
    const chosen = file.files && file.files[0];
    file.value = '';
    if (!chosen) return;
    try {
      await readFile(chosen);
    } finally {
      root.dataset.filesRead = String(++filesRead);
    }
  });
  async function readFile(chosen) {
    const [reader, buffer] = await Promise.all([loadReaders(), chosen.arrayBuffer()]);
    if (!reader) { say(`${chosen.name} was not used: the file reader could not be loaded. The data set is unchanged.`); return; }
    const bytes = new Uint8Array(buffer);
    const isWav = /\.wav$/i.test(chosen.name) || (bytes.length >= 4 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF');
    if (isWav) {
      const wav = reader.parseWav(bytes);
      if (!wav.ok) { say(`${chosen.name} was not used: ${wav.message}. The data set is unchanged.`); return; }
      const windows = windowsFromSamples(wav.samples, currentShape().length, Number(count.value) || 32);
      if (!windows.length) { say(`${chosen.name} was not used: it is shorter than one window of N = ${currentShape().length} samples.`); return; }
      useOwnRows(windows.map((w) => [w.input, w.target]), chosen.name);
      return;
    }
    const parsed = reader.parseExamplesCsv(new TextDecoder().decode(bytes), { inputValues: currentShape().inputValues });
    if (!parsed.ok) { say(`${chosen.name} was not used: ${parsed.message}. The data set is unchanged.`); return; }
    useOwnRows(parsed.rows, chosen.name, parsed.format);
  }
  for (const { row, control } of rows) {
    control.addEventListener('change', () => apply((e) => {
      const v = row.type === 'bool' ? control.checked : row.type === 'choice' ? control.value : Number(control.value);
      e.training[row.key] = v;
    }));
  }

  /** Shows the experiment's data set and options; rows of the other optimizer are hidden. */
  function render(e) {
    const d = e.dataset;
    source.value = !d ? 'one' : d.own ? 'own' : d.preset;
    // own examples: the field shows how many rows were read (it cannot change them, so it is disabled)
    count.value = d ? (d.own ? d.own.length : d.count) : count.value || 32;
    seed.value = d && !d.own ? d.seed : seed.value || 1;
    share.value = d ? d.validation : share.value || 0.25;
    count.disabled = seed.disabled = !d || Boolean(d.own);
    summary.textContent = describeData(d, model());
    summary.hidden = !d;
    // a classifier learns from the task's waveforms and class indices: own rows (input values, then target values)
    // do not apply to it (nor the signals editor: task-labels.js)
    root.querySelector('.own-data').classList.toggle('not-applicable', isClassificationDataset(d));
    for (const { row, wrapper, control } of rows) {
      const value = e.training[row.key];
      if (row.type === 'bool') control.checked = value;
      else control.value = value;
      wrapper.classList.toggle('off-optimizer', Boolean(row.optimizer) && row.optimizer !== e.training.optimizer);
    }
  }

  /** The data set in words: how many examples, how they are split, how own rows were read. */
  function describeData(d, m) {
    if (!d || !m) return '';
    const train = m.exampleCount();
    const held = m.validationCount();
    const split = `${train} for training${held ? `, ${held} for validation` : ', none held out for validation'}`;
    if (!d.own) return `${train + held} examples: ${split}.`;
    const how = readAs && readAs.rows === d.own.length ? ` (read as ${readAs.text})` : '';
    return `${d.own.length} own ${d.own.length === 1 ? 'example' : 'examples'} read${how}: ${split}; `
      + `${d.own[0][0].length} input and ${d.own[0][1].length} target values each.`;
  }

  return { render };
}

/** { separator, decimal } of a CSV → 'semicolon-separated, decimal comma'. */
function formatWords({ separator, decimal }) {
  return `${separator}-separated, decimal ${decimal === ',' ? 'comma' : 'point'}`;
}
