// Choosing a classification data set: it needs loss 'crossentropy' and a network that ends in one value per class.
// When the learner's network does, the data set and the loss are set at once; when it does not, the panel asks
// first (use the small classifier network, or keep mine), and every such change can be undone with one click:
// the learner's network is never replaced without being asked, nor lost.
import { cloneExperiment } from '../shared/experiment.js';
import { presetClassNames } from '../shared/datasets.js';
import { fitsClasses, useClassifierNetwork } from '../shared/classify-task.js';

function button(id, text) {
  const node = document.createElement('button');
  node.type = 'button';
  node.id = id;
  node.textContent = text;
  return node;
}

/**
 * apply(change) edits the experiment → true when it was adopted; experiment() and model() are the current ones;
 * onCancel() puts the panel's choice back; `element` is the box to fill (the panel's, made before this code loaded).
 * → { element, offer(dataset) }
 */
export function createClassifyOffer({ apply, experiment, model, onCancel, element = document.createElement('div') }) {
  element.className = 'classify-offer';
  element.id = 'classify-offer';
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', 'Classification needs a classifier network');
  element.hidden = true;
  const text = document.createElement('p');
  text.setAttribute('aria-live', 'polite');  // the question and its outcome are read out where they appear
  const use = button('classify-use-network', 'Use the small classifier network');
  const keep = button('classify-keep-network', 'Keep my network (no change)');
  const undo = button('classify-undo', 'Undo: back to my previous experiment');
  element.append(text, use, keep, undo);
  let pending = null;
  let previous = null;

  function show(message, { choosing }) {
    text.textContent = message;
    use.hidden = keep.hidden = !choosing;
    undo.hidden = choosing || !previous;
    element.hidden = false;
  }

  /** Adopts `change`, remembering the experiment before it for Undo. */
  function adopt(change, message) {
    const before = cloneExperiment(experiment());
    if (!apply(change)) return;
    previous = before;
    show(message, { choosing: false });
  }

  function offer(dataset) {
    const names = presetClassNames(dataset.preset);
    const m = model();
    const was = experiment().network.loss;
    if (fitsClasses(m, dataset)) {
      adopt((e) => { e.dataset = { ...dataset }; e.network.loss = 'crossentropy'; },
        `Your network ends in ${names.length} values, one per class, so it can classify: the loss is now `
        + `cross-entropy (it was ${was}).`);
      return;
    }
    pending = dataset;
    show(`Classifying ${names.length} waveforms (${names.join(', ')}) needs a network that ends in one value per `
      + `class: ${names.length} channels of length 1. Yours ends in ${m.outputChannels} channel`
      + `${m.outputChannels > 1 ? 's' : ''} of length ${m.outputLength}. Use the small classifier network (conv → ReLU → `
      + 'max-pool → conv → ReLU → global average pool → linear, trained with Adam), or keep yours? Undo brings yours back.',
    { choosing: true });
  }

  use.addEventListener('click', () => {
    if (!pending) return;
    const dataset = pending;
    pending = null;
    adopt((e) => useClassifierNetwork(e, dataset),
      'The classifier network and its data set are loaded (the loss is cross-entropy). Your previous network is kept: '
      + 'Undo brings it back.');
  });
  keep.addEventListener('click', () => {
    pending = null;
    element.hidden = true;
    onCancel();
  });
  undo.addEventListener('click', () => {
    if (!previous) return;
    const back = previous;
    if (!apply((e) => { for (const key of Object.keys(back)) e[key] = back[key]; })) return;
    previous = null;
    element.hidden = true;
  });

  return {
    element,
    offer,
    /** Another data-set choice: a question still open is dropped (an Undo stays until the next change). */
    dismiss() { pending = null; if (!use.hidden) element.hidden = true; },
  };
}
