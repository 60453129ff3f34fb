// The SCORM 1.2 run-time: the page as one SCO in Moodle, Canvas, Blackboard or any SCORM 1.2 player.
// It finds the LMS's `API` object on a parent or opener window, reports lesson status, score and suspend data, and
// finishes when the page is left. An LMS error is reported through onError, never thrown into the page.

/** How many parent windows the search climbs (ADL's reference search uses 7 levels of frames). */
export const MAX_SEARCH_DEPTH = 7;
/** cmi.suspend_data holds at most 4,096 characters in SCORM 1.2. */
export const SUSPEND_LIMIT = 4096;

function hasApi(win) {
  try {
    const api = win && win.API;
    return api && typeof api.LMSInitialize === 'function' ? api : null;
  } catch {
    return null;  // a cross-origin frame: reading it throws; it cannot be our LMS
  }
}

function climb(win, maxDepth) {
  let current = win;
  for (let depth = 0; current && depth <= maxDepth; depth++) {
    const api = hasApi(current);
    if (api) return api;
    let parent;
    try { parent = current.parent; } catch { parent = null; }
    if (!parent || parent === current) break;
    current = parent;
  }
  return null;
}

/**
 * The standard search: this window and its parents (at most maxDepth levels up), then the opener window and its
 * parents (a player that opens the SCO in a new window). → the API object or null.
 */
export function findScormApi(win, maxDepth = MAX_SEARCH_DEPTH) {
  const found = climb(win, maxDepth);
  if (found) return found;
  let opener;
  try { opener = win && win.opener; } catch { opener = null; }
  return opener ? climb(opener, maxDepth) : null;
}

/** SCORM 1.2's CMITime (a clock time, HH:MM:SS) of a Date, in the learner's time zone as the LMS shows it. */
export function scormClockTime(date) {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** SCORM 1.2's CMITimespan: HHHH:MM:SS.SS. */
export function scormTimespan(milliseconds) {
  const total = Math.max(0, milliseconds) / 1000;
  const hours = Math.min(9999, Math.floor(total / 3600));
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = (total % 60).toFixed(2).padStart(5, '0');
  return `${String(hours).padStart(4, '0')}:${String(minutes).padStart(2, '0')}:${seconds}`;
}

/**
 * A SCORM 1.2 reporter on `api` (from findScormApi), or null when there is none.
 *   start()             LMSInitialize; sets lesson_status 'incomplete' unless it is already passed/completed;
 *                       → the stored suspend data ('' when none) for the page to resume from
 *   report({ passed, score, suspendData })   score.raw 0–100 (score is 0…1; never lower than one the LMS already has),
 *                       lesson_status 'passed' once passed (never taken back, nor followed by another status), the
 *                       suspend data (≤ 4,096 characters, else kept out and reported), LMSCommit
 *   interaction({ id, type, response, result })   one cmi.interactions.n record (a checked answer, a met goal)
 *   finish()            session time, exit ('suspend' unless passed, so the LMS resumes), LMSCommit, LMSFinish (once)
 *   finishOnExit(win)   calls finish() on the window's pagehide / beforeunload
 * onError({ call, element, code, message }) receives every LMS error; nothing here throws into the page.
 */
/**
 * @param {any} api   the LMS's SCORM 1.2 API object (LMSInitialize, LMSSetValue, …), or null
 * @param {{ onError?: (error: { call: string, element?: string, code: string | null, message: string }) => void,
 *   now?: () => number }} [options]
 */
export function createScormReporter(api, { onError = () => {}, now = () => Date.now() } = {}) {
  if (!api) return null;
  let started = false;
  let finished = false;
  let passedReported = false;
  let bestRaw = 0;          // the score the LMS has: a report never sends a lower one
  let scored = false;       // whether the LMS has a score at all (the first report writes one, 0 too)
  let interactions = 0;     // cmi.interactions._count: records are only ever appended
  let startedAt = 0;

  function lmsError(callName, element) {
    try {
      const code = String(api.LMSGetLastError());
      if (code === '0' || code === '') return false;
      let message = '';
      try { message = String(api.LMSGetErrorString(code)); } catch { /* keep the code alone */ }
      try { const d = String(api.LMSGetDiagnostic(code)); if (d && d !== message) message += message ? ` (${d})` : d; } catch { /* optional */ }
      onError({ call: callName, element, code, message });
      return true;
    } catch (error) {
      onError({ call: callName, element, code: null, message: String(error && error.message || error) });
      return true;
    }
  }

  /** One API call: its result as text, or null (and onError) when it failed or threw. */
  function call(name, ...args) {
    try {
      const result = api[name](...args);
      const text = result === undefined || result === null ? '' : String(result);
      if (name === 'LMSGetValue') return lmsError(name, args[0]) ? null : text;
      if (text !== 'true') {
        if (!lmsError(name, args[0])) onError({ call: name, element: args[0], code: null, message: `${name} returned ${text || 'nothing'}` });
        return null;
      }
      return text;
    } catch (error) {
      onError({ call: name, element: args[0], code: null, message: String(error && error.message || error) });
      return null;
    }
  }

  function start() {
    if (started) return null;
    started = true;
    startedAt = now();
    if (call('LMSInitialize', '') === null) return null;
    const status = call('LMSGetValue', 'cmi.core.lesson_status');
    passedReported = status === 'passed';
    if (!['passed', 'completed'].includes(status)) call('LMSSetValue', 'cmi.core.lesson_status', 'incomplete');
    const storedText = call('LMSGetValue', 'cmi.core.score.raw');
    const stored = Number(storedText);
    scored = Boolean(storedText) && Number.isFinite(stored);
    bestRaw = scored ? Math.min(100, Math.max(0, stored)) : 0;
    const count = Number(call('LMSGetValue', 'cmi.interactions._count'));
    interactions = Number.isInteger(count) && count >= 0 ? count : 0;
    call('LMSSetValue', 'cmi.core.score.min', '0');
    call('LMSSetValue', 'cmi.core.score.max', '100');
    const entry = call('LMSGetValue', 'cmi.core.entry');
    const suspended = call('LMSGetValue', 'cmi.suspend_data');
    return entry === 'ab-initio' ? '' : (suspended ?? '');
  }

  function report({ passed, score, suspendData }) {
    if (!started || finished) return;
    const raw = Math.round(Math.min(1, Math.max(0, Number(score) || 0)) * 100);
    // a grade only goes up: a goal undone later, or a visit that starts over, never lowers what the gradebook has
    if (raw > bestRaw || !scored) {
      scored = true;
      bestRaw = Math.max(bestRaw, raw);
      call('LMSSetValue', 'cmi.core.score.raw', String(bestRaw));
    }
    if (passed && !passedReported) {
      passedReported = true;
      call('LMSSetValue', 'cmi.core.lesson_status', 'passed');
    }
    if (typeof suspendData === 'string') {
      if (suspendData.length <= SUSPEND_LIMIT) call('LMSSetValue', 'cmi.suspend_data', suspendData);
      else onError({ call: 'LMSSetValue', element: 'cmi.suspend_data', code: null, message: `the state has ${suspendData.length} characters, more than SCORM 1.2's ${SUSPEND_LIMIT}; not stored` });
    }
    call('LMSCommit', '');
  }

  /** One cmi.interactions.n record: { id, type, response, result } (SCORM 1.2 vocabulary), time = now. */
  function interaction({ id, type, response, result }) {
    if (!started || finished) return;
    const n = interactions++;
    const at = `cmi.interactions.${n}`;
    call('LMSSetValue', `${at}.id`, id);
    call('LMSSetValue', `${at}.type`, type);
    call('LMSSetValue', `${at}.student_response`, response);
    call('LMSSetValue', `${at}.result`, result);
    call('LMSSetValue', `${at}.time`, scormClockTime(new Date(now())));
  }

  function finish() {
    if (!started || finished) return;
    finished = true;
    call('LMSSetValue', 'cmi.core.session_time', scormTimespan(now() - startedAt));
    call('LMSSetValue', 'cmi.core.exit', passedReported ? '' : 'suspend');
    call('LMSCommit', '');
    call('LMSFinish', '');
  }

  function finishOnExit(win) {
    win.addEventListener('pagehide', finish);
    win.addEventListener('beforeunload', finish);
  }

  return { api, start, report, interaction, finish, finishOnExit, finished: () => finished };
}
