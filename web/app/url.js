// The link: the URL fragment follows the experiment (written at most every HASH_WRITE_MS, never halfway through a
// replay), a fragment typed or pasted into the address bar is loaded, and "Copy link" / "Copy embed code" give it.
import { $ } from '../shared/dom.js';
import { serializeExperiment } from '../shared/experiment.js';
import { embedCode } from './embed.js';

/** history.replaceState costs a few ms: too much per frame while training plays. */
const HASH_WRITE_MS = 300;

/**
 * `fragment()` (default: the session's) is what the link holds — the page passes getState()'s, with the exercise and
 * a comparison's B — `open(fragment)` loads a fragment typed into the address bar (default: the session's
 * loadFragment), and `busy()` is true while training is queued (a replay: its link is not written halfway).
 */
export function createLinks(session, {
  embedOptions, fragment: currentFragment = () => session.fragment(), open = (f) => session.loadFragment(f),
  busy = () => session.pendingSteps > 0,
}) {
  let written = null;
  let lastWrite = 0;
  let timer = null;

  function writeNow() {
    if (!session.experiment || busy()) return;
    lastWrite = performance.now();
    const fragment = currentFragment();
    if (fragment === written) return;
    written = fragment;
    try {
      history.replaceState(null, '', `${location.pathname}${location.search}#${fragment}`);
    } catch { /* some sandboxed iframes refuse; the link buttons still work */ }
  }

  function writeSoon() {
    if (timer) return;
    timer = setTimeout(() => { timer = null; writeNow(); }, Math.max(0, HASH_WRITE_MS - (performance.now() - lastWrite)));
  }

  const linkFor = (experiment) => `${location.origin}${location.pathname}#${serializeExperiment(experiment)}`;

  async function share(kind) {
    session.runPending();
    let text = `${location.origin}${location.pathname}#${currentFragment()}`;
    if (kind === 'embed') {
      const params = new URLSearchParams({ embed: '1' });
      const { hide, lock } = embedOptions;
      if (hide.size) params.set('hide', [...hide].join(','));
      if (lock.size) params.set('lock', [...lock].join(','));
      text = embedCode(`${location.origin}${location.pathname}?${params.toString().replace(/%2C/g, ',')}#${currentFragment()}`);
    }
    const box = $('share-text');
    box.value = text;
    box.hidden = false;
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch { /* clipboard refused (permissions, insecure context): the text box below is selected instead */ }
    if (!copied) box.select();
    $('share-status').textContent = (copied ? `${kind === 'embed' ? 'Embed code' : 'Link'} copied to the clipboard.`
      : `Select and copy the ${kind === 'embed' ? 'embed code' : 'link'} below.`) + onlyHere(location);
  }

  session.on('model', writeNow);
  session.on('idle', writeNow);
  session.on('settings', writeNow);
  session.on('weights', ({ reset }) => (reset ? writeNow() : writeSoon()));
  window.addEventListener('hashchange', () => {
    const fragment = location.hash.replace(/^#/, '');
    if (fragment !== written) open(fragment);
  });

  return {
    writeNow, linkFor, share,
    /** Writes the link as the events of `other` (a comparison's B session) change it, as it does for the page's own. */
    follow(other) {
      other.on('model', writeNow);
      other.on('idle', writeNow);
      other.on('settings', writeNow);
      other.on('weights', ({ reset }) => (reset ? writeNow() : writeSoon()));
    },
  };
}

/**
 * A word when a copied link can open only on this computer: the page was served from localhost (`npm start`) or
 * opened as a file; '' for a page on a real host.
 */
export function onlyHere({ protocol, hostname }) {
  if (protocol === 'file:') return ' It points at a file on this computer: others can open it once the page is on a web server.';
  if (!/^(localhost|127(\.\d+){3}|\[::1\]|::1)$/.test(hostname)) return '';
  return ' It points at localhost, so it opens only on this computer: to share it, start the server with '
    + '`npm start -- --host` and copy the link from the network address it prints.';
}
