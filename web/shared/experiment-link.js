// The experiment's link form: readable key=value pairs in the URL fragment, read back through the experiment's reader
// (experiment-read.js), so a link with bad or hostile values gives the valid part and its problems. Never throws.
import LZString from '../generated/vendor/lz-string.js';
import { DRAWN_SCALE, LIMITS, VERSION, defaultExperiment, normalizeExperiment, quantizeValue } from './experiment-read.js';
import { TRAINING_SCHEMA } from './schema.js';
import { decodeLayer, encodeLayer } from '../layers/registry.js';
import { IMPORT_LIMITS } from './import-limits.js';

// ---------------------------------------------------------------------------------------------------------------
// URL fragment: readable key=value pairs, e.g.
//   v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=sse&seed=42
//   &in0=sines-3-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=2&steps=100&sched=100@0.01
// Drawn signals are `draw.` + lz-string(comma-separated deltas of round(value·1024)).

export function encodeDrawn(values) {
  let previous = 0;
  const deltas = values.map((v) => {
    const q = Math.round(quantizeValue(v) * DRAWN_SCALE);
    const d = q - previous;
    previous = q;
    return d;
  });
  return `draw.${LZString.compressToEncodedURIComponent(deltas.join(','))}`;
}

/** → number[] or null; never throws, refuses oversize input before decompressing it. */
export function decodeDrawn(text) {
  if (typeof text !== 'string' || !text.startsWith('draw.')) return null;
  const packed = text.slice(5);
  if (packed.length === 0 || packed.length > LIMITS.drawnChars || !/^[A-Za-z0-9+\-$]*$/.test(packed)) return null;
  let plain;
  try {
    plain = LZString.decompressFromEncodedURIComponent(packed);
  } catch {
    return null;
  }
  if (typeof plain !== 'string' || plain.length === 0 || plain.length > LIMITS.maxLength * 8) return null;
  if (!/^-?\d{1,5}(,-?\d{1,5})*$/.test(plain)) return null;
  let q = 0;
  const values = plain.split(',').map((d) => { q += Number(d); return q / DRAWN_SCALE; });
  return values.length <= LIMITS.maxLength ? values : null;
}

function encodeSignal(channel) {
  if (channel.drawn) return encodeDrawn(channel.drawn);
  return `${channel.preset}-${channel.cycles}-${channel.seed}`;
}

function decodeSignal(text) {
  if (text.startsWith('draw.')) return { drawn: decodeDrawn(text) ?? 'bad' };
  const [preset, cycles, seed, extra] = text.split('-');
  if (extra !== undefined) return 'bad';
  return { preset, cycles: toNumber(cycles), seed: toNumber(seed) };
}

function toNumber(s) {
  if (s === undefined) return undefined;
  return /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) ? Number(s) : NaN;
}

function encodeTarget(target) {
  if (target.drawn) return encodeDrawn(target.drawn);
  switch (target.preset) {
    case 'filtered': return `filtered-${target.kernel.map(String).join(',')}`;
    case 'pooled': return `pooled-${target.kernelSize}`;
    case 'signal': return `signal-${target.kind}-${target.cycles}-${target.seed}`;
    default: return 'same';
  }
}

function decodeTarget(text) {
  if (text.startsWith('draw.')) return { drawn: decodeDrawn(text) ?? 'bad' };
  const dash = text.indexOf('-');
  const preset = dash < 0 ? text : text.slice(0, dash);
  const rest = dash < 0 ? '' : text.slice(dash + 1);
  if (preset === 'filtered') return { preset, kernel: rest.split(',').slice(0, LIMITS.maxHiddenKernel + 1).map(toNumber) };
  if (preset === 'pooled') return { preset, kernelSize: toNumber(rest) };
  if (preset === 'signal') {
    const [kind, cycles, seed] = rest.split('-');
    return { preset, kind, cycles: toNumber(cycles), seed: toNumber(seed) };
  }
  return { preset };
}

/** Experiment → fragment text (without '#'). @param {import('../types.js').Experiment} experiment @returns {string} */
export function serializeExperiment(experiment) {
  const e = experiment;
  const parts = [
    `v=${VERSION}`,
    `n=${e.network.inputLength}`,
    `ch=${e.network.inputChannels}`,
    `layers=${e.network.layers.map(encodeLayer).join('~')}`,
    `loss=${e.network.loss}`,
    `seed=${e.network.seed}`,
    ...e.input.map((channel, c) => `in${c}=${encodeSignal(channel)}`),
    `target=${encodeTarget(e.target)}`,
    `lr=${e.learningRate}`,
    `spf=${e.stepsPerFrame}`,
    `steps=${e.steps}`,
  ];
  if (e.steps > 0) parts.push(`sched=${e.schedule.map(([n, lr]) => `${n}@${lr}`).join('~')}`);
  parts.push(...encodeTraining(e.training), ...encodeDataset(e.dataset));
  return parts.join('&');
}

/**
 * Fragment text (with or without '#') → { experiment, problems, empty }. Never throws: garbage, truncated, huge or
 * hostile text gives the defaults (or the part that could be read) and problems to show.
 * @returns {{ experiment: import('../types.js').Experiment, problems: string[], empty: boolean }}
 */
export function parseFragment(fragment) {
  const text = typeof fragment === 'string' ? fragment.replace(/^#/, '') : '';
  if (text.trim() === '') return { experiment: defaultExperiment(), problems: [], empty: true };
  if (text.length > LIMITS.fragmentChars) {
    return { experiment: defaultExperiment(), problems: [`the link is too long (${text.length} characters, the limit is ${LIMITS.fragmentChars}); loaded the defaults`], empty: false };
  }
  try {
    return { ...parseFields(text), empty: false };
  } catch {
    return { experiment: defaultExperiment(), problems: ['the link could not be read; loaded the defaults'], empty: false };
  }
}

const TRAINING_KEYS = TRAINING_SCHEMA.map((row) => row.code);
const KNOWN_KEYS = new RegExp(`^(v|n|ch|layers|loss|seed|in[0-9]|target|lr|spf|steps|sched|data|val|${TRAINING_KEYS.join('|')})$`);

/** Training options in a link: only those away from their initial value (`bs=8&opt=adam`), so old links stay short. */
function encodeTraining(training) {
  if (!training) return [];
  const text = (row, v) => (row.type === 'bool' ? (v ? 1 : 0) : v);
  return TRAINING_SCHEMA.filter((row) => training[row.key] !== row.initial).map((row) => `${row.code}=${text(row, training[row.key])}`);
}

function decodeTraining(fields) {
  const training = {};
  let any = false;
  for (const row of TRAINING_SCHEMA) {
    if (!fields.has(row.code)) continue;
    any = true;
    const text = fields.get(row.code);
    training[row.key] = row.type === 'bool' ? (text === '1' ? true : text === '0' ? false : 'bad')
      : row.type === 'choice' ? text : toNumber(text);
  }
  return any ? training : undefined;
}

/**
 * A data set in a link: `data=denoise-7-64` (preset, seed, count) or `data=own-rows-inputValues-targetValues.` +
 * base64url of the rows' float32 values (little-endian, row after row: input then target), and `val=0.25` (the
 * validation share). Raw bytes rather than a compressor: exact, and its size is known before it is decoded.
 */
function encodeDataset(dataset) {
  if (!dataset) return [];
  const parts = dataset.own ? [`data=${encodeOwn(dataset.own)}`] : [`data=${dataset.preset}-${dataset.seed}-${dataset.count}`];
  if (dataset.validation > 0) parts.push(`val=${dataset.validation}`);
  return parts;
}

function encodeOwn(rows) {
  const inLength = rows[0][0].length;
  const outLength = rows[0][1].length;
  const values = new Float32Array(rows.length * (inLength + outLength));
  rows.forEach(([x, y], i) => { values.set(x, i * (inLength + outLength)); values.set(y, i * (inLength + outLength) + inLength); });
  const bytes = new Uint8Array(values.buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const base64 = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `own-${rows.length}-${inLength}-${outLength}.${base64}`;
}

/** → rows, or null when the text is not exactly what encodeOwn writes (sizes checked before decoding). */
function decodeOwn(text) {
  const match = /^own-(\d{1,4})-(\d{1,4})-(\d{1,4})\.([A-Za-z0-9_-]*)$/.exec(text);
  if (!match) return null;
  const [rows, inLength, outLength] = [1, 2, 3].map((i) => Number(match[i]));
  if (rows < 1 || rows > IMPORT_LIMITS.maxRows || inLength < 1 || outLength < 1 || inLength + outLength > IMPORT_LIMITS.maxValues) return null;
  const byteCount = rows * (inLength + outLength) * 4;
  if (match[4].length !== Math.ceil((byteCount * 4) / 3)) return null;
  let binary;
  try { binary = atob(match[4].replace(/-/g, '+').replace(/_/g, '/')); } catch { return null; }
  if (binary.length !== byteCount) return null;
  const bytes = new Uint8Array(byteCount);
  for (let i = 0; i < byteCount; i++) bytes[i] = binary.charCodeAt(i);
  const values = new Float32Array(bytes.buffer);
  const width = inLength + outLength;
  return Array.from({ length: rows }, (_, r) => [Array.from(values.subarray(r * width, r * width + inLength)),
    Array.from(values.subarray(r * width + inLength, (r + 1) * width))]);
}

function decodeDataset(fields) {
  if (!fields.has('data')) return undefined;
  const text = fields.get('data');
  const validation = fields.has('val') ? toNumber(fields.get('val')) : undefined;
  if (text.startsWith('own-')) return { own: decodeOwn(text) ?? 'bad', validation };
  const [preset, seed, count, extra] = text.split('-');
  if (extra !== undefined) return 'bad';
  return { preset, seed: toNumber(seed), count: toNumber(count), validation };
}

function parseFields(text) {
  const fields = new Map();
  const unknown = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    let value = eq < 0 ? '' : pair.slice(eq + 1);
    try { value = decodeURIComponent(value); } catch { /* keep it raw; its reader will refuse it */ }
    if (KNOWN_KEYS.test(key)) fields.set(key, value);
    else if (unknown.length < 3) unknown.push(key.slice(0, 20));
  }
  if (fields.size === 0) {
    return { experiment: defaultExperiment(), problems: ['the link holds no experiment; loaded the defaults'] };
  }
  const num = (key) => (fields.has(key) ? toNumber(fields.get(key)) : undefined);
  const raw = {
    v: num('v'),
    network: {
      inputLength: num('n'),
      inputChannels: num('ch'),
      layers: fields.has('layers') ? fields.get('layers').split('~').slice(0, LIMITS.maxLayers + 1).map(decodeLayer) : undefined,
      loss: fields.get('loss'),
      seed: num('seed'),
    },
    input: [],
    target: fields.has('target') ? decodeTarget(fields.get('target')) : undefined,
    learningRate: num('lr'),
    stepsPerFrame: num('spf'),
    steps: num('steps'),
    schedule: fields.has('sched')
      ? fields.get('sched').split('~').slice(0, LIMITS.maxSchedule + 1).map((s) => s.split('@').map(toNumber))
      : undefined,
    training: decodeTraining(fields),
    dataset: decodeDataset(fields),
  };
  for (let c = 0; c < LIMITS.maxInputChannels; c++) {
    if (fields.has(`in${c}`)) raw.input[c] = decodeSignal(fields.get(`in${c}`));
  }
  const { experiment, problems } = normalizeExperiment(raw);
  if (unknown.length) problems.push(`ignored unknown part(s) of the link: ${unknown.join(', ')}`);
  return { experiment, problems };
}
