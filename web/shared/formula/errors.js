// What a formula may cost, and the error that names the place in the text where it went wrong.

/** The bounds that keep any text cheap to read and to evaluate (a formula can never hang the page). */
export const FORMULA_LIMITS = Object.freeze({
  maxChars: 4000,        // longer text is refused before it is read
  maxDepth: 64,          // parse levels (a bracket, a sign, a sum or a fraction each takes one or two)
  maxRange: 10_000,      // values one \sum or \max may run over
  maxSteps: 40_000_000,  // work units (a sum's body evaluated once costs its size) for one whole check: ~0.3 s of a core
});

/** A formula the page cannot read or evaluate; `start`/`end` are character offsets into the text (or null). */
export class FormulaError extends Error {
  constructor(message, start = null, end = start) {
    super(message);
    this.name = 'FormulaError';
    this.start = start;
    this.end = end;
    this.atIndex = false;  // the message already names the index it failed at (evaluate.js)
  }
}

/** "at character 12 (after “W_{k} x_{t+”)": the place a reader can find, with the text just before it. */
export function placeOf(text, start) {
  if (start === null || start === undefined) return '';
  if (start >= text.length) return 'at the end';
  const before = text.slice(Math.max(0, start - 14), start).replace(/\s+/g, ' ');
  const after = text.slice(start, start + 8).replace(/\s+/g, ' ');
  return `at character ${start + 1} (${before ? `after “${start > 14 ? '…' : ''}${before}”, ` : ''}at “${after}”)`;
}

/** 1234567 → "1,234,567" (no toLocaleString: its first call loads locale data, tens of milliseconds). */
export function grouped(n) {
  return Number.isSafeInteger(n) ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(n);
}
