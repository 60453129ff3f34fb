// Exports: a PNG of every plot, the experiment as JSON (re-importable), and a CSV of signals and gradients.
import { downloadBlob } from '../shared/dom.js';
import { palette } from '../shared/palette.js';
import { layerType } from '../layers/registry.js';

/** One tall PNG of all the panels' canvases, each under its panel's title. → Promise<Blob> */
export function panelsPng(root) {
  // the plots only: the explanations' canvases (step-through, boundary lab) are not plots of the experiment, and a
  // canvas not on screen (a closed section) would add its title over an empty band
  const canvases = [...root.querySelectorAll('canvas')]
    .filter((c) => c.width > 0 && c.height > 0 && c.offsetParent !== null && c.clientHeight > 0 && !c.closest('#explain'));
  const ratio = canvases.length ? canvases[0].width / Math.max(1, canvases[0].clientWidth) : 1;
  const width = Math.max(...canvases.map((c) => c.width), 200);
  const titleHeight = Math.round(22 * ratio);
  const height = canvases.reduce((h, c) => h + c.height + titleHeight, 0) + 10;
  const out = document.createElement('canvas');
  out.width = width;
  out.height = height;
  const ctx = out.getContext('2d');
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
  let y = 0;
  ctx.font = `600 ${Math.round(13 * ratio)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  for (const canvas of canvases) {
    const section = canvas.closest('section');
    const title = canvas.getAttribute('aria-label') || (section && section.querySelector('h2')?.textContent) || '';
    ctx.fillStyle = palette.text;
    ctx.fillText(title, 6 * ratio, y + titleHeight / 2);
    y += titleHeight;
    ctx.drawImage(canvas, 0, y);
    y += canvas.height;
  }
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

/** The experiment as pretty JSON. */
export function experimentJson(experiment) {
  return new Blob([`${JSON.stringify(experiment, null, 2)}\n`], { type: 'application/json' });
}

/**
 * A CSV with one column per signal (channel-major arrays are split per channel): the network input, target,
 * output and its gradients, then every layer's output, ∂C/∂y, ∂C/∂x_in, weights and their gradients.
 */
export function signalsCsv(model) {
  const columns = [];
  const add = (name, values, channels) => {
    const n = values.length / channels;
    for (let c = 0; c < channels; c++) {
      columns.push({ name: channels > 1 ? `${name}[ch${c}]` : name, values: Array.from(values.subarray(c * n, (c + 1) * n)) });
    }
  };
  add('x', model.view('input'), model.inputChannels);
  add('target y', model.view('target'), model.outputChannels);
  add('output y_hat', model.view('output'), model.outputChannels);
  add('dC/dy_hat', model.view('gradOutput'), model.outputChannels);
  add('dC/dx', model.view('gradInput'), model.inputChannels);
  model.layers.forEach((g, l) => {
    const p = `layer${l + 1} ${g.type}`;
    add(`${p} output`, model.view('output', l), g.outChannels);
    add(`${p} dC/dy`, model.view('gradOutput', l), g.outChannels);
    add(`${p} dC/dx_in`, model.view('gradInput', l), g.inChannels);
    const kind = layerType(g.type);
    if (kind.padded) {
      add(`${p} x_pad`, model.view('padded', l), g.inChannels);
      add(`${p} dC/dx_pad`, model.view('gradPadded', l), g.inChannels);
    }
    if (kind.parameters) {
      add(`${p} W (${kind.parameters.shape === 'kernel' ? 'o,c,k' : 'o,j'} flattened)`, model.view('weight', l), 1);
      add(`${p} dC/dW`, model.view('gradWeight', l), 1);
      if (g.bias) {
        add(`${p} b`, model.view('bias', l), 1);
        add(`${p} dC/db`, model.view('gradBias', l), 1);
      }
    }
    if (kind.argmax(g)) add(`${p} argmax`, Float32Array.from(model.view('argmax', l)), g.outChannels);
  });
  const rows = Math.max(...columns.map((c) => c.values.length));
  const quote = (s) => `"${s.replace(/"/g, '""')}"`;
  const lines = [['index', ...columns.map((c) => quote(c.name))].join(',')];
  for (let i = 0; i < rows; i++) {
    lines.push([i, ...columns.map((c) => (i < c.values.length ? String(c.values[i]) : ''))].join(','));
  }
  return new Blob([`${lines.join('\n')}\n`], { type: 'text/csv' });
}

/** The Export buttons: kind 'png' | 'json' | 'csv' of the session's experiment (queued training run first). */
export async function exportAs(kind, session, panels) {
  session.runPending();
  if (kind === 'png') {
    const blob = await panelsPng(panels);
    if (blob) downloadBlob(blob, 'convpool-plots.png');
  } else if (kind === 'json') {
    downloadBlob(experimentJson(session.experiment), 'convpool-experiment.json');
  } else {
    downloadBlob(signalsCsv(session.model), 'convpool-signals.csv');
  }
}

/** The import file picker: a JSON experiment is loaded as a link would be (the session reports its problems). */
export async function importExperiment(file, session, notice) {
  if (file.size > 5_000_000) {
    notice('That file is too large to be a convpool experiment (over 5 MB); nothing was loaded.', 'warning');
    return;
  }
  let raw;
  try {
    raw = JSON.parse(await file.text());
  } catch {
    notice('That file is not JSON; nothing was loaded.', 'warning');
    return;
  }
  if (session.load(raw, { source: 'file' })) notice('Experiment imported.', 'info');
}
