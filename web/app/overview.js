// The network at a glance, above the plots (after CNN Explainer's overview): the input, each layer and the loss as a
// row of boxes, each with its shape (channels × length, as the core computed it) and a block drawn to that shape;
// between them what flows forward (x) and back (∂C/∂x). A click on a box brings its plots into view. The shapes come
// from the model's layer geometry and the names from the layer registry: nothing here knows a layer type.
// Loaded in idle time after `ready` (its space is kept in index.html), so it adds nothing to the start-up.
import { describeLayer, layerType } from '../layers/registry.js';

/** The largest block (px) a box draws: a length of the input's and the most channels of the network. */
const BLOCK = { width: 56, height: 30 };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Builds the overview into `root` and keeps it current with the session's model. `jump(id)` brings the element of
 * that id into view and focuses it (the input plot, a layer's heading, the loss chart).
 */
export function createOverview(root, session, { jump }) {
  const render = () => {
    const m = session.model;
    if (!m) return;
    const e = session.experiment;
    const nodes = [
      { title: 'input x', detail: e.dataset ? 'an example of the data set' : 'the signal', channels: m.inputChannels, length: m.inputLength,
        target: 'canvas-input' },
      ...m.layers.map((g, l) => ({
        title: `${l + 1} · ${layerType(e.network.layers[l].type).title}`, detail: describeLayer(e.network.layers[l]),
        channels: g.outChannels, length: g.outLength, target: `layer-title-${l}`, focus: `#layer-title-${l} button`,
      })),
      { title: `loss C (${e.network.loss})`, detail: e.network.loss === 'crossentropy' ? 'ŷ against the class' : 'ŷ against the target y',
        target: 'canvas-loss', loss: true },
    ];
    const most = { channels: Math.max(...nodes.map((n) => n.channels || 1)), length: Math.max(...nodes.map((n) => n.length || 1)) };
    const row = el('ol', 'overview-stack');
    nodes.forEach((node, i) => {
      if (i > 0) row.append(connector());
      const item = el('li', 'overview-item');
      const button = el('button', `overview-node${node.loss ? ' overview-loss' : ''}`);
      button.type = 'button';
      const shape = node.loss ? 'one number' : `${node.channels} × ${node.length}`;
      button.title = node.detail;
      // the visible words first (they are the button's name), then what a screen reader needs besides
      const more = node.loss ? ` (${node.detail}); show the loss curve` : ` (channels × samples; ${node.detail}); show its plots`;
      button.append(el('span', 'overview-title', node.title), block(node, most), el('span', 'overview-shape', shape),
        el('span', 'visually-hidden', more));
      button.addEventListener('click', () => jump(node.target, node.focus));
      item.append(button);
      row.append(item);
    });
    const legend = el('p', 'overview-legend');
    legend.append(el('span', 'overview-forward', '→ forward: x'), ' ', el('span', 'overview-backward', '← backward: ∂C/∂x'),
      ` · channels × length · ${m.layers.length} ${m.layers.length === 1 ? 'layer' : 'layers'}`);
    root.replaceChildren(el('h2', 'visually-hidden', 'The network at a glance'), row, legend);
    root.dataset.overview = 'ready';
  };
  session.on('model', render);
  render();
  return { render };
}

/** A block drawn to the shape: its width follows the length, its height the channels (both against the largest). */
function block(node, most) {
  const shape = el('span', 'overview-block');
  shape.setAttribute('aria-hidden', 'true');
  if (node.loss) {
    shape.classList.add('overview-scalar');
    return shape;
  }
  const width = Math.max(4, Math.round((BLOCK.width * node.length) / most.length));
  const height = Math.max(4, Math.round((BLOCK.height * Math.log2(1 + node.channels)) / Math.log2(1 + most.channels)));
  shape.style.width = `${width}px`;
  shape.style.height = `${height}px`;
  return shape;
}

/** Between two boxes: x going forward above, ∂C/∂x coming back below. */
function connector() {
  const item = el('li', 'overview-flow');
  item.setAttribute('aria-hidden', 'true');
  item.append(el('span', 'overview-forward', '→'), el('span', 'overview-backward', '←'));
  return item;
}
