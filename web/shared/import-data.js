// Readers of the learner's own data: a CSV of examples and a WAV file. Pure functions (no DOM), so every malformed
// file is tested in Node. They never throw: → { ok: true, … } or { ok: false, message } whose message names the
// row, the column and the rule, so the page can show it and keep the data set it has.

import { IMPORT_LIMITS } from './import-limits.js';

export { IMPORT_LIMITS };

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function fail(message) { return { ok: false, message }; }

/** True when text looks binary: a NUL, or many control characters (not tab/newline/return). */
function looksBinary(text) {
  let control = 0;
  const n = Math.min(text.length, 4096);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return control > n * 0.01;
}

/**
 * CSV text → { ok, rows: [[input number[], target number[]]], header, format } or { ok: false, message }.
 * One example per row: the input's `inputValues` values, then the target's values (every row the same count).
 * Cells are separated by commas, semicolons, tabs or spaces; blank lines and lines starting with '#' are skipped; a
 * first row of words is a header. Numbers must be finite and within ±1e6 (no NaN, Infinity or text).
 * Spreadsheets in German or French locales write `0,5;1,25`: on a line separated by semicolons or tabs a comma is a
 * decimal mark. A file must use one decimal mark throughout, and a line that separates values by commas and spaces
 * at once (`0,5 1,25`: decimal commas or separators?) is refused, naming its row and column — never guessed.
 * format: { separator: 'comma' | 'semicolon' | 'tab' | 'space', decimal: '.' | ',' } (what the rows used).
 */
export function parseExamplesCsv(text, { inputValues }) {
  if (typeof text !== 'string') return fail('the file could not be read as text');
  if (text.length > IMPORT_LIMITS.maxBytes) {
    return fail(`the file has ${text.length.toLocaleString('en')} characters; at most ${IMPORT_LIMITS.maxBytes.toLocaleString('en')} are read`);
  }
  if (looksBinary(text)) return fail('the file is not text (it holds binary bytes); a CSV of numbers is expected');
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const rows = [];
  let width = -1;
  let header = null;
  let separator = null;
  let decimal = null;  // the file's decimal mark, fixed by the first cell that shows one: { mark, row, column }
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l].trim();
    if (line === '' || line.startsWith('#')) continue;
    const rowName = `row ${l + 1}`;
    const split = splitCells(line);
    if (!split.ok) {
      if (rows.length === 0 && header === null && isHeader(line.split(/\s*[,;\t]\s*|\s+/))) {
        header = line.split(/\s*[,;\t]\s*|\s+/);
        continue;
      }
      return fail(`${rowName}, column ${split.column}: ${split.message}`);
    }
    const { cells } = split;
    if (rows.length === 0 && header === null && isHeader(cells)) {
      header = cells;
      continue;
    }
    separator ??= split.separator;
    if (rows.length >= IMPORT_LIMITS.maxRows) return fail(`${rowName}: at most ${IMPORT_LIMITS.maxRows} examples (rows) are read`);
    if (cells.length > IMPORT_LIMITS.maxValues) {
      return fail(`${rowName} has ${cells.length} values; at most ${IMPORT_LIMITS.maxValues} per row are read`);
    }
    const values = new Array(cells.length);
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c];
      if (cell === '') return fail(`${rowName}, column ${c + 1} is empty; every cell must hold a number`);
      const mark = split.commaIsDecimal && cell.includes(',') ? ',' : /^[-+]?\d*\.\d/.test(cell) ? '.' : null;
      if (mark === ',' && cell.includes('.')) {
        return fail(`${rowName}, column ${c + 1}: '${shorten(cell)}' has both '.' and ','; write numbers without a thousands separator`);
      }
      if (mark && decimal && mark !== decimal.mark) {
        return fail(`${rowName}, column ${c + 1}: '${shorten(cell)}' uses '${mark}' as decimal mark but ${decimal.where} uses '${decimal.mark}'; `
          + 'use one decimal mark in the whole file');
      }
      if (mark && !decimal) decimal = { mark, where: `${rowName}, column ${c + 1}` };
      const text = mark === ',' ? cell.replace(',', '.') : cell;
      if (!NUMBER.test(text)) {
        const rule = /^[-+]?(nan|inf(inity)?)$/i.test(cell) ? 'is not a finite number (NaN and ±Infinity are refused)' : 'is not a number';
        return fail(`${rowName}, column ${c + 1}: '${shorten(cell)}' ${rule}`);
      }
      const v = Number(text);
      if (!Number.isFinite(v) || Math.abs(v) > 1e6) return fail(`${rowName}, column ${c + 1}: ${cell} is beyond ±1e6`);
      values[c] = v;
    }
    if (width < 0) {
      width = values.length;
      if (width <= inputValues) {
        return fail(`${rowName} has ${width} values; a row needs the input's ${inputValues} values and then at least one target value`);
      }
    } else if (values.length !== width) {
      return fail(`${rowName} has ${values.length} values but the first example has ${width}; every row must have the same count`);
    }
    rows.push([values.slice(0, inputValues), values.slice(inputValues)]);
  }
  if (rows.length === 0) return fail('the file holds no examples (no row of numbers)');
  return { ok: true, rows, header, format: { separator: separator || 'comma', decimal: decimal ? decimal.mark : '.' } };
}

const shorten = (cell) => (cell.length > 20 ? `${cell.slice(0, 20)}…` : cell);
const isHeader = (cells) => cells.every((c) => c !== '' && !NUMBER.test(c) && !/^[-+]?(nan|inf(inity)?)$/i.test(c) && !/^[-+]?\d/.test(c));

/**
 * One line → { ok, cells, separator, commaIsDecimal } or { ok: false, column, message }. A line with a semicolon or
 * a tab is split there (and at spaces): its commas are decimal marks. Otherwise commas and spaces separate, but not
 * both at once between numbers: '0,5 1,25' could be two decimal-comma numbers or four values.
 */
function splitCells(line) {
  if (/[;\t]/.test(line)) {
    return { ok: true, cells: line.split(/\s*[;\t]\s*|\s+/), separator: line.includes(';') ? 'semicolon' : 'tab', commaIsDecimal: true };
  }
  const pieces = line.split(/\s*,\s*/);
  if (pieces.length > 1) {
    const mixed = pieces.findIndex((piece) => /\s/.test(piece) && piece.split(/\s+/).every((t) => /^[-+]?\.?\d/.test(t)));
    if (mixed >= 0) {
      const column = mixed + 1;
      const sample = line.length > 20 ? `${line.slice(0, 20)}…` : line;
      return { ok: false, column, message: `'${sample}' mixes commas and spaces between values (a decimal comma?); `
        + 'separate values with ; or tabs' };
    }
    return { ok: true, cells: pieces, separator: 'comma', commaIsDecimal: false };
  }
  return { ok: true, cells: line.split(/\s+/), separator: 'space', commaIsDecimal: false };
}

/**
 * WAV bytes (ArrayBuffer or Uint8Array) → { ok, samples: Float32Array (the first channel, in ±1), sampleRate } or
 * { ok: false, message }. Reads PCM 8/16/24/32-bit and 32-bit float, the formats audio tools write.
 */
export function parseWav(bytes) {
  const u8 = bytes instanceof Uint8Array ? bytes : bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : null;
  if (!u8) return fail('the WAV file could not be read');
  if (u8.length > IMPORT_LIMITS.maxWavBytes) return fail(`the WAV file has ${u8.length.toLocaleString('en')} bytes; at most ${IMPORT_LIMITS.maxWavBytes.toLocaleString('en')} are read`);
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const tag = (at) => String.fromCharCode(u8[at], u8[at + 1], u8[at + 2], u8[at + 3]);
  if (u8.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return fail("the file is not a WAV file (it does not start with 'RIFF' … 'WAVE')");
  let format = null;
  let data = null;
  for (let at = 12; at + 8 <= u8.length;) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (body + size > u8.length && id !== 'data') return fail(`the WAV chunk '${id}' at byte ${at} claims ${size} bytes but the file ends first`);
    if (id === 'fmt ') {
      if (size < 16) return fail(`the WAV format chunk has ${size} bytes; at least 16 are needed`);
      format = { code: view.getUint16(body, true), channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true), bits: view.getUint16(body + 14, true) };
      if (format.code === 0xfffe && size >= 26) format.code = view.getUint16(body + 24, true);  // WAVE_FORMAT_EXTENSIBLE
    } else if (id === 'data') {
      data = { start: body, size: Math.min(size, u8.length - body) };
      break;
    }
    at = body + size + (size % 2);
  }
  if (!format) return fail("the WAV file has no 'fmt ' chunk before its data");
  if (!data) return fail("the WAV file has no 'data' chunk");
  const { code, channels, bits, sampleRate } = format;
  const pcm = code === 1 && [8, 16, 24, 32].includes(bits);
  const float = code === 3 && bits === 32;
  if (!pcm && !float) return fail(`the WAV encoding (format ${code}, ${bits} bits) is not read; use PCM 8/16/24/32-bit or 32-bit float`);
  if (channels < 1 || channels > 16) return fail(`the WAV file says it has ${channels} channels; 1…16 are read`);
  const frameBytes = (bits / 8) * channels;
  const frames = Math.floor(data.size / frameBytes);
  if (frames === 0) return fail('the WAV file holds no samples');
  const samples = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    const at = data.start + i * frameBytes;  // the first channel
    let v;
    if (float) v = view.getFloat32(at, true);
    else if (bits === 8) v = (u8[at] - 128) / 128;
    else if (bits === 16) v = view.getInt16(at, true) / 32768;
    else if (bits === 24) v = ((u8[at] | (u8[at + 1] << 8) | (u8[at + 2] << 16)) << 8 >> 8) / 8388608;
    else v = view.getInt32(at, true) / 2147483648;
    if (!Number.isFinite(v)) return fail(`the WAV sample ${i + 1} is not a finite number`);
    samples[i] = v;
  }
  return { ok: true, samples, sampleRate };
}
