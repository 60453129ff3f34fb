// Error messages of the network editor in the page's words. The core and the experiment reader speak in code words
// ("layers[0] (conv1d): kernelSize 0 …", "paddingMode 'reflect'", "…; used 1"); the page shows each message next to
// the field it is about, naming that field by its label and saying the rule, so a learner can fix it where they look.
import { LAYER_SCHEMA } from '../shared/schema.js';

/** Code word → the page's label (schema rows first, then the network's own fields). */
const WORDS = new Map([
  ['inputLength', 'input length N'], ['inputChannels', 'input channels'], ['inChannels', 'input channels'],
  ['outChannels', 'out channels'], ['kernelSize', 'kernel size K'], ['ceilMode', 'ceil mode'],
  ['paddingMode', 'padding mode'], ['padding', 'padding'], ['dilation', 'dilation d'], ['stride', 'stride s'],
]);
for (const schema of Object.values(LAYER_SCHEMA)) {
  for (const row of schema.fields) if (!WORDS.has(row.key)) WORDS.set(row.key, row.label);
}

/**
 * A message from the core or the experiment reader → { layer, key, text }: the layer it names (or -1), the option
 * it is about (a schema key, or null) and its text in the page's words (no "layers[i] (type):", no "; used …").
 */
export function inPageWords(message) {
  let text = String(message || '');
  let layer = -1;
  const at = /^(?:the network was refused: )?layers\[(\d+)\](?: \([^)]*\))?[:.]?\s*/.exec(text);
  if (at) { layer = Number(at[1]); text = text.slice(at[0].length); }
  // an experiment-reader path such as network.layers[0].kernelSize names its field with a dot
  const path = /(?:network\.)?layers\[(\d+)\]\.(\w+)/.exec(text);
  if (path) { layer = Number(path[1]); text = text.replace(path[0], path[2]); }
  text = text.replace(/; used [^;]*$/, '');  // nothing is "used": the last valid network simply keeps running
  let key = null;
  const first = /^(?:padding '?\w+'? needs|(\w+))/.exec(text);
  if (first && first[1] && WORDS.has(first[1])) key = first[1];
  else if (/^padding/.test(text)) key = 'padding';
  text = text.replace(/paddingMode '(\w+)'/g, "$1 padding");
  text = text.replace(/\b(inputLength|inputChannels|inChannels|outChannels|kernelSize|ceilMode|paddingMode|dilation|stride)\b/g, (w) => WORDS.get(w));
  return { layer, key, text };
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
