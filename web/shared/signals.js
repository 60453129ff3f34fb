// Signals of an experiment as Float32Arrays, made by the core (cp.generateSignal, and a "teacher" copy of the
// network for targets), so they are bit-identical in every browser. No Math.sin here.
import { weightShape } from '../layers/registry.js';

/** Linear resampling of a drawn signal to n samples (a drawing keeps its shape when N or the output length changes). */
export function resample(values, n) {
  const out = new Float32Array(n);
  const m = values.length;
  if (m === n) { out.set(values); return out; }
  for (let i = 0; i < n; i++) {
    const x = n === 1 ? 0 : (i * (m - 1)) / (n - 1);
    const j = Math.min(m - 2, Math.floor(x));
    if (m === 1) { out[i] = values[0]; continue; }
    const f = x - j;
    out[i] = values[j] * (1 - f) + values[j + 1] * f;
  }
  return out;
}

/** One input channel (inputLength samples) from its preset or drawing. */
function channelSignal(cp, channel, n) {
  if (channel.drawn) return resample(channel.drawn, n);
  return cp.generateSignal(channel.preset, n, { cycles: channel.cycles, seed: channel.seed });
}

/** The network input x: inputChannels × inputLength, channel-major. */
export function inputSignal(cp, experiment) {
  const { inputLength: n, inputChannels: channels } = experiment.network;
  const x = new Float32Array(channels * n);
  for (let c = 0; c < channels; c++) x.set(channelSignal(cp, experiment.input[c], n), c * n);
  return x;
}

/**
 * The target y: outputChannels × outputLength, for `model` (the student network built from experiment.network).
 *
 * 'filtered', 'same' and 'pooled' are made by a *teacher*: a copy of the network whose first conv layer holds the
 * hidden kernel h on (out 0, in 0) — centred on the tap that reads x[t] — and whose other conv weights pass each
 * channel straight through (a 1 on the centre tap), with zero bias. So the target is reachable by the model:
 * training can recover the hidden kernel (where it fits in the model's kernel; taps beyond it are dropped).
 * 'same' is the hidden kernel [1]; 'pooled' feeds the teacher a running max of input channel 0 ("peaks").
 * 'signal' is a preset of the output's length; a drawing is resampled to it. Every output channel gets the same.
 */
export function targetSignal(cp, experiment, model, x) {
  const target = experiment.target;
  const outLength = model.outputLength;
  const outChannels = model.outputChannels;
  const y = new Float32Array(outChannels * outLength);
  if (target.drawn || target.preset === 'signal') {
    const one = target.drawn ? resample(target.drawn, outLength)
      : cp.generateSignal(target.kind, outLength, { cycles: target.cycles, seed: target.seed });
    for (let o = 0; o < outChannels; o++) y.set(one, o * outLength);
    return y;
  }
  const kernel = target.preset === 'filtered' ? target.kernel : [1];
  let teacherInput = x;
  if (target.preset === 'pooled') teacherInput = runningMaxOfChannel0(cp, x, experiment.network.inputLength, target.kernelSize);
  const teacher = cp.createModel(experiment.network);
  try {
    setTeacherWeights(teacher, kernel);
    teacher.setInput(teacherInput);
    teacher.evaluate();
    y.set(teacher.view('output'));
  } finally {
    teacher.delete();
  }
  return y;
}

/** Peaks of input channel 0: a stride-1 max-pool whose output keeps the input's length. */
function runningMaxOfChannel0(cp, x, n, kernelSize) {
  const k = Math.min(kernelSize, n);
  const pooled = cp.maxPool1d({ x: x.subarray(0, n), channels: 1, kernelSize: k, stride: 1, padding: Math.floor(k / 2) });
  const out = x.slice();
  out.set(pooled.y.subarray(0, n), 0);
  return out;
}

function setTeacherWeights(teacher, kernel) {
  let first = true;
  teacher.layers.forEach((g, l) => {
    if (weightShape(g) !== 'kernel') return;
    const K = g.kernelSize;
    const centre = Math.floor((K - 1) / 2);
    const w = new Float32Array(g.outChannels * g.inChannels * K);
    const at = (o, c, k) => (o * g.inChannels + c) * K + k;
    for (let o = 0; o < Math.min(g.outChannels, g.inChannels); o++) w[at(o, o, centre)] = 1;
    if (first) {
      w[at(0, 0, centre)] = 0;
      const hc = Math.floor((kernel.length - 1) / 2);
      kernel.forEach((v, j) => {
        const k = centre + j - hc;
        if (k >= 0 && k < K) w[at(0, 0, k)] = v;
      });
      first = false;
    }
    teacher.setParameters(l, { weight: w, bias: g.bias ? new Float32Array(g.outChannels) : undefined });
  });
}
