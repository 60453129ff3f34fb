// "Make an exercise": an editor beside the live playground. The author picks goals by clicking (or arrowing to and
// pressing Enter on) a quantity on a plot, or fills the goal form; writes the title, task and hints; chooses the
// controls to lock or hide; previews the exercise as a learner sees it; and copies the link, the embed code, or
// downloads the SCORM 1.2 package. No server, no account: everything is in the link.
import { downloadBlob, h } from '../shared/dom.js';
import { ANSWER_QUANTITIES, SETTING_QUANTITIES } from '../shared/exercise/model.js';
import { formatNumber, goalText } from '../shared/exercise/check.js';
import { embedCode } from './embed.js';
import { formulaGoalFields } from './formula-goal-editor.js';

/** Controls an author may lock or hide (the page's hide=/lock= names most exercises need). */
const LOCKABLE = [
  ['network', 'the network'], ['layers', 'the layers'], ['signals', 'the signals'], ['draw', 'drawing'],
  ['dataset', 'the data set and every training option'], ['optimizer', 'the optimizer'], ['batch', 'the batch size'],
  ['weight-decay', 'weight decay'], ['lr', 'the learning rate η (and so its schedule)'], ['train', 'training'], ['reset', 'Reset'],
];
/** What a loss goal measures besides the network: locked with it, so the goal cannot be met on other data. */
const LOSS_GOAL_LOCKS = ['dataset'];
const HIDEABLE = [['explain', 'the explanations'], ['export', 'Export'], ['share', 'Share'], ['network', 'the network'], ['header', 'the header']];

let editor = null;

/** Opens (or focuses) the editor. context: { session, exercises, inspection, links }. */
export function openExerciseEditor(context) {
  editor ??= createEditor(context);
  editor.open();
  return editor;
}

function numberInput(id, label, value, attrs = {}) {
  const input = h('input', { id, type: 'number', value: String(value), ...attrs });
  return { input, row: h('div', { class: 'field' }, h('label', { for: id }, label), input) };
}

function select(id, label, choices, value) {
  const input = h('select', { id }, ...choices.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
  return { input, row: h('div', { class: 'field' }, h('label', { for: id }, label), input) };
}

const QUANTITY_LABELS = { outputLength: 'output length', y: 'y (layer output)', dx: '∂C/∂x (gradient at the input)', dw: '∂C/∂W', db: '∂C/∂b' };

function createEditor({ session, exercises, inspection }) {
  const root = document.getElementById('exercise-editor');
  const opener = document.getElementById('make-exercise');
  const goals = [];   // draft goals (a choice keeps `correct` until prepareExercise hashes it)
  const unlisted = { lock: [], hide: [] };  // an adopted exercise's lock/hide names that have no box here
  let picking = false;

  const title = h('input', { id: 'ex-title', type: 'text', maxlength: '120', value: 'A new exercise' });
  const task = h('textarea', { id: 'ex-task', rows: '4', maxlength: '4000', 'aria-describedby': 'ex-task-help' });
  const hints = h('textarea', { id: 'ex-hints', rows: '2', 'aria-describedby': 'ex-hints-help' });
  const goalList = h('ol', { id: 'ex-goals', class: 'exercise-editor-goals' });
  const pickButton = h('button', { type: 'button', id: 'ex-pick', 'aria-pressed': 'false' }, 'Pick a quantity on a plot');
  const pickStatus = h('p', { id: 'ex-pick-status', class: 'hint', role: 'status' });
  const error = h('p', { id: 'ex-error', class: 'error', role: 'alert', hidden: true });
  const status = h('p', { id: 'ex-status', class: 'status', role: 'status' });
  const output = h('textarea', { id: 'ex-output', rows: '3', readonly: true, hidden: true, 'aria-label': 'Link or embed code to copy' });

  // --- the goal form ----------------------------------------------------------------------------------------------
  const type = select('ex-goal-type', 'goal', [['answer', 'type a number'], ['lossBelow', 'bring the loss below a value'],
    ['setting', 'change a setting'], ['choice', 'multiple choice'], ['formula', 'type the formula']], 'answer');
  const f = {
    quantity: select('ex-quantity', 'quantity', ANSWER_QUANTITIES.map((q) => [q, QUANTITY_LABELS[q]]), 'y'),
    layer: numberInput('ex-layer', 'layer (from 1)', 1, { min: '1', max: '16', step: '1' }),
    channel: numberInput('ex-channel', 'channel', 0, { min: '0', step: '1' }),
    index: numberInput('ex-index', 'index (tap for ∂C/∂W)', 0, { min: '0', step: '1' }),
    inChannel: numberInput('ex-in-channel', 'input channel (∂C/∂W)', 0, { min: '0', step: '1' }),
    tolerance: numberInput('ex-tolerance', 'tolerance (relative)', 0.001, { min: '0.000001', max: '0.5', step: 'any' }),
    value: numberInput('ex-loss-value', 'loss at most', 0.01, { min: '0', step: 'any' }),
    maxSteps: numberInput('ex-max-steps', 'within steps (0: any)', 0, { min: '0', step: '1' }),
    settingQuantity: select('ex-setting-quantity', 'geometry', SETTING_QUANTITIES.map((q) => [q, q]), 'outLength'),
    equals: numberInput('ex-equals', 'must equal', 24, { min: '0', step: '1' }),
    keep: { input: h('input', { id: 'ex-keep', type: 'text', placeholder: 'kernelSize=3' }) },
    question: { input: h('input', { id: 'ex-question', type: 'text' }) },
    options: { input: h('textarea', { id: 'ex-options', rows: '3' }) },
    correct: numberInput('ex-correct', 'right option (its number)', 1, { min: '1', step: '1' }),
    goalHints: { input: h('textarea', { id: 'ex-goal-hints', rows: '2' }) },
    hidePlot: { input: h('input', { id: 'ex-hide-plot', type: 'checkbox' }) },
  };
  const formula = formulaGoalFields({ model: () => session.coreModel, layer: () => num(f.layer) - 1 });  // true values, as the checks see them
  Object.assign(f, formula.fields);
  f.keep.row = h('div', { class: 'field' }, h('label', { for: 'ex-keep' }, 'keep (field=value, …)'), f.keep.input);
  f.question.row = h('div', { class: 'field' }, h('label', { for: 'ex-question' }, 'question'), f.question.input);
  f.options.row = h('div', { class: 'field' }, h('label', { for: 'ex-options' }, 'options, one per line'), f.options.input);
  f.goalHints.row = h('div', { class: 'field' }, h('label', { for: 'ex-goal-hints' }, 'hints, one per line'), f.goalHints.input);
  f.hidePlot.row = h('div', { class: 'field field-checkbox' }, f.hidePlot.input,
    h('label', { for: 'ex-hide-plot' }, 'hide the plot that shows the answer'));
  const byType = {
    answer: ['quantity', 'layer', 'channel', 'index', 'inChannel', 'tolerance', 'hidePlot'],
    lossBelow: ['value', 'maxSteps'],
    setting: ['layer', 'settingQuantity', 'equals', 'keep'],
    choice: ['question', 'options', 'correct'],
    formula: ['layer', ...formula.names],
  };
  const showFields = () => {
    for (const [name, field] of Object.entries(f)) {
      field.row.hidden = name !== 'goalHints' && !byType[type.input.value].includes(name);
    }
  };
  type.input.addEventListener('change', showFields);
  const addButton = h('button', { type: 'submit', id: 'ex-add-goal' }, 'Add this goal');
  const goalForm = h('form', { class: 'exercise-editor-form', id: 'ex-goal-form' },
    h('fieldset', {}, h('legend', {}, 'Add a goal from the form'), type.row, ...Object.values(f).map((x) => x.row), addButton));
  goalForm.addEventListener('submit', (event) => {
    event.preventDefault();
    try {
      addGoal(goalFromForm());
      clearGoalForm();
    } catch (e) { showError(e.message); }
  });

  /** After "Add this goal": the next goal starts with no hints, question, options or keep of the last one. */
  function clearGoalForm() {
    for (const field of [f.goalHints, f.question, f.options, f.keep]) field.input.value = '';
    f.hidePlot.input.checked = false;
  }

  function lines(text) { return text.split('\n').map((s) => s.trim()).filter(Boolean); }
  const num = (field) => Number(field.input.value);

  function goalFromForm() {
    const kind = type.input.value;
    const goal = { type: kind };
    const goalHints = lines(f.goalHints.input.value);
    if (goalHints.length) goal.hints = goalHints;
    if (kind === 'answer') {
      Object.assign(goal, { quantity: f.quantity.input.value, layer: num(f.layer) - 1, channel: num(f.channel), index: num(f.index),
        tolerance: num(f.tolerance) });
      if (goal.quantity === 'dw') goal.inChannel = num(f.inChannel);
      if (f.hidePlot.input.checked) goal.hidePlot = true;
    } else if (kind === 'lossBelow') {
      goal.value = num(f.value);
      if (num(f.maxSteps) > 0) goal.maxSteps = num(f.maxSteps);
    } else if (kind === 'formula') {
      Object.assign(goal, formula.goal());
    } else if (kind === 'setting') {
      Object.assign(goal, { layer: num(f.layer) - 1, quantity: f.settingQuantity.input.value, equals: num(f.equals), keep: {} });
      for (const pair of f.keep.input.value.split(',').map((s) => s.trim()).filter(Boolean)) {
        const [key, raw = ''] = pair.split('=').map((s) => s.trim());
        goal.keep[key] = raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
      }
    } else {
      goal.question = f.question.input.value;
      goal.options = lines(f.options.input.value);
      if (!(num(f.correct) >= 1 && num(f.correct) <= goal.options.length)) {
        throw new Error(`right option ${f.correct.input.value} must be the number of one of the ${goal.options.length} options (1 to ${goal.options.length})`);
      }
      goal.correct = num(f.correct) - 1;
    }
    return goal;
  }

  // --- picking on a plot ------------------------------------------------------------------------------------------
  function goalFromHover(hover) {
    const model = session.model;
    if (!hover || !model) return null;
    const { panel, layer, track, channel, index } = hover;
    if (panel === 'forward' && track === 'output') return { type: 'answer', quantity: 'y', layer, channel, index };
    if (panel === 'backward' && track === 'gradInput') return { type: 'answer', quantity: 'dx', layer, channel, index };
    if (panel === 'signals-output') return { type: 'answer', quantity: 'y', layer: model.layers.length - 1, channel, index };
    if (panel === 'kernel' && track === 'gradWeight') {
      const g = model.layers[layer];
      return { type: 'answer', quantity: 'dw', layer, channel: Math.floor(index / (g.inChannels * g.kernelSize)),
        inChannel: Math.floor(index / g.kernelSize) % g.inChannels, index: index % g.kernelSize };
    }
    if (panel === 'kernel' && track === 'gradBias') return { type: 'answer', quantity: 'db', layer, channel: index, index: 0 };
    if (panel === 'loss') return { type: 'lossBelow', value: Number(formatNumber(session.loss() / 2)) };
    return null;
  }

  function setPicking(on) {
    picking = on;
    pickButton.setAttribute('aria-pressed', String(on));
    pickButton.textContent = on ? 'Stop picking' : 'Pick a quantity on a plot';
    document.body.classList.toggle('exercise-picking', on);
    pickStatus.textContent = on
      ? 'Click a sample of a layer output, ∂C/∂x, ∂C/∂W, ∂C/∂b or the loss curve (or move there with the arrow keys and press Enter).'
      : '';
  }
  pickButton.addEventListener('click', () => setPicking(!picking));

  function pick() {
    const goal = goalFromHover(inspection.hover);
    if (!goal) {
      pickStatus.textContent = 'A goal cannot ask for that value: pick a layer output, ∂C/∂x (Backward, bottom row), ∂C/∂W, ∂C/∂b or the loss.';
      return;
    }
    addGoal(goal);
    setPicking(false);
    pickStatus.textContent = `Added: ${goalText(goal)}.`;
  }
  document.addEventListener('click', (event) => {
    if (picking && event.target instanceof HTMLCanvasElement && event.target.closest('#panels')) pick();
  }, true);
  document.addEventListener('keydown', (event) => {
    if (picking && event.key === 'Enter' && event.target instanceof HTMLCanvasElement) { event.preventDefault(); pick(); }
  }, true);

  // --- the draft --------------------------------------------------------------------------------------------------
  function addGoal(goal) {
    showError('');
    goals.push(goal);
    renderGoals();
    status.textContent = `${goals.length} goal${goals.length > 1 ? 's' : ''}.`;
    if (goal.type === 'lossBelow') {
      const added = LOSS_GOAL_LOCKS.filter((name) => setChecked(lockBox, name));
      if (added.length) status.textContent += ' A loss goal measures the data set and training options: they are locked too.';
    }
  }

  /** Checks one box of a lock/hide list → true when it was not checked yet. */
  function setChecked(box, name) {
    const input = box.querySelector(`input[value="${name}"]`);
    if (!input || input.checked) return false;
    input.checked = true;
    return true;
  }

  /** The exercise on the page (a link, a lesson, a SCORM launch) as the draft: "Make an exercise" edits it. */
  function adopt(exercise) {
    title.value = exercise.title;
    task.value = exercise.task;
    hints.value = exercise.hints.join('\n');
    goals.splice(0, goals.length, ...exercise.goals.map((g) => JSON.parse(JSON.stringify(g))));
    for (const [box, names, kind] of [[lockBox, exercise.lock, 'lock'], [hideBox, exercise.hide, 'hide']]) {
      const offered = [...box.querySelectorAll('input')];
      for (const input of offered) input.checked = names.includes(input.value);
      // names the editor does not offer as boxes (e.g. 'length') stay part of the exercise
      unlisted[kind] = names.filter((name) => !offered.some((input) => input.value === name));
    }
    renderGoals();
    status.textContent = `Editing “${exercise.title}” (${goals.length} goal${goals.length > 1 ? 's' : ''}): the exercise on this page.`;
  }

  function renderGoals() {
    goalList.replaceChildren(...goals.map((goal, i) => {
      const hideBox = goal.type === 'answer'
        ? h('label', { class: 'exercise-editor-inline' }, h('input', { type: 'checkbox', checked: Boolean(goal.hidePlot),
          onchange: (e) => { goal.hidePlot = e.target.checked; } }), ' hide its plot')
        : null;
      return h('li', { dataset: { goal: String(i) } }, h('span', {}, goalText(goal)), ' ', hideBox, ' ',
        h('button', { type: 'button', class: 'icon', 'aria-label': `Remove goal ${i + 1}`, onclick: () => { goals.splice(i, 1); renderGoals(); } }, '✕'));
    }));
    if (!goals.length) goalList.append(h('li', { class: 'hint' }, 'No goal yet: pick one on a plot or add one from the form.'));
  }

  const checkboxes = (name, items) => h('fieldset', { class: 'exercise-editor-checks' }, h('legend', {}, name === 'lock' ? 'Lock (shown, disabled)' : 'Hide'),
    ...items.map(([value, label]) => h('label', {}, h('input', { type: 'checkbox', name: `ex-${name}`, value }), ` ${label}`)));
  const lockBox = checkboxes('lock', LOCKABLE);
  const hideBox = checkboxes('hide', HIDEABLE);
  const checked = (box) => [...box.querySelectorAll('input:checked')].map((i) => i.value);

  function draft() {
    return { title: title.value, task: task.value, goals: goals.map((g) => ({ ...g })), hints: lines(hints.value),
      lock: [...checked(lockBox), ...unlisted.lock], hide: [...checked(hideBox), ...unlisted.hide] };
  }

  function showError(message) {
    error.textContent = message;
    error.hidden = !message;
  }

  /** Installs the draft (the author keeps every control) → true, or shows why it is refused. */
  async function install() {
    showError('');
    if (!goals.length) { showError('Add at least one goal first.'); return false; }
    try {
      await exercises.setExercise(draft(), { applyLocks: false });
      return true;
    } catch (e) {
      showError(e.message);
      return false;
    }
  }

  async function share(kind) {
    if (!(await install())) return;
    const link = `${location.origin}${location.pathname}#${exercises.state()}`;
    const text = kind === 'embed' ? embedCode(`${location.origin}${location.pathname}?embed=1#${exercises.state()}`) : link;
    output.value = text;
    output.hidden = false;
    let copied = false;
    try { await navigator.clipboard.writeText(text); copied = true; } catch { output.select(); }
    status.textContent = copied ? `${kind === 'embed' ? 'Embed code' : 'Link'} copied to the clipboard.`
      : `Select and copy the ${kind === 'embed' ? 'embed code' : 'link'} below.`;
  }

  async function download() {
    if (!(await install())) return;
    status.textContent = 'Building the SCORM package…';
    try {
      const bytes = await exercises.exportPackage('scorm12');
      const name = `${title.value.trim().replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'exercise'}-scorm12.zip`;
      downloadBlob(new Blob([bytes], { type: 'application/zip' }), name);
      status.textContent = `SCORM 1.2 package downloaded (${Math.round(bytes.length / 1024)} KB).`;
    } catch (e) {
      status.textContent = '';
      showError(`The SCORM package could not be made: ${e.message}`);
    }
  }

  const previewButton = h('button', { type: 'button', id: 'ex-preview', class: 'primary' }, 'Preview as a student');
  previewButton.addEventListener('click', async () => {
    if (!(await install())) return;
    status.textContent = 'The exercise is shown above the plots as a learner sees it; its locks apply when the link is opened.';
    document.getElementById('exercise-panel')?.scrollIntoView({ block: 'nearest' });
  });
  const closeButton = h('button', { type: 'button', class: 'icon', 'aria-label': 'Close the exercise editor' }, '✕');
  closeButton.addEventListener('click', () => close());

  root.replaceChildren(
    h('div', { class: 'exercise-editor-head' }, h('h2', { id: 'ex-editor-title', tabindex: '-1' }, 'Make an exercise'), closeButton),
    h('p', { class: 'hint' }, 'Set up the experiment in the playground, then add goals: the page checks them itself, from the same core that draws the plots.'),
    h('div', { class: 'field' }, h('label', { for: 'ex-title' }, 'Title'), title),
    h('div', { class: 'field' }, h('label', { for: 'ex-task' }, 'Task'), task,
      h('small', { id: 'ex-task-help' }, 'Write $…$ for inline math, e.g. $N = 24$.')),
    h('h3', {}, 'Goals'), goalList, pickButton, pickStatus, goalForm,
    h('div', { class: 'field' }, h('label', { for: 'ex-hints' }, 'General hints'), hints,
      h('small', { id: 'ex-hints-help' }, 'One per line; learners reveal them one at a time.')),
    lockBox, hideBox,
    h('div', { class: 'buttons exercise-editor-actions' }, previewButton,
      h('button', { type: 'button', id: 'ex-copy-link', onclick: () => share('link') }, 'Copy the link'),
      h('button', { type: 'button', id: 'ex-copy-embed', onclick: () => share('embed') }, 'Copy the embed code'),
      h('button', { type: 'button', id: 'ex-scorm', onclick: download }, 'Download the SCORM package')),
    error, status, output,
  );
  showFields();
  renderGoals();

  function open() {
    // the page's exercise, unless the draft already holds the author's work (which is never thrown away)
    const onPage = exercises.current();
    if (onPage && goals.length === 0) adopt(onPage);
    root.hidden = false;
    document.body.classList.add('exercise-editing');
    opener?.setAttribute('aria-expanded', 'true');
    root.querySelector('#ex-editor-title').focus();
  }
  function close() {
    setPicking(false);
    root.hidden = true;
    document.body.classList.remove('exercise-editing');
    opener?.setAttribute('aria-expanded', 'false');
    opener?.focus();
  }
  return { open, close };
}
