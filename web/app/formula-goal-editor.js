// The exercise editor's "type the formula" goal: its fields (the quantity and the tolerance; the layer is the form's)
// and a preview that shows the author what a learner's answer would get on the network as it is now: the classic
// wrong derivations for that quantity, each with the feedback the page would give, and a box to try any formula.
// The checker (web/shared/formula/) loads on the first preview.
import { h } from '../shared/dom.js';
import { FORMULA_QUANTITIES, FORMULA_TOLERANCE } from '../shared/exercise/formula-goal.js';

const LABELS = { y: 'y[t] (the forward pass)', dx: '∂C/∂x_in[i]', dw: '∂C/∂W[k]', db: '∂C/∂b' };

let judging = null;
// the judge and each layer type's classic mistakes (web/layers/<type>/formula.js), loaded on the first preview
const checker = () => (judging ??= Promise.all([import('../shared/formula/judge.js'), import('../shared/formula/parts.js')])
  .then(async ([judge, parts]) => ({ check: await judge.createFormulaJudge(), part: parts.formulaPart })));

/**
 * → { fields: { name: { input, row } }, names, goal(layer) }: rows for the editor's goal form. `model()` is the
 * playground's current model, `layer()` the layer the form names (0-based).
 */
export function formulaGoalFields({ model, layer }) {
  const quantity = h('select', { id: 'ex-formula-quantity' },
    ...FORMULA_QUANTITIES.map((q) => h('option', { value: q }, LABELS[q])));
  const tolerance = h('input', { id: 'ex-formula-tolerance', type: 'number', value: String(FORMULA_TOLERANCE),
    min: '0.000001', max: '0.5', step: 'any' });
  const trial = h('input', { id: 'ex-formula-try', type: 'text', autocomplete: 'off', spellcheck: 'false',
    placeholder: String.raw`\sum_{k=0}^{K-1} W_k x_{t+k}` });
  const list = h('ul', { class: 'exercise-editor-previews', id: 'ex-formula-previews' });
  const button = h('button', { type: 'button', id: 'ex-formula-preview' }, 'What would a learner get?');

  const goal = () => ({ type: 'formula', quantity: quantity.value, layer: layer(), tolerance: Number(tolerance.value) });

  async function preview() {
    const g = goal();
    const current = model();
    const type = current?.layers?.[g.layer]?.type;
    list.replaceChildren(h('li', {}, 'Checking…'));
    try {
      const { check, part } = await checker();
      const answers = [...(part(type)?.mistakes?.[g.quantity] ?? [])];
      if (trial.value.trim()) answers.unshift(['your formula', trial.value]);
      list.replaceChildren(...(answers.length ? answers : [['', '']]).map(([what, text]) => {
        if (!text) return h('li', {}, `${check(g, '0', current).detail}`);  // why this layer has no such goal
        const judged = check(g, text, current);
        // A classic mistake that is right on this layer (e.g. the stride ignored at stride 1) cannot be told apart here.
        const note = judged.met && what !== 'your formula'
          ? 'Right on this layer as it is set now: this goal does not tell this mistake apart (change the layer if it should).'
          : `${judged.met ? '✓ ' : ''}${judged.detail}`;
        return h('li', { dataset: { met: String(judged.met) } }, h('strong', {}, `${what}: `), h('code', {}, text), h('br'), note);
      }));
    } catch (error) {
      list.replaceChildren(h('li', {}, `The preview could not be made: ${error.message}`));
    }
  }
  button.addEventListener('click', preview);

  const field = (id, label, input) => ({ input, row: h('div', { class: 'field' }, h('label', { for: id }, label), input) });
  const fields = {
    formulaQuantity: field('ex-formula-quantity', 'the learner types the formula of', quantity),
    formulaTolerance: field('ex-formula-tolerance', 'tolerance (relative to the largest value)', tolerance),
    formulaPreview: { input: trial, row: h('div', { class: 'field' }, h('label', { for: 'ex-formula-try' },
      'try an answer as a learner (optional)'), trial, button, list) },
  };
  return { fields, names: Object.keys(fields), goal };
}
