// Freehand drawing of the input and the target: the "Draw" toggles, and every stroke becomes an edit of the
// experiment (a drawn signal, quantised so that its link is exact).
import { $ } from '../shared/dom.js';
import { quantizeDrawn } from '../shared/experiment.js';
import { attachDrawing } from './draw.js';

/**
 * → { isDrawing(plotKey): true while the input ('input') or target ('prediction') canvas takes a drawing,
 *     heldRange(plotKey): the plot's vertical scale while a stroke is under way on it (the view draws it at that
 *     scale, so the pointer-to-value mapping stays put mid-stroke), else null }.
 */
export function setupDrawing(session, { plots, edit, afterStroke }) {
  const drawing = { input: false, target: false };
  const held = { input: null, prediction: null };
  const hold = (key, track) => { held[key] = plots()[key]?.range?.(track) || null; };
  const release = (key) => { held[key] = null; afterStroke(); };
  const toggles = { input: $('draw-input'), target: $('draw-target') };
  for (const [which, button] of Object.entries(toggles)) {
    button.addEventListener('click', () => {
      drawing[which] = !drawing[which];
      button.setAttribute('aria-pressed', String(drawing[which]));
      (which === 'input' ? $('canvas-input') : $('canvas-prediction')).classList.toggle('drawing', drawing[which]);
    });
  }
  // With a data set the signal panels show its examples, so a drawing there would not be seen: drawing is for the
  // one example, which "Add the signals above" (the data-set panel) then puts into the own examples (a course
  // page's lock stays).
  session.on('model', ({ experiment }) => {
    for (const button of Object.values(toggles)) {
      if (button.classList.contains('locked')) continue;
      button.disabled = Boolean(experiment.dataset);
      button.title = experiment.dataset ? "choose 'one example' under 'learn from' to draw; then add it to your examples" : '';
    }
  });
  const signal = (name, from, length) => Array.from(session.model.view(name).subarray(from, from + length));
  attachDrawing($('canvas-input'), {
    enabled: () => drawing.input && !$('draw-input').disabled,
    locate: (x, y, channel) => {
      const hit = channel === null ? plots().input.hit(x, y) : { channel };
      return hit ? plots().input.invert('x', hit.channel, x, y) : null;
    },
    start: (channel) => {
      hold('input', 'x');
      return signal('input', channel * session.model.inputLength, session.model.inputLength);
    },
    change: (values, channel) => {
      const drawn = quantizeDrawn(values, values.length);
      edit((e) => { e.input[channel] = { drawn }; });
    },
    end: () => release('input'),
  });
  attachDrawing($('canvas-prediction'), {
    enabled: () => drawing.target && !$('draw-target').disabled,
    locate: (x, y) => plots().prediction.invert('output', 0, x, y),
    start: () => {
      hold('prediction', 'output');
      return signal('target', 0, session.model.outputLength);
    },
    change: (values) => {
      const drawn = quantizeDrawn(values, values.length);
      edit((e) => { e.target = { drawn }; });
    },
    end: () => release('prediction'),
  });
  return {
    isDrawing: (key) => (key === 'input' && drawing.input) || (key === 'prediction' && drawing.target),
    heldRange: (key) => held[key],
  };
}
