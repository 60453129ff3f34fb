// How an exported script knows whether it still reproduces the page: the page's loss at up to 12 steps of its
// curve is written into the script (PAGE_LOSSES), and the script compares its own loss with it there, then prints
// one `page_check: …` line saying that it agrees, or between which steps it parted from the page's numbers.
// Float32 rounding differs a little between implementations (summation order, fused multiply-adds); most training
// forgets such differences, but a chaotic run (a large step with momentum, a ReLU input at its kink) amplifies
// them until the digits part. The exporter's own estimate of that (replay-check.js) goes into the header.
import { float64Literal, wrapComment } from './python.js';

/** Relative agreement asked of a script: the contract's 1e-4. */
export const EXPORT_TOLERANCE = 1e-4;
/** Below this share of the initial loss a loss's digits are float32 rounding noise (absolute agreement). */
export const FLOOR_SHARE = 1e-10;
const MAX_CHECKPOINTS = 12;

/** True when a loss agrees with the page's within EXPORT_TOLERANCE (or below `floor`); equal infinities agree. */
export function agreesWithPage(loss, page, floor) {
  return loss === page || Math.abs(loss - page) <= Math.max(EXPORT_TOLERANCE * Math.abs(page), floor);
}

/**
 * The page's recorded losses ([{ step, loss }], its curve) → at most 12 checkpoints [[step, loss], …] after step 0,
 * spread evenly over the steps, always with the last.
 */
export function pickCheckpoints(history) {
  const points = history.filter((p) => p.step > 0 && typeof p.loss === 'number');
  if (points.length <= MAX_CHECKPOINTS) return points.map((p) => [p.step, p.loss]);
  const last = points[points.length - 1].step;
  const picked = new Map();
  for (let i = 1; i <= MAX_CHECKPOINTS; i++) {
    const wanted = (last * i) / MAX_CHECKPOINTS;
    const nearest = points.reduce((best, p) => (Math.abs(p.step - wanted) < Math.abs(best.step - wanted) ? p : best));
    picked.set(nearest.step, nearest.loss);
  }
  return [...picked].sort((a, b) => a[0] - b[0]);
}

/** The section of the script that holds the checkpoints and compares with them (empty: no checkpoint). */
export function pageCheckSection({ checkpoints, floor }) {
  if (checkpoints.length === 0) return '';
  const entries = checkpoints.map(([step, loss]) => `${step}: ${float64Literal(loss)}`);
  const lines = ['PAGE_LOSSES = {'];
  let line = '   ';
  for (const entry of entries) {
    if (line.length + entry.length + 2 > 79 && line.length > 3) {
      lines.push(line);
      line = '   ';
    }
    line += ` ${entry},`;
  }
  lines.push(line, '}');
  return `

# The page's loss of the training set after some of the steps (its loss
# curve), to check this run against. Float32 rounding differs a little between
# implementations; most training forgets such differences, but a chaotic run
# (a large step with momentum, a ReLU input at its kink) amplifies them until
# the digits part, and then only the first digits are the page's.
${lines.join('\n')}
PAGE_TOLERANCE = ${float64Literal(EXPORT_TOLERANCE)}  # relative
PAGE_FLOOR = ${float64Literal(floor)}  # absolute: float32 noise below it


class PageCheck:
    """Compares this run's loss with the page's at the checkpoint steps."""

    def __init__(self):
        self.agreed = []  # the checkpoints where the losses agree
        self.parted = None  # (step, this run's loss, the page's) where not

    def check(self, step, loss):
        page = PAGE_LOSSES[step]
        allowed = max(PAGE_TOLERANCE * abs(page), PAGE_FLOOR)
        if loss == page or abs(loss - page) <= allowed:
            self.agreed.append(step)
        elif self.parted is None:
            self.parted = (step, loss, page)

    def report(self):
        if self.parted is None:
            print(f'page_check: agrees with the page at all '
                  f'{len(self.agreed)} checkpoints (within {PAGE_TOLERANCE})')
            return
        step, loss, page = self.parted
        before = max([s for s in self.agreed if s < step], default=0)
        print(f'page_check: parts from the page between step {before} and '
              f'step {step} (loss {loss!r} here, {page!r} on the page): '
              f'float32 rounding, amplified by this training')
`;
}

/**
 * The header's paragraph on reproducing the page: the exporter's float32 sensitivity estimate (replay-check.js),
 * or null when there was nothing to check.
 */
export function sensitivityWords(sensitivity) {
  if (!sensitivity) return null;
  const { checkedSteps, totalSteps, partsAfter, partsBy } = sensitivity;
  const nudge = 'every learning rate changed by one part in a million (about the difference float32 rounding makes '
    + 'between implementations)';
  const scope = checkedSteps < totalSteps ? ` (checked for the first ${checkedSteps} of the ${totalSteps} steps)` : '';
  if (partsBy === null) {
    return `Reproducing the page: with ${nudge} the page's training stays within ${EXPORT_TOLERANCE} of its loss at `
      + `every checkpoint${scope}, so this script should print the page's numbers to about 4 digits.`;
  }
  const where = partsAfter === 0 ? `within the first ${partsBy} steps` : `between step ${partsAfter} and step ${partsBy}`;
  return `Float32 chaos: this training amplifies rounding. With ${nudge} the page's own training parts from its loss `
    + `${where}${scope}. This script computes in float32 like the page but rounds differently in places (the order `
    + 'of its sums), so it may part from the page\'s numbers from about there, and then only their first digits '
    + 'agree. Its `page_check` line says whether and where it did.';
}

/** sensitivityWords as comment lines for the header (none without an estimate). */
export function sensitivityComment(sensitivity) {
  const words = sensitivityWords(sensitivity);
  return words ? wrapComment(words, '# ') : [];
}
