// What both scripts share about training: the data set's batch order (in order, or shuffled per epoch by the
// playground's own generator, PCG32, written out in Python), the optimizer's constants, and the words for the
// header. The optimizer itself is torch.optim in the PyTorch script and written out in the NumPy one (numpy.js).
import { float64Literal } from './python.js';

/** True for plain SGD without weight decay: W ← W − η ∂C/∂W (the short scripts). */
export function isPlainSgd(spec) {
  const o = spec.optimizer;
  return o.type === 'sgd' && o.momentum === 0 && spec.weightDecay === 0;
}

const IN_ORDER = `

def batch_examples(step):
    """The examples of training step \`step\` (0, 1, ...).

    Slot j of step i is position p = i * BATCH_SIZE + j of one endless pass
    over the data set, taken in order: example p mod COUNT.
    """
    first = step * BATCH_SIZE
    return [(first + j) % COUNT for j in range(BATCH_SIZE)]
`;

// The same generator and Fisher–Yates shuffle as the playground (PCG32, pcg-random.org), so the order is the same.
const SHUFFLED = `

MASK_64 = (1 << 64) - 1
MASK_32 = (1 << 32) - 1


class Pcg32:
    """PCG32 (pcg-random.org): the playground's random generator."""

    def __init__(self, seed, stream):
        self.state = 0
        self.increment = ((stream << 1) | 1) & MASK_64
        self.next_u32()
        self.state = (self.state + seed) & MASK_64
        self.next_u32()

    def next_u32(self):
        old = self.state
        self.state = (old * 6364136223846793005 + self.increment) & MASK_64
        xorshifted = (((old >> 18) ^ old) >> 27) & MASK_32
        rot = old >> 59  # rotate right by the top 5 bits
        return ((xorshifted >> rot) | (xorshifted << (-rot & 31))) & MASK_32

    def below(self, bound):
        """Uniform in [0, bound): draws below 2^32 mod bound are rejected."""
        threshold = (MASK_32 + 1 - bound) % bound
        while True:
            r = self.next_u32()
            if r >= threshold:
                return r % bound


@functools.lru_cache(maxsize=2)
def epoch_order(epoch):
    """Epoch e's order: a Fisher-Yates shuffle from PCG32(SEED, 2^32 + e)."""
    rng = Pcg32(SEED, (1 << 32) + epoch)
    order = list(range(COUNT))
    for i in range(COUNT - 1, 0, -1):  # swap i with a uniform j in [0, i]
        j = rng.below(i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def batch_examples(step):
    """The examples of training step \`step\` (0, 1, ...).

    Slot j of step i is position p = i * BATCH_SIZE + j of one endless
    stream over the data set: epoch e = p // COUNT, example
    epoch_order(e)[p mod COUNT].
    """
    first = step * BATCH_SIZE
    return [epoch_order((first + j) // COUNT)[(first + j) % COUNT]
            for j in range(BATCH_SIZE)]
`;

/** The Python functions that pick each step's examples (the constants COUNT, BATCH_SIZE, SEED come with the data). */
export function batchOrderSection(spec) {
  return spec.shuffle ? SHUFFLED : IN_ORDER;
}

/** The imports the batch order needs (shuffle: functools for the per-epoch cache). */
export function batchOrderImports(spec) {
  return spec.shuffle ? ['import functools'] : [];
}

/** The constants lines of the training: batch size, seed (shuffle), the optimizer's options. */
export function trainingConstants(spec, count) {
  const lines = [`COUNT = ${count}  # examples in the training set`, `BATCH_SIZE = ${spec.batchSize}`,
    // the page's C of a data set is its mean per example: the sse's sum is divided by the count (mse and
    // crossentropy are means already); the checks against the page compare the sums themselves
    `C_DIVISOR = ${spec.loss === 'sse' ? 'COUNT' : '1'}  # printed: the page's C, loss / C_DIVISOR`];
  if (spec.shuffle) lines.push(`SEED = ${spec.seed}  # the batch order's generator`);
  const o = spec.optimizer;
  if (o.type === 'sgd' && o.momentum !== 0) {
    lines.push(`MOMENTUM = ${float64Literal(o.momentum)}`, `DAMPENING = ${float64Literal(o.dampening)}`,
      `NESTEROV = ${o.nesterov ? 'True' : 'False'}`);
  }
  if (o.type === 'adam') {
    lines.push(`BETA1 = ${float64Literal(o.beta1)}`, `BETA2 = ${float64Literal(o.beta2)}`,
      `EPS = ${float64Literal(o.eps)}`);
  }
  if (spec.weightDecay !== 0) lines.push(`WEIGHT_DECAY = ${float64Literal(spec.weightDecay)}`);
  return lines;
}

/** The optimizer in words: 'plain SGD', 'SGD with momentum 0.9 (Nesterov)', 'Adam (beta1 0.9, …)', + weight decay. */
export function optimizerWords(spec) {
  const o = spec.optimizer;
  let words;
  if (o.type === 'adam') {
    words = `Adam (beta1 ${float64Literal(o.beta1)}, beta2 ${float64Literal(o.beta2)}, eps ${float64Literal(o.eps)})`;
  } else if (o.momentum === 0) {
    words = spec.weightDecay === 0 ? 'plain SGD' : 'SGD';
  } else {
    words = `SGD with momentum ${float64Literal(o.momentum)}${o.dampening !== 0
      ? `, dampening ${float64Literal(o.dampening)}` : ''}${o.nesterov ? ' (Nesterov)' : ''}`;
  }
  return spec.weightDecay === 0 ? words : `${words}, weight decay ${float64Literal(spec.weightDecay)}`;
}
