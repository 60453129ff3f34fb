// Evaluates the arithmetic the explanations write in TeX with numbers substituted, so a test can check that every
// "expression = number" the page shows is true. Understands numbers (also 1.2\times 10^{-5}, \infty, \text{NaN}),
// + − \cdot, parentheses, \frac{a}{b}, \lfloor \rfloor, \lceil \rceil, \bmod, \max(…), ^2. Anything else (a
// symbol such as t, \hat y, \partial) makes a segment symbolic: evaluateTex returns null for it.

/** Replaces \frac{A}{B} by ((A)/(B)), matching braces. */
function expandFrac(s) {
  let out = s;
  for (let at = out.indexOf('\\frac{'); at >= 0; at = out.indexOf('\\frac{')) {
    const group = (from) => {  // from: index of '{' → index of its matching '}'
      let depth = 0;
      for (let i = from; i < out.length; i++) {
        if (out[i] === '{') depth++;
        else if (out[i] === '}' && --depth === 0) return i;
      }
      return -1;
    };
    const aOpen = at + 5, aClose = group(aOpen);
    if (aClose < 0 || out[aClose + 1] !== '{') return null;
    const bClose = group(aClose + 1);
    if (bClose < 0) return null;
    out = `${out.slice(0, at)}((${out.slice(aOpen + 1, aClose)})/(${out.slice(aClose + 2, bClose)}))${out.slice(bClose + 1)}`;
  }
  return out;
}

/** One arithmetic segment → { value, scale } (scale: the same sum with every term made positive, for rounding), or null. */
export function evaluateTex(segment) {
  let s = segment.trim();
  if (!s || s.includes('\\cdots')) return null;
  s = s.replace(/\\text\{NaN\}/g, ' NaN ')
    .replace(/\\times 10\^\{(-?\d+)\}/g, 'e$1')
    .replace(/\\left|\\right|\\big|\\Big|\\,|\\;|\\!|\\quad|\\qquad/g, ' ')
    .replace(/\\lfloor/g, ' floor( ').replace(/\\rfloor/g, ' ) ')
    .replace(/\\lceil/g, ' ceil( ').replace(/\\rceil/g, ' ) ')
    .replace(/\\cdot/g, ' * ').replace(/\\bmod/g, ' % ')
    .replace(/\\max/g, ' max').replace(/\\infty/g, ' Infinity ');
  s = expandFrac(s);
  if (s === null) return null;
  s = s.replace(/\^2/g, '**2').replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'));
  // Only numbers, operators, parentheses, commas and the four names above may remain.
  const rest = s.replace(/floor|ceil|max|Infinity|NaN/g, '').replace(/\d+(\.\d+)?(e-?\d+)?/g, '');
  if (/[^\s+\-*/%(),.]/.test(rest)) return null;
  if (s.includes(',') && !/max\(/.test(s)) return null;  // a tuple "(a, b)", not a number
  const js = s.replace(/floor\(/g, 'Math.floor(').replace(/ceil\(/g, 'Math.ceil(').replace(/max\(/g, 'Math.max(');
  let value;
  try { value = Function(`"use strict"; return (${js});`)(); } catch { return null; }
  if (typeof value !== 'number') return null;
  let scale = Math.abs(value);
  if (!/floor|ceil|max|%|Infinity|NaN/.test(js)) {
    try { scale = Math.abs(Function(`"use strict"; return (${js.replace(/-/g, '+').replace(/e\+/g, 'e-')});`)()); } catch { /* keep |value| */ }
  }
  return { value, scale };
}

/** Splits a TeX line into clauses at \quad, \qquad, ':' and ',' at the top level (not inside braces, brackets or parentheses). */
export function clauses(line) {
  const out = [];
  let depth = 0;
  let current = '';
  const text = line.replace(/\\text\{(?!NaN\})[^{}]*(\{[^{}]*\}[^{}]*)*\}/g, ' \\quad ');  // prose in \text{…} separates clauses
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '(' || c === '[') depth++;
    if (c === '}' || c === ')' || c === ']') depth--;
    if (depth === 0 && (c === ':' || c === ',') && text[i - 1] !== '\\') { out.push(current); current = ''; continue; }
    if (depth === 0 && text.startsWith('\\quad', i)) { out.push(current); current = ''; i += 4; continue; }
    if (depth === 0 && text.startsWith('\\qquad', i)) { out.push(current); current = ''; i += 5; continue; }
    current += c;
  }
  out.push(current);
  return out.map((c) => c.trim()).filter(Boolean);
}

/**
 * The numeric chains of a TeX line: each clause split at its relations (=, \ge, <, \le, >), every segment evaluated.
 * → [{ clause, parts: [{ text, relation (to the previous part), value|null, scale }] }]
 */
export function chains(line) {
  return clauses(line).map((clause) => {
    const pieces = clause.replace(/^=\s*/, '').split(/\s(=|\\ge|\\le|<|>|\\leftarrow|\\mathrel\{\+\}=)\s/);
    const parts = [];
    for (let i = 0; i < pieces.length; i += 2) {
      const r = evaluateTex(pieces[i]);
      parts.push({ text: pieces[i], relation: i === 0 ? null : pieces[i - 1], value: r ? r.value : null, scale: r ? r.scale : 0 });
    }
    return { clause, parts };
  });
}

/** Whether two displayed numbers agree, given 4-significant-digit rounding of every factor. */
export function agree(a, b, scale = 0) {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1.5e-3 * scale + 6e-4 * Math.max(Math.abs(a), Math.abs(b)) + 1e-7;
}

/**
 * Checks every relation between two evaluable neighbours of every chain of the line. → list of failures (strings);
 * `counts.checked` grows by the number of relations checked.
 */
export function checkLine(line, counts = { checked: 0 }) {
  const failures = [];
  for (const { clause, parts } of chains(line)) {
    for (let i = 1; i < parts.length; i++) {
      const a = parts[i - 1];
      let b = parts[i];
      // "6 \ge N + p = 6": an inequality to a symbol that is then given its number compares with that number.
      if (b.value === null && b.relation !== '=' && parts[i + 1] && parts[i + 1].relation === '=' && parts[i + 1].value !== null) {
        b = { ...parts[i + 1], relation: b.relation };
      }
      if (a.value === null || b.value === null) continue;
      counts.checked++;
      const scale = Math.max(a.scale, b.scale);
      const ok = b.relation === '=' ? agree(a.value, b.value, scale)
        : b.relation === '\\ge' ? a.value >= b.value : b.relation === '\\le' ? a.value <= b.value
          : b.relation === '<' ? a.value < b.value : b.relation === '>' ? a.value > b.value : true;
      if (!ok) failures.push(`"${a.text}" (${a.value}) ${b.relation} "${b.text}" (${b.value}) is false in: ${clause}`);
    }
  }
  return failures;
}

/** The last evaluable number of the line's last clause that has one (the value the line arrives at). */
export function finalValue(line) {
  for (const { parts } of chains(line).reverse()) {
    const known = parts.filter((p) => p.value !== null);
    if (known.length) return known[known.length - 1].value;
  }
  return null;
}
