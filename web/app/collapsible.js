// Collapsible editor groups for narrow screens: on a phone the network editor sits right under the Train bar,
// folded to one line ("Edit the network"), so it is one tap from Play instead of after every plot. On wide screens
// the groups stay open and the toggle is not shown (CSS).
import { h } from '../shared/dom.js';

const NARROW = '(max-width: 860px)';

/** Adds a show/hide toggle to the fieldset `group` (collapsed at first on narrow screens). */
export function makeCollapsible(group, label) {
  // index.html already holds the toggle (and the group starts collapsed there), so folding it moves nothing
  const toggle = group.querySelector(':scope > .group-toggle') || h('button', { type: 'button', class: 'group-toggle', 'aria-expanded': 'true' }, '');
  const set = (open) => {
    group.classList.toggle('collapsed', !open);
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? `Hide the ${label}` : `Edit the ${label}`;
  };
  toggle.addEventListener('click', () => set(group.classList.contains('collapsed')));
  if (!toggle.isConnected) group.querySelector('legend').after(toggle);
  // an embed shows its editors open (a course chose which ones to show or lock)
  set(document.body.classList.contains('embed') || !window.matchMedia(NARROW).matches);
  return { open: () => set(true), close: () => set(false) };
}
