// The training scheduler: trains in requestAnimationFrame chunks under a time budget (the page never blocks),
// replays queued work (a link's steps, a large ×100) the same way, and redraws once per frame when something changed.
import { LIMITS } from '../shared/schema.js';

/**
 * The script time of a playing frame: training, the loss-curve points it adds (a whole data set's evaluation each)
 * and the redraw, all together. A 60 Hz frame lasts 16.7 ms; the rest is left to the browser's own work (layout,
 * painting the canvases, compositing). On a busy or slow machine that work takes longer: when a frame comes later
 * than LATE_FRAME_MS (below 50 frames/s) the budget shrinks by a quarter, down to MIN_FRAME_BUDGET_MS, and grows
 * back by BUDGET_RECOVERY_MS per punctual frame, so the steps per frame follow what the machine can give.
 */
export const FRAME_BUDGET_MS = 10;
// Not lower: a slow machine's late frames are mostly the browser's own work, and a budget of a few ms left training
// crawling (4× CPU slowdown, the bench's data set: 2 ms gave 43 frames/s but 62 steps/s, 6 ms 36–42 and 110–120).
export const MIN_FRAME_BUDGET_MS = 6;
export const LATE_FRAME_MS = 20;
const BUDGET_RECOVERY_MS = 0.25;
/**
 * A frame whose budget cannot pay for the smallest chunk worth drawing (an epoch, or the steps per frame if fewer,
 * with its curve point and the redraw) trains nothing, draws nothing and saves its budget for the next frame, up to
 * this much; then that frame trains what fits. A slow machine so trains whole epochs every few frames, and the frames
 * between them stay cheap, instead of paying a whole-set evaluation and a redraw for a single step every frame.
 */
export const MAX_SAVED_BUDGET_MS = 2 * FRAME_BUDGET_MS;
const REPLAY_BUDGET_MS = 30;

/**
 * draw() redraws the panels; onError(error) is told when a frame failed (training is then paused and the queue
 * dropped, so the page never loops on a failing frame). trainer() → what the frames train: the session, or while two
 * experiments are compared both in lockstep (compare/pair.js; the same methods, one frame budget for both).
 */
export function createScheduler(session, { draw, onError, trainer = () => session }) {
  let playing = false;
  let frameRequested = false;
  let redrawRequested = false;
  let msPerDraw = 1;  // measured: what a redraw costs, taken from the frame's budget before training
  let frameBudget = FRAME_BUDGET_MS;
  let lastPlayingFrameAt = null;  // the previous playing frame's time stamp (null: the first frame of a run)
  let saved = 0;  // ms of script time saved by playing frames that trained nothing (see MAX_SAVED_BUDGET_MS)
  let held = false;
  const playingListeners = [];

  function requestFrame() {
    if (frameRequested) return;
    frameRequested = true;
    requestAnimationFrame(frame);
  }

  function setPlaying(next) {
    if (next && trainer().experiment.steps >= LIMITS.maxSteps) return;
    playing = next;
    for (const fn of playingListeners) fn(playing);
    if (playing) requestFrame();
  }

  function frame(now) {
    frameRequested = false;
    adaptBudget(now);
    try {
      frameBody();
    } catch (error) {
      setPlaying(false);
      trainer().cancelPending();
      onError(error);
      return;
    }
    if (trainer().pendingSteps > 0 || playing) requestFrame();
  }

  /** Shrinks the frame budget after a late frame, lets it grow back after punctual ones (see FRAME_BUDGET_MS). */
  function adaptBudget(now) {
    const trainingFrame = playing && trainer().pendingSteps === 0;
    if (!trainingFrame) saved = 0;
    if (trainingFrame && lastPlayingFrameAt !== null && Number.isFinite(now)) {
      frameBudget = now - lastPlayingFrameAt > LATE_FRAME_MS
        ? Math.max(MIN_FRAME_BUDGET_MS, frameBudget * 0.75)
        : Math.min(FRAME_BUDGET_MS, frameBudget + BUDGET_RECOVERY_MS);
    }
    lastPlayingFrameAt = trainingFrame ? now : null;
  }

  function frameBody() {
    let changed = redrawRequested;
    if (trainer().pendingSteps > 0) {
      changed = trainer().runPending(REPLAY_BUDGET_MS) || changed;
    } else if (playing) {
      changed = trainWithinBudget() || changed;
    }
    if (held) return;  // redrawRequested stays: the caller's drawing covers it when it releases
    redrawRequested = false;
    if (changed) {
      const drawStarted = performance.now();
      draw();
      msPerDraw = 0.8 * msPerDraw + 0.2 * (performance.now() - drawStarted);
    }
  }

  /** Trains this frame's chunks within the frame budget (and what earlier frames saved); → true when it trained. */
  function trainWithinBudget() {
    const started = performance.now();
    saved = Math.min(saved + frameBudget, MAX_SAVED_BUDGET_MS);
    const budget = saved - msPerDraw;  // the redraw after training is paid from the same budget
    let remaining = trainer().experiment.stepsPerFrame;
    const smallest = Math.min(remaining, trainer().epochSteps());
    if (saved < MAX_SAVED_BUDGET_MS && trainer().stepsWithin(budget, smallest) < smallest) return false;
    saved = 0;
    let trained = 0;
    while (playing && remaining > 0) {
      // the steps whose training and curve points fit what is left (the trainer's trainingMs estimates both)
      let chunk = trainer().stepsWithin(budget - (performance.now() - started), remaining);
      if (chunk === 0) {
        if (trained > 0) break;
        chunk = 1;  // the saved budget is full and still too small: one step, so training always moves on
      }
      trainer().train(chunk);
      trained += chunk;
      remaining -= chunk;
    }
    return true;
  }

  // A loaded model, a diverged run or the step limit stop playing; queued work starts at the next frame. An edit
  // of the network while playing keeps playing: the learner sees the new network train at once.
  session.on('model', ({ cause }) => { if (cause !== 'edit') setPlaying(false); });
  session.on('diverged', () => setPlaying(false));
  session.on('limit', () => setPlaying(false));
  session.on('replay', requestFrame);

  return {
    get playing() { return playing; },
    /** The script time (ms) a playing frame may use now: FRAME_BUDGET_MS, less after late frames. */
    get frameBudget() { return frameBudget; },
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
