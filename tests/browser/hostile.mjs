// Hostile inputs for tests/browser/robustness.test.mjs: link fragments (crafted, mutated from valid links, random)
// in the page's real format (web/shared/experiment.js: key=value pairs, lz-string for drawn signals). Deterministic: a
// seeded PRNG, so a failure names a fragment that reproduces.
import LZString from 'lz-string';

import { random } from '../helpers/random.mjs';

export { random };

/** Payloads that set window.__pwned (or pollute Object.prototype) if anything ever ran or merged them. */
export const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '"><svg/onload=window.__pwned=1>',
  "'><iframe src=javascript:window.top.__pwned=1>",
  'javascript:window.__pwned=1',
  'javascript:console.error("pwned")',
  '${window.__pwned=1}',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>',
  '%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E',
  '%253Cimg%2520src%253Dx%2520onerror%253Dwindow.__pwned%253D1%253E',
  '<a href="javascript:window.__pwned=1">x</a>',
  'data:text/html,<script>window.__pwned=1</script>',
  '\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e',
];

const POLLUTION = ['__proto__[polluted]=1', 'constructor[prototype][polluted]=1', '__proto__.polluted=1',
  '__proto__=polluted', 'constructor=polluted', 'prototype=polluted', 'hasOwnProperty=1', 'toString=1'];

export const DEFAULT_FRAGMENT = 'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0'
  + '&loss=sse&seed=42&in0=sines-3-1&target=filtered-0.1,0.2,0.4,0.2,0.1&lr=0.01&spf=2&steps=0';

/** `draw.` + lz-string of comma-separated deltas, exactly as web/shared/experiment.js writes drawn signals. */
export function drawn(values) {
  let previous = 0;
  const deltas = values.map((v) => { const q = Math.round(v * 1024); const d = q - previous; previous = q; return d; });
  return `draw.${LZString.compressToEncodedURIComponent(deltas.join(','))}`;
}
export const drawnText = (text) => `draw.${LZString.compressToEncodedURIComponent(text)}`;

const SINE = Array.from({ length: 64 }, (_, i) => Math.round(Math.sin(i / 5) * 1024) / 1024);

/** Valid links the mutations start from (every one loads exactly: setState(·) === true). */
export const VALID_FRAGMENTS = [
  DEFAULT_FRAGMENT,
  'v=1&n=32&ch=2&layers=conv-k3-o2-s1-d2-p2-mreflect-b0~act-relu&loss=mse&seed=7&in0=square-2-1&in1=noise-1-9'
    + '&target=signal-sawtooth-2-7&lr=0.05&spf=10&steps=12&sched=5@0.05~7@0.01',
  `v=1&n=64&ch=1&layers=conv-k7-o1-s1-d1-pvalid-mcircular-b1~pool-k3-s2-p1-d1-c1&loss=sse&seed=3&in0=${drawn(SINE)}`
    + `&target=${drawn(SINE.slice(0, 20))}&lr=0.001&spf=5&steps=3&sched=3@0.001`,
  'v=1&n=48&ch=1&layers=pool-k4-s1-p2-d1-c0~conv-k5-o3-s1-d1-psame-mreplicate-b1~act-sigmoid&loss=sse&seed=1'
    + '&in0=chirp-4-1&target=pooled-5&lr=0.02&spf=1&steps=0',
  'v=1&n=16&ch=1&layers=act-identity&loss=sse&seed=0&in0=impulse-1-1&target=same&lr=0.1&spf=2&steps=0',
];

/** A network far too big to replay 1,000,000 steps of (the replay cap must kick in, not a frozen page). */
export const HUGE_REPLAY = 'v=1&n=2048&ch=4&layers=' + Array(3).fill('conv-k64-o8-s1-d16-psame-mzeros-b1').join('~')
  + '~pool-k64-s1-p32-d1-c0&loss=sse&seed=1&lr=0.000001&steps=1000000';

/** Hand-written hostile fragments: garbage, truncation, huge/negative/non-numbers, oversize, unicode, payloads. */
export function craftedFragments() {
  const f = [
    '', '#', '&', '&&&&', '=', '==&==', 'v', 'v=', 'v=1', 'v=2', 'v=-1&n=64', 'v=1e999', 'garbage', '%', '%%%', '%E0%A4%A',
    '%ED%A0%80', '%00%00', 'v=1&n=%00', 'n=-5', 'n=0', 'n=3', 'n=2049', 'n=1e309', 'n=-1e309', 'n=99999999999999999999',
    'n=0x40', 'n=64.5', 'n=6e1', 'n=NaN', 'n=Infinity', 'n= 64', 'n=+64', 'n=064', 'n=６４', 'n=٦٤',
    'ch=-1', 'ch=0', 'ch=5', 'ch=1.5', 'ch=4&in0=sine-1-1&in1=sine-1-1&in2=sine-1-1&in3=sine-1-1',
    'layers=', 'layers=~', 'layers=~~~~~', 'layers=conv', 'layers=conv-', 'layers=conv-k', 'layers=conv-k-1', 'layers=conv-k0',
    'layers=conv-k65', 'layers=conv-k1e3', 'layers=conv-kNaN', 'layers=conv-k5-o0', 'layers=conv-k5-o9', 'layers=conv-k5-s0',
    'layers=conv-k5-s17', 'layers=conv-k5-d0', 'layers=conv-k5-p65', 'layers=conv-k5-p-1', 'layers=conv-k5-psame-s2',
    'n=8&layers=conv-k5-p8-mreflect', 'n=8&layers=conv-k5-p9-mcircular', 'n=4&layers=conv-k64-d16-pvalid',
    'layers=conv-k5-mevil', 'layers=conv-k5-b2', 'layers=conv-k5-bx', 'layers=pool-k2-p9', 'layers=pool-k0',
    'layers=pool-k2-c7', 'n=4&layers=pool-k64-s16-p32-d16-c1', 'layers=act-softmax', 'layers=act-', 'layers=act',
    'layers=lstm-k3', 'layers=' + 'conv-k3~'.repeat(5), 'layers=' + 'act-relu~'.repeat(100),
    'layers=' + 'conv-k3-'.repeat(2000), 'loss=cross', 'loss=', 'loss=SSE', 'seed=-1', 'seed=4294967296', 'seed=1.5',
    'seed=2147483647', 'lr=0', 'lr=-1', 'lr=NaN', 'lr=Infinity', 'lr=1e400', 'lr=1e-400', 'lr=11', 'lr=.5', 'lr=5.',
    'lr=1e', 'spf=0', 'spf=1e9', 'spf=-3', 'steps=-1', 'steps=1.5', 'steps=10000000', 'steps=5&sched=5@',
    'steps=5&sched=@', 'steps=5&sched=2@0.01~2@0.01', 'steps=5&sched=5@1e-7', 'steps=5&sched=5@0.01@3',
    'steps=5&sched=-5@0.01', 'steps=2&sched=' + '1@0.01~'.repeat(1001), 'sched=5@0.01',
    'in0=', 'in0=sines', 'in0=sines-3', 'in0=sines-3-1-9', 'in0=evil-3-1', 'in0=sine-1e999-1', 'in0=sine-1--1',
    'in0=sine-513-1', 'in0=noise-1-4294967296', 'in9=sine-1-1', 'in0=draw.', 'in0=draw.%%%', 'in0=draw.!!',
    `in0=draw.${'A'.repeat(20000)}`, `in0=draw.${'A'.repeat(16000)}`, 'in0=draw.\u00e9\u00e9',
    `in0=${drawnText('1,2,NaN')}`, `in0=${drawnText('1,Infinity,3')}`, `in0=${drawnText('1e5,2')}`, `in0=${drawnText('')}`,
    `in0=${drawnText(',')}`, `in0=${drawnText('1,,2')}`, `in0=${drawnText('99999,'.repeat(64) + '1')}`,
    `in0=${drawnText('-99999,'.repeat(64) + '1')}`, `in0=${drawnText(Array(3000).fill(1).join(','))}`,
    `in0=${drawnText('0x10,1')}`, `in0=${drawnText('<script>window.__pwned=1</script>')}`,
    `in0=draw.${LZString.compressToBase64('1,2,3')}`, `in0=draw.${LZString.compress('1,2,3')}`,
    `in0=draw.${LZString.compressToUTF16('1,2,3')}`, `in0=${drawn(SINE).slice(0, 30)}`, `in0=${drawn(SINE)}xyz`,
    `target=${drawnText('1,2,NaN')}`, `target=${drawnText('99999,99999,99999')}`, 'target=', 'target=filtered',
    'target=filtered-', 'target=filtered-1,2,x', 'target=filtered-1,,2', `target=filtered-${Array(65).fill(1).join(',')}`,
    'target=filtered-1e3', 'target=filtered-NaN', 'target=pooled-0', 'target=pooled-999', 'target=pooled-',
    'target=signal-evil-1-1', 'target=signal', 'target=signal-sine-1e999-1', 'target=same', 'target=__proto__',
    'target=constructor', 'target=drawn', `target=draw.${'-'.repeat(3000)}`,
    'x'.repeat(100_000), `v=1&n=${'9'.repeat(100_000)}`, `v=1&in0=${'a'.repeat(100_000)}`, `${'&'.repeat(100_000)}`,
    `${'n=64&'.repeat(30_000)}`, `v=1&${'k='.repeat(50_000)}`, 'z'.repeat(199_999), 'z'.repeat(200_001), 'n=64&'.repeat(200_000),
    '\u202e\u202dn=64', 'n=64&\u{1F600}=\u{1F600}', 'n=\u{1F600}', 'layers=\u0441onv-k5', '\ud800', 'n=\ud800',
    'n=64\u0000', '\ufeffv=1&n=32', 'v=1&n=32\r\n\r\n<script>window.__pwned=1</script>',
    ...POLLUTION, ...POLLUTION.map((p) => `v=1&n=32&${p}`),
  ];
  for (const payload of PAYLOADS) {
    const enc = encodeURIComponent(payload);
    f.push(payload, `v=1&n=32&lr=${enc}`, `${enc}=${enc}`, `v=1&layers=${enc}`, `v=1&in0=${enc}`, `v=1&target=${enc}`,
      `v=1&loss=${enc}`, `v=1&target=signal-${enc}-1-1`, `v=1&layers=act-${enc}`, `v=1&layers=conv-k5-m${enc}`,
      `v=1&n=32&${payload}`, `v=1&target=filtered-${enc}`);
  }
  return f;
}

const MUTATION_CHARS = ['&', '=', '~', '-', '.', ',', '%', '#', '<', '>', '"', "'", '@', ' ', '0', '9', 'e', '\u00e9',
  '\u{1F600}', '\u0000', '+', '/', '\\', '?'];

function pick(rand, list) { return list[Math.floor(rand() * list.length)]; }

/** One random mutation of `text` (truncate, delete, insert, replace a number, swap or drop pairs, flip lz data…). */
export function mutate(text, rand) {
  const at = Math.floor(rand() * (text.length + 1));
  switch (Math.floor(rand() * 11)) {
    case 0: return text.slice(0, at);                                            // truncated link
    case 1: return text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 5));
    case 2: return text.slice(0, at) + pick(rand, MUTATION_CHARS) + text.slice(at);
    case 3: {                                                                     // a number becomes hostile
      const numbers = [...text.matchAll(/\d+(\.\d+)?/g)];
      if (!numbers.length) return `${text}&n=-1`;
      const m = pick(rand, numbers);
      const value = pick(rand, ['-1', '0', '1e309', '-1e309', '99999999999', 'NaN', '1.5', '2147483648', '', '00', '1e-9', '0x7f']);
      return text.slice(0, m.index) + value + text.slice(m.index + m[0].length);
    }
    case 4: {                                                                     // pairs reordered
      const pairs = text.split('&');
      const i = Math.floor(rand() * pairs.length);
      const j = Math.floor(rand() * pairs.length);
      [pairs[i], pairs[j]] = [pairs[j], pairs[i]];
      return pairs.join('&');
    }
    case 5: {                                                                     // a pair dropped
      const pairs = text.split('&');
      pairs.splice(Math.floor(rand() * pairs.length), 1);
      return pairs.join('&');
    }
    case 6: {                                                                     // a key repeated with another value
      const pairs = text.split('&');
      const p = pick(rand, pairs);
      const key = p.split('=')[0];
      return `${text}&${key}=${encodeURIComponent(pick(rand, [...PAYLOADS, 'x', '-1', '', '~~', '1e999']))}`;
    }
    case 7: {                                                                     // a value replaced by a payload
      const pairs = text.split('&');
      const i = Math.floor(rand() * pairs.length);
      const key = pairs[i].split('=')[0];
      const payload = pick(rand, PAYLOADS);
      pairs[i] = `${key}=${rand() < 0.5 ? encodeURIComponent(payload) : payload}`;
      return pairs.join('&');
    }
    case 8: {                                                                     // compressed data damaged
      const d = text.indexOf('draw.');
      if (d < 0) return `${text}&in0=${drawnText(String(rand()))}`;
      const k = d + 5 + Math.floor(rand() * 40);
      return text.slice(0, k) + pick(rand, ['A', 'z', '+', '-', '$', '0', '']) + text.slice(k + 1);
    }
    case 9: return text + text.slice(at).repeat(1 + Math.floor(rand() * 20));     // a segment repeated
    default: return text.replace(/~/g, pick(rand, ['~~', '', '~act-relu~', '~pool-k99~']));
  }
}

/** `count` mutants of the valid links, each 1–3 mutations deep. */
export function mutatedFragments(count, seed = 1) {
  const rand = random(seed);
  return Array.from({ length: count }, () => {
    let text = pick(rand, VALID_FRAGMENTS);
    const depth = 1 + Math.floor(rand() * 3);
    for (let i = 0; i < depth; i++) text = mutate(text, rand);
    return text;
  });
}

const KEYS = ['v', 'n', 'ch', 'layers', 'loss', 'seed', 'in0', 'in1', 'in3', 'target', 'lr', 'spf', 'steps', 'sched'];
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789-_.~&=%#@,;:/?+!$\'"<>()[]{}|\\^`* \u00e9\u4e2d\u{1F600}\u202e\u0000';

/** Random garbage: random characters, and random values under the real keys. */
export function randomFragments(count, seed = 2) {
  const rand = random(seed);
  const chars = [...ALPHABET];
  const text = (n) => Array.from({ length: n }, () => pick(rand, chars)).join('');
  return Array.from({ length: count }, (_, i) => {
    if (i % 2 === 0) return text(Math.floor(rand() * 300));
    const pairs = Array.from({ length: 1 + Math.floor(rand() * 8) }, () => `${pick(rand, KEYS)}=${text(Math.floor(rand() * 30))}`);
    return pairs.join('&');
  });
}
