// A plot's caption on its canvas fits the room beside its scale (web/shared/fit-label.js): set smaller first,
// then shortened at a word with "…". A fake 2-D context measures text as (characters × font size × 0.6) px.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitLabel } from '../../web/shared/fit-label.js';

function fakeContext() {
  return {
    font: '',
    measureText(text) {
      const size = Number(/(\d+)px/.exec(this.font)[1]);
      return { width: [...text].length * size * 0.6 };
    },
  };
}
const LABEL = '∂C/∂x_pad (full correlation with the flipped kernel)';  // 52 characters
const widthAt = (text, size) => [...text].length * size * 0.6;

test('a caption that fits is drawn whole at 12 px', () => {
  const ctx = fakeContext();
  assert.equal(fitLabel(ctx, LABEL, widthAt(LABEL, 12)), LABEL);
  assert.match(ctx.font, /\b12px\b/);
});

test('a caption a little too wide is set smaller, down to 10 px, still whole', () => {
  const ctx = fakeContext();
  assert.equal(fitLabel(ctx, LABEL, widthAt(LABEL, 11)), LABEL);
  assert.match(ctx.font, /\b11px\b/);
  assert.equal(fitLabel(ctx, LABEL, widthAt(LABEL, 10)), LABEL);
  assert.match(ctx.font, /\b10px\b/);
});

test('a caption too wide even at 10 px is shortened at a word with "…", and what is drawn fits', () => {
  const ctx = fakeContext();
  for (const room of [250, 180, 120, 60]) {
    const drawn = fitLabel(ctx, LABEL, room);
    assert.match(ctx.font, /\b10px\b/);
    assert.ok(drawn.endsWith('…'), `room ${room}: '${drawn}' ends with …`);
    assert.ok(ctx.measureText(drawn).width <= room, `room ${room}: '${drawn}' is ${ctx.measureText(drawn).width} px wide`);
    assert.ok(LABEL.startsWith(drawn.slice(0, -1)), `room ${room}: '${drawn}' is the caption's beginning`);
  }
  assert.equal(fitLabel(ctx, LABEL, 180), '∂C/∂x_pad (full correlation…');  // 29 characters of 6 px
});

test('a room narrower than one word cuts the word, and never returns an empty caption', () => {
  const ctx = fakeContext();
  assert.equal(fitLabel(ctx, 'gradients', 30), 'grad…');
  assert.equal(fitLabel(ctx, 'gradients', 1), '…');
});

test('the same caption in the same room is measured once: later frames reuse the answer and its font', () => {
  const ctx = fakeContext();
  let measured = 0;
  const measure = ctx.measureText.bind(ctx);
  ctx.measureText = (text) => { measured += 1; return measure(text); };
  const label = `${LABEL} (once)`;
  const first = fitLabel(ctx, label, 200);
  const count = measured;
  ctx.font = '99px serif';
  assert.equal(fitLabel(ctx, label, 200), first);
  assert.equal(measured, count, 'no measuring the second time');
  assert.match(ctx.font, /\b10px\b/, 'the font is set as the first time');
});
