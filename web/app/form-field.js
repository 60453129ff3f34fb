// The form's controls as the network editor and the signal rows build them: a labelled field with its error line, a
// list of numbers as choices, an icon button.
import { h } from '../shared/dom.js';

let uid = 0;

/** A labelled control; → { row, input }. kind: 'number' | 'select' | 'checkbox'. */
export function field(label, kind, value, options = {}) {
  const id = `f${++uid}`;
  let input;
  if (kind === 'select') {
    input = h('select', { id });
    for (const [optionValue, optionLabel] of options.choices) {
      const option = h('option', { value: optionValue }, optionLabel);
      if (String(optionValue) === String(value)) option.selected = true;
      input.append(option);
    }
  } else if (kind === 'checkbox') {
    input = h('input', { id, type: 'checkbox' });
    input.checked = Boolean(value);
  } else if (options.whole) {
    // a text box, so what was typed ("abc", "") stays in it next to its message instead of vanishing
    input = h('input', { id, type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false', value: String(value),
      dataset: { whole: label, min: options.min, max: options.max ?? '' } });
  } else {
    input = h('input', { id, type: 'number', inputmode: 'numeric', min: options.min, max: options.max, step: options.step || 1, value: String(value) });
  }
  const error = h('small', { class: 'field-error error', id: `${id}-error`, hidden: true });
  const row = h('div', { class: `field field-${kind}` }, kind === 'checkbox'
    ? [input, h('label', { for: id }, label), error]
    : [h('label', { for: id }, label), input, error]);
  if (options.title) row.title = options.title;
  return { row, input };
}

export const numberChoices = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => [from + i, String(from + i)]);

/** A small icon button with its label (for assistive technology and as a tooltip). */
export function button(text, label, disabled, onClick) {
  const b = h('button', { type: 'button', class: 'icon', 'aria-label': label, title: label, disabled }, text);
  b.addEventListener('click', onClick);
  return b;
}
