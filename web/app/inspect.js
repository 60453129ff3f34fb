// Inspection: hover (mouse, pen), tap (touch) and arrow keys on any plot pick one sample; the plots highlight it and
// the tooltip lists the terms that made it. Listeners (the explanations) hear about every change of the sample.
import { $ } from '../shared/dom.js';
import { axisCells } from '../shared/geometry.js';
import { layerType } from '../layers/registry.js';
import { showTooltip } from './tooltip-box.js';

/**
 * plots() → the view's hit-testers by key; isDrawing(key) → true while that canvas takes a freehand drawing;
 * requestRedraw() redraws the highlights.
 */
/** A tooltip whose code (tooltip.js) takes longer than this to load says that it is loading. */
const SLOW_TOOLTIP_MS = 400;

export function createInspection(session, { plots, isDrawing, requestRedraw }) {
  let hover = null;  // { panel, layer, track, channel, index }
  let anchor = null;
  let lastBusyAt = 0;
  const listeners = [];
  // a mouse or pen resting on a plot that had no sample under it yet (its first drawing, which makes its hit-tester,
  // came after the pointer): { locate, x, y, at }. The next redraw looks again, so a pointer need not move to be heard.
  let resting = null;

  // What a sample is made of (tooltip.js) loads on the first hover or arrow key: a first visit may never hover.
  let describeHover = null;
  let describerLoad = null;
  let describerError = null;
  let announceWhenLoaded = false;  // an arrow key asked while tooltip.js was loading
  let slowLoad = false;            // the load has taken long enough to say so in the tooltip
  function loadDescriber() {
    if (describerLoad || describeHover) return;
    const slow = setTimeout(() => { slowLoad = true; refreshTooltip(); }, SLOW_TOOLTIP_MS);
    describerLoad = import('./tooltip.js').then((m) => { describeHover = m.describeHover; describerError = null; })
      .catch((error) => { describerError = error; describerLoad = null; })
      .then(() => { clearTimeout(slow); slowLoad = false; refreshTooltip(); if (announceWhenLoaded) announce(); });
  }

  /**
   * The tooltip's content for the current sample. While tooltip.js loads there is none (the box stays hidden: the
   * load takes a few ms), unless the load is slow: then a line says so, as it does after a failed load.
   */
  function describe() {
    if (!describeHover) {
      const failed = describerError;
      if (!failed) loadDescriber();  // after a failure, the next sample pointed at tries again (not every redraw)
      if (failed) return { title: 'The terms of this sample could not be loaded', lines: [`${failed.message || failed}. Point at the plot again to retry.`] };
      return slowLoad ? { title: 'Loading the terms of this sample…', lines: [] } : null;
    }
    try {
      return describeHover(hover, { model: session.model, experiment: session.experiment, history: session.history });
    } catch { return null; }
  }

  function setHover(next, at) {
    lastBusyAt = performance.now();
    const same = JSON.stringify(next) === JSON.stringify(hover);
    hover = next;
    anchor = next ? at : null;
    if (!next) showTooltip($('tooltip'), null);
    if (same) return;
    describerError = null;
    for (const fn of listeners) {
      try {
        fn(next ? { panel: next.panel, layer: next.layer, channel: next.channel, index: next.index, track: next.track } : null);
      } catch (error) { console.warn('a hover listener failed', error); }
    }
    if (session.model) requestRedraw();
  }

  /** The keyboard's sample, said by the live region (the tooltip itself is not read out). */
  function announce() {
    const live = $('inspect-live');
    if (!live || !hover) return;
    const content = describe();
    announceWhenLoaded = !describeHover;
    live.textContent = content ? [content.title, ...content.lines].join('. ') : '';
  }

  function refreshTooltip() {
    if (!hover && resting) {
      const found = resting.locate(resting.x, resting.y);
      if (found) { const at = resting.at; resting = null; setHover(found, at); }
    }
    if (!hover || !anchor) return;
    showTooltip($('tooltip'), describe(), anchor.x, anchor.y);
  }

  /** Hover, tap and arrow keys on one canvas; `key` names its hit-tester in the view's plots. */
  function wire(canvas, key, panel, layer) {
    const locate = (clientX, clientY) => {
      const rect = canvas.getBoundingClientRect();
      const plot = plots()[key];
      const hit = plot && plot.hit(clientX - rect.left, clientY - rect.top);
      if (!hit) return null;
      return { panel, layer, track: hit.track, channel: hit.channel, index: hit.index };
    };
    // the pointer entering or the keyboard reaching a plot fetches the tooltip's code before a sample is picked
    canvas.addEventListener('pointerenter', loadDescriber);
    canvas.addEventListener('focus', loadDescriber);
    canvas.addEventListener('pointermove', (event) => {
      if (event.pointerType === 'touch' || isDrawing(key) && event.buttons) return;
      const at = { x: event.pageX, y: event.pageY };
      const found = locate(event.clientX, event.clientY);
      resting = found || plots()[key] ? null : { locate, x: event.clientX, y: event.clientY, at };
      setHover(found, at);
    });
    canvas.addEventListener('pointerdown', (event) => {
      if (event.pointerType !== 'touch' || isDrawing(key)) return;
      setHover(locate(event.clientX, event.clientY), { x: event.pageX, y: event.pageY });
    });
    canvas.addEventListener('pointerleave', (event) => {
      if (event.pointerType !== 'touch') { resting = null; setHover(null); }
    });
    canvas.addEventListener('blur', () => setHover(null));
    canvas.addEventListener('keydown', (event) => {
      // Space on a focused plot picks its sample (as Enter does), never scrolls the page away from it
      if (event.key === ' ') event.preventDefault();
      const tracks = keyboardTracks(key, layer);
      if (!tracks.length) return;
      const current = hover && hover.panel === panel && (layer === undefined || hover.layer === layer) ? hover : null;
      let t = current ? Math.max(0, tracks.findIndex((tr) => tr.id === current.track)) : 0;
      let index = current ? current.index : 0;
      let channel = current ? current.channel : 0;
      // ↑/↓ walk every (track, channel) row in drawing order, so every channel of a multi-channel plot is reachable
      const rows = tracks.flatMap((tr, ti) => Array.from({ length: tr.channels }, (_, c) => [ti, c]));
      const row = Math.max(0, rows.findIndex(([ti, c]) => ti === t && c === Math.min(channel, tracks[t].channels - 1)));
      switch (event.key) {
        case 'ArrowRight': index += 1; break;
        case 'ArrowLeft': index -= 1; break;
        case 'ArrowDown': [t, channel] = rows[Math.min(rows.length - 1, row + 1)]; break;
        case 'ArrowUp': [t, channel] = rows[Math.max(0, row - 1)]; break;
        case 'Home': index = 0; break;
        case 'End': index = Infinity; break;
        case ' ': case 'Enter': break;  // the sample under inspection (the first one when none is)
        case 'Escape': setHover(null); return;
        default: return;
      }
      event.preventDefault();
      const track = tracks[t];
      index = Math.max(0, Math.min(track.length - 1, index));
      channel = Math.min(channel, track.channels - 1);
      const rect = canvas.getBoundingClientRect();
      const point = plots()[key]?.point?.(track.id, channel, index);
      const at = point ? { x: rect.left + window.scrollX + point.x, y: rect.top + window.scrollY + point.y }
        : { x: rect.left + window.scrollX + 20, y: rect.top + window.scrollY + 20 };
      setHover({ panel, layer, track: track.id, channel, index }, at);
      announce();
    });
  }

  /** The tracks the arrow keys walk on a canvas, with their lengths and channel counts. */
  function keyboardTracks(key, layer) {
    const m = session.model;
    if (key === 'input') return [{ id: 'x', length: m.inputLength, channels: m.inputChannels }];
    if (key === 'prediction' && m.spec.loss === 'crossentropy') return [{ id: 'probabilities', length: m.outputChannels, channels: 1 }];
    if (key === 'prediction') return [{ id: 'output', length: m.outputLength, channels: m.outputChannels }];
    if (key === 'loss') return [{ id: 'loss', length: session.history.length, channels: 1 }];
    const g = m.layers[layer];
    if (key.startsWith('kernel')) {
      const w = g.outChannels * g.inChannels * g.kernelSize;
      const tracks = [{ id: 'weight', length: w, channels: 1 }, { id: 'gradWeight', length: w, channels: 1 }];
      if (g.bias) tracks.push({ id: 'bias', length: g.outChannels, channels: 1 }, { id: 'gradBias', length: g.outChannels, channels: 1 });
      return tracks;
    }
    const cells = axisCells(g);
    if (key.startsWith('forward')) {
      return [{ id: 'input', length: cells, channels: g.inChannels }, { id: 'output', length: g.outLength, channels: g.outChannels }];
    }
    const tracks = [{ id: 'gradOutput', length: g.outLength, channels: g.outChannels }];
    if (layerType(g.type).padded && (g.padLeft || g.padRight)) tracks.push({ id: 'gradPadded', length: cells, channels: g.inChannels });
    tracks.push({ id: 'gradInput', length: g.inLength, channels: g.inChannels });
    return tracks;
  }

  /** The layer panels' canvases, wired as they are built. */
  function wireLayers(layerCanvases) {
    layerCanvases.forEach((canvases, l) => {
      wire(canvases.forward, `forward-${l}`, 'forward', l);
      wire(canvases.backward, `backward-${l}`, 'backward', l);
      if (canvases.kernel) wire(canvases.kernel, `kernel-${l}`, 'kernel', l);
    });
  }

  for (const [key, panel] of Object.entries({ input: 'signals-input', prediction: 'signals-output', loss: 'loss' })) {
    wire($(`canvas-${key}`), key, panel);
  }
  document.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'touch' && !(event.target instanceof HTMLCanvasElement)) setHover(null);
  });
  session.on('model', () => setHover(null));

  return {
    get hover() { return hover; },
    get lastBusyAt() { return lastBusyAt; },
    wireLayers,
    refreshTooltip,
    onHover(fn) { if (typeof fn === 'function') listeners.push(fn); },
  };
}
