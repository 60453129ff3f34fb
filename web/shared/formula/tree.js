// Reading a parsed formula's tree without running it: which parts are numbers fixed by the layer, their value, and a
// walk over the nodes. The cost estimate (evaluate.js) and the diagnosis (diagnose.js) share these.

const LAYER_NUMBERS = 'NKMsdp';

/** Whether a node's value depends only on numbers and the layer's N, K, M, s, d, p (not on any index). */
export function isConstant(n) {
  switch (n.kind) {
    case 'num': return true;
    case 'name': return !n.index && LAYER_NUMBERS.includes(n.name);
    case 'neg': case 'floor': case 'ceil': return isConstant(n.operand);
    case 'binary': return isConstant(n.left) && isConstant(n.right);
    default: return false;
  }
}

/**
 * A node's value from the layer's numbers (`env`) and the given index letters; any other name counts as `other`.
 * Only arithmetic: a sum, a max, a bracket or an array read is NaN.
 */
export function valueOf(n, env, letters = {}, other = NaN) {
  switch (n.kind) {
    case 'num': return n.value;
    case 'name':
      if (n.index) return NaN;
      if (n.name in letters) return letters[n.name];
      return LAYER_NUMBERS.includes(n.name) ? env[n.name] : other;
    case 'neg': return -valueOf(n.operand, env, letters, other);
    case 'floor': return Math.floor(valueOf(n.operand, env, letters, other));
    case 'ceil': return Math.ceil(valueOf(n.operand, env, letters, other));
    case 'binary': {
      const a = valueOf(n.left, env, letters, other), b = valueOf(n.right, env, letters, other);
      switch (n.op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
        case '^': return a ** b;
        default: return ((a % b) + b) % b;  // mod
      }
    }
    default: return NaN;
  }
}

/** The nodes directly below `n` (operands, indices, bounds, bodies, bracket sides, max arguments). */
export function childrenOf(n) {
  const out = [];
  for (const key of ['left', 'right', 'operand', 'index', 'lower', 'upper', 'body']) if (n[key]) out.push(n[key]);
  for (const arg of n.args ?? []) out.push(arg);
  for (const comparison of n.comparisons ?? []) out.push(...comparison.operands);
  return out;
}
