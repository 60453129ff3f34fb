// Replays a resolved experiment in the core, to know before the script runs whether it can reproduce the page:
// the page's losses at checkpoints (when the caller has no recorded curve), and the float32 sensitivity: the same
// training with every learning rate scaled by 1 + 2^-20, a change of the size float32 rounding makes between two
// implementations. A training that forgets such a change ends where the page does, in any implementation; one that
// amplifies it (chaos) parts from the page's numbers, and the step where the nudged replays part is where another
// float32 implementation will likely part too.
import { FLOOR_SHARE, agreesWithPage } from './page-check.js';
import { totalSteps } from './resolved.js';

/** The relative change of every learning rate in the nudged replays (≈ 1e-6). */
export const NUDGE = 2 ** -20;
const REPLAY_CHECKPOINTS = 12;

/** A model of `resolved` with its data, as the page holds it (one example: setInput/setTarget). */
function replayModel(cp, resolved) {
  const model = cp.createModel(resolved.spec);
  try {
    if (resolved.dataset.count === 1) {
      model.setInput(resolved.dataset.inputs);
      model.setTarget(resolved.dataset.targets);
    } else {
      model.setDataset(resolved.dataset);
    }
    return model;
  } catch (error) {
    model.delete();
    throw error;
  }
}

/**
 * Replays the schedule (every learning rate × `scale`) up to the last of `steps` (sorted) or `maxSteps`, and
 * records model.loss() after each of `steps` it reaches: → Map(step → loss). A diverging replay records NaN.
 */
function lossesAt(cp, resolved, steps, scale, maxSteps) {
  const model = replayModel(cp, resolved);
  const losses = new Map();
  try {
    let done = 0;
    let next = 0;
    for (const [count, lr] of resolved.schedule) {
      let left = count;
      while (left > 0 && next < steps.length && done < maxSteps) {
        const run = Math.min(left, steps[next] - done, maxSteps - done);
        model.train(run, lr * scale);
        if (model.lastTrain.diverged) {
          for (; next < steps.length; next++) losses.set(steps[next], NaN);
          return losses;
        }
        done += run;
        left -= run;
        if (done === steps[next]) losses.set(steps[next++], model.loss());
      }
    }
    return losses;
  } finally {
    model.delete();
  }
}

/** The loss at the initial weights (the rounding floor is FLOOR_SHARE × it). */
export function initialLoss(cp, resolved) {
  const model = replayModel(cp, resolved);
  try {
    return model.loss();
  } finally {
    model.delete();
  }
}

/**
 * Without the page's recorded curve (Node, tests): replays `resolved` as the page does and records its loss at up
 * to 12 evenly spread steps, always the last. → [[step, loss], …]
 */
export function replayCheckpoints(cp, resolved) {
  const total = totalSteps(resolved.schedule);
  const steps = [...new Set(Array.from({ length: Math.min(REPLAY_CHECKPOINTS, total) },
    (_, i) => Math.round((total * (i + 1)) / Math.min(REPLAY_CHECKPOINTS, total))))];
  const losses = lossesAt(cp, resolved, steps, 1, total);
  return steps.filter((step) => losses.has(step)).map((step) => [step, losses.get(step)]);
}

/**
 * The float32 sensitivity of the page's training: a replay with every learning rate × (1 + NUDGE), compared with
 * the page's `checkpoints` ([[step, loss], …]) within the export tolerance (or `floor`). Only the first `maxSteps`
 * steps are replayed (a bound on the work of an export).
 * → { checkedSteps, totalSteps, partsAfter, partsBy }: partsBy is the first checkpoint where the nudged replay
 * disagrees (null: none), partsAfter the checkpoint before it (0: the start).
 */
export function float32Sensitivity(cp, resolved, checkpoints, { floor = 0, maxSteps = Infinity } = {}) {
  const total = totalSteps(resolved.schedule);
  const checked = Math.min(total, maxSteps);
  const steps = checkpoints.map(([step]) => step).filter((step) => step <= checked);
  const page = new Map(checkpoints);
  const nudged = lossesAt(cp, resolved, steps, 1 + NUDGE, checked);
  let partsAfter = 0;
  for (const step of steps) {
    if (!agreesWithPage(nudged.get(step), page.get(step), floor)) {
      return { checkedSteps: checked, totalSteps: total, partsAfter, partsBy: step };
    }
    partsAfter = step;
  }
  return { checkedSteps: checked, totalSteps: total, partsAfter, partsBy: null };
}

/**
 * What the scripts check themselves against, resolved.pageCheck = { checkpoints, floor, sensitivity }, from the
 * page's `checkpoints` ([[step, loss], …]: pickCheckpoints of its curve, or replayCheckpoints); `maxSteps` bounds
 * the nudged replays.
 */
export function pageCheckOf(cp, resolved, checkpoints, { maxSteps = Infinity } = {}) {
  const floor = FLOOR_SHARE * Math.abs(initialLoss(cp, resolved));
  const sensitivity = checkpoints.length ? float32Sensitivity(cp, resolved, checkpoints, { floor, maxSteps }) : null;
  return { checkpoints, floor: Number.isFinite(floor) ? floor : 0, sensitivity };
}
