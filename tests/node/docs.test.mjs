// The README and docs/ agree with the code: the page's limits, the handle's methods, the postMessage methods and the
// embed control names are read from the modules that define them (not copied here) and must be exactly the ones the
// docs name. A new limit, method or control name fails this test until the docs say it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { LIMITS } from '../../web/lib/limits.js';
import { CONTROL_NAMES } from '../../web/app/embed.js';
import { MESSAGE_METHODS } from '../../web/app/messages.js';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const DOCS = ['README.md', ...readdirSync(new URL('../../docs/', import.meta.url)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const number = (text) => Number(text.replace(/,/g, ''));
const backticked = (text) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

/** The text of section `heading` (a line starting with #…) up to the next heading of any level. */
function section(markdown, heading) {
  const start = markdown.split('\n').findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '') === heading);
  assert.ok(start >= 0, `no heading "${heading}"`);
  const lines = markdown.split('\n').slice(start + 1);
  const end = lines.findIndex((line) => /^#+ /.test(line));
  return lines.slice(0, end < 0 ? undefined : end).join('\n');
}

/** The handle as web/app/api.js builds it, in Node: a stand-in window receives it and its message listener. */
async function pageHandle() {
  const listeners = [];
  globalThis.window = { addEventListener: (type) => listeners.push(type) };
  try {
    const { publishHandle } = await import('../../web/app/api.js');
    const { handle } = publishHandle(() => null, { redraw() {}, stop() {}, notice() {} });
    assert.equal(globalThis.window.convpoolPlayground, handle, 'publishHandle sets window.convpoolPlayground');
    assert.deepEqual(listeners, ['message'], 'publishHandle listens for postMessage requests');
    return handle;
  } finally {
    delete globalThis.window;
  }
}

test("docs/interface.md's table of the page's limits names every LIMITS entry with its value, and nothing else", () => {
  const table = section(read('docs/interface.md'), "The page's limits");
  const documented = new Map();
  for (const [, key, value] of table.matchAll(/`LIMITS\.(\w+)` ([\d,.e-]+)/g)) {
    assert.ok(!documented.has(key), `LIMITS.${key} is documented twice`);
    documented.set(key, number(value));
  }
  assert.deepEqual([...documented.keys()].sort(), Object.keys(LIMITS).sort(), 'the documented LIMITS names');
  for (const [key, value] of documented) assert.equal(value, LIMITS[key], `LIMITS.${key} in docs/interface.md`);
});

test('every statement of the layer cap, the replayed steps and the link length in README.md and docs/ is LIMITS', () => {
  const claims = [
    { key: 'maxLayers', pattern: /(?:up to|at most) ([\d,]+) layers/g },
    { key: 'maxSteps', pattern: /replay at most ([\d,]+) steps/g },
    { key: 'fragmentChars', pattern: /longer than ([\d,]+) characters/g },
  ];
  for (const { key, pattern } of claims) {
    let found = 0;
    for (const file of DOCS) {
      for (const [text, value] of read(file).matchAll(pattern)) {
        found += 1;
        assert.equal(number(value), LIMITS[key], `${file}: "${text}" (LIMITS.${key} is ${LIMITS[key]})`);
      }
    }
    assert.ok(found > 0, `no document states LIMITS.${key} (${pattern})`);
  }
});

test('every list of postMessage methods in README.md and docs/ is exactly the methods the page answers', () => {
  let lists = 0;
  for (const file of DOCS) {
    for (const [sentence] of read(file).matchAll(/`method` is one of ([^;]+);/g)) {
      lists += 1;
      assert.deepEqual(backticked(sentence).slice(1), MESSAGE_METHODS, `${file}: ${sentence.replace(/\s+/g, ' ')}`);
    }
  }
  for (const file of ['README.md', 'docs/interface.md']) {
    assert.match(read(file), /`method` is one of/, `${file} lists the postMessage methods (the contract asks the README to)`);
  }
  assert.ok(lists >= 2, `postMessage method lists found: ${lists}`);
});

test('docs/interface.md lists exactly the methods of window.convpoolPlayground and of its debug object', async () => {
  const handle = await pageHandle();
  const text = section(read('docs/interface.md'), "The page's handle: `window.convpoolPlayground`");
  const block = text.match(/```js\n([\s\S]*?)```/)[1];
  const documented = [...block.matchAll(/^(?:await )?playground\.(\w+)\(/gm)].map((m) => m[1]);
  const methods = Object.keys(handle).filter((key) => typeof handle[key] === 'function');
  assert.deepEqual([...documented].sort(), [...methods].sort(), 'the handle methods docs/interface.md lists');
  assert.match(block, /window\.convpoolPlayground\.ready/, 'the handle\'s ready promise is documented');
  assert.ok(handle.ready instanceof Promise, 'handle.ready is a promise');

  const debugSentence = text.match(/`playground\.debug` \(((?:`\w+\(\)`(?:, )?)+)\)/);
  assert.ok(debugSentence, 'docs/interface.md lists playground.debug\'s methods');
  const debugDocumented = backticked(debugSentence[1]).map((name) => name.replace(/\(\)$/, ''));
  assert.deepEqual(debugDocumented.sort(), Object.keys(handle.debug).sort(), 'the debug methods docs/interface.md lists');
});

test("docs/course.md's hide=/lock= list is exactly the control names embed.js accepts", () => {
  const text = read('docs/course.md');
  const list = text.match(/disables the named controls: ([\s\S]*?)Unknown names are ignored/);
  assert.ok(list, 'docs/course.md lists the hide=/lock= names');
  const documented = backticked(list[1]);
  assert.deepEqual([...documented].sort(), [...CONTROL_NAMES].sort(), 'the hide=/lock= names docs/course.md lists');
});

test('README.md stays a short page (at most 200 lines): the details live in docs/', () => {
  const lines = read('README.md').split('\n').length;
  assert.ok(lines <= 200, `README.md has ${lines} lines`);
});
