// The learner's side of a formula goal: a math input (MathLive, loaded on first use) and the same formula as plain
// text (for keyboards and screen readers; either one can be edited, the other follows), a Check button, the place a
// formula that does not parse goes wrong, and the plot of the true quantity with the learner's values over it.
// Loaded by exercise-panel.js only for an exercise with a formula goal.
import { h } from '../shared/dom.js';
import { loadMathField } from './math-field.js';
import { drawFormulaPlot, describeFormulaPlot } from './formula-plot.js';

const FREE = { y: 't', dx: 'i', dw: 'k', db: null };
const LEFT_SIDE = { y: 'y[t] =', dx: '∂C/∂x_in[i] =', dw: '∂C/∂W[k] =', db: '∂C/∂b =' };
const NAME = { y: 'y', dx: '∂C/∂x_in', dw: '∂C/∂W', db: '∂C/∂b' };
const PLACEHOLDER = 'LaTeX or plain text, e.g. \\sum_{k=0}^{K-1} …';

/**
 * Builds the form of goal `i` into `root`. `actions`: answer(i, text) → Promise of the exercise result,
 * formulaResult(i) → the last judgement ({ detail, error?, plot? }) or null, say(text) (the live region),
 * onResult(result) (the panel re-renders). `typed` is the formula stored from an earlier visit or the link.
 * → { refresh() } (call after each render: redraws the plot of the latest judgement).
 */
export function mountFormulaField(root, i, goal, actions, typed = '') {
  const id = `exercise-formula-${i}`;
  const text = h('input', { id, type: 'text', class: 'exercise-formula-text', autocomplete: 'off', spellcheck: 'false',
    autocapitalize: 'off', 'aria-describedby': `exercise-feedback-${i} ${id}-help`, placeholder: PLACEHOLDER });
  text.value = typed;
  const help = h('p', { class: 'exercise-formula-help', id: `${id}-help` },
    'Type the right-hand side in LaTeX or plain text: W_k or W[k], \\sum_{k=0}^{K-1} or sum_{k=0}^{K-1}, \\delta or δ, '
    + 'xpad, N K M s d p, Iverson brackets [a = b]; juxtaposition multiplies (ts is t·s).');
  const mathSlot = h('div', { class: 'exercise-formula-math' });
  const toggle = h('button', { type: 'button', class: 'exercise-formula-toggle', hidden: true }, 'Type as plain text');
  const place = h('p', { class: 'exercise-formula-place', hidden: true });
  const canvas = h('canvas', { class: 'exercise-formula-plot', role: 'img', hidden: true });
  const caption = h('p', { class: 'exercise-formula-caption', hidden: true });
  const textRow = h('div', { class: 'exercise-formula-row' }, h('label', { for: id }, LEFT_SIDE[goal.quantity]), text);
  const form = h('form', { class: 'exercise-formula-form', dataset: { quantity: goal.quantity } },
    mathSlot, textRow, h('div', { class: 'exercise-formula-buttons' }, h('button', { type: 'submit' }, 'Check'), toggle),
    help, place);
  root.append(form, canvas, caption);

  let field = null;
  // On a touch screen MathLive would want its own virtual keyboard (kept off here): the device's keyboard types plain text.
  let plainOnly = typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches;
  const showPlain = (plain) => {
    plainOnly = plain;
    textRow.hidden = Boolean(field) && !plain;
    mathSlot.hidden = !field || plain;
    toggle.textContent = plain ? 'Use the math input' : 'Type as plain text';
  };
  showPlain(false);

  loadMathField().then((MathfieldElement) => {
    if (!MathfieldElement) return;
    const mathField = new MathfieldElement();
    mathField.className = 'exercise-formula-field';
    // the device's own keyboard: MathLive's virtual one writes HTML outside its Trusted Types hook
    mathField.setAttribute('math-virtual-keyboard-policy', 'manual');
    mathField.setAttribute('aria-label', `${LEFT_SIDE[goal.quantity]} (math input)`);
    mathField.dataset.formulaGoal = String(i);
    mathSlot.append(h('span', { class: 'exercise-formula-lhs', 'aria-hidden': 'true' }, LEFT_SIDE[goal.quantity]), mathField);
    field = mathField;  // options and value only once it is in the document (MathLive mounts it there)
    field.menuItems = [];
    field.smartFence = false;                       // "[" stays "[": it starts an Iverson bracket or an index
    field.value = text.value;
    field.addEventListener('input', () => { text.value = field.value; });
    // Enter checks the formula. Heard as it bubbles out of the field, after MathLive handled it: an open LaTeX command
    // (typed after a backslash) is committed by then, so the value is the whole formula.
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); form.requestSubmit(); }
    });
    toggle.hidden = false;
    showPlain(plainOnly);
  });
  text.addEventListener('input', () => { if (field) field.value = text.value; });
  toggle.addEventListener('click', () => {
    showPlain(!plainOnly);
    (plainOnly ? text : field)?.focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      if (field && !plainOnly) text.value = field.value;  // the math input's own value, committed by this Enter
      const result = await actions.answer(i, text.value);
      actions.onResult(result);
      const goalState = result.goals[i];
      actions.say(`${goalState.met ? 'Right' : 'Not yet'}: ${goalState.detail}`);
    } catch (error) {
      place.hidden = false;
      place.textContent = error.message;
      actions.say(error.message);
    }
  });

  function refresh() {
    const judged = actions.formulaResult(i);
    showPlace(place, judged, text.value);
    const plot = judged?.plot;
    canvas.hidden = !plot;
    caption.hidden = !plot;
    if (!plot) return;
    const free = FREE[goal.quantity];
    // An exercise that hides this quantity (a typed value of it is asked too) gets the marks, not the true values.
    const truth = !actions.truthHidden?.(i);
    const words = describeFormulaPlot(plot, free, NAME[goal.quantity], { truth });
    canvas.setAttribute('aria-label', words);
    caption.textContent = truth ? `${NAME[goal.quantity]} from the core (grey stems) and your formula (dots) for ${plot.label}`
      + (plot.wrong.length ? '; hatched where they disagree.' : '.')
      : `Your formula (dots) for ${plot.label}; hatched where it disagrees with the core (this exercise hides the true values).`;
    canvas.dataset.wrong = plot.wrong.join(',');
    canvas.dataset.truth = String(truth);
    drawFormulaPlot(canvas, plot, free, { truth });
  }
  refresh();
  return { refresh };
}

/** Marks where a formula that does not parse goes wrong: the text with the offending part in <mark>. */
function showPlace(place, judged, typed) {
  const error = judged?.error;
  if (!error || error.start === null || error.start === undefined || typed === '') {
    place.hidden = true;
    place.replaceChildren();
    return;
  }
  const start = Math.min(error.start, typed.length);
  const end = Math.max(start + 1, Math.min(error.end ?? start + 1, typed.length));
  place.hidden = false;
  place.replaceChildren(h('span', { class: 'visually-hidden' }, 'Where it goes wrong: '),
    h('code', {}, typed.slice(0, start), h('mark', {}, typed.slice(start, end) || ' '), typed.slice(end)));
}
