// The session's events: every name it emits and the payload each carries, in one list. session.on() refuses a name
// not in it (a typo would otherwise subscribe to nothing, silently). No DOM.
import { ConvPoolError } from '../lib/errors.js';

/**
 * @typedef {object} SessionEvents  the payload of each event
 * @property {{ model: object, experiment: object, cause: 'load' | 'edit' }} model
 *           a new model replaced the old one (a link or experiment loaded, or an edit of the network took)
 * @property {{ steps: number, loss: number, reset: boolean }} weights
 *           training changed the weights (reset: true when a reset put the initial weights back)
 * @property {{ problems: string[], source: string }} problems
 *           after every load: what could not be read exactly ([] = nothing)
 * @property {{ steps: number }} replay      a link's recorded steps started replaying (steps in total)
 * @property {{}} idle                       the queue ran empty (a replay is over, or was replaced by an edit)
 * @property {{ step: number, loss: number, learningRate: number }} diverged
 *           training stopped: the loss became NaN or ±∞ (the earlier weights are kept)
 * @property {{ steps: number }} limit       the step count reached the most a link may replay
 * @property {{ learningRate: number, stepsPerFrame: number }} settings   η or the steps per frame changed (no new model)
 * @property {{ hidden: object | null }} hidden
 *           an exercise started or stopped hiding values (web/shared/exercise/hidden.js): the views redraw through it
 */

/** The event names, each with what it means (its payload is above). */
export const SESSION_EVENTS = Object.freeze({
  model: 'a new model replaced the old one: { model, experiment, cause }',
  weights: 'training (or a reset) changed the weights: { steps, loss, reset }',
  problems: 'after every load, what could not be read exactly: { problems, source }',
  replay: "a link's recorded steps started replaying: { steps }",
  idle: 'the queue of training ran empty: {}',
  diverged: 'training stopped at a NaN or infinite loss: { step, loss, learningRate }',
  limit: 'the step count reached the most a link may replay: { steps }',
  settings: 'η or the steps per frame changed: { learningRate, stepsPerFrame }',
  hidden: 'an exercise started or stopped hiding values: { hidden }',
});

/** `type` if the session emits it; else a ConvPoolError naming the known events. */
export function sessionEvent(type) {
  if (typeof type === 'string' && Object.hasOwn(SESSION_EVENTS, type)) return type;
  throw new ConvPoolError(`session event ${typeof type === 'string' ? `'${type}'` : String(type)} does not exist `
    + `(one of ${Object.keys(SESSION_EVENTS).map((name) => `'${name}'`).join(', ')})`, { field: 'type' });
}

/**
 * @typedef {object} Emitter
 * @property {(type: keyof SessionEvents, detail?: object) => void} emit
 * @property {<K extends keyof SessionEvents>(type: K, fn: (detail: SessionEvents[K]) => void) => () => void} on
 */

/**
 * The session's listeners: emit(type, detail) tells every listener of `type` (one that throws is reported and does
 * not stop the others or the session); on(type, fn) subscribes to one of SESSION_EVENTS and returns the unsubscribe.
 * @returns {Emitter}
 */
export function createEmitter() {
  const listeners = new Map();
  return {
    emit(type, detail = {}) {
      for (const fn of listeners.get(type) || []) {
        try { fn(detail); } catch (error) { console.error(`a '${type}' listener of the session failed:`, error); }
      }
    },
    on(type, fn) {
      sessionEvent(type);
      if (typeof fn !== 'function') throw new TypeError(`session.on('${type}', fn): fn must be a function`);
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(fn);
      return () => listeners.get(type).delete(fn);
    },
  };
}
