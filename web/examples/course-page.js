// The scripting of course-page.html: what a course page needs to embed convpool (docs/course.md).
//   1. Resize every convpool iframe from its { convpool: 1, event: 'height', height } messages.
//   2. Call the playground in an iframe: post { convpool: 1, id, method, args }, get { convpool: 1, id, result | error }.
//      Every call has a deadline: an iframe that never answers (not loaded, another page) fails the call with an
//      error that names the call, the iframe and the time waited, and the page shows it to the reader.
//   3. Keep a scoreboard from the { convpool: 1, event: 'exercise', passed, score, goals } messages each exercise posts.
// Only postMessage is used, so this works when the playground is on another origin than the course page.

const frames = [...document.querySelectorAll('iframe')];
const pending = new Map();  // id → { resolve, reject }
let nextId = 1;

/**
 * How long a call may wait for its answer, and after how long a connection still waiting says so. step(n) of a
 * large network takes a while, so the call's deadline is generous. A course page may change them (tests shorten them).
 */
export const timeouts = { callMs: 15_000, connectNoticeMs: 20_000 };

/** The iframe as a reader can find it: its id, else its title, else its address. */
function describeFrame(frame) {
  if (frame.id) return `the iframe #${frame.id}`;
  return frame.title ? `the iframe "${frame.title}"` : `the iframe at ${frame.src}`;
}

/** The call as written, e.g. step(100); long arguments (a state fragment) are cut. */
function describeCall(method, args) {
  const written = args.map((arg) => JSON.stringify(arg) ?? String(arg)).join(', ');
  return `${method}(${written.length > 60 ? `${written.slice(0, 60)}…` : written})`;
}

const seconds = (ms) => `${Number((ms / 1000).toPrecision(3))} s`;

/** The origin to post to: the iframe's own, or '*' when it has none (file:// pages have the origin 'null'). */
function targetOrigin(frame) {
  const origin = new URL(frame.src, location.href).origin;
  return origin === 'null' ? '*' : origin;
}

addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.convpool !== 1) return;
  const frame = frames.find((f) => f.contentWindow === event.source);
  if (!frame) return;  // only our own iframes
  if (data.event === 'height' && Number.isFinite(data.height)) {
    frame.style.height = `${Math.max(200, Math.ceil(data.height))}px`;
    return;
  }
  if (data.event === 'exercise') {
    showScore(frame, data);
    return;
  }
  const call = pending.get(data.id);
  if (!call) return;
  pending.delete(data.id);
  if ('error' in data) call.reject(new Error(data.error));
  else call.resolve(data.result);
});

/**
 * Calls `method(...args)` of the playground in `frame`; resolves to its result (the page answers once ready), or
 * rejects with its error, or after timeouts.callMs without an answer.
 */
export function callPlayground(frame, method, ...args) {
  const id = `course-${nextId++}`;
  const call = `${describeCall(method, args)} to ${describeFrame(frame)}`;
  return new Promise((resolve, reject) => {
    if (!frame.contentWindow) {
      reject(new Error(`${call}: the iframe is no longer in the page`));
      return;
    }
    const waited = timeouts.callMs;
    const timer = setTimeout(() => {
      pending.delete(id);  // an answer after the deadline is ignored
      reject(new Error(`${call} got no answer within ${seconds(waited)} (is the playground loaded in it?)`));
    }, waited);
    pending.set(id, {
      resolve: (result) => { clearTimeout(timer); resolve(result); },
      reject: (error) => { clearTimeout(timer); reject(error); },
    });
    frame.contentWindow.postMessage({ convpool: 1, id, method, args }, targetOrigin(frame));
  });
}

/**
 * Resolves once the playground in `frame` answers. The iframe may still be loading (its first document is
 * about:blank, which would drop the message), so ask every 300 ms with targetOrigin '*' — a question carries no
 * secret — until the first answer arrives. A slow phone may take long to load it, so this keeps asking; after
 * timeouts.connectNoticeMs without an answer it calls `onSlow(message)` once, for the reader.
 */
function connect(frame, onSlow = () => {}) {
  return new Promise((resolve) => {
    const ids = new Set();
    const ask = () => {
      const id = `course-hello-${nextId++}`;
      ids.add(id);
      pending.set(id, { resolve: (result) => { finish(); resolve(result); }, reject: () => {} });
      frame.contentWindow?.postMessage({ convpool: 1, id, method: 'stepCount', args: [] }, '*');
    };
    const timer = setInterval(ask, 300);
    const waited = timeouts.connectNoticeMs;
    const notice = setTimeout(() => onSlow(`${describeFrame(frame)} has not answered for ${seconds(waited)}; still `
      + 'trying (the playground may still be loading, or the iframe may not show a convpool playground)'), waited);
    const finish = () => {
      clearInterval(timer);
      clearTimeout(notice);
      for (const id of ids) pending.delete(id);
    };
    ask();
  });
}

// --- The scoreboard: one row per exercise iframe, fed by its 'exercise' events ---------------------------------------
const scoreLive = document.getElementById('scoreboard-live');

/** The scoreboard row of `frame` (null: it has none), and a cell of it by class. */
function scoreRow(frame) {
  const row = document.querySelector(`#scoreboard tr[data-frame="${frame.id}"]`);
  return row && { row, cell: (name) => row.querySelector(`.${name}`) };
}

/** Says in the row's status what went wrong (or is slow) with the frame; with `blank`, no goals and no score. */
function showProblem(frame, message, { blank = true } = {}) {
  const found = scoreRow(frame);
  if (!found) return;
  if (blank) {
    found.cell('goals').textContent = '—';
    found.cell('score').textContent = '—';
  }
  found.cell('status').textContent = message;
}

/** exercise: { passed, score, goals: [{ text, met }] } as the event (or the 'exercise' method) gives it; null: none. */
function showScore(frame, exercise) {
  const found = scoreRow(frame);
  if (!found) return;
  const { row, cell } = found;
  if (!exercise) {
    showProblem(frame, 'no exercise loaded');
    return;
  }
  const met = exercise.goals.filter((g) => g.met).length;
  const wasPassed = row.classList.contains('passed');
  cell('goals').textContent = `${met} of ${exercise.goals.length}`;
  cell('goals').title = exercise.goals.map((g) => `${g.met ? '✓' : '○'} ${g.text}`).join('\n');
  cell('score').textContent = `${Math.round(exercise.score * 100)} %`;
  cell('status').textContent = exercise.passed ? 'passed ✓' : 'in progress';
  row.classList.toggle('passed', exercise.passed);
  row.dataset.score = String(exercise.score);
  if (exercise.passed && !wasPassed) scoreLive.textContent = `${row.querySelector('th').textContent}: passed.`;
}

// --- Exercise 2: buttons that drive the second iframe -------------------------------------------------------------
const driven = document.getElementById('driven-frame');
const log = document.getElementById('log');
const buttons = [...document.querySelectorAll('.drive button')];
// The same experiment at η = 0.1, with the same exercise (its link part binds the network and signals, not η).
const FAST = 'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=sse&seed=42'
  + '&in0=sines-3-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.1&spf=2&steps=0'
  + '&ex=1.N4IgbiBcCMA0IBcCWCA2BTKIAqALdABBgIYBOAdkuQOYGnELqwEAmpSY65BAZqQPYBbAglxIAzgQAOxapngJi4gNZYACqXQskAYwQj8RfuMnEejUgWgAGawXGMpp-QBIAOm-SKCAXgLWAOmtoF2ZRLmlNEwJAHAJseiorW3tHcUBcAgCCPAjUfmIWAndPbz9AkIJicgKEBO5ZYioAkHhqPNRxKABtUAQATylMSBBckwAhdFyAd2bEdAAPBCxR9hoDQhHJBH5-IOgCfksAIwn+SYJJlDFuGzsHdCcZq4QOyE6AXXgxFnQ1XMXIHjEdpMcBAgCug0CwXggmIcwAyqkoDcAL6wHr9QYgHS4fi6eQgJ4vd6fJDfX78f6A4HwACOEIcSH45CwAHVcAwCBypANyM4CIB24F8O2gAH4ZvwpMhmcScIYNrwge1FXdSDNskZotQBJNTFUCAArMGCJwVQ78MEISCCggSET8baoMhyXgHAx28heSYHVTwABylKutBxlTkHQ+IHEQP+IAA7NYWMdDjoAKwATljOh0AGYACwZ6y53PWABMPGgxAAHDweOgdMR0NmZpVxJN0KQABJKXBYbMsHjVmzEayHayVtMllO5-KHQ7EYgl7MLgBssdXJbTaZThyL6BLxfQ0B4JeXafQo+IxezlZ0y9zJcOaeza5AKIjRK6EdyOlUr3fZMGTpEFqGZPQQb1SF9SMkGocggQ6eBxA5TQZnmKQDkWeA0KdKgQDeFEgA.268c63144edb40ce405a3e0cef41a592';

function say(line) {
  log.textContent = log.textContent ? `${log.textContent}\n${line}` : line;
  log.scrollTop = log.scrollHeight;
}

async function run(label, method, ...args) {
  try {
    const result = await callPlayground(driven, method, ...args);
    say(`${label}: ${typeof result === 'number' && !Number.isInteger(result) ? result.toPrecision(6) : result}`);
    return result;
  } catch (error) {
    say(`${label} failed: ${error.message}`);
    return undefined;
  }
}

const actions = {
  'drive-step': async () => {
    await run('loss after 100 more steps', 'step', 100);
    await run('steps taken', 'stepCount');
  },
  'drive-loss': () => run('loss now', 'loss'),
  'drive-reset': async () => { await run('reset', 'reset'); await run('loss at step 0', 'loss'); },
  'drive-fast': async () => { await run('loaded η = 0.1 (true = exactly)', 'setState', FAST); await run('loss at step 0', 'loss'); },
  'drive-link': async () => {
    try {
      const fragment = await callPlayground(driven, 'getState');
      say(`link to this state: ${new URL(`../index.html#${fragment}`, location.href).href}`);
    } catch (error) {
      say(`link to this state failed: ${error.message}`);
    }
  },
};
for (const button of buttons) button.addEventListener('click', () => actions[button.id]());

// Each exercise's state when it connects (later changes arrive as events).
for (const frame of frames) {
  connect(frame, (message) => showProblem(frame, message, { blank: false }))
    .then(() => callPlayground(frame, 'exercise')).then((exercise) => showScore(frame, exercise))
    .catch((error) => showProblem(frame, `could not read the exercise: ${error.message}`));
}

connect(driven, say).then((steps) => {
  log.textContent = '';
  say(`connected: the playground is at step ${steps}`);
  for (const button of buttons) button.disabled = false;
  document.body.dataset.connected = 'true';  // for tests and the curious
});
