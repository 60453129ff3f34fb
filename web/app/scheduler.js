// The training scheduler: trains in requestAnimationFrame chunks under a time budget (the page never blocks),
// replays queued work (a link's steps, a large ×100) the same way, and redraws once per frame when something changed.
import { LIMITS } from '../shared/schema.js';

const FRAME_BUDGET_MS = 12;
const REPLAY_BUDGET_MS = 30;

/**
 * draw() redraws the panels; onError(error) is told when a frame failed (training is then paused and the queue
 * dropped, so the page never loops on a failing frame).
 */
export function createScheduler(session, { draw, onError }) {
  let playing = false;
  let frameRequested = false;
  let redrawRequested = false;
  let held = false;
  const playingListeners = [];

  function requestFrame() {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(frame);
  }

  function setPlaying(next) {
    if (next && session.experiment.steps >= LIMITS.maxSteps) return;
    playing = next;
    for (const fn of playingListeners) fn(playing);
    if (playing) requestFrame();
  }

  function frame() {
    frameRequested = false;
    try {
      frameBody();
    } catch (error) {
      setPlaying(false);
      session.cancelPending();
      onError(error);
      return;
    }
    if (session.pendingSteps > 0 || playing) requestFrame();
  }

  function frameBody() {
    let changed = redrawRequested;
    if (session.pendingSteps > 0) {
      changed = session.runPending(REPLAY_BUDGET_MS) || changed;
    } else if (playing) {
      const started = performance.now();
      let remaining = session.experiment.stepsPerFrame;
      while (playing && remaining > 0) {
        const left = FRAME_BUDGET_MS - (performance.now() - started);
        if (left <= 0) break;
        const chunk = Math.min(remaining, Math.max(1, Math.floor(left / session.msPerStep)));
        session.train(chunk);
        remaining -= chunk;
      }
      changed = true;
    }
    if (held) return;  // redrawRequested stays: the caller's drawing covers it when it releases
    redrawRequested = false;
    if (changed) draw();
  }

  // A loaded model, a diverged run or the step limit stop playing; queued work starts at the next frame. An edit
  // of the network while playing keeps playing: the learner sees the new network train at once.
  session.on('model', ({ cause }) => { if (cause !== 'edit') setPlaying(false); });
  session.on('diverged', () => setPlaying(false));
  session.on('limit', () => setPlaying(false));
  session.on('replay', requestFrame);

  return {
    get playing() { return playing; },
    setPlaying,
    requestFrame,
    /** Redraw at the next frame (with whatever training that frame runs). */
    requestRedraw() { redrawRequested = true; requestFrame(); },
    /**
     * Start-up: frames draw nothing until releaseDrawing() (training and replays still run); the page draws its
     * first frame itself, in parts (view.redrawInParts), instead of one long frame of every plot at once.
     */
    holdDrawing() { held = true; },
    /** The redraws asked for so far are the caller's to do (it is about to draw everything). */
    forgetRedraws() { redrawRequested = false; },
    /** Ends holdDrawing(); a redraw asked for since forgetRedraws() comes at the next frame. */
    releaseDrawing() {
      held = false;
      if (redrawRequested) requestFrame();
    },
    onPlaying(fn) { playingListeners.push(fn); },
  };
}
