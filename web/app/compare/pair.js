// Two experiments in lockstep, DOM-free: the page's session A and, while comparing, a second ordinary session B
// (web/shared/session.js, its own model: no special math path), the link form that carries both, and the trainer
// the scheduler and the handle drive — every step count goes to both sides, so each side's loss after n steps is
// that experiment's loss run alone. Small on purpose: it is start-up code (the handle answers at once); the
// comparison's view loads on first use (view.js).
import { createSession, stepsWithinBudget } from '../../shared/session.js';
import { LIMITS } from '../../shared/schema.js';

/** The link's key for B: `#<A's fragment>&vs=<B's fragment, URI-encoded>` (a link without it is read as before). */
export const COMPARISON_KEY = 'vs';

/** → { main: the fragment without B, comparison: B's fragment (decoded) or null }. */
export function splitComparison(fragment) {
  const pairs = String(fragment ?? '').replace(/^#/, '').split('&');
  const mine = pairs.filter((p) => p.startsWith(`${COMPARISON_KEY}=`));
  let comparison = null;
  if (mine.length) {
    const raw = mine[mine.length - 1].slice(COMPARISON_KEY.length + 1);
    try { comparison = decodeURIComponent(raw); } catch { comparison = raw; }
  }
  return { main: pairs.filter((p) => !p.startsWith(`${COMPARISON_KEY}=`)).join('&'), comparison };
}

/** A's fragment with B's beside it (B null: A's alone, unchanged). */
export const joinComparison = (main, comparison) => (comparison === null ? main : `${main}&${COMPARISON_KEY}=${encodeURIComponent(comparison)}`);

/**
 * The pair around the page's session `a`. `b` is null until start(fragment); `trainer` is what Step, Play and a
 * link's replay train: `a` alone, or both in lockstep.
 */
export function createPair(a) {
  let b = null;
  let focused = 'a';  // the side the pointer was last on: the explanations explain that side
  let editing = 'a';  // the side the page's controls edit
  const listeners = new Set();
  const sessionStarts = new Set();
  const focusListeners = new Set();
  const hoverListeners = new Set();
  const sessionListeners = [];  // [type, fn]: told of that event on A and on every B
  const both = () => (b ? [a, b] : [a]);
  const tell = () => { for (const fn of listeners) fn(b); };
  // An edit starts its side again from step 0: the other side goes back to step 0 too, so the two curves keep
  // sharing their step axis (a new weight seed from the same seed: the experiment itself is unchanged).
  const restartOther = (other) => ({ cause }) => {
    const side = other();
    if (cause === 'edit' && side && side.experiment.steps > 0) side.reset();
  };
  a.on('model', restartOther(() => b));
  // An exercise's hiding rule (set on A, web/shared/exercise/hidden.js) holds for B too: B starts as a copy of A, and
  // its plots, tooltips, tables and explanations would otherwise show the very values the exercise asks for.
  a.on('hidden', ({ hidden }) => b?.setHidden(hidden));

  /** The scheduler's view of the two sessions as one: the same steps for both, a frame's budget shared. */
  const lockstep = {
    get experiment() {
      // steps: the side further on (the step limit stops both); steps per frame: A's, the one the controls show
      return { ...a.experiment, steps: Math.max(a.experiment.steps, b.experiment.steps) };
    },
    get pendingSteps() { return a.pendingSteps + b.pendingSteps; },
    epochSteps: () => Math.max(a.epochSteps(), b.epochSteps()),
    trainingMs: (n) => a.trainingMs(n) + b.trainingMs(n),
    stepsWithin: (budgetMs, most) => stepsWithinBudget(lockstep.trainingMs, lockstep.epochSteps(), budgetMs, most),
    /** n steps on each side (each at its own η); → A's loss of the last step. */
    train(n) {
      const loss = a.train(n);
      b.train(n);
      return loss;
    },
    queue(n) { a.queue(n); b.queue(n); },
    stepWork: () => a.stepWork() + b.stepWork(),
    runPending(budgetMs = Infinity) {
      const ranA = a.runPending(budgetMs / 2);
      const ranB = b.runPending(budgetMs / 2);
      return ranA || ranB;
    },
    cancelPending() { a.cancelPending(); b.cancelPending(); },
  };

  function setFocus(side) {
    const next = b && side === 'b' ? 'b' : 'a';
    if (next === focused) return;
    focused = next;
    for (const fn of focusListeners) fn(next);
  }

  return {
    get a() { return a; },
    /** B's session, or null when not comparing. */
    get b() { return b; },
    get comparing() { return b !== null; },
    get trainer() { return b ? lockstep : a; },
    sessions: both,
    /**
     * Shows B (a link fragment, or an experiment object such as a lesson's) beside A: a new session on A's library,
     * or the current B loading it. → true when B was read exactly (its problems are B's session's 'problems' event).
     */
    start(fragment) {
      const fresh = !b;
      const next = b || createSession(a.cp);
      if (fresh) {
        b = next;
        next.setHidden(a.hidden);
        next.on('model', restartOther(() => (b === next ? a : null)));
        for (const [type, fn] of sessionListeners) next.on(type, (detail) => fn(detail, next));
        for (const fn of sessionStarts) fn(next);  // before the load: they hear B's first events (its problems, its replay)
      }
      const ok = typeof fragment === 'string' ? next.loadFragment(fragment) : next.load(fragment, { source: 'experiment' });
      if (fresh) tell();
      return ok;
    },
    /** Ends the comparison: B's model is freed. */
    end() {
      if (!b) return;
      const old = b;
      b = null;
      editing = 'a';
      setFocus('a');
      old.cancelPending();
      old.model?.delete();
      tell();
    },
    /** n training steps now on every side (within the step limit); → A's loss of the last step. */
    step(n) {
      for (const s of both()) s.runPending();
      const room = Math.min(...both().map((s) => LIMITS.maxSteps - s.experiment.steps));
      const steps = Math.max(0, Math.min(n, room));
      const loss = a.train(steps);
      if (b) b.train(steps);
      return loss;
    },
    /** null, or { a: { step, loss }, b: { step, loss } } (contract §11). */
    summary() {
      if (!b) return null;
      const side = (s) => { s.runPending(); return { step: s.stepCount(), loss: s.loss() }; };
      return { a: side(a), b: side(b) };
    },
    /** `main` (A's fragment, with its exercise) with B's beside it while comparing. */
    fragment: (main) => joinComparison(main, b ? b.fragment() : null),
    /** fn(b) when a new B session is made, before it loads its experiment (to subscribe to its events). */
    onSession(fn) { sessionStarts.add(fn); },
    /** fn(b) whenever the comparison starts (b a session, its experiment loaded) or ends (null). */
    onChange(fn) { listeners.add(fn); return () => listeners.delete(fn); },
    /** fn(detail, session) on `type` events of A and of B (web/shared/session.js's events). */
    on(type, fn) {
      sessionListeners.push([type, fn]);
      a.on(type, (detail) => fn(detail, a));
      b?.on(type, (detail) => fn(detail, b));
    },
    /** The session the page's controls edit: B after edit('b') while comparing, else A. */
    get editing() { return b && editing === 'b' ? b : a; },
    /** Points the controls at side 'a' or 'b'. */
    edit(side) { editing = side === 'b' ? 'b' : 'a'; },
    /** The session the explanations follow: B while the pointer was last on B's side, else A. */
    get shown() { return b && focused === 'b' ? b : a; },
    /** The comparison view says which side the pointer is on ('a' | 'b') and which sample (a hover event or null). */
    point(side, hover) {
      if (side) setFocus(side);
      for (const fn of hoverListeners) fn(hover);
    },
    onFocus(fn) { focusListeners.add(fn); },
    onHover(fn) { hoverListeners.add(fn); },
  };
}
