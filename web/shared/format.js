// Numbers as the page prints them (tooltips, axes, status, explanations), in plain text and in TeX.

/**
 * A number with 4 significant digits, without exponent noise for ordinary sizes: 0.1235, −12.35, 1.235e−5, ∞.
 * Anything that is not a number is shown as its text.
 */
/** "1 sample", "63 samples", "4 classes": a count with its noun in the number it needs. */
export const countOf = (n, noun, plural = `${noun}s`) => `${n} ${n === 1 ? noun : plural}`;

export function formatNumber(value, digits = 4) {
  if (typeof value !== 'number') return String(value);
  if (value === Number.POSITIVE_INFINITY) return '∞';
  if (value === Number.NEGATIVE_INFINITY) return '−∞';
  if (Number.isNaN(value)) return 'NaN';
  if (value === 0) return '0';
  const a = Math.abs(value);
  let s;
  if (a >= 1e-3 && a < 1e5) s = String(Number(value.toPrecision(digits)));
  else s = value.toExponential(digits - 1).replace(/\.?0+e/, 'e');
  return s.replace('-', '−');
}

/** The explanations' short name for formatNumber. */
export const num = formatNumber;

/** The same number as TeX: minus signs, exponents as ×10^{n}, infinities. */
export function texNum(value, digits = 4) {
  if (value === Number.POSITIVE_INFINITY) return '\\infty';
  if (value === Number.NEGATIVE_INFINITY) return '-\\infty';
  if (Number.isNaN(value)) return '\\text{NaN}';
  const s = num(value, digits).replace('−', '-');
  const e = s.indexOf('e');
  if (e < 0) return s;
  return `${s.slice(0, e)}\\times 10^{${Number(s.slice(e + 1))}}`;
}

/** A factor in a product: negative numbers in parentheses. */
export function texFactor(value, digits = 4) {
  const s = texNum(value, digits);
  return s.startsWith('-') ? `(${s})` : s;
}

/** Joins signed terms: a + (−b) is written a − b. */
export function texSum(terms) {
  if (terms.length === 0) return '0';
  return terms.map((t, i) => (i === 0 ? t : t.startsWith('-') ? ` - ${t.slice(1)}` : ` + ${t}`)).join('');
}

/**
 * Shows at most `max` of the items: the first ones, an ellipsis, and the last ones.
 * → array of items and the string '\\cdots' in place of the omitted middle.
 */
export function elide(items, max = 6) {
  if (items.length <= max) return items;
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return [...items.slice(0, head), '\\cdots', ...items.slice(items.length - tail)];
}

/** Index expressions: "t s + k d" with the known numbers folded in, e.g. "t + k", "2t + 3k". */
export function texIndex(tVar, s, kVar, d, offset = 0) {
  const term = (v, c) => (c === 1 ? v : `${c}${v}`);
  let out = `${term(tVar, s)} + ${term(kVar, d)}`;
  if (offset > 0) out += ` + ${offset}`;
  if (offset < 0) out += ` - ${-offset}`;
  return out;
}
