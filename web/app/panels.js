// DOM of the per-layer panels: a forward plot, a backward plot and (conv layers) a kernel plot or (linear layers) a
// weight heat map per layer, each with its text alternative (web/app/plot-text.js); the panel's heading is a button
// that collapses it (long pages of plots on a phone). Rebuilt only when the network's layer list changes; the
// canvases are redrawn by view.js. The page builds the panels of the link's experiment before the WebAssembly
// arrives, at their expected heights, so the first drawing does not move the page; the view's first build then finds
// them already there.
import { parseFragment } from '../shared/experiment.js';
import { channelsAfter, describeLayer, layerType, weightShape } from '../layers/registry.js';
import { addTextAlternative } from './plot-text.js';
import { signalRowHeight, tracksHeight } from './render/tracks.js';
import { nextTask } from '../shared/yield.js';

// Heights of the plots in CSS pixels, as render/tracks.js and render/kernel.js draw them.
const KERNEL_HEIGHT = 2 * (18 + 70) + 4;

const built = new WeakMap();  // container → { key, canvases }
const building = new WeakMap();  // container → the token of the build under way (the latest one wins)

/**
 * Builds one <section> per layer in `container` (unless it already holds these layers).
 * → [{ forward, backward, kernel|null }] canvases per layer.
 */
export function buildLayerPanels(container, layers) {
  const parts = buildingLayerPanels(container, layers);
  for (;;) {
    const { done, value } = parts.next();
    if (done) return value;
  }
}

/**
 * buildLayerPanels one layer per part (a generator: the caller may give the main thread back at each `yield`). A
 * build started later for the same container supersedes this one, which then stops and returns null.
 */
function* buildingLayerPanels(container, layers) {
  const key = JSON.stringify(layers);
  const previous = built.get(container);
  if (previous && previous.key === key) return previous.canvases;
  const token = {};
  building.set(container, token);
  built.delete(container);
  container.replaceChildren();
  const canvases = [];
  for (const [l, layer] of layers.entries()) {
    canvases.push(buildPanel(container, layer, l));
    if (l < layers.length - 1) {
      yield canvases;
      if (building.get(container) !== token) return null;
    }
  }
  built.set(container, { key, canvases });
  return canvases;
}

/** One layer's <section>: its heading (a toggle) and its canvases. → { forward, backward, kernel, weights }. */
function buildPanel(container, layer, l) {
  const section = document.createElement('section');
  section.className = 'panel layer-panel';
  section.dataset.panel = `layer-${l}`;
  const heading = document.createElement('h2');
  heading.id = `layer-title-${l}`;
  section.setAttribute('aria-labelledby', heading.id);
  const body = document.createElement('div');
  body.className = 'layer-body';
  body.id = `layer-body-${l}`;
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'layer-toggle';
  toggle.setAttribute('aria-expanded', 'true');
  toggle.setAttribute('aria-controls', body.id);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    body.hidden = !open;
  });
  const name = document.createElement('span');
  name.textContent = `Layer ${l + 1} · ${layerType(layer.type).title}`;
  const options = document.createElement('small');
  options.textContent = describeLayer(layer);
  toggle.append(name, ' ', options);
  heading.append(toggle);
  section.append(heading, body);
  const canvas = (kind, label) => {
    const c = document.createElement('canvas');
    c.tabIndex = 0;
    c.setAttribute('role', 'img');
    c.setAttribute('aria-label', label);
    c.dataset.layer = String(l);
    c.dataset.kind = kind;
    c.id = `plot-${kind}-${l}`;
    const caption = document.createElement('h3');
    caption.textContent = kind === 'forward' ? 'Forward' : kind === 'backward' ? 'Backward (gradients)' : 'Parameters';
    body.append(caption, c);
    addTextAlternative(c);
    return c;
  };
  const forward = canvas('forward', `Layer ${l + 1} forward pass: input and output`);
  const shape = weightShape(layer);
  const kernel = shape === 'kernel' ? canvas('kernel', `Layer ${l + 1} kernel, bias and their gradients`) : null;
  const weights = shape === 'matrix'
    ? canvas('weights', `Layer ${l + 1} weights W as a heat map (outputs by flattened inputs), bias and their gradients`) : null;
  const backward = canvas('backward', `Layer ${l + 1} backward pass: gradients`);
  container.append(section);
  return { forward, backward, kernel, weights };
}

/** Sets every plot's height to what it will be once drawn (its channels and tracks), before anything is drawn. */
export function reservePlotHeights(canvases, layers, inputChannels, signalCanvases) {
  let channels = inputChannels;
  layers.forEach((layer, l) => {
    const inCh = channels;
    const outCh = channelsAfter(layer, inCh) || 1;
    const padded = layerType(layer.type).showsPadded(layer);
    const c = canvases[l];
    if (!c) return;
    c.forward.style.height = `${tracksHeight([inCh, outCh])}px`;
    c.backward.style.height = `${tracksHeight(padded ? [outCh, inCh, inCh] : [outCh, inCh])}px`;
    if (c.kernel) c.kernel.style.height = `${KERNEL_HEIGHT}px`;
    channels = outCh;
  });
  if (signalCanvases) {
    const width = signalCanvases.input.clientWidth;
    signalCanvases.input.style.height = `${tracksHeight([inputChannels], signalRowHeight(inputChannels, width))}px`;
    signalCanvases.prediction.style.height = `${tracksHeight([channels], signalRowHeight(channels, width))}px`;
  }
}

/**
 * The panels of the experiment in `fragment` (a link), built at their drawn heights while the WebAssembly loads, a
 * layer per task: the first drawing moves nothing. → a promise, settled once all are built (or superseded).
 */
export async function reservePlotSpace(fragment) {
  try {
    const { experiment } = parseFragment(fragment);
    const layers = experiment.network.layers;
    const signals = { input: document.getElementById('canvas-input'), prediction: document.getElementById('canvas-prediction') };
    const reserve = (canvases) => reservePlotHeights(canvases, layers, experiment.network.inputChannels, signals);
    // one layer's panel per task, each at its drawn height as soon as it is there (nothing moves once painted)
    const parts = buildingLayerPanels(document.getElementById('layer-panels'), layers);
    for (;;) {
      const { done, value } = parts.next();
      if (value) reserve(value);
      if (done) return;
      await nextTask();
    }
  } catch (error) {
    console.warn('could not reserve the plots\' space', error);
  }
}
