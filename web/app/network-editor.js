// The network editor: the network's own fields (input length and channels, loss, seed) and a stack of up to
// LIMITS.maxLayers layers, one control per schema row of its type (web/layers/<type>/index.js). It edits a *draft*
// network; the session tries to build it and, when the core refuses, the message is shown next to the control of the
// layer and field the error names (ConvPoolError's .layer/.field, app/field-errors.js) while the last valid
// experiment keeps running.
import { LIMITS } from '../shared/experiment.js';
import { LAYERS, LAYER_TYPES, initialLayer, layerType } from '../layers/registry.js';
import { $, h } from '../shared/dom.js';
import { placeProblem, wholeNumberProblem } from './field-errors.js';
import { button, field, numberChoices } from './form-field.js';

/**
 * handlers: onNetwork(network) → { ok, message, rule, layer, field }, check(network) → refusal or null.
 * → { render(network), showNetworkError(message, layer) }
 */
export function createNetworkEditor(handlers, { afterRender }) {
  let draft = null;

  const networkFields = {
    length: $('input-length'), channels: $('input-channels'), loss: $('loss-kind'), seed: $('seed'),
  };
  networkFields.length.min = String(LIMITS.minLength);
  networkFields.length.max = String(LIMITS.maxLength);
  for (const [input, label, min, max] of [[networkFields.length, 'input length N', LIMITS.minLength, LIMITS.maxLength],
    [networkFields.seed, 'weight seed', 0, LIMITS.maxSeed]]) {
    input.type = 'text';
    Object.assign(input.dataset, { whole: label, min: String(min), max: String(max) });
    const error = h('small', { class: 'field-error error', id: `${input.id}-error`, hidden: true });
    input.after(error);
  }
  networkFields.channels.replaceChildren(...numberChoices(1, LIMITS.maxInputChannels).map(([v, t]) => h('option', { value: v }, t)));
  const numberOrNaN = (input) => (input.value.trim() === '' ? NaN : Number(input.value));
  networkFields.length.addEventListener('change', () => { draft.inputLength = numberOrNaN(networkFields.length); submit(-1); });
  networkFields.channels.addEventListener('change', () => { draft.inputChannels = Number(networkFields.channels.value); submit(-1); });
  networkFields.loss.addEventListener('change', () => { draft.loss = networkFields.loss.value; submit(-1); });
  networkFields.seed.addEventListener('change', () => { draft.seed = numberOrNaN(networkFields.seed); submit(-1); });
  $('add-layer').addEventListener('click', () => {
    if (draft.layers.length >= LIMITS.maxLayers) return;
    const last = draft.layers[draft.layers.length - 1];
    draft.layers.push(initialLayer(last ? layerType(last.type).next : LAYER_TYPES[0]));
    renderLayers();
    submit(draft.layers.length - 1);
    focusLayer(draft.layers.length - 1, 'select', `Layer ${draft.layers.length} added (${draft.layers[draft.layers.length - 1].type}).`);
  });

  /**
   * Checks every whole-number box first (all of them, so every invalid field shows at once), then lets the session
   * try the draft; the core's refusal is shown, in the page's words, next to the field it names.
   */
  function submit(changedLayer) {
    const problems = [];
    for (const input of $('layer-list').closest('fieldset').querySelectorAll('input[data-whole]')) {
      if (input.closest('[hidden]')) continue;
      const text = wholeNumberProblem(input.dataset.whole, input.value, input.dataset.min, input.dataset.max);
      if (text) problems.push({ input, text: withModeRule(input, text) });
    }
    if (problems.length) {
      showFieldErrors(problems);
      return;
    }
    const result = handlers.onNetwork(JSON.parse(JSON.stringify(draft)));
    if (result.ok) showFieldErrors([]);
    else {
      const said = placeProblem(result, draft.layers);
      const layer = said.layer >= 0 ? said.layer : changedLayer;
      const card = layer >= 0 ? document.querySelector(`.layer-card[data-layer="${layer}"]`) : null;
      const input = card && said.key ? card.querySelector(`[data-key="${said.key}"]`) : null;
      showFieldErrors([{ input: input && !input.closest('[hidden]') ? input : null, card, text: said.text }]);
    }
  }

  /** A padding past the page's cap may also break its mode's rule (reflect, circular): say that rule too. */
  function withModeRule(input, text) {
    if (input.dataset.key !== 'padding' || !handlers.check) return text;
    const i = Number(input.closest('.layer-card')?.dataset.layer);
    const layer = draft.layers[i];
    if (!layer || !['reflect', 'circular'].includes(layer.paddingMode)) return text;
    const refusal = handlers.check(JSON.parse(JSON.stringify(draft)));
    // the core refuses this layer's padding for its mode: say that rule too
    return refusal && refusal.layer === i && refusal.field === 'padding'
      ? `${text}; also, ${placeProblem(refusal, draft.layers).text}` : text;
  }

  /** problems: [{ input?, card?, text }]; each text goes under its field (else its card, else the network). */
  function showFieldErrors(problems) {
    document.querySelectorAll('.layer-error, #network-error, .field-error').forEach((node) => {
      node.textContent = '';
      node.hidden = true;
    });
    document.querySelectorAll('.layer-card[aria-invalid], [data-control="network"] [aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
    document.querySelectorAll('[data-control="network"] [aria-describedby$="-error"]').forEach((node) => node.removeAttribute('aria-describedby'));
    for (const { input, card, text } of problems) {
      const owner = card || input?.closest('.layer-card') || null;
      const target = input ? $(`${input.id}-error`) : owner ? owner.querySelector('.layer-error') : $('network-error');
      target.textContent = target.textContent ? `${target.textContent} ${text}.` : `${text}.`;
      target.hidden = false;
      if (input) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', target.id); }
      if (owner) owner.setAttribute('aria-invalid', 'true');
    }
    const note = $('network-held');
    note.hidden = problems.length === 0;
  }

  /** Kept for callers that show one message: as a problem of the network (or of layer `layer`). */
  function showNetworkError(message, layer = -1) {
    if (!message) { showFieldErrors([]); return; }
    const said = placeProblem({ rule: message, layer });
    const card = document.querySelector(`.layer-card[data-layer="${said.layer >= 0 ? said.layer : layer}"]`);
    showFieldErrors([{ card, text: said.text }]);
  }

  /** The controls of layer i: one per schema row of its type. */
  function layerFields(layer, i) {
    const number = (input) => (input.value.trim() === '' ? NaN : Number(input.value));
    const changed = (key, value) => { draft.layers[i][key] = value; submit(i); };
    return layerType(layer.type).fields.filter((row) => !row.pageHidden).flatMap((row) => {
      const value = layer[row.key];
      const options = { min: row.min, max: row.max, title: row.help, whole: true };
      if (row.type === 'padding') {
        const kind = typeof value === 'number' ? 'number' : value;
        const paddingKind = field(row.label, 'select', kind, { ...options, choices: [['same', "'same'"], ['valid', "'valid'"], ['number', 'number p']] });
        const paddingNumber = field('padding p', 'number', typeof value === 'number' ? value : 0, options);
        paddingNumber.row.hidden = kind !== 'number';
        paddingKind.input.addEventListener('change', () => {
          const v = paddingKind.input.value;
          paddingNumber.row.hidden = v !== 'number';
          changed(row.key, v === 'number' ? number(paddingNumber.input) : v);
        });
        paddingNumber.input.dataset.key = row.key;
        paddingKind.input.dataset.key = `${row.key}Kind`;
        paddingNumber.input.addEventListener('change', () => changed(row.key, number(paddingNumber.input)));
        return [paddingKind.row, paddingNumber.row];
      }
      const kind = row.type === 'int' ? 'number' : row.type === 'bool' ? 'checkbox' : 'select';
      const f = field(row.label, kind, value, { ...options, whole: row.type === 'int', choices: row.choices && row.choices.map((c) => [c, c]) });
      const read = row.type === 'int' ? number : row.type === 'bool' ? (input) => input.checked : (input) => input.value;
      f.input.dataset.key = row.key;
      f.input.addEventListener('change', () => changed(row.key, read(f.input)));
      return [f.row];
    });
  }

  function renderLayers() {
    const list = $('layer-list');
    list.replaceChildren();
    draft.layers.forEach((layer, i) => {
      const typeField = field(`Layer ${i + 1}`, 'select', layer.type, {
        choices: LAYERS.map(({ type, title }) => [type, title]),
      });
      typeField.input.addEventListener('change', () => {
        const type = typeField.input.value;
        draft.layers[i] = initialLayer(type);
        renderLayers();
        submit(i);
        document.querySelector(`.layer-card[data-layer="${i}"] select`)?.focus();
      });
      const buttons = h('div', { class: 'layer-buttons' }, [
        button('↑', `Move layer ${i + 1} up`, i === 0, () => move(i, -1)),
        button('↓', `Move layer ${i + 1} down`, i === draft.layers.length - 1, () => move(i, 1)),
        button('✕', `Remove layer ${i + 1}`, draft.layers.length === 1, () => {
          draft.layers.splice(i, 1);
          renderLayers();
          submit(-1);
          focusLayer(Math.min(i, draft.layers.length - 1), 'select', `Layer ${i + 1} removed.`);
        }),
      ]);
      const card = h('fieldset', { class: 'layer-card', dataset: { layer: String(i), type: layer.type } }, [
        h('legend', { class: 'visually-hidden' }, `Layer ${i + 1}: ${layer.type}`),
        h('div', { class: 'layer-head' }, [typeField.row, buttons]),
        h('div', { class: 'layer-fields' }, layerFields(layer, i)),
        h('p', { class: 'layer-error error', role: 'alert', hidden: true }),
      ]);
      list.append(card);
    });
    $('add-layer').disabled = draft.layers.length >= LIMITS.maxLayers;
    $('layer-limit').textContent = layerCountText();
    afterRender();
  }

  function move(i, by) {
    const [layer] = draft.layers.splice(i, 1);
    draft.layers.splice(i + by, 0, layer);
    renderLayers();
    submit(i + by);
    focusLayer(i + by, by < 0 ? 'up' : 'down', `Layer ${i + 1} moved to position ${i + by + 1}.`);
  }

  /**
   * Keyboard focus stays with the layer just added or moved (on the button pressed, or its type when that button is
   * now disabled), scrolled into view; a status line says what happened and how many layers a network may have.
   */
  function focusLayer(i, which, said) {
    const card = document.querySelector(`.layer-card[data-layer="${i}"]`);
    if (!card) { $('add-layer').focus(); return; }
    const buttons = card.querySelectorAll('.layer-buttons button');
    const pressed = which === 'up' ? buttons[0] : which === 'down' ? buttons[1] : null;
    const target = pressed && !pressed.disabled ? pressed : card.querySelector('select');
    target.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'nearest' });
    $('layer-status').textContent = `${said} ${layerCountText()}`;
  }

  function layerCountText() {
    const n = draft.layers.length;
    return n >= LIMITS.maxLayers
      ? `${n} of ${LIMITS.maxLayers} layers: the most a network may have; remove one to add another.`
      : `${n} of at most ${LIMITS.maxLayers} layers.`;
  }

  return {
    /** Shows `network` in the editor (and resets the draft to it). */
    render(network) {
      draft = JSON.parse(JSON.stringify(network));
      networkFields.length.value = String(draft.inputLength);
      networkFields.channels.value = String(draft.inputChannels);
      networkFields.loss.value = draft.loss;
      networkFields.seed.value = String(draft.seed);
      renderLayers();
      showNetworkError(null);
    },
    showNetworkError,
  };
}
