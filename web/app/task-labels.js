// The words around the output panel and the example strip follow the task: a regression (ŷ over its target curve
// y) or a classification (softmax bars over the classes, the true class outlined; tiles name their classes).
// The page's HTML holds the regression words; they are kept and put back when the task is a regression again.
// A classifier learns from the task's waveforms and class indices: the editor of the one example's signals does
// not apply to it and leaves the page.
import { $ } from '../shared/dom.js';
import { isClassificationDataset } from '../shared/datasets.js';

const saved = new Map();

/** Sets a node's text (or attribute) for the task; the original (child nodes, not HTML text: the page's Trusted
 * Types policy forbids innerHTML) is kept on first use and put back for a regression. */
function setText(node, classify, text, attribute = null) {
  if (!node) return;
  if (!saved.has(node)) saved.set(node, attribute ? node.getAttribute(attribute) : [...node.childNodes].map((n) => n.cloneNode(true)));
  const original = saved.get(node);
  if (attribute) node.setAttribute(attribute, classify ? text : original);
  else if (classify) node.textContent = text;
  else node.replaceChildren(...original.map((n) => n.cloneNode(true)));
}

/** Shows the words of `experiment`'s task (loss 'crossentropy': classification). */
export function applyTaskLabels(experiment) {
  const classify = experiment.network.loss === 'crossentropy';
  setText($('prediction-title'), classify, 'Output: the probability of each class');
  setText(document.querySelector('#prediction-title')?.closest('section')?.querySelector('.legend'), classify,
    'bars: softmax p of each class · dashed outline: the true class');
  setText($('canvas-prediction'), classify, 'The softmax probability of each class, the true class outlined', 'aria-label');
  document.querySelector('.controls > [data-control="signals"]')?.classList.toggle('not-applicable', isClassificationDataset(experiment.dataset));
  setText(document.querySelector('#example-strip .legend'), classify,
    'each tile: the input waveform, its true class, ✓ when the network picks it (else the class it picks) and p of that pick · click one to show it in the panels');
}
