// The notice bar above the page: one message at a time, with a kind ('info', 'warning', 'replay', 'divergence',
// 'limit', 'error') so that the end of a condition hides its own notice and no other.
import { $ } from '../shared/dom.js';

export function createNotices() {
  const notice = $('notice');
  $('notice-close').addEventListener('click', () => { notice.hidden = true; });
  return {
    show(text, kind = 'info') {
      $('notice-text').textContent = text;
      notice.dataset.kind = kind;
      notice.hidden = false;
    },
    /** Hides the notice if it is of `kind` (any kind when omitted). */
    hide(kind) {
      if (!kind || notice.dataset.kind === kind) notice.hidden = true;
    },
  };
}

/** What the session's events mean for the learner, as notices. */
export function showSessionNotices(session, notices, formatNumber) {
  session.on('model', () => notices.hide('divergence'));
  session.on('problems', ({ problems, source }) => {
    if (problems.length) notices.show(`This ${source} could not be loaded exactly: ${problems.slice(0, 4).join('; ')}.`, 'warning');
    else notices.hide('warning');
  });
  session.on('replay', ({ steps }) => {
    if (steps > 20000) notices.show(`Replaying the link's ${steps.toLocaleString('en')} training steps…`, 'replay');
  });
  session.on('idle', () => notices.hide('replay'));
  session.on('diverged', ({ step, loss, learningRate }) => notices.show(
    `Training diverged at step ${step}: the loss became ${formatNumber(loss)}. The weights of step ${step - 1} were kept. `
    + `Try a smaller learning rate η (e.g. ${Number((learningRate / 10).toPrecision(2))}); Reset starts again.`, 'divergence'));
  session.on('limit', ({ steps }) => notices.show(
    `Reached ${steps.toLocaleString('en')} steps, the most a link can replay. Reset to train again.`, 'limit'));
  session.on('weights', ({ reset }) => {
    if (reset) { notices.hide('divergence'); notices.hide('limit'); }
  });
}
