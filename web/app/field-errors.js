// Error messages of the network editor in the page's words. The core and the experiment reader speak in code words
// ("layers[0] (conv1d): kernelSize 0 …", "paddingMode 'reflect'"); the page shows each message next to the field it
// is about — found from the error's layer and field (ConvPoolError's .layer/.field, the reader's place), not from its
// text — naming that field by its label and saying the rule, so a learner can fix it where they look.
import { LAYERS } from '../layers/registry.js';

/** Code word → the page's label (schema rows first, then the network's own fields). */
const WORDS = new Map([
  ['inputLength', 'input length N'], ['inputChannels', 'input channels'], ['inChannels', 'input channels'],
  ['outChannels', 'out channels'], ['kernelSize', 'kernel size K'], ['ceilMode', 'ceil mode'],
  ['paddingMode', 'padding mode'], ['padding', 'padding'], ['dilation', 'dilation d'], ['stride', 'stride s'],
]);
for (const { fields } of LAYERS) {
  for (const row of fields) if (!WORDS.has(row.key)) WORDS.set(row.key, row.label);
}

/**
 * A refusal of the draft network → where the editor shows it and what it says: { layer, key, text }. `problem` is
 * { rule, layer, field } as the session's edit() gives it: ConvPoolError's .layer/.field (from the core or the
 * library's checks) or the experiment reader's place, as data — never read back out of the message. `layers` is the
 * draft's layer list (the core prefixes a layer's message with "layers[i] (type): ", which the card already says).
 * layer: -1 for the network as a whole; key: the option's control (data-key), or null.
 */
export function placeProblem(problem, layers = []) {
  const layer = Number.isInteger(problem.layer) && problem.layer >= 0 ? problem.layer : -1;
  let text = String(problem.rule ?? problem.message ?? '');
  const type = layer >= 0 ? layers[layer]?.type : undefined;
  const prefix = `layers[${layer}] (${type}): `;
  if (type && text.startsWith(prefix)) text = text.slice(prefix.length);
  const key = problem.field && WORDS.has(problem.field) ? problem.field : null;
  return { layer, key, text: inPageWords(text) };
}

/** A message's code words in the page's words: "kernelSize" → "kernel size K", "paddingMode 'reflect'" → "reflect padding". */
function inPageWords(text) {
  return text.replace(/paddingMode '(\w+)'/g, '$1 padding')
    .replace(/\b(inputLength|inputChannels|inChannels|outChannels|kernelSize|ceilMode|paddingMode|dilation|stride)\b/g,
      (word) => WORDS.get(word));
}

/** The text of a whole-number field checked against its min/max; → a message in the page's words, or null. */
export function wholeNumberProblem(label, raw, min, max) {
  const text = String(raw).trim();
  const range = max !== undefined && max !== '' ? `from ${min} to ${max}` : `of at least ${min}`;
  if (!/^[+-]?\d+$/.test(text)) {
    return text === '' ? `${label} is empty: type a whole number ${range}`
      : `${label} must be a whole number ${range}; “${text}” is not one`;
  }
  const value = Number(text);
  if (value < Number(min)) return `${label} must be a whole number ${range}; ${value} is too small`;
  if (max !== undefined && max !== '' && value > Number(max)) return `${label} must be a whole number ${range}; ${value} is too large`;
  return null;
}
