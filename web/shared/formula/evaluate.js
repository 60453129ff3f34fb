// A parsed formula turned into plain JavaScript closures (no eval, no Function): names resolved once for a quantity of a
// layer, then evaluated at every index of any number of environments. Every \sum and \max charges its work against a
// step budget before it runs and may span at most FORMULA_LIMITS.maxRange values, so no text can hang the page.
//
// An environment: { x, xpad, W, delta, b (numbers arrays), N, K, M, s, d, p, pr, xpadOutside }. Reads outside an
// array give 0 (xpad: xpadOutside, −∞ for max-pool); a read at a non-integer index gives NaN and is noted.
import { FormulaError, FORMULA_LIMITS, grouped } from './errors.js';
import { parseFormula } from './parse.js';
import { QUANTITIES, CONSTANTS, ARRAYS, unknownLetterAdvice } from './symbols.js';
import { isConstant, valueOf } from './tree.js';

const SHOWN = { delta: 'δ', xpad: 'xpad' };
const shown = (name) => SHOWN[name] ?? name;
const OPERATOR_NAMES = { sum: '\\sum', max: '\\max', argmax: '\\arg\\max' };

/**
 * text → { formula } or { error: { message, start, end } }: the formula of `quantity` ('y'|'dx'|'dw'|'db') for `layer`
 * ({ weights: whether it has W and b, title: its type's name }; reference.js formulaLayer). Never throws for any text.
 */
export function compileFormula(text, { quantity, layer }) {
  try {
    const tree = parseFormula(text);
    return { formula: new Formula(tree, quantity, layer), tree };
  } catch (error) {
    if (error instanceof FormulaError) return { error: { message: error.message, start: error.start, end: error.end } };
    if (error instanceof RangeError) {  // a stack overflow the depth limit did not foresee
      return { error: { message: 'the formula nests too deeply to read', start: null, end: null } };
    }
    throw error;
  }
}

/** A budget shared by every evaluation of one check. */
export function createBudget(steps = FORMULA_LIMITS.maxSteps) { return { left: steps, total: steps }; }

class Formula {
  constructor(tree, quantity, layer) {
    const spec = QUANTITIES[quantity];
    if (!spec) throw new FormulaError(`unknown quantity ${JSON.stringify(quantity)} (one of y, dx, dw, db)`);
    this.quantity = quantity;
    this.weights = Boolean(layer?.weights);
    this.title = layer?.title ?? 'this';
    this.freeName = spec.free;
    this.uses = new Set();          // the symbols the text uses (x, xpad, W, delta, b, s, d, p, …)
    this.notes = [];                // things noticed while evaluating (reads at a fraction, division by zero)
    this.state = { env: null, vars: new Float64Array(FORMULA_LIMITS.maxDepth + 2), budget: createBudget() };
    this.sums = [];                 // every \sum / \max: { kind, variable, node, lower, upper } for the diagnosis
    const [run] = this.compile(tree, new Map(spec.free ? [[spec.free, 0]] : []), 1);
    this.run = run;
    this.tree = tree;
  }

  /**
   * The work of one evaluation, estimated before any runs: a sum whose bounds use only numbers and N, K, M, s, d, p
   * costs its length times its body; one whose bounds use another index counts once (the budget watches it at run time).
   */
  estimate(env) {
    const cost = (n) => {
      switch (n.kind) {
        case 'num': return 1;
        case 'name': return 1 + (n.index ? cost(n.index) : 0);
        case 'binary': return 1 + cost(n.left) + cost(n.right);
        case 'neg': case 'floor': case 'ceil': return 1 + cost(n.operand);
        case 'iverson': return 1 + n.comparisons.reduce((s, c) => s + c.operands.reduce((t, o) => t + cost(o), 0), 0);
        case 'maxOf': return 1 + n.args.reduce((s, a) => s + cost(a), 0);
        default: {
          let count = 1;
          if (isConstant(n.lower) && isConstant(n.upper)) {
            const lo = Math.ceil(valueOf(n.lower, env)), hi = Math.floor(valueOf(n.upper, env));
            count = Math.max(0, hi - lo + 1);
            if (count > FORMULA_LIMITS.maxRange) throw rangeError(n, lo, hi);
          }
          return cost(n.lower) + cost(n.upper) + 2 + count * cost(n.body);
        }
      }
    };
    return cost(this.tree);
  }

  /**
   * Values at each index of `indices` (the free index; ignored for db) in `env`. Throws FormulaError on a runtime rule
   * (a sum too long, the budget spent) with the index named.
   */
  evaluate(env, indices, budget = createBudget()) {
    const state = this.state;
    state.env = env;
    state.budget = budget;
    const out = new Float64Array(indices.length);
    for (let n = 0; n < indices.length; n++) {
      state.vars[0] = indices[n];
      try {
        out[n] = this.run();
      } catch (error) {
        if (error instanceof FormulaError && this.freeName && !error.atIndex) {
          error.message += ` (at ${this.freeName} = ${indices[n]})`;
          error.atIndex = true;
        }
        throw error;
      }
    }
    return out;
  }

  note(kind, text) {
    if (this.notes.length < 8 && !this.notes.some((n) => n.kind === kind)) this.notes.push({ kind, text });
  }

  /** tree → [closure, size]; `bound` maps letters to variable slots, `depth` is the next free slot. */
  compile(node, bound, depth) {
    switch (node.kind) {
      case 'num': { const v = node.value; return [() => v, 1]; }
      case 'neg': { const [f, n] = this.compile(node.operand, bound, depth); return [() => -f(), n + 1]; }
      case 'floor': { const [f, n] = this.compile(node.operand, bound, depth); return [() => Math.floor(f()), n + 1]; }
      case 'ceil': { const [f, n] = this.compile(node.operand, bound, depth); return [() => Math.ceil(f()), n + 1]; }
      case 'binary': return this.binary(node, bound, depth);
      case 'name': return this.name(node, bound, depth);
      case 'iverson': return this.iverson(node, bound, depth);
      case 'maxOf': {
        const parts = node.args.map((a) => this.compile(a, bound, depth));
        const fns = parts.map((p) => p[0]);
        return [() => Math.max(...fns.map((f) => f())), parts.reduce((s, p) => s + p[1], 1)];
      }
      case 'sum': case 'max': case 'argmax': return this.bigOperator(node, bound, depth);
      default: throw new FormulaError(`internal: unknown node ${node.kind}`);
    }
  }

  binary(node, bound, depth) {
    if (node.op === '*') return this.product(node, bound, depth);
    const [a, na] = this.compile(node.left, bound, depth);
    const [b, nb] = this.compile(node.right, bound, depth);
    const size = na + nb + 1;
    switch (node.op) {
      case '+': return [() => a() + b(), size];
      case '-': return [() => a() - b(), size];
      case '/': return [() => {
        const denominator = b();
        if (denominator === 0) this.note('division', 'it divides by zero');
        return a() / denominator;
      }, size];
      case 'mod': return [() => { const m = b(); return ((a() % m) + m) % m; }, size];
      default: return [() => a() ** b(), size];  // '^'
    }
  }

  /** A product of factors; Iverson brackets first, and a false one makes the product 0 (Iverson's strong zero). */
  product(node, bound, depth) {
    const factors = [];
    const flatten = (n) => { if (n.kind === 'binary' && n.op === '*') { flatten(n.left); flatten(n.right); } else factors.push(n); };
    flatten(node);
    const compiled = factors.map((f) => [f.kind === 'iverson', ...this.compile(f, bound, depth)]);
    const brackets = compiled.filter((c) => c[0]).map((c) => c[1]);
    const others = compiled.filter((c) => !c[0]).map((c) => c[1]);
    const size = compiled.reduce((s, c) => s + c[2], compiled.length - 1);
    return [() => {
      for (let n = 0; n < brackets.length; n++) if (brackets[n]() === 0) return 0;
      let value = 1;
      for (let n = 0; n < others.length; n++) value *= others[n]();
      return value;
    }, size];
  }

  iverson(node, bound, depth) {
    const chains = node.comparisons.map(({ operands, relations }) => {
      const fns = operands.map((o) => this.compile(o, bound, depth));
      return { fns: fns.map((f) => f[0]), size: fns.reduce((s, f) => s + f[1], 0), relations };
    });
    const test = (r, a, b) => (r === '=' ? a === b : r === '<' ? a < b : r === '>' ? a > b : r === '<=' ? a <= b
      : r === '>=' ? a >= b : a !== b);
    return [() => {
      for (const { fns, relations } of chains) {
        let left = fns[0]();
        for (let n = 0; n < relations.length; n++) {
          const right = fns[n + 1]();
          if (!test(relations[n], left, right)) return 0;
          left = right;
        }
      }
      return 1;
    }, chains.reduce((s, c) => s + c.size, 1)];
  }

  name(node, bound, depth) {
    const { name } = node;
    const where = `at character ${node.start + 1}`;
    if (bound.has(name)) {
      if (node.index) throw new FormulaError(`${name} ${where} is an index; it takes no subscript`, node.start, node.end);
      const slot = bound.get(name);
      const vars = this.state.vars;
      if (slot === 0) this.uses.add('free');
      return [() => vars[slot], 1];
    }
    if (name in ARRAYS) return this.read(node, where, bound, depth);
    if (name === 'p' && node.index) {  // p_l and p_r, as the page's notation writes the two paddings
      const side = node.index.kind === 'name' ? node.index.name : null;
      if (side !== 'l' && side !== 'r') {
        throw new FormulaError(`p ${where} is the padding: write p (or p_l) for the left one, p_r for the right one`,
          node.start, node.end);
      }
      this.uses.add('p');
      const key = side === 'l' ? 'p' : 'pr';
      return [() => this.state.env[key], 1];
    }
    if (name in CONSTANTS) {
      if (!this.weights && name === 'b') {
        throw new FormulaError(`b ${where}: a ${this.title} layer has no bias`, node.start, node.end);
      }
      if (node.index && name !== 'b') {
        throw new FormulaError(`${name} ${where} is ${CONSTANTS[name]}, a number; it takes no index`, node.start, node.end);
      }
      this.uses.add(name);
      if (name === 'b' && node.index) return this.read(node, where, bound, depth);
      return [() => this.state.env[name], 1];
    }
    const spec = QUANTITIES[this.quantity];
    const advice = unknownLetterAdvice(name, this.quantity);
    const free = spec.free ? `the free index is ${spec.free} (${spec.entry})` : `${spec.entry} has no free index`;
    throw new FormulaError(`${shown(name)} ${where} is not defined here: ${advice ?? `${free}; any other letter must be `
      + 'the index of a \\sum or \\max around it'}`, node.start, node.end);
  }

  read(node, where, bound, depth) {
    const { name } = node;
    if (name === 'W' && !this.weights) {
      throw new FormulaError(`W ${where}: a ${this.title} layer has no weights W`, node.start, node.end);
    }
    if (!node.index) {
      throw new FormulaError(`${shown(name)} ${where} needs an index: ${shown(name)}[j] or ${shown(name)}_{j}`,
        node.start, node.end);
    }
    this.uses.add(name);
    const [index, size] = this.compile(node.index, bound, depth);
    const state = this.state;
    const label = shown(name);
    const key = name === 'b' ? 'bias' : name;
    return [() => {
      const j = index();
      const values = state.env[key];
      if (Number.isInteger(j)) {
        if (j >= 0 && j < values.length) return values[j];
        return name === 'xpad' ? state.env.xpadOutside : 0;
      }
      if (!Number.isNaN(j)) this.note('fraction', `it reads ${label} at the index ${j}, which is not an integer`);
      return NaN;
    }, size + 1];
  }

  bigOperator(node, bound, depth) {
    const { variable } = node;
    const label = OPERATOR_NAMES[node.kind];
    const where = `at character ${node.variableStart + 1}`;
    if (variable === 'xpad' || variable === 'delta') {
      throw new FormulaError(`${label} runs over ${shown(variable)} ${where}: its index must be a single letter such as k`,
        node.variableStart);
    }
    if (variable in CONSTANTS || variable in ARRAYS) {
      throw new FormulaError(`${variable} ${where} is ${CONSTANTS[variable] ?? ARRAYS[variable]}; give the index of `
        + `${label} another letter`, node.variableStart);
    }
    if (bound.has(variable)) {
      const isFree = bound.get(variable) === 0;
      throw new FormulaError(`${variable} ${where} is ${isFree ? `the free index of ${QUANTITIES[this.quantity].entry}`
        : `already the index of a ${label} around this one`}; give the index of this ${label} another letter`,
        node.variableStart);
    }
    if (depth >= this.state.vars.length) throw new FormulaError(`too many nested sums ${where}`, node.variableStart);
    const [lower, nl] = this.compile(node.lower, bound, depth);
    const [upper, nu] = this.compile(node.upper, bound, depth);
    const inner = new Map(bound).set(variable, depth);
    const [body, bodySize] = this.compile(node.body, inner, depth + 1);
    this.sums.push({ kind: node.kind, variable, node });
    const vars = this.state.vars;
    const state = this.state;
    const slot = depth;
    const range = () => {
      const lo = Math.ceil(lower());
      const hi = Math.floor(upper());
      if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
        throw new FormulaError(`the bounds of the ${label} over ${variable} ${where} are not finite numbers`,
          node.variableStart);
      }
      const count = hi - lo + 1;
      if (count > FORMULA_LIMITS.maxRange) throw rangeError(node, lo, hi);
      if (count > 0) {
        state.budget.left -= count * bodySize;
        if (state.budget.left < 0) {
          throw new FormulaError(`the formula takes more than ${grouped(state.budget.total)} steps to `
            + 'evaluate at every index; the page stops there (nested sums with long ranges?)', node.start);
        }
      }
      return [lo, hi];
    };
    let run;
    if (node.kind === 'sum') {
      run = () => {
        const [lo, hi] = range();
        let total = 0;
        for (let v = lo; v <= hi; v++) { vars[slot] = v; total += body(); }
        return total;
      };
    } else {
      // The core's scan: a value wins if it is greater than the running maximum or NaN, so the first maximum wins ties.
      const wantIndex = node.kind === 'argmax';
      run = () => {
        const [lo, hi] = range();
        if (hi < lo) { this.note('empty', `a ${label} runs over no values`); return wantIndex ? NaN : -Infinity; }
        let best = -Infinity;
        let at = lo;
        let found = false;
        for (let v = lo; v <= hi; v++) {
          vars[slot] = v;
          const value = body();
          if (!found || value > best || (Number.isNaN(value) && !Number.isNaN(best))) { best = value; at = v; found = true; }
        }
        return wantIndex ? at : best;
      };
    }
    return [run, nl + nu + 2];
  }
}

function rangeError(node, lo, hi) {
  const label = OPERATOR_NAMES[node.kind];
  const count = Number.isFinite(hi - lo) ? grouped(hi - lo + 1) : 'infinitely many';
  return new FormulaError(`the ${label} over ${node.variable} at character ${node.variableStart + 1} runs over ${count} `
    + `values (${node.variable} = ${lo} … ${hi}); one ${label} may run over at most ${grouped(FORMULA_LIMITS.maxRange)}`,
  node.variableStart);
}
