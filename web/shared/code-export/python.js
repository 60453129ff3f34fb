// Python source helpers shared by the two exporters: float32 literals that round-trip exactly, lists wrapped to
// PEP 8's 79 columns, and the header comment that carries the experiment's link.

/** Python's limit for a line (pycodestyle's default max-line-length). */
export const LINE_WIDTH = 79;

/**
 * The shortest decimal that Python reads back as the same float32: Python parses it to the nearest double and
 * torch/NumPy round that to the nearest float32 — exactly what Math.fround(Number(text)) does, so the check below
 * mirrors Python's two roundings.
 */
export function float32Literal(value) {
  const f = Math.fround(value);
  if (Number.isNaN(f)) return "float('nan')";
  if (f === Infinity) return "float('inf')";
  if (f === -Infinity) return "-float('inf')";
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0';
  for (let digits = 1; digits <= 9; digits++) {
    const text = pythonNumber(Number(f.toPrecision(digits)));
    if (Math.fround(Number(text)) === f) return text;
  }
  return pythonNumber(f);  // 9 significant digits always suffice; kept for safety
}

/** A double in JS's shortest form, which Python reads ('1e-7', '2.5e+21'); an exponent from 1e16 up. */
export function pythonNumber(value) {
  const text = Math.abs(value) >= 1e16 ? value.toExponential() : String(value);
  return /[.eE]/.test(text) || !/^-?\d+$/.test(text) ? text : `${text}.0`;
}

/** A double (a learning rate, a step count's η) exactly as JS holds it: Python reads back the same double. */
export function float64Literal(value) {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? "float('nan')" : `${value < 0 ? '-' : ''}float('inf')`;
  return pythonNumber(value);
}

/**
 * `NAME = [a, b, …]` wrapped to LINE_WIDTH: on one line when it fits, else one item per slot on indented lines.
 */
export function listAssignment(name, items) {
  const oneLine = `${name} = [${items.join(', ')}]`;
  if (oneLine.length <= LINE_WIDTH) return oneLine;
  const lines = [`${name} = [`];
  let line = '   ';
  for (const item of items) {
    const piece = ` ${item},`;
    if (line.length + piece.length > LINE_WIDTH && line.length > 3) {
      lines.push(line);
      line = '   ';
    }
    line += piece;
  }
  lines.push(line, ']');
  return lines.join('\n');
}

/**
 * `opening` (which ends with a bracket: `f(`, `{`), the items separated by commas, then `closing` (`)`, `},`), wrapped
 * to LINE_WIDTH after commas with continuation lines aligned after the opening (PEP 8).
 */
export function wrappedItems(opening, items, closing) {
  const lines = [];
  let line = opening;
  const align = ' '.repeat(opening.length);
  items.forEach((item, i) => {
    const piece = `${item}${i === items.length - 1 ? closing : ','}`;
    const sep = line === opening ? '' : ' ';
    if (line.length + sep.length + piece.length > LINE_WIDTH && line !== opening) {
      lines.push(line);
      line = align + piece;
    } else {
      line += sep + piece;
    }
  });
  lines.push(line);
  return lines.join('\n');
}

/** A float32 array as a wrapped Python list of exact literals. */
export function float32ListAssignment(name, values) {
  return listAssignment(name, Array.from(values, float32Literal));
}

/** A Python string literal (single quotes), for short identifiers such as a padding mode. */
export function pyString(text) {
  return `'${String(text).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The header comment: what the script is, the experiment's link (a fragment, or a full address; split across lines
 * when long: join the pieces without spaces), and the details given.
 */
export function headerComment(title, link, details) {
  const safe = String(link ?? '').replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
  // a full address stays as it is; a bare fragment gets its '#'
  const fragment = safe.startsWith('#') || safe.includes('://') ? safe : `#${safe}`;
  const lines = [`# ${title}`, '#'];
  const room = LINE_WIDTH - 4;
  if (safe === '' || safe === '#') {
    lines.push('# Experiment: (no link given)');
  } else if (fragment.length + '# Experiment: '.length <= LINE_WIDTH) {
    lines.push(`# Experiment: ${fragment}`);
  } else {
    lines.push('# Experiment (the link\'s fragment in pieces; join them without spaces):');
    for (let at = 0; at < fragment.length; at += room) lines.push(`#   ${fragment.slice(at, at + room)}`);
  }
  lines.push('#');
  for (const detail of details) {
    const indent = detail.length - detail.trimStart().length;
    lines.push(...wrapComment(detail.trimStart(), `# ${' '.repeat(indent)}`, indent > 0 ? 2 : 0));
  }
  return lines.join('\n');
}

/** A comment wrapped at words to LINE_WIDTH; continuation lines are indented by `hanging` more spaces. */
export function wrapComment(text, prefix, hanging = 0) {
  if (text === '') return [prefix.trimEnd()];
  const lines = [];
  let line = prefix;
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > LINE_WIDTH && line.trim() !== prefix.trim()) {
      lines.push(line.trimEnd());
      line = `${prefix}${' '.repeat(hanging)}`;
    }
    line += (line.endsWith(' ') ? '' : ' ') + word;
  }
  lines.push(line.trimEnd());
  return lines;
}

/** A layer option as a Python literal: True/False, a quoted string or a number. */
export function pyValue(value) {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return typeof value === 'string' ? pyString(value) : String(value);
}
