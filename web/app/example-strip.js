// The strip of examples: a few training and validation examples of the data set, each with the network's current
// prediction ŷ (solid) over its target y (dashed). Clicking one shows it in every panel (session.showExample).
// Hidden when the experiment has no data set (one example: the signal panels already show it).
import { palette } from '../shared/palette.js';
import { prepareCanvas } from '../shared/canvas.js';
import { presetClassNames } from '../shared/datasets.js';

const TRAIN_SHOWN = 4;
const VALIDATION_SHOWN = 2;
const HEIGHT = 56;
/**
 * While training plays, every frame would redraw the strip: a forward and backward pass per tile and six small canvases
 * for the compositor to take up, about as much as the rest of the plots. The tiles are thumbnails, so when only the
 * weights changed they are redrawn at most this often; a timer draws the last state (a new model, data set or
 * selection is drawn at once).
 */
const REFRESH_MS = 100;

function drawTile(canvas, yHat, y, selected) {
  const { ctx, width } = prepareCanvas(canvas, HEIGHT);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...y, ...yHat]) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(hi > lo)) { hi = lo + 1; lo -= 1; }
  const xOf = (i) => 2 + (i / Math.max(1, y.length - 1)) * (width - 4);
  const yOf = (v) => 3 + ((hi - v) / (hi - lo)) * (HEIGHT - 6);
  const line = (values, color, dash) => {
    ctx.strokeStyle = color;
    ctx.setLineDash(dash);
    ctx.lineWidth = 1.25;
    ctx.beginPath();
    values.forEach((v, i) => (i ? ctx.lineTo(xOf(i), yOf(v)) : ctx.moveTo(xOf(i), yOf(v))));
    ctx.stroke();
  };
  line(y, palette.target, [4, 2]);
  line(yHat, palette.output, []);
  ctx.setLineDash([]);
  if (selected) {
    ctx.strokeStyle = palette.text;
    ctx.lineWidth = 2;
    ctx.strokeRect(1, 1, width - 2, HEIGHT - 2);
  }
}

/**
 * A classification example (loss 'crossentropy'): its input waveform, and in words its true class and the class the
 * network picks with that class's probability (✓ when they agree), since a class index drawn as a curve says nothing.
 */
function drawClassTile(canvas, x, probabilities, truth, names, selected) {
  const { ctx, width } = prepareCanvas(canvas, HEIGHT);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(hi > lo)) { hi = lo + 1; lo -= 1; }
  const top = 16;
  const xOf = (i) => 2 + (i / Math.max(1, x.length - 1)) * (width - 4);
  const yOf = (v) => top + ((hi - v) / (hi - lo)) * (HEIGHT - top - 3);
  ctx.strokeStyle = palette.input;
  ctx.lineWidth = 1;
  ctx.beginPath();
  x.forEach((v, i) => (i ? ctx.lineTo(xOf(i), yOf(v)) : ctx.moveTo(xOf(i), yOf(v))));
  ctx.stroke();
  let picked = 0;
  for (let j = 1; j < probabilities.length; j++) if (probabilities[j] > probabilities[picked]) picked = j;
  const name = (j) => (names && names[j]) || `class ${j}`;
  ctx.fillStyle = palette.text;
  ctx.font = '10px system-ui, sans-serif';
  ctx.textAlign = 'left';
  const verdict = picked === truth ? '✓' : `✗ says ${name(picked)}`;
  ctx.fillText(`${name(truth)} ${verdict} (p ${Number.isFinite(probabilities[picked]) ? probabilities[picked].toFixed(2) : '–'})`, 2, 10);
  if (selected) {
    ctx.strokeStyle = palette.text;
    ctx.lineWidth = 2;
    ctx.strokeRect(1, 1, width - 2, HEIGHT - 2);
  }
  return { truth: name(truth), picked: name(picked) };
}

/** Builds the strip in `root` (a section); hiddenByEmbed: a course page hid it (hide=examples). → { redraw() } */
export function createExampleStrip(root, session, { onSelect, hiddenByEmbed = false }) {
  let key = '';
  let tiles = [];
  let drawnAt = -Infinity;
  let drawnSelection = '';
  let refreshTimer = null;

  function build(trainCount, validationCount) {
    const list = document.createElement('div');
    list.className = 'example-tiles';
    tiles = [];
    const add = (index, validation) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'example-tile';
      button.dataset.index = index;
      button.dataset.validation = validation ? '1' : '0';
      const label = `${validation ? 'validation' : 'training'} example ${index + 1}`;
      button.setAttribute('aria-label', `Show ${label} in the panels`);
      const caption = document.createElement('span');
      caption.textContent = `${validation ? 'val' : 'train'} #${index + 1}`;
      const canvas = document.createElement('canvas');
      canvas.setAttribute('aria-hidden', 'true');
      button.append(caption, canvas);
      button.addEventListener('click', () => onSelect(index, validation));
      list.append(button);
      tiles.push({ index, validation, canvas, button, caption });
    };
    for (let i = 0; i < Math.min(TRAIN_SHOWN, trainCount); i++) add(i, false);
    for (let i = 0; i < Math.min(VALIDATION_SHOWN, validationCount); i++) add(i, true);
    root.querySelector('.example-tiles')?.remove();
    root.append(list);
  }

  /** Evaluates each shown example (a forward pass each) and draws it; puts the selected example back in the views. */
  function redraw() {
    const m = session.model;
    const e = session.experiment;
    root.hidden = hiddenByEmbed || !e || !e.dataset;
    if (root.hidden) return;
    const trainCount = m.exampleCount();
    const validationCount = m.validationCount();
    const nextKey = `${session.serial}|${trainCount}|${validationCount}`;
    const shown = session.shownExample;
    const selection = `${shown.index}|${shown.validation}`;
    const now = performance.now();
    if (nextKey === key && selection === drawnSelection && now - drawnAt < REFRESH_MS) {
      refreshTimer ??= setTimeout(() => { refreshTimer = null; redraw(); }, REFRESH_MS - (now - drawnAt));
      return;
    }
    clearTimeout(refreshTimer);
    refreshTimer = null;
    drawnAt = now;
    drawnSelection = selection;
    if (nextKey !== key) { key = nextKey; build(trainCount, validationCount); }
    for (const tile of tiles) {
      m.showExample(tile.index, { validation: tile.validation });
      const selected = tile.index === shown.index && tile.validation === shown.validation;
      tile.button.setAttribute('aria-pressed', String(selected));
      if (e.network.loss === 'crossentropy') {
        const { truth, picked } = drawClassTile(tile.canvas, m.view('input').subarray(0, m.inputLength), m.view('probabilities'), m.view('target')[0],
          presetClassNames(e.dataset.preset), selected);
        tile.button.dataset.classes = `${truth}|${picked}`;
        tile.caption.textContent = `${tile.validation ? 'val' : 'train'} #${tile.index + 1}: ${truth}`;
      } else drawTile(tile.canvas, m.view('output'), m.view('target'), selected);
    }
    m.showExample(shown.index, { validation: shown.validation });
  }

  return { redraw };
}
