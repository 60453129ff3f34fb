// DOM of the per-layer panels: a forward plot, a backward plot and (conv layers) a kernel plot or (linear layers) a
// weight heat map per layer.
// Rebuilt only when the network's layer list changes; the canvases are redrawn by view.js.
import { LAYER_SCHEMA, describeLayer } from '../shared/schema.js';

/**
 * Builds one <section> per layer in `container`. → [{ forward, backward, kernel|null, title }] canvases per layer.
 */
export function buildLayerPanels(container, layers) {
  container.replaceChildren();
  return layers.map((layer, l) => {
    const section = document.createElement('section');
    section.className = 'panel layer-panel';
    section.dataset.panel = `layer-${l}`;
    const heading = document.createElement('h2');
    heading.id = `layer-title-${l}`;
    section.setAttribute('aria-labelledby', heading.id);
    const name = document.createElement('span');
    name.textContent = `Layer ${l + 1} · ${LAYER_SCHEMA[layer.type].title}`;
    const options = document.createElement('small');
    options.textContent = describeLayer(layer);
    heading.append(name, ' ', options);
    section.append(heading);
    const canvas = (kind, label) => {
      const c = document.createElement('canvas');
      c.tabIndex = 0;
      c.setAttribute('role', 'img');
      c.setAttribute('aria-label', label);
      c.dataset.layer = String(l);
      c.dataset.kind = kind;
      const caption = document.createElement('h3');
      caption.textContent = kind === 'forward' ? 'Forward' : kind === 'backward' ? 'Backward (gradients)' : 'Parameters';
      section.append(caption, c);
      return c;
    };
    const forward = canvas('forward', `Layer ${l + 1} forward pass: input and output`);
    const kernel = layer.type === 'conv1d' ? canvas('kernel', `Layer ${l + 1} kernel, bias and their gradients`) : null;
    const weights = layer.type === 'linear'
      ? canvas('weights', `Layer ${l + 1} weights W as a heat map (outputs by flattened inputs), bias and their gradients`) : null;
    const backward = canvas('backward', `Layer ${l + 1} backward pass: gradients`);
    container.append(section);
    return { forward, backward, kernel, weights };
  });
}
