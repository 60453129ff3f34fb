// The form: signals, training and sharing controls, and the network editor (network-editor.js: a stack of up to
// LIMITS.maxLayers layers with every option, edited as a draft the session tries to build).
import { LIMITS, INPUT_PRESETS, HIDDEN_KERNELS } from '../shared/experiment.js';
import { $, h } from '../shared/dom.js';
import { setIconLabel } from './icons.js';
import { field } from './form-field.js';
import { createNetworkEditor } from './network-editor.js';
import { nextTask } from '../shared/yield.js';

export const TARGET_CHOICES = [
  ['smoothing', 'input smoothed by a hidden kernel'],
  ['edge', 'edges: hidden derivative kernel'],
  ['delay', 'input delayed by 1 sample'],
  ['pooled', 'pooled peaks (running max)'],
  ['same', 'same as input'],
  ['signal-sine', 'a sine (unrelated to the input)'],
  ['signal-square', 'a square wave'],
  ['signal-sawtooth', 'a sawtooth'],
  ['signal-noise', 'noise'],
];

/** The target select's value for a target object ('custom' / 'drawn' when none fits). */
export function targetChoice(target) {
  if (target.drawn) return 'drawn';
  if (target.preset === 'filtered') {
    for (const [name, kernel] of Object.entries(HIDDEN_KERNELS)) {
      if (kernel.length === target.kernel.length && kernel.every((v, i) => v === target.kernel[i])) return name;
    }
    return 'custom';
  }
  if (target.preset === 'signal') return `signal-${target.kind}`;
  return target.preset;
}

export function targetFromChoice(choice) {
  if (HIDDEN_KERNELS[choice]) return { preset: 'filtered', kernel: [...HIDDEN_KERNELS[choice]] };
  if (choice === 'pooled') return { preset: 'pooled', kernelSize: 5 };
  if (choice === 'same') return { preset: 'same' };
  if (choice.startsWith('signal-')) return { preset: 'signal', kind: choice.slice(7), cycles: 2, seed: 7 };
  return null;
}

/**
 * Wires the static form in index.html and renders the dynamic parts.
 * handlers: onNetwork(network) → { ok, message }, onSignals({ input?, target? }), onLearningRate(η),
 * onStepsPerFrame(n), onStep(n), onPlay(), onReset(), onShare(kind), onExport(kind), onImport(file).
 */
export function createControls(handlers) {
  let afterRender = () => {};
  const editor = createNetworkEditor(handlers, { afterRender: () => afterRender() });

  const lr = $('learning-rate');
  const lrOut = $('learning-rate-value');
  lr.addEventListener('input', () => {
    const eta = Number((10 ** Number(lr.value)).toPrecision(2));
    lrOut.textContent = String(eta);
    handlers.onLearningRate(eta);
  });
  $('steps-per-frame').addEventListener('change', (e) => handlers.onStepsPerFrame(Number(e.target.value)));
  $('step-1').addEventListener('click', () => handlers.onStep(1));
  $('step-10').addEventListener('click', () => handlers.onStep(10));
  $('step-100').addEventListener('click', () => handlers.onStep(100));
  $('play').addEventListener('click', () => handlers.onPlay());
  setIconLabel($('play'), 'play', 'Play');
  setIconLabel($('draw-input'), 'pencil', 'Draw input');
  setIconLabel($('draw-target'), 'pencil', 'Draw target');
  $('reset').addEventListener('click', () => handlers.onReset());
  $('copy-link').addEventListener('click', () => handlers.onShare('link'));
  $('copy-embed').addEventListener('click', () => handlers.onShare('embed'));
  for (const kind of ['png', 'json', 'csv']) $(`export-${kind}`).addEventListener('click', () => handlers.onExport(kind));
  $('import-json').addEventListener('change', (e) => {
    const file = e.target.files && e.target.files[0];
    if (file) handlers.onImport(file);
    e.target.value = '';
  });

  $('target-preset').replaceChildren(...TARGET_CHOICES.map(([v, t]) => h('option', { value: v }, t)));
  $('target-preset').addEventListener('change', (e) => {
    const target = targetFromChoice(e.target.value);
    if (target) handlers.onSignals({ target });
  });

  function renderInputs(experiment) {
    const list = $('input-list');
    list.replaceChildren();
    experiment.input.forEach((channel, c) => {
      const prefix = experiment.input.length > 1 ? `x channel ${c}: ` : 'x: ';
      const preset = field(`${prefix}preset`, 'select', channel.drawn ? 'drawn' : channel.preset, {
        choices: [...INPUT_PRESETS.map((p) => [p, p === 'sines' ? 'sum of sines' : p]), ...(channel.drawn ? [['drawn', 'drawn by hand']] : [])],
      });
      const cycles = field('cycles', 'number', channel.drawn ? 3 : channel.cycles, { min: 0, max: LIMITS.maxCycles, step: 0.5 });
      const seed = field('seed', 'number', channel.drawn ? 1 : channel.seed, { min: 0, max: LIMITS.maxSeed });
      cycles.row.hidden = Boolean(channel.drawn);
      seed.row.hidden = Boolean(channel.drawn) || !['noise', 'sines'].includes(channel.preset);
      const update = () => {
        if (preset.input.value === 'drawn') return;
        const value = { preset: preset.input.value, cycles: Number(cycles.input.value) || 0, seed: Math.max(0, Math.floor(Number(seed.input.value) || 0)) };
        const input = experiment.input.map((ch, j) => (j === c ? value : ch));
        handlers.onSignals({ input });
      };
      for (const f of [preset, cycles, seed]) f.input.addEventListener('change', update);
      list.append(h('div', { class: 'input-row' }, [preset.row, cycles.row, seed.row]));
    });
  }

  /** The form's settings and signals for `experiment` (everything but the network editor). */
  function renderSettings(experiment) {
    lr.value = String(Math.log10(experiment.learningRate));
    lrOut.textContent = String(experiment.learningRate);
    const spf = $('steps-per-frame');
    if (![...spf.options].some((o) => Number(o.value) === experiment.stepsPerFrame)) {
      spf.append(h('option', { value: experiment.stepsPerFrame }, String(experiment.stepsPerFrame)));
    }
    spf.value = String(experiment.stepsPerFrame);
    const targetSelect = $('target-preset');
    const choice = targetChoice(experiment.target);
    for (const extra of targetSelect.querySelectorAll('option[data-extra]')) extra.remove();
    if (choice === 'drawn' || choice === 'custom') {
      targetSelect.append(h('option', { value: choice, dataset: { extra: '1' } }, choice === 'drawn' ? 'drawn by hand' : 'custom hidden kernel'));
    }
    if (choice.startsWith('signal-') && ![...targetSelect.options].some((o) => o.value === choice)) {
      targetSelect.append(h('option', { value: choice, dataset: { extra: '1' } }, `a ${choice.slice(7)}`));
    }
    targetSelect.value = choice;
    renderInputs(experiment);
  }

  return {
    /** Shows `experiment` in the form (and resets the draft to its network). */
    render(experiment) {
      renderSettings(experiment);
      editor.render(experiment.network);
    },
    /** The same in two tasks, the network editor's in the second (the start-up's first rendering of the form). */
    async renderInParts(experiment) {
      renderSettings(experiment);
      await nextTask();
      editor.render(experiment.network);
    },
    showNetworkError: editor.showNetworkError,
    setPlaying(playing) {
      const play = $('play');
      setIconLabel(play, playing ? 'pause' : 'play', playing ? 'Pause' : 'Play');
      play.setAttribute('aria-pressed', playing ? 'true' : 'false');
    },
    /** Called after every dynamic re-render (embed locks must be re-applied to new inputs). */
    onRender(fn) { afterRender = fn; },
  };
}
