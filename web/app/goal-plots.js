// Next to each goal of an exercise, a live copy of the plot it asks about (a layer's forward or backward pass, its
// kernel, the loss curve), so a learner reads the plot beside the answer box instead of scrolling a screen (a
// phone: several) away and back. The copy is redrawn after every redraw of the page; a click on it brings the full
// plot (with hover and keys) into view. A plot the exercise hides is not copied: the copy says it is hidden.
// Loaded with the first exercise panel (its 'exercise-goals' event, web/app/exercise-panel.js).

/** The id of the canvas a goal is about, or null (a multiple-choice goal about no layer). */
export function goalPlotId(goal) {
  if (goal.type === 'lossBelow') return 'canvas-loss';
  if (!Number.isInteger(goal.layer)) return null;
  const l = goal.layer;
  switch (goal.quantity) {
    case 'dx': return `plot-backward-${l}`;
    case 'dw': case 'db': return document.getElementById(`plot-kernel-${l}`) ? `plot-kernel-${l}` : `plot-weights-${l}`;
    default: return `plot-forward-${l}`;  // y, outputLength, or a goal about a layer as a whole
  }
}

/** Copies no wider than this (CSS px): beside a goal, not a second page of plots. */
const MAX_WIDTH = 640;

/**
 * detail: { goals, items } of a built exercise panel; onRedraw(fn): the view's redraw listeners; jump(id): brings the
 * plot into view; requestRedraw(): a redraw at the next frame. Adds a figure with the live copy to each goal whose
 * plot exists.
 */
export function showGoalPlots({ goals, items }, { onRedraw, jump, requestRedraw }) {
  const copies = [];
  goals.forEach((goal, i) => {
    const id = goalPlotId(goal);
    const item = items[i];
    if (!id || !item || item.querySelector('.goal-plot')) return;
    const copy = document.createElement('canvas');
    copy.className = 'goal-plot-copy';
    copy.setAttribute('role', 'img');
    const show = document.createElement('button');
    show.type = 'button';
    show.className = 'goal-plot-show';
    show.textContent = 'Show the full plot';
    show.addEventListener('click', () => jump(id));
    copy.addEventListener('click', () => jump(id));
    const note = document.createElement('span');
    note.className = 'goal-plot-note';
    const figure = document.createElement('figure');
    figure.className = 'goal-plot';
    figure.dataset.plot = id;
    const caption = document.createElement('figcaption');
    caption.append(note, ' ', show);
    figure.append(copy, caption);
    item.append(figure);
    copies.push({ id, copy, note, figure, show });
  });
  if (!copies.length) return;
  const draw = () => {
    for (const c of copies) if (c.figure.isConnected) drawCopy(c);
  };
  onRedraw(draw);
  draw();
  requestRedraw();  // a plot off screen may be stale: the next frame draws it (it is mirrored now), then its copy
}

/** Copies the plot's pixels into its copy (scaled to the goal's width), or says why there is none. */
function drawCopy({ id, copy, note, show }) {
  const source = document.getElementById(id);
  const why = !source ? 'This plot is not on the page.'
    : source.classList.contains('exercise-hidden') ? 'This plot is hidden in this exercise.'
      : source.closest('[hidden]') ? 'Its panel is folded: open it to see the plot.' : '';
  copy.hidden = Boolean(why);
  show.hidden = Boolean(why) && !(source && source.closest('[hidden]') && !source.classList.contains('exercise-hidden'));
  if (why) {
    note.textContent = why;
    return;
  }
  source.dataset.mirrored = '1';  // the view draws it every frame, on screen or not (visibility.js)
  const label = source.getAttribute('aria-label') || 'the plot';
  note.textContent = `Live copy: ${label}.`;
  copy.setAttribute('aria-label', `Live copy of ${label}; the full plot has the numbers and the hover`);
  if (!source.width || !source.height) return;
  const cssWidth = Math.min(MAX_WIDTH, copy.parentElement.clientWidth || MAX_WIDTH);
  const scale = cssWidth / (source.getBoundingClientRect().width || cssWidth);
  const cssHeight = Math.round((source.getBoundingClientRect().height || 0) * scale);
  const ratio = window.devicePixelRatio || 1;
  const width = Math.round(cssWidth * ratio);
  const height = Math.round(cssHeight * ratio);
  if (copy.width !== width || copy.height !== height) {
    copy.width = width;
    copy.height = height;
    copy.style.width = `${cssWidth}px`;
    copy.style.height = `${cssHeight}px`;
  }
  const ctx = copy.getContext('2d');
  ctx.clearRect(0, 0, width, height);
  ctx.drawImage(source, 0, 0, width, height);
}
