// The postMessage protocol of the page's handle (docs/interface.md "postMessage"): which requests it answers, with
// what, and the error reply to a request for a method it does not have. Loaded by embed.js's listener with the first
// message of the playground's shape.

/** The handle's methods a postMessage request may call (docs/interface.md "postMessage"). */
export const MESSAGE_METHODS = ['step', 'loss', 'stepCount', 'getState', 'setState', 'reset', 'exportCode', 'exercise',
  'setComparison', 'comparison'];

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
 * Answers one postMessage request with the handle's methods: { convpool: 1, id, result } or { convpool: 1, id, error }.
 * options.maxSteps() caps one 'step' message (larger asks get an error, so no message can freeze the page).
 */
export async function answer(event, playground, { maxSteps = () => Infinity } = {}) {
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
}

