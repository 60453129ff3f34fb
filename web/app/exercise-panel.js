// The learner's view of an exercise: its title and task (inline $…$ math through the page's lazy KaTeX), each goal
// met or not yet (live), a box per typed answer with the page's feedback, the options of a multiple-choice goal,
// hints one at a time, and a clear state once every goal is met. Built once per exercise and updated in place, so
// typing and focus survive every re-check; a polite live region tells screen readers what changed.
import { h } from '../shared/dom.js';
import { goalType } from '../shared/exercise/goal-types.js';

/** Task text with $…$ inline math → nodes (math rendered by KaTeX once it has loaded; plain TeX until then). */
function taskNodes(text) {
  const nodes = [];
  const parts = String(text).split(/\$([^$\n]{1,300})\$/);
  parts.forEach((part, i) => {
    if (i % 2 === 0) { if (part) nodes.push(document.createTextNode(part)); return; }
    const span = h('span', { class: 'exercise-math' }, part);
    import('../explain/katex.js').then((k) => k.renderTex(span, part, { display: false })).catch(() => {});
    nodes.push(span);
  });
  return nodes;
}

/**
 * createExercisePanel(root, { answer(i, value) → Promise, revealHint(i) → text|null, hintsShown(i) → [text], result(), progress() })
 * → { render(result, exercise) } (result as playground.exercise(); exercise the stored exercise, or null).
 */
export function createExercisePanel(root, actions) {
  let built = null;     // the exercise the DOM was built for
  let rows = [];
  let lastMet = null;
  let scoreLine = null;
  let passedBox = null;
  const live = h('p', { class: 'visually-hidden', 'aria-live': 'polite', id: 'exercise-live' });

  const say = (text) => { live.textContent = ''; live.textContent = text; };

  function hintBlock(goalIndex, hints) {
    const list = h('ul', { class: 'exercise-hints' });
    const button = h('button', { type: 'button', class: 'exercise-hint-button' });
    const refresh = () => {
      const shown = actions.hintsShown(goalIndex);
      list.replaceChildren(...shown.map((hint) => h('li', {}, hint)));
      const left = hints.length - shown.length;
      button.textContent = left ? `Show a hint (${left} left)` : 'No more hints';
      button.disabled = left === 0;
    };
    button.addEventListener('click', () => {
      const hint = actions.revealHint(goalIndex);
      refresh();
      render(actions.result(), built);  // a typed answer's feedback now names its equation
      if (hint) say(`Hint: ${hint}`);
      list.lastElementChild?.setAttribute('tabindex', '-1');
      list.lastElementChild?.focus();
    });
    refresh();
    return hints.length ? h('div', { class: 'exercise-hint-block' }, button, list) : null;
  }

  function answerForm(i, goal, feedback) {
    const id = `exercise-answer-${i}`;
    const input = h('input', { id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false',
      'aria-describedby': feedback.id, class: 'exercise-answer' });
    const form = h('form', { class: 'exercise-answer-form' },
      h('label', { for: id }, goal.quantity === 'outputLength' ? 'Your answer (a whole number)' : 'Your answer'), input,
      h('button', { type: 'submit' }, 'Check'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const result = await actions.answer(i, input.value);
        render(result, built);
        say(`${result.goals[i].met ? 'Right' : 'Not yet'}: ${result.goals[i].detail}`);
      } catch (error) {
        feedback.textContent = error.message;
        say(error.message);
      }
    });
    return form;
  }

  function choiceForm(i, goal, feedback) {
    const name = `exercise-choice-${i}`;
    const options = goal.options.map((option, k) => h('div', { class: 'exercise-option' },
      h('input', { type: 'radio', name, id: `${name}-${k}`, value: String(k) }), h('label', { for: `${name}-${k}` }, option)));
    const form = h('form', { class: 'exercise-choice-form' },
      h('fieldset', { 'aria-describedby': feedback.id }, h('legend', { class: goal.text ? null : 'visually-hidden' }, goal.question), ...options),
      h('button', { type: 'submit' }, 'Check'));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const picked = form.querySelector('input:checked');
      if (!picked) { feedback.textContent = 'Pick one of the options first.'; say(feedback.textContent); return; }
      const result = await actions.answer(i, Number(picked.value));
      render(result, built);
      say(`${result.goals[i].met ? 'Right' : 'Not yet'}: ${result.goals[i].detail}`);
    });
    return form;
  }

  /** A formula goal's form (formula-field.js, loaded with the first one: it brings the math input along). */
  function formulaSlot(i, goal) {
    const slot = h('div', { class: 'exercise-formula' });
    const typed = actions.progress?.()?.formulas?.[i] ?? '';
    import('./formula-field.js').then((m) => {
      const mounted = m.mountFormulaField(slot, i, goal, { ...actions, say, onResult: (result) => render(result, built) }, typed);
      if (rows[i]) rows[i].refresh = mounted.refresh;
    }).catch((error) => { slot.textContent = `The formula input could not be loaded (${error.message}).`; });
    return slot;
  }

  /** The learner's entry for a goal, as its type asks (goal-types.js `entry`): a number box, the options, the formula box, or none. */
  function entryForm(i, goal, feedback) {
    const entry = goalType(goal.type)?.entry;
    if (entry === 'number') return answerForm(i, goal, feedback);
    if (entry === 'option') return choiceForm(i, goal, feedback);
    if (entry === 'formula') return formulaSlot(i, goal);
    return null;
  }

  function build(exercise) {
    built = exercise;
    rows = [];
    lastMet = null;
    const list = h('ol', { class: 'exercise-goals' });
    exercise.goals.forEach((goal, i) => {
      const status = h('span', { class: 'exercise-status', 'aria-hidden': 'true' });
      const statusText = h('span', { class: 'visually-hidden' });
      const label = h('span', { class: 'exercise-goal-text' });
      const feedback = h('p', { class: 'exercise-feedback', id: `exercise-feedback-${i}` });
      const item = h('li', { class: 'exercise-goal', dataset: { goal: String(i), type: goal.type } },
        h('p', { class: 'exercise-goal-head' }, status, statusText, label),
        entryForm(i, goal, feedback),
        feedback, hintBlock(i, goal.hints));
      rows.push({ item, status, statusText, label, feedback });
      list.append(item);
    });
    scoreLine = h('p', { class: 'exercise-score' });
    passedBox = h('p', { class: 'exercise-passed', hidden: true },
      h('strong', {}, '✓ Passed.'), ' Every goal is met. Well done — you may keep exploring the playground.');
    root.replaceChildren(...[
      h('h2', { id: 'exercise-title' }, h('span', { class: 'exercise-kicker' }, 'Exercise: '), exercise.title),
      exercise.task ? h('p', { class: 'exercise-task' }, ...taskNodes(exercise.task)) : null,
      hintBlock(undefined, exercise.hints),
      list, scoreLine, passedBox, live,
    ].filter(Boolean));
    root.setAttribute('aria-labelledby', 'exercise-title');
    // the page puts a live copy of each goal's plot beside it (app/goal-plots.js)
    root.dispatchEvent(new CustomEvent('exercise-goals', { detail: { goals: exercise.goals, items: rows.map((r) => r.item) } }));
    // A resumed visit (SCORM suspend data) shows what the learner typed and chose last time.
    const progress = actions.progress?.();
    exercise.goals.forEach((goal, i) => {
      const typed = progress?.answers?.[i];
      const box = root.querySelector(`#exercise-answer-${i}`);
      if (box && typed !== undefined) box.value = String(typed);
      const chosen = progress?.choices?.[i];
      const k = goalType(goal.type)?.entry === 'option' && chosen !== undefined ? goal.options.indexOf(chosen) : -1;
      if (k >= 0) root.querySelector(`#exercise-choice-${i}-${k}`).checked = true;
    });
  }

  function render(result, exercise) {
    if (!result || !exercise) {
      root.hidden = true;
      root.replaceChildren();
      built = null;
      delete root.dataset.passed;
      return;
    }
    if (exercise !== built) build(exercise);
    root.hidden = false;
    result.goals.forEach((goal, i) => {
      const row = rows[i];
      if (!row) return;
      row.item.classList.toggle('met', goal.met);
      row.item.dataset.met = String(goal.met);
      row.status.textContent = goal.met ? '✓' : '○';
      row.statusText.textContent = goal.met ? 'Met: ' : 'Not yet met: ';
      row.label.textContent = goal.text;
      const answered = !['no answer yet', 'no choice yet'].includes(goal.detail);
      // A met goal counts for the grade from then on; when the current state no longer meets it, say both.
      const earlier = goal.met && goal.now === false;
      row.feedback.textContent = earlier
        ? `Met earlier: it counts for your grade. ${goal.type === 'setting' || goal.type === 'lossBelow' ? `Now: ${sentence(goal.detail)}` : `Your last answer: ${sentence(goal.detail)}`}`
        : goal.type === 'choice' && goal.met ? 'Right choice.' : (answered ? cap(goal.detail) : '');
      row.feedback.classList.toggle('wrong', answered && !goal.now && !earlier && Boolean(goalType(goal.type)?.entry));
      row.item.dataset.now = String(goal.now !== false);
      row.refresh?.();
    });
    const met = result.goals.filter((g) => g.met).length;
    scoreLine.textContent = `${met} of ${result.goals.length} goal${result.goals.length > 1 ? 's' : ''} met`;
    passedBox.hidden = !result.passed;
    root.dataset.passed = String(result.passed);
    root.classList.toggle('passed', result.passed);
    const now = result.goals.map((g) => g.met);
    if (lastMet) {
      const changed = now.map((m, i) => (m !== lastMet[i] && m ? `Goal ${i + 1} met.` : null)).filter(Boolean);
      if (result.passed && lastMet.some((m) => !m)) say(`${changed.join(' ')} Passed: every goal is met.`);
      else if (changed.length) say(changed.join(' '));
    }
    lastMet = now;
  }

  return { render };
}

const cap = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');
/** A detail as one sentence's end: a formula's detail is several sentences and already ends with its full stop. */
const sentence = (text) => (/[.!?]$/.test(text) ? text : `${text}.`);
