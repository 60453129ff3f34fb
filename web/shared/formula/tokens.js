// The formula grammar's words: LaTeX as a math field writes it (\sum_{k=0}^{K-1} W_{k} x_{t+k}), the same typed as plain
// text (sum_{k=0}^{K-1} W[k]*x[t+k]) and the Unicode a keyboard or a copy gives (Σ, δ, ·, −, ≤).
// Names are one letter (so `ts` is t·s) except xpad and δ (\delta, delta); sum, max, argmax, frac, cdot, times and mod
// are words in plain text too.
import { FormulaError, FORMULA_LIMITS, grouped } from './errors.js';

// Backslash commands → a token (type, value); null = ignored (spacing, \left, \limits, …).
const COMMANDS = {
  sum: ['sum'], Sigma: ['sum'], max: ['max'], argmax: ['argmax'], arg: ['arg'],
  delta: ['name', 'delta'], frac: ['frac'], dfrac: ['frac'], tfrac: ['frac'],
  cdot: ['op', '*'], times: ['op', '*'], ast: ['op', '*'], div: ['op', '/'], bmod: ['op', 'mod'], mod: ['op', 'mod'],
  le: ['rel', '<='], leq: ['rel', '<='], leqslant: ['rel', '<='], ge: ['rel', '>='], geq: ['rel', '>='],
  geqslant: ['rel', '>='], ne: ['rel', '!='], neq: ['rel', '!='], lt: ['rel', '<'], gt: ['rel', '>'],
  land: ['and'], wedge: ['and'],
  lbrack: ['['], rbrack: [']'], lparen: ['('], rparen: [')'],
  // A math field turns a typed "{" into a displayed brace: read it as the grouping it was meant to be.
  lbrace: ['('], rbrace: [')'],
  lfloor: ['lfloor'], rfloor: ['rfloor'], lceil: ['lceil'], rceil: ['rceil'],
  left: null, right: null, big: null, Big: null, bigl: null, bigr: null, Bigl: null, Bigr: null, bigg: null,
  Bigg: null, biggl: null, biggr: null, Biggl: null, Biggr: null, middle: null,
  limits: null, nolimits: null, displaystyle: null, textstyle: null, quad: null, qquad: null,
};
// \mathrm{…} and friends: their content is read as if typed without them (\mathrm{xpad}, \mathbb{1}, \operatorname{argmax}).
const WRAPPERS = new Set(['mathrm', 'mathit', 'mathbf', 'mathbb', 'mathsf', 'text', 'textrm', 'textit', 'operatorname',
  'boldsymbol', 'mathnormal']);
// Commands a learner may reach for that this grammar deliberately lacks, with what to do instead.
const REFUSED = {
  partial: 'type only the right-hand side (what the quantity equals), without ∂',
  cdots: 'write the whole sum with \\sum and its bounds instead of “…”',
  ldots: 'write the whole sum with \\sum and its bounds instead of “…”',
  dots: 'write the whole sum with \\sum and its bounds instead of “…”',
  placeholder: 'an empty box is left in the formula: fill it in',
  prime: 'there is no g′ here: δ is already ∂C/∂x_out of this layer, after the activation',
};
// Words read in plain text (longest first, so argmax wins over arg and max).
/** @type {Array<[string, string[]]>} */
const WORDS = [['argmax', ['argmax']], ['delta', ['name', 'delta']], ['times', ['op', '*']], ['cdot', ['op', '*']],
  ['frac', ['frac']], ['xpad', ['name', 'xpad']], ['sum', ['sum']], ['max', ['max']], ['mod', ['op', 'mod']]];
const UNICODE = {
  'Σ': ['sum'], '∑': ['sum'], 'δ': ['name', 'delta'], '·': ['op', '*'], '⋅': ['op', '*'], '×': ['op', '*'],
  '∗': ['op', '*'], '÷': ['op', '/'], '−': ['op', '-'], '–': ['op', '-'], '≤': ['rel', '<='], '⩽': ['rel', '<='],
  '≥': ['rel', '>='], '⩾': ['rel', '>='], '≠': ['rel', '!='], '⌊': ['lfloor'], '⌋': ['rfloor'], '⌈': ['lceil'],
  '⌉': ['rceil'], '∧': ['and'],
};
const SINGLE = { '+': ['op', '+'], '-': ['op', '-'], '*': ['op', '*'], '/': ['op', '/'], '(': ['('], ')': [')'],
  '[': ['['], ']': [']'], '{': ['{'], '}': ['}'], _: ['_'], '^': ['^'], ',': [','], '=': ['rel', '='],
  '<': ['rel', '<'], '>': ['rel', '>'], '&': ['and'] };

const isLetter = (c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c) => c >= '0' && c <= '9';
const isSpace = (c) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '~' || c === '\u00a0';

/** text → [{ type, value, start, end }] ending with { type: 'end' }; throws FormulaError naming the place. */
export function tokenize(text) {
  if (typeof text !== 'string') throw new FormulaError(`the formula must be text, not ${text === null ? 'null' : typeof text}`);
  if (text.length > FORMULA_LIMITS.maxChars) {
    throw new FormulaError(`the formula has ${grouped(text.length)} characters; the page reads at most `
      + `${grouped(FORMULA_LIMITS.maxChars)}`, FORMULA_LIMITS.maxChars);
  }
  const tokens = [];
  const push = (spec, start, end) => tokens.push({ type: spec[0], value: spec[1], start, end });
  let i = 0;
  // Content of a \mathrm{…} group is lexed in place; these are the closing braces to skip.
  const wrapperEnds = [];
  while (i < text.length) {
    const c = text[i];
    if (isSpace(c)) { i += 1; continue; }
    if (c === '}' && wrapperEnds.length && wrapperEnds[wrapperEnds.length - 1] === i) { wrapperEnds.pop(); i += 1; continue; }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1] ?? ''))) {
      let j = i;
      while (j < text.length && isDigit(text[j])) j += 1;
      if (text[j] === '.' && isDigit(text[j + 1] ?? '')) { j += 1; while (j < text.length && isDigit(text[j])) j += 1; }
      tokens.push({ type: 'num', value: Number(text.slice(i, j)), text: text.slice(i, j), start: i, end: j });
      i = j;
      continue;
    }
    if (c === '\\') {
      let j = i + 1;
      while (j < text.length && isLetter(text[j])) j += 1;
      if (j === i + 1) {
        const next = text[i + 1];
        if (next === undefined) throw new FormulaError('a lone \\ ends the formula', i);
        if (',;:! '.includes(next)) { i += 2; continue; }  // \, \; \: \! \␣ are spacing
        if (next === '{' || next === '}') { push([next === '{' ? '(' : ')'], i, i + 2); i += 2; continue; }  // as \lbrace
        throw new FormulaError(`“\\${next}” is not part of this grammar ${placeHint(i)}`, i, i + 2);
      }
      const name = text.slice(i + 1, j);
      if (WRAPPERS.has(name)) {
        let k = j;
        if (text[k] === '*') k += 1;  // \operatorname*{argmax}
        while (isSpace(text[k] ?? '')) k += 1;
        if (text[k] !== '{') throw new FormulaError(`\\${name} needs its content in braces ${placeHint(i)}`, i, j);
        const close = matchingBrace(text, k);
        if (close < 0) throw new FormulaError(`the “{” of \\${name} ${placeHint(k)} is never closed`, k);
        wrapperEnds.push(close);
        i = k + 1;
        continue;
      }
      if (name in REFUSED) throw new FormulaError(`\\${name} ${placeHint(i)}: ${REFUSED[name]}`, i, j);
      if (!(name in COMMANDS)) {
        const known = Object.keys(COMMANDS).find((command) => name.startsWith(command) && command.length > 2);
        throw new FormulaError(`\\${name} ${placeHint(i)} is not part of this grammar`
          + (known ? ` (did you mean \\${known} ${name.slice(known.length)}?)` : ''), i, j);
      }
      if (COMMANDS[name]) push(COMMANDS[name], i, j);
      i = j;
      continue;
    }
    if (isLetter(c)) {
      const word = isLetter(text[i + 2] ?? '') ? WORDS.find(([w]) => text.startsWith(w, i)) : undefined;
      if (word) { push(word[1], i, i + word[0].length); i += word[0].length; continue; }
      tokens.push({ type: 'name', value: c, start: i, end: i + 1 });
      i += 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '!=' || two === '==') {
      push(['rel', two === '==' ? '=' : two], i, i + 2);
      i += 2;
      continue;
    }
    const spec = UNICODE[c] ?? SINGLE[c];
    if (spec) { push(spec, i, i + 1); i += 1; continue; }
    if (c === '′' || c === "'") throw new FormulaError(`the prime ${placeHint(i)}: ${REFUSED.prime}`, i, i + 1);
    if (c === '∂') throw new FormulaError(`∂ ${placeHint(i)}: ${REFUSED.partial}`, i, i + 1);
    if (c === '…') throw new FormulaError(`“…” ${placeHint(i)}: ${REFUSED.cdots}`, i, i + 1);
    throw new FormulaError(`“${c}” ${placeHint(i)} is not part of this grammar`, i, i + 1);
  }
  if (wrapperEnds.length) throw new FormulaError('a \\mathrm{…} group is never closed', text.length);
  // \arg\max is one word.
  const merged = [];
  for (const token of tokens) {
    const last = merged[merged.length - 1];
    if (token.type === 'max' && last && last.type === 'arg') { last.type = 'argmax'; last.end = token.end; continue; }
    merged.push(token);
  }
  const stray = merged.find((t) => t.type === 'arg');
  if (stray) throw new FormulaError(`\\arg ${placeHint(stray.start)} must be followed by \\max`, stray.start, stray.end);
  merged.push({ type: 'end', start: text.length, end: text.length });
  return merged;
}

function placeHint(i) { return `at character ${i + 1}`; }

function matchingBrace(text, open) {
  let depth = 0;
  for (let k = open; k < text.length; k++) {
    if (text[k] === '\\') { k += 1; continue; }
    if (text[k] === '{') depth += 1;
    else if (text[k] === '}' && --depth === 0) return k;
  }
  return -1;
}
