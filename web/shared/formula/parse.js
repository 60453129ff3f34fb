// The formula grammar (one page of it), read by recursive descent into a tree. No names are resolved here
// (names.js knows what x, W, δ and the indices mean for a quantity); only the shape of the text.
//
//   formula := expr
//   expr    := ['+'|'-'] term (('+'|'-') term)*
//   term    := factor (('*'|'/'|'mod') factor | factor)*          (juxtaposition multiplies: t s, 2(a+b), W_k x_t)
//   factor  := ('+'|'-') factor | atom ['^' arg]
//   atom    := number | name [index] | '(' expr ')' | '{' expr '}' | '[' condition ']' | \frac arg arg
//            | ⌊ expr ⌋ | ⌈ expr ⌉ | (\sum | \max | \arg\max) limits term | \max '(' expr (',' expr)* ')'
//   index   := '[' expr ']' | '_' arg                 (arg: '{' expr '}' or one character, as in LaTeX)
//   limits  := '_' '{' v '=' expr '}' '^' arg  |  '_' '{' expr rel v rel expr '}'    (either order of _ and ^)
//   condition := comparison (('\land' | ',') comparison)*,  comparison := expr (rel expr)+
// A sum's body is one term: \sum_k W_k x_{t+k} + b adds b once, after the sum.
import { FormulaError, FORMULA_LIMITS } from './errors.js';
import { tokenize } from './tokens.js';

const TOKEN_TEXT = { '(': '(', ')': ')', '[': '[', ']': ']', '{': '{', '}': '}', _: '_', '^': '^', ',': ',',
  lfloor: '⌊', rfloor: '⌋', lceil: '⌈', rceil: '⌉', end: 'the end', sum: '\\sum', max: '\\max', argmax: '\\arg\\max',
  frac: '\\frac', and: '\\land' };

/** text → tree; throws FormulaError (message names the place, start/end mark it). */
export function parseFormula(text) {
  const tokens = tokenize(text);
  if (tokens.length === 1) throw new FormulaError('the formula is empty: type the right-hand side', 0);
  const parser = new Parser(tokens);
  const tree = parser.expr();
  const rest = parser.peek();
  if (rest.type !== 'end') {
    const what = rest.type === ')' || rest.type === ']' || rest.type === '}' ? `a “${describe(rest)}” that closes nothing`
      : rest.type === 'rel' ? `a “${rest.value}” outside an Iverson bracket [ … ] (type only the right-hand side)`
        : `an unexpected ${describe(rest)}`;
    throw new FormulaError(`${what} at character ${rest.start + 1}`, rest.start, rest.end);
  }
  return tree;
}

function describe(token) {
  if (token.type === 'num') return token.text;
  if (token.type === 'name') return token.value === 'delta' ? 'δ' : token.value;
  if (token.type === 'op' || token.type === 'rel') return token.value;
  return TOKEN_TEXT[token.type] ?? token.type;
}

class Parser {
  constructor(tokens) {
    this.tokens = tokens;
    this.at = 0;
    this.depth = 0;
  }

  peek(offset = 0) { return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)]; }
  next() { return this.tokens[this.at++]; }
  is(type, value) { const t = this.peek(); return t.type === type && (value === undefined || t.value === value); }

  expect(type, opener, what) {
    const t = this.peek();
    if (t.type === type) return this.next();
    const place = t.type === 'end' ? 'at the end' : `at character ${t.start + 1} (found ${describe(t)})`;
    const because = opener ? ` to close the “${describe(opener)}” at character ${opener.start + 1}` : '';
    throw new FormulaError(`expected ${what ?? `“${TOKEN_TEXT[type] ?? type}”`}${because} ${place}`, t.start, t.end);
  }

  nested(fn) {
    if (++this.depth > FORMULA_LIMITS.maxDepth) {
      const t = this.peek();
      throw new FormulaError(`the formula nests too deeply at character ${t.start + 1}: brackets, signs, fractions and sums may nest about ${FORMULA_LIMITS.maxDepth / 2} levels`,
        t.start, t.end);
    }
    try { return fn(); } finally { this.depth -= 1; }
  }

  expr() {
    return this.nested(() => {
      let left;
      if (this.is('op', '-') || this.is('op', '+')) {
        const sign = this.next();
        const operand = this.term();
        left = sign.value === '-' ? { kind: 'neg', operand, start: sign.start } : operand;
      } else {
        left = this.term();
      }
      while (this.is('op', '+') || this.is('op', '-')) {
        const op = this.next();
        left = { kind: 'binary', op: op.value, left, right: this.term(), start: op.start };
      }
      return left;
    });
  }

  term() {
    let left = this.factor();
    for (;;) {
      const t = this.peek();
      if (t.type === 'op' && (t.value === '*' || t.value === '/' || t.value === 'mod')) {
        this.next();
        left = { kind: 'binary', op: t.value, left, right: this.factor(), start: t.start };
      } else if (this.startsAtom(t)) {
        left = { kind: 'binary', op: '*', left, right: this.factor(), start: t.start, implicit: true };
      } else {
        return left;
      }
    }
  }

  startsAtom(t) {
    return ['num', 'name', '(', '{', '[', 'frac', 'lfloor', 'lceil', 'sum', 'max', 'argmax'].includes(t.type);
  }

  factor() {
    return this.nested(() => {
      if (this.is('op', '-') || this.is('op', '+')) {
        const sign = this.next();
        const operand = this.factor();
        return sign.value === '-' ? { kind: 'neg', operand, start: sign.start } : operand;
      }
      const base = this.atom();
      if (this.is('^')) {
        const caret = this.next();
        return { kind: 'binary', op: '^', left: base, right: this.argument(caret, 'an exponent'), start: caret.start };
      }
      return base;
    });
  }

  atom() {
    const t = this.peek();
    switch (t.type) {
      case 'num': this.next(); return { kind: 'num', value: t.value, start: t.start };
      case 'name': return this.name();
      case '(': case '{': {
        const open = this.next();
        const inner = this.expr();
        this.expect(open.type === '(' ? ')' : '}', open);
        return inner;
      }
      case '[': return this.iverson();
      case 'frac': {
        this.next();
        const numerator = this.argument(t, 'the numerator of \\frac');
        const denominator = this.argument(t, 'the denominator of \\frac');
        return { kind: 'binary', op: '/', left: numerator, right: denominator, start: t.start };
      }
      case 'lfloor': case 'lceil': {
        this.next();
        const inner = this.expr();
        this.expect(t.type === 'lfloor' ? 'rfloor' : 'rceil', t);
        return { kind: t.type === 'lfloor' ? 'floor' : 'ceil', operand: inner, start: t.start };
      }
      case 'sum': case 'max': case 'argmax': return this.bigOperator();
      case 'end': throw new FormulaError('the formula ends too early: something is missing at the end', t.start);
      default: {
        const what = t.type === 'rel' ? `a “${t.value}” outside an Iverson bracket [ … ]` : `an unexpected ${describe(t)}`;
        throw new FormulaError(`${what} at character ${t.start + 1}`, t.start, t.end);
      }
    }
  }

  /** x, x[j], x_{j}, x_j; p_l / p_r; which names take an index is decided in names.js. */
  name() {
    const t = this.next();
    const node = { kind: 'name', name: t.value, start: t.start, end: t.end };
    if (this.is('_')) {
      const underscore = this.next();
      node.index = this.argument(underscore, `the subscript of ${describe(t)}`);
      node.indexStart = underscore.start;
    } else if (this.is('[') && ['x', 'xpad', 'W', 'delta'].includes(t.value)) {
      const open = this.next();
      node.index = this.expr();
      node.indexStart = open.start;
      this.expect(']', open);
    }
    return node;
  }

  /** '{' expr '}' or one character (LaTeX: x_10 is x_1 times 0). */
  argument(owner, what) {
    const t = this.peek();
    if (t.type === '{') {
      this.next();
      const inner = this.expr();
      this.expect('}', t);
      return inner;
    }
    if (t.type === 'num') {
      this.next();
      if (t.text.length > 1) {
        // Only the first character belongs to the script; the rest is the next token.
        this.tokens.splice(this.at, 0, { type: 'num', value: Number(t.text.slice(1)), text: t.text.slice(1),
          start: t.start + 1, end: t.end });
        return { kind: 'num', value: Number(t.text[0]), start: t.start };
      }
      return { kind: 'num', value: t.value, start: t.start };
    }
    if (t.type === 'name') { this.next(); return { kind: 'name', name: t.value, start: t.start, end: t.end }; }
    const place = t.type === 'end' ? 'at the end' : `at character ${t.start + 1}`;
    throw new FormulaError(`expected ${what} after “${describe(owner)}” ${place}; put it in braces: {…}`, t.start, t.end);
  }

  /** [a = b], [0 ≤ j < N], [a = b \land c < d]: 1 when every comparison holds, else 0. */
  iverson() {
    const open = this.next();
    const comparisons = [this.comparison(open)];
    while (this.is('and') || this.is(',')) { this.next(); comparisons.push(this.comparison(open)); }
    this.expect(']', open);
    return { kind: 'iverson', comparisons, start: open.start };
  }

  comparison(open) {
    const operands = [this.expr()];
    const relations = [];
    while (this.is('rel')) { relations.push(this.next().value); operands.push(this.expr()); }
    if (!relations.length) {
      const t = this.peek();
      throw new FormulaError(`the bracket at character ${open.start + 1} holds no comparison: an Iverson bracket is `
        + '[a = b] (or <, ≤, >, ≥, ≠); to index, write x[j] or x_{j}', t.start, t.end);
    }
    return { operands, relations };
  }

  bigOperator() {
    const op = this.next();
    // max(a, b, …) as a function of its arguments
    if (op.type === 'max' && this.is('(')) {
      const open = this.next();
      const args = [this.expr()];
      while (this.is(',')) { this.next(); args.push(this.expr()); }
      this.expect(')', open);
      return { kind: 'maxOf', args, start: op.start };
    }
    let sub = null;
    let sup = null;
    for (let round = 0; round < 2; round++) {
      if (!sub && this.is('_')) sub = this.limitSubscript(op, this.next());
      else if (!sup && this.is('^')) sup = this.argument(this.next(), `the upper bound of ${describe(op)}`);
    }
    if (!sub) {
      throw new FormulaError(`${describe(op)} at character ${op.start + 1} needs its index and bounds, e.g. `
        + `${describe(op)}_{k=0}^{K-1}`, op.start, op.end);
    }
    let { variable, lower, upper } = sub;
    if (upper && sup) {
      throw new FormulaError(`${describe(op)} at character ${op.start + 1} has two upper bounds`, op.start, op.end);
    }
    upper = upper ?? sup;
    if (!upper) {
      throw new FormulaError(`${describe(op)} at character ${op.start + 1} needs an upper bound: `
        + `${describe(op)}_{${variable.name}=…}^{…}`, op.start, op.end);
    }
    const body = this.nested(() => this.term());
    return { kind: op.type, variable: variable.name, variableStart: variable.start, lower, upper, body, start: op.start };
  }

  /** _{k=0} (upper bound from ^) or _{0 ≤ k ≤ K-1} / _{0 ≤ k < K} (both bounds here). */
  limitSubscript(op, underscore) {
    const t = this.peek();
    if (t.type === 'name' && t.value.length === 1) {  // _k alone: bounds are missing
      this.next();
      throw new FormulaError(`${describe(op)} at character ${op.start + 1} needs the bounds of ${t.value}, e.g. `
        + `${describe(op)}_{${t.value}=0}^{K-1}`, op.start, t.end);
    }
    const open = this.expect('{', null, `the index and bounds of ${describe(op)} in braces after “_”`);
    const first = this.peek();
    if (first.type === 'name' && this.peek(1).type === 'rel' && this.peek(1).value === '=') {
      this.next();
      this.next();
      const lower = this.expr();
      this.expect('}', open);
      return { variable: { name: first.value, start: first.start }, lower, upper: null };
    }
    const { operands, relations } = this.comparison(open);
    this.expect('}', open);
    const middle = operands[1];
    if (operands.length !== 3 || middle.kind !== 'name' || middle.index || !relations.every((r) => r === '<' || r === '<=')) {
      throw new FormulaError(`the bounds of ${describe(op)} at character ${op.start + 1} must read {k=0}^{K-1} or `
        + '{0 \\le k \\le K-1}', underscore.start, this.peek().start);
    }
    const shift = (node, relation, by) => (relation === '<' ? { kind: 'binary', op: '+', left: node,
      right: { kind: 'num', value: by, start: node.start }, start: node.start } : node);
    return {
      variable: { name: middle.name, start: middle.start },
      lower: shift(operands[0], relations[0], 1),
      upper: shift(operands[2], relations[1], -1),
    };
  }
}
