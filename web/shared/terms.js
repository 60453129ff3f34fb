// The terms of a sum as the tooltips list them: at most MAX_TERMS lines, the largest first when there are more.
import { formatNumber as f } from './format.js';

export const MAX_TERMS = 8;

/** terms: [{ text, value }]; sorted by |value| when there are too many to list; → lines plus a "… n more" line. */
export function listTerms(terms, ordered) {
  const shown = terms.length > MAX_TERMS && !ordered
    ? [...terms].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, MAX_TERMS)
    : terms.slice(0, MAX_TERMS);
  const lines = shown.map((t) => `${t.text} = ${f(t.value)}`);
  if (terms.length > shown.length) {
    lines.push(`… ${terms.length - shown.length} more term${terms.length - shown.length > 1 ? 's' : ''}${ordered ? '' : ' (largest shown)'}`);
  }
  return lines;
}
