// Text alternatives of the plots: a one-line summary per plot (what each series is, how many samples, their range)
// and the numbers as tables, read from the same specs the canvases are drawn from, so words and pictures agree.
import { countOf, formatNumber } from '../../shared/format.js';

/** Rows a table shows at most (a longer series says how many it left out). */
export const MAX_TABLE_ROWS = 512;

function rangeOf(count, value) {
  let lo = Infinity;
  let hi = -Infinity;
  let other = 0;
  for (let i = 0; i < count; i++) {
    const v = value(i);
    if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; } else other++;
  }
  const extra = other ? `, ${other} not finite` : '';
  return lo <= hi ? `from ${formatNumber(lo)} to ${formatNumber(hi)}${extra}` : 'no finite value';
}

/** One track's words: "x_in, 64 samples from −1 to 1" (channels and padded cells said when there are some). */
function trackSummary(track) {
  const real = [];
  for (let i = 0; i < track.length; i++) if (!track.isPadded || !track.isPadded(i)) real.push(i);
  const padded = track.length - real.length;
  const channels = track.channels > 1 ? ` × ${track.channels} channels` : '';
  const values = (fn) => rangeOf(real.length * track.channels, (j) => fn(Math.floor(j / real.length), real[j % real.length]));
  let text = `${track.label}: ${countOf(real.length, 'sample')}${channels} ${values(track.value)}`;
  if (padded) text += ` (plus ${countOf(padded, 'padded cell')})`;
  if (track.overlay) text += `; ${track.overlay.label} ${values(track.overlay.value)}`;
  return text;
}

/** A table: { caption, columns: [names], rows: [[cells]], note } */
function trackTable(track) {
  const columns = ['sample'];
  const channels = Array.from({ length: track.channels }, (_, c) => c);
  for (const c of channels) {
    const suffix = track.channels > 1 ? ` ch ${c}` : '';
    columns.push(`value${suffix}`);
    if (track.overlay) columns.push(`${track.overlay.label}${suffix}`);
  }
  const rows = [];
  const shown = Math.min(track.length, MAX_TABLE_ROWS);
  for (let i = 0; i < shown; i++) {
    const row = [track.isPadded && track.isPadded(i) ? `${i} (padded${track.padLabel ? `: ${track.padLabel(i)}` : ''})` : String(i)];
    for (const c of channels) {
      row.push(formatNumber(track.value(c, i)));
      if (track.overlay) row.push(formatNumber(track.overlay.value(c, i)));
    }
    rows.push(row);
  }
  const note = track.length > shown ? `the first ${shown} of ${track.length} samples` : '';
  return { caption: track.label, columns, rows, note };
}

/** → { summary, tables } of a drawTracks spec. */
export function describeTracks(spec) {
  return {
    summary: `${spec.tracks.map(trackSummary).join('. ')}.`,
    tables: () => spec.tracks.map(trackTable),
  };
}

/** → { summary, tables } of the loss curve ([{ step, loss, validation }], C as display names it: training-display.js). */
export function describeLoss(history, display) {
  const first = history[0];
  const last = history[history.length - 1];
  const name = `Loss ${display.cName}, ${display.loss.words}`;
  const held = Number.isFinite(last.validation) ? `; ${display.validationName} ${formatNumber(last.validation)}` : '';
  const summary = history.length > 1
    ? `${name}: over ${history.length} recorded steps, from ${formatNumber(first.loss)} at step ${first.step} to ${formatNumber(last.loss)} at step ${last.step}; its values run ${rangeOf(history.length, (i) => history[i].loss)}${held}.`
    : `${name} = ${formatNumber(last.loss)} at step ${last.step}${held}; train to draw its curve.`;
  return {
    summary,
    tables: () => {
      const shown = history.slice(-MAX_TABLE_ROWS);
      const validation = shown.some((p) => Number.isFinite(p.validation));
      return [{
        caption: name, columns: ['step', display.cShort, ...(validation ? [display.validationShort] : [])],
        rows: shown.map((p) => [String(p.step), formatNumber(p.loss), ...(validation ? [formatNumber(p.validation)] : [])]),
        note: shown.length < history.length ? `the last ${shown.length} of ${history.length} recorded steps` : '',
      }];
    },
  };
}

/** → { summary, tables } of a conv layer's kernel W[o, c, k], bias b[o] and their gradients. */
export function describeKernel(geometry, data) {
  const { outChannels: O, inChannels: C, kernelSize: K } = geometry;
  const range = (values) => rangeOf(values.length, (i) => values[i]);
  const hasBias = data.bias.length > 0;
  let summary = `Kernel W: ${O}×${C}×${K} weights ${range(data.weight)}; ∂C/∂W ${range(data.gradWeight)}`;
  if (hasBias) summary += `; bias b: ${O} values ${range(data.bias)}; ∂C/∂b ${range(data.gradBias)}`;
  return {
    summary: `${summary}.`,
    tables: () => {
      const rows = [];
      for (let o = 0; o < O; o++) {
        for (let c = 0; c < C; c++) {
          for (let k = 0; k < K; k++) {
            const i = (o * C + c) * K + k;
            rows.push([`W[${o}, ${c}, ${k}]`, formatNumber(data.weight[i]), formatNumber(data.gradWeight[i])]);
          }
        }
      }
      if (hasBias) for (let o = 0; o < O; o++) rows.push([`b[${o}]`, formatNumber(data.bias[o]), formatNumber(data.gradBias[o])]);
      return [{ caption: 'kernel W, bias b and their gradients', columns: ['parameter', 'value', 'gradient ∂C/∂·'], rows, note: '' }];
    },
  };
}

/**
 * → { summary, tables } of a classifier's softmax probabilities for the shown example (K classes, the true class
 * `target`, the predicted one `predicted`; class names or null).
 */
export function describeProbabilities(probabilities, target, names, predicted) {
  const name = (j) => (names ? names[j] : `class ${j}`);
  const p = (j) => formatNumber(probabilities[j]);
  const K = probabilities.length;
  return {
    summary: `Softmax probabilities p of the shown example over ${countOf(K, 'class', 'classes')}: `
      + `predicted ${name(predicted)} (p = ${p(predicted)}); true class ${name(target)} (p = ${p(target)}).`,
    tables: () => [{
      caption: 'Softmax probabilities p = e^z / Σ e^z of the shown example',
      columns: ['class', 'p'],
      rows: Array.from({ length: K }, (_, j) => [`${name(j)}${j === target ? ' (true)' : ''}${j === predicted ? ' (predicted)' : ''}`, p(j)]),
      note: '',
    }],
  };
}
