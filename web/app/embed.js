// Embedding: ?embed=1 (compact layout), hide= and lock= lists of control names, the height report to the parent
// page, and the listener of the postMessage twin of window.convpoolPlayground (its protocol: messages.js; docs/course.md
// "Embed it in a course page").

/** Control names that hide= and lock= accept (the data-control attributes of index.html). */
export const CONTROL_NAMES = ['header', 'footer', 'train', 'step', 'play', 'reset', 'lr', 'speed', 'network', 'length',
  'channels', 'loss', 'seed', 'layers', 'signals', 'input', 'target', 'draw', 'share', 'embed-code', 'export', 'explain',
  // the data set and optimizer panel
  'dataset', 'data-preset', 'data-count', 'data-validation', 'own-data', 'batch', 'shuffle', 'optimizer', 'momentum',
  'betas', 'weight-decay', 'examples', 'overview',
  // the comparison: "Compare with…" / "End comparison" (a locked network still locks both sides' networks)
  'compare'];

/** ?embed=1&hide=a,b&lock=c → { embed, hide: Set, lock: Set } (unknown names ignored). */
export function parseEmbedOptions(search) {
  let params;
  try { params = new URLSearchParams(search); } catch { params = new URLSearchParams(); }
  const list = (name) => new Set((params.get(name) || '').split(',').map((s) => s.trim()).filter((s) => CONTROL_NAMES.includes(s)));
  return { embed: params.get('embed') === '1', hide: list('hide'), lock: list('lock') };
}

/** Hides and freezes the chosen controls; call again after the form re-renders. */
export function applyEmbedRules(options) {
  document.body.classList.toggle('embed', options.embed);
  for (const name of options.hide) {
    if (name === 'explain') document.getElementById('explain').hidden = true;
    for (const node of document.querySelectorAll(`[data-control="${name}"]`)) /** @type {HTMLElement} */ (node).hidden = true;
  }
  for (const name of options.lock) {
    for (const node of document.querySelectorAll(`[data-control="${name}"]`)) {
      node.classList.add('locked');
      const controls = node.matches('input, select, button, textarea, fieldset') ? [node] : [];
      controls.push(...node.querySelectorAll('input, select, button, textarea'));
      for (const control of /** @type {HTMLInputElement[]} */ (controls)) {
        control.disabled = true;
        control.title = 'locked by the course';
      }
      // say it in words, once per locked group (a greyed-out control alone looks broken)
      if (node.matches('fieldset') && !node.querySelector(':scope > .locked-note')) {
        const note = document.createElement('p');
        note.className = 'locked-note';
        note.textContent = 'Locked by the course: these settings cannot be changed here.';
        (node.querySelector(':scope > legend') || node.firstChild)?.after(note);
      }
    }
  }
}

/** In an iframe, posts { convpool: 1, event: 'height', height } to the parent whenever the page's height changes. */
export function reportHeight() {
  if (window.parent === window) return;
  let last = -1;
  const send = () => {
    // the content's height: scrollHeight is never less than the iframe's own height, so it could not shrink it
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ convpool: 1, event: 'height', height }, '*');
  };
  new ResizeObserver(send).observe(document.body);
  send();
}

/**
 * Answers postMessage requests with the handle's methods (app/messages.js: the protocol, loaded with the first
 * message that looks like one, so a page nobody talks to never loads it). Messages that arrive meanwhile wait their
 * turn and are answered in the order they came. options.maxSteps() caps one 'step' message.
 */
export function listenForMessages(playground, options = {}) {
  let protocol = null;
  const waiting = [];
  window.addEventListener('message', (event) => {
    if (!event.source || event.source === window || event.data?.convpool !== 1) return;
    if (protocol) { protocol.answer(event, playground, options); return; }
    waiting.push(event);
    if (waiting.length > 1) return;  // the protocol is on its way
    import('./messages.js').then((m) => {
      protocol = m;
      for (const queued of waiting.splice(0)) m.answer(queued, playground, options);
    }, (error) => {
      // answered as any failed request is, so the caller learns at once rather than at its own timeout
      for (const queued of waiting.splice(0)) {
        const origin = queued.origin && queued.origin !== 'null' ? queued.origin : '*';
        /** @type {Window} */ (queued.source).postMessage({ convpool: 1, id: queued.data.id,
          error: `the playground's message protocol could not be loaded: ${error && error.message || error}` }, origin);
      }
    });
  });
}

/** The iframe snippet for a course page (with a few lines that resize it from the height messages). */
export function embedCode(url) {
  const safe = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe id="convpool" src="${safe}" title="convpool: 1-D convolution and max-pooling playground" `
    + 'style="width:100%;height:900px;border:0" loading="lazy"></iframe>\n'
    + '<script>addEventListener("message",function(e){var d=e.data;if(d&&d.convpool===1&&d.event==="height")'
    + 'document.getElementById("convpool").style.height=d.height+"px";});</script>';
}
