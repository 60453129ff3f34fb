// Embedding: ?embed=1 (compact layout), hide= and lock= lists of control names, the height report to the parent
// page, and the postMessage twin of window.convpoolPlayground (docs/course.md "Embed it in a course page").

/** Control names that hide= and lock= accept (the data-control attributes of index.html). */
export const CONTROL_NAMES = ['header', 'footer', 'train', 'step', 'play', 'reset', 'lr', 'speed', 'network', 'length',
  'channels', 'loss', 'seed', 'layers', 'signals', 'input', 'target', 'draw', 'share', 'embed-code', 'export', 'explain',
  // the data set and optimizer panel
  'dataset', 'data-preset', 'data-count', 'data-validation', 'own-data', 'batch', 'shuffle', 'optimizer', 'momentum',
  'betas', 'weight-decay', 'examples', 'overview',
  // the comparison: "Compare with…" / "End comparison" (a locked network still locks both sides' networks)
  'compare'];

/** The handle's methods a postMessage request may call (docs/interface.md "postMessage"). */
export const MESSAGE_METHODS = ['step', 'loss', 'stepCount', 'getState', 'setState', 'reset', 'exportCode', 'exercise',
  'setComparison', 'comparison'];

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

/** True for exactly { convpool: 1, id, method, args } with an allowed method and at most one primitive argument. */
export function isPlaygroundRequest(data) {
  return hasRequestShape(data) && MESSAGE_METHODS.includes(data.method);
}

/**
 * The method name of a request of the documented shape whose method the playground does not have (a typo such as
 * 'stepp'), or null: such a request is answered with an error naming it, so the caller learns at once instead of
 * waiting for its own timeout. Any other shape stays unanswered.
 */
export function unknownMethod(data) {
  if (!hasRequestShape(data) || MESSAGE_METHODS.includes(data.method)) return null;
  return typeof data.method === 'string' && data.method.length <= 100 ? data.method : null;
}

function hasRequestShape(data) {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return false;
  const keys = Object.keys(data);
  if (keys.some((k) => !['convpool', 'id', 'method', 'args'].includes(k))) return false;
  if (data.convpool !== 1 || typeof data.method !== 'string') return false;
  if (!['string', 'number'].includes(typeof data.id)) return false;
  if (typeof data.id === 'string' && data.id.length > 100) return false;
  const args = data.args === undefined ? [] : data.args;
  if (!Array.isArray(args) || args.length > 1) return false;
  return args.every((a) => a === null || ['string', 'number', 'boolean'].includes(typeof a));
}

/**
 * Answers postMessage requests with the handle's methods: { convpool: 1, id, result } or { convpool: 1, id, error }.
 * options.maxSteps() caps one 'step' message (larger asks get an error, so no message can freeze the page).
 */
export function listenForMessages(playground, { maxSteps = () => Infinity } = {}) {
  window.addEventListener('message', async (event) => {
    if (!event.source || event.source === window) return;
    const origin = event.origin && event.origin !== 'null' ? event.origin : '*';
    const unknown = unknownMethod(event.data);
    if (unknown !== null) {
      event.source.postMessage({ convpool: 1, id: event.data.id, error: `unknown method ${JSON.stringify(unknown)}: `
        + `the playground answers ${MESSAGE_METHODS.join(', ')}` }, { targetOrigin: origin });
      return;
    }
    if (!isPlaygroundRequest(event.data)) return;
    const { id, method } = event.data;
    const args = event.data.args || [];
    let reply;
    try {
      await playground.ready;
      if (method === 'setState' && typeof args[0] !== 'string') throw new Error('setState needs the fragment string');
      if (method === 'step' && args.length && typeof args[0] !== 'number') throw new Error('step needs a number of steps');
      if (method === 'step' && args.length && args[0] > maxSteps()) {
        throw new Error(`step ${args[0]} is more than one message may ask for on this network (${maxSteps()}); send several`);
      }
      if (method === 'setComparison' && args[0] !== null && typeof args[0] !== 'string') {
        throw new Error('setComparison needs the fragment string of experiment B, or null to end the comparison');
      }
      // setComparison answers once B is shown (a promise); the others at once
      reply = { convpool: 1, id, result: await playground[method](...args) };
    } catch (error) {
      reply = { convpool: 1, id, error: String(error && error.message || error) };
    }
    /** @type {Window} */ (event.source).postMessage(reply, origin);
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
