// Browser tests of the explanations section (web/explain/) on the playground page: every lesson loads from its
// link, the equations render with KaTeX, hovering substitutes numbers, the gradient check passes on every lesson,
// the step-through reaches exactly the weights of step(1), and the boundary lab and exercises work.
// Runs against web/index.html when it exists, else against the standalone harness web/examples/explain-demo.html.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBrowser } from './harness.mjs';
import { pointAt, waitUntil, within } from './waiting.mjs';
import katex from 'katex';
import { loadConvPool } from '../../web/convpool.js';
import { inputSignal, targetSignal } from '../../web/shared/signals.js';
import { normalizeExperiment } from '../../web/shared/experiment.js';
import { networkEquations, resolveHover, substitute } from '../../web/explain/equations.js';
import { LESSONS, matchLesson } from '../../web/explain/lessons.js';
import { takeSnapshot } from '../../web/explain/snapshot.js';
import { buildFrames, frameCaption, predictedUpdate } from '../../web/explain/step-frames.js';
import { partialWeightGrad } from '../../web/layers/conv1d/steps.js';

const PAGE = existsSync(fileURLToPath(new URL('../../web/index.html', import.meta.url))) ? '/' : '/examples/explain-demo.html';

// ---------------------------------------------------------------------------------------------------------------
// The pure parts, in Node: every equation, substitution and step-through caption is valid TeX, and the numbers the
// animation shows are the core's.

/** Every TeX string of a model's explanations, with its origin. */
function allTex(model, snapshot, learningRate) {
  const out = [];
  for (const block of networkEquations(model.layers, { loss: model.spec.loss, learningRate })) {
    for (const line of block.lines) if (typeof line === 'string') out.push([block.id, line]);
  }
  const hovers = [{ panel: 'signals-input', index: 0 }, { panel: 'signals-output', index: 1 }];
  model.layers.forEach((g, l) => {
    for (const track of ['input', 'output', 'gradInput', 'gradOutput', 'gradPadded']) {
      for (const index of [0, 1, g.inLength - 1]) hovers.push({ panel: 'layer', layer: l, track, channel: 0, index });
    }
    if (g.type === 'conv1d') for (const track of ['weight', 'gradWeight', 'bias']) hovers.push({ panel: 'kernel', layer: l, track, index: 0 });
  });
  for (const hover of hovers) {
    for (const part of substitute(snapshot, resolveHover(model.layers, hover), { learningRate })) {
      for (const line of part.lines) out.push([`hover ${JSON.stringify(hover)}`, line]);
    }
  }
  buildFrames(snapshot).forEach((frame, i) => {
    for (const line of frameCaption(snapshot, frame, { learningRate }).tex) out.push([`frame ${i} ${frame.kind}`, line]);
  });
  return out;
}

describe('explanations, pure functions (Node)', () => {
  let cp;
  before(async () => { cp = await loadConvPool(); });
  const build = (raw) => {
    const { experiment } = normalizeExperiment(raw);
    const model = cp.createModel(experiment.network);
    const x = inputSignal(cp, experiment);
    model.setInput(x);
    // loss 'crossentropy' (the classifier lesson): the one-example target is a class index, as on the page
    model.setTarget(experiment.network.loss === 'crossentropy' ? [0] : targetSignal(cp, experiment, model, x));
    return { experiment, model };
  };
  const variants = [];
  for (const lesson of LESSONS) variants.push([lesson.id, lesson.experiment]);
  for (const paddingMode of ['zeros', 'reflect', 'replicate', 'circular']) {
    variants.push([`multi-channel ${paddingMode}`, { ...LESSONS[0].experiment,
      network: { inputLength: 20, inputChannels: 2, loss: 'mse', seed: 5, layers: [
        { type: 'conv1d', outChannels: 2, kernelSize: 4, stride: 2, padding: 3, dilation: 2, paddingMode, bias: true },
        { type: 'activation', fn: 'sigmoid' }, { type: 'maxpool1d', kernelSize: 2, stride: 1, padding: 1, dilation: 1, ceilMode: true },
        { type: 'conv1d', outChannels: 1, kernelSize: 2, stride: 1, padding: 'valid', dilation: 1, paddingMode: 'zeros', bias: false }] },
      input: [{ preset: 'sines', cycles: 2, seed: 1 }, { preset: 'noise', cycles: 1, seed: 2 }],
      target: { preset: 'signal', kind: 'sine', cycles: 1, seed: 0 } }]);
  }

  test('every equation, hover substitution and step-through caption parses as TeX', () => {
    for (const [name, raw] of variants) {
      const { experiment, model } = build(raw);
      try {
        const lines = allTex(model, takeSnapshot(model), experiment.learningRate);
        assert.ok(lines.length > 20, name);
        for (const [where, tex] of lines) {
          assert.doesNotThrow(() => katex.renderToString(tex, { throwOnError: true, displayMode: true }), `${name}, ${where}: ${tex}`);
        }
      } finally {
        model.delete();
      }
    }
  });

  test('the animation\'s running sums end at the core\'s gradients, and its update is the core\'s step', () => {
    for (const [name, raw] of variants) {
      const { experiment, model } = build(raw);
      try {
        const snapshot = takeSnapshot(model);
        snapshot.layers.forEach((layer) => {
          if (layer.geometry.type !== 'conv1d') return;
          const sums = partialWeightGrad(layer, layer.geometry.outLength - 1);
          sums.forEach((v, i) => assert.ok(Math.abs(v - layer.gradWeight[i]) <= 1e-5 * Math.max(1, Math.abs(v)), `${name}: ∂C/∂W[${i}]`));
        });
        const predicted = predictedUpdate(snapshot, experiment.learningRate);
        model.train(1, experiment.learningRate);
        for (const u of predicted) {
          assert.deepEqual(Array.from(u.weight), Array.from(model.view('weight', u.layer)), `${name}: W after one step`);
          assert.deepEqual(Array.from(u.bias), Array.from(model.view('bias', u.layer)), `${name}: b after one step`);
        }
      } finally {
        model.delete();
      }
    }
  });

  test('each lesson is a valid experiment that the lessons panel recognises', () => {
    for (const lesson of LESSONS) {
      const { experiment, problems } = normalizeExperiment(lesson.experiment);
      assert.deepEqual(problems, [], lesson.id);
      assert.equal(matchLesson(experiment)?.id, lesson.id);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The page, in Chromium.

let browser;
before(async () => { browser = await startBrowser(); });
after(async () => { await browser?.close(); });

/** Opens `path`, waits for the page and the explanations; returns { page, errors, foreignRequests }. */
async function open(path = PAGE) {
  const opened = await browser.newPage(path);
  await explainBuilt(opened.page, `the explanations to be built on ${path.slice(0, 80)}`);
  await within(opened.page.evaluate(() => window.convpoolExplain.ready), `convpoolExplain.ready (KaTeX) on ${path.slice(0, 80)}`);
  return opened;
}

/** Waits for window.convpoolExplain; the section's data-explain (skipped, waiting, loading, failed) says why not. */
async function explainBuilt(page, what) {
  await waitUntil(page, () => window.convpoolExplain !== undefined || document.getElementById('explain')?.dataset.explain === 'failed', {
    what, observe: () => `data-explain="${document.getElementById('explain')?.dataset.explain}"`,
  });
  assert.notEqual(await page.evaluate(() => document.getElementById('explain')?.dataset.explain), 'failed', `${what}: loading them failed`);
}

/** The lessons' shareable links as the page renders them (path + fragment on the test server). */
async function lessonLinks() {
  const { page } = await open();
  const links = await page.$$eval('#explain .explain-lesson', (cards) => cards.map((card) => ({
    id: card.dataset.lesson, href: card.querySelector('a.explain-link').href,
  })));
  await page.close();
  return links.map(({ id, href }) => {
    const url = new URL(href);
    return { id, path: `${url.pathname}${url.search}${url.hash}` };
  });
}

function assertClean({ errors, foreignRequests }) {
  assert.deepEqual(errors.filter((e) => !/favicon/.test(e)), [], 'no console errors or uncaught exceptions');
  assert.deepEqual(foreignRequests, [], 'no request leaves the origin');
}

describe('explanations section', () => {
  test('is built only when the page is idle or the learner scrolls near it — never in the middle of training', async (t) => {
    if (PAGE !== '/') {
      t.skip(`the deferral is the playground's, and web/index.html is absent: ${PAGE} (the standalone harness) mounts at once`);
      return;
    }
    const { page } = await browser.newPage('/');
    // Training from the moment the page is ready (a requestAnimationFrame loop, as Play runs it) for 1.5 s: the
    // explanations wait. Then the page is idle: they are built within a second or two.
    const whileTraining = await page.evaluate(async () => {
      const started = performance.now();
      let builtDuring = false;
      await new Promise((resolve) => {
        const frame = () => {
          window.convpoolPlayground.step(100);
          builtDuring ||= window.convpoolExplain !== undefined;
          if (performance.now() - started < 1500) requestAnimationFrame(frame); else resolve();
        };
        requestAnimationFrame(frame);
      });
      return builtDuring;
    });
    assert.equal(whileTraining, false, 'not built while training runs');
    await explainBuilt(page, 'the explanations to be built once training stops');
    await page.close();

    // Scrolling to the end of the page builds them at once, even while training keeps the page busy.
    const second = await browser.newPage('/');
    await second.page.evaluate(() => {
      window.training = { frames: 0, stop: false };
      const frame = () => {
        window.convpoolPlayground.step(100);
        window.training.frames++;
        if (!window.training.stop) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await waitUntil(second.page, () => window.training.frames >= 3, {
      what: 'three frames of training', observe: () => `${window.training.frames} frames`,
    });
    await second.page.evaluate(() => document.querySelector('.site-footer').scrollIntoView());
    await explainBuilt(second.page, 'the explanations to be built after scrolling to the end while training runs');
    assert.equal(await second.page.evaluate(() => { window.training.stop = true; return document.getElementById('explain').dataset.explain; }), 'mounted');
    await second.page.close();

    // Embedded (the section is hidden): never built. The page decides once, at ready; nothing builds it after.
    const embedded = await browser.newPage('/?embed=1');
    await waitUntil(embedded.page, () => document.getElementById('explain').dataset.explain !== undefined, {
      what: 'the embedded page to decide about the explanations', observe: () => document.getElementById('explain').outerHTML.slice(0, 120),
    });
    await embedded.page.evaluate(() => document.querySelector('.site-footer').scrollIntoView());
    assert.deepEqual(await embedded.page.evaluate(() => ({ decision: document.getElementById('explain').dataset.explain,
      built: window.convpoolExplain !== undefined, children: document.getElementById('explain').childElementCount })),
    { decision: 'skipped', built: false, children: 0 });
    await embedded.page.close();
  });

  test('mounts with KaTeX equations, all text content and accessible controls', async () => {
    const opened = await open();
    const { page } = opened;
    const parts = await page.$$eval('#explain details.explain-part', (ds) => ds.map((d) => d.id));
    assert.deepEqual(parts, ['explain-lessons', 'explain-equations', 'explain-stepthrough', 'explain-boundary-lab', 'explain-gradient-check']);
    await page.waitForSelector('#explain-equations .katex');
    const katexCount = await page.locator('#explain-equations .katex').count();
    assert.ok(katexCount >= 8, `KaTeX rendered ${katexCount} equations`);
    // KaTeX came from the vendored copy, and its MathML is there for screen readers.
    assert.ok(await page.locator('#explain-equations .katex-mathml').count() > 0);
    assert.equal(await page.locator('#explain .tex-pending').count(), 0, 'no equation left as raw TeX');
    // Every control is a real button / link / select / input / summary.
    const clickable = await page.$$eval('#explain [onclick], #explain [role=button]', (els) => els.length);
    assert.equal(clickable, 0);
    await page.evaluate(() => { window.convpoolExplain.open('step'); window.convpoolExplain.open('lab'); });
    const unlabelled = await page.$$eval('#explain canvas', (cs) => cs.filter((c) => !c.getAttribute('aria-label')).length);
    assert.equal(unlabelled, 0, 'every canvas has an aria-label');
    assertClean(opened);
    await page.close();
  });

  test('every lesson has a link that loads exactly its experiment', async () => {
    const links = await lessonLinks();
    assert.deepEqual(links.map((l) => l.id), LESSONS.map((l) => l.id));
    for (const link of links) {
      const opened = await open(link.path);
      const { page } = opened;
      const lesson = LESSONS.find((l) => l.id === link.id);
      const state = await page.evaluate(() => window.convpoolPlayground.getState());
      assert.equal(`#${state}`, new URL(link.path, 'http://x').hash, `${link.id}: the page holds the lesson's experiment`);
      const blocks = await page.$$eval('#explain-equations .explain-eq', (els) => els.map((e) => e.dataset.block));
      assert.equal(blocks.filter((b) => b.startsWith('forward-')).length, lesson.experiment.network.layers.length,
        `${link.id}: one forward block per layer`);
      assert.ok(blocks.includes('loss') && blocks.some((b) => b.startsWith('update-')), `${link.id}: loss and update blocks`);
      assert.ok(await page.locator('#explain-equations .katex').count() > 0, `${link.id}: KaTeX output`);
      assertClean(opened);
      await page.close();
    }
  });

  test('loading a lesson with its button rebuilds the page and marks the lesson', async () => {
    const { page } = await open();
    await page.click('#explain button[data-lesson="2a"]');
    await page.waitForSelector('#explain .explain-lesson.explain-active[data-lesson="2a"]');
    const state = await page.evaluate(() => window.convpoolPlayground.getState());
    assert.match(state, /pool-k3-s1/);
    const titles = await page.$$eval('#explain-equations .explain-eq h4', (hs) => hs.map((h) => h.textContent));
    assert.ok(titles.some((t) => /max-pool backward/.test(t)), 'the max-pool equations appear');
    await page.close();
  });

  test('hovering a sample substitutes its numbers into the equations', async () => {
    const { page } = await open();
    // 1. the page's own canvas (its hover events reach the explanations through context.onHover)
    const canvas = page.locator(PAGE === '/' ? '#canvas-prediction' : '#demo-signals');
    const box = await canvas.boundingBox();
    // a few points of the canvas (between two tracks there is no sample); each checked once the page has handled
    // the move (the hover reaches the equations synchronously, inside the page's pointer handler)
    let substituted = 0;
    const tried = [];
    for (const [fx, fy] of [[0.5, 0.5], [0.3, 0.3], [0.7, 0.75], [0.5, 0.3], [0.3, 0.75]]) {
      await pointAt(canvas, box.width * fx, box.height * fy);
      substituted = await page.locator('#explain .explain-substituted .katex').count();
      tried.push(`(${fx}, ${fy}): ${JSON.stringify(await page.evaluate(() => window.convpoolExplain.equations.lastHover()))}`);
      if (substituted) break;
    }
    assert.ok(substituted > 0, `hovering the page substitutes numbers; hovers seen: ${tried.join('; ')}`);
    const tex = await page.$$eval('#explain .explain-substituted', (els) => els.map((e) => e.dataset.tex).join('\n'));
    assert.match(tex, /= -?\d+(\.\d+)?/, 'the substituted equation holds numbers');
    // 2. a programmatic hover of a conv output: its forward equation with the weights and inputs, summing to the core's value
    const result = await page.evaluate(() => {
      const parts = window.convpoolExplain.equations.hover({ panel: 'layer', layer: 0, track: 'output', channel: 0, index: 5 });
      return parts.map((p) => ({ block: p.block, lines: p.lines }));
    });
    const forward = result.find((p) => p.block === 'forward-0');
    assert.ok(forward, 'the conv forward block gets numbers');
    assert.match(forward.lines.join(' '), /x_\{\\text\{out\}\}\[5\]/);
    const inBlock = await page.locator('#explain-equations section[data-block="forward-0"] .explain-numbers .katex').count();
    assert.ok(inBlock > 0, 'the numbers appear under the equation they belong to');
    // 3. hovering in the step-through canvas works too
    await page.evaluate(() => { window.convpoolExplain.open('step'); window.convpoolExplain.stepThrough.goTo(3); });
    const stepCanvas = page.locator('#explain-stepthrough canvas');
    const sb = await stepCanvas.boundingBox();
    await pointAt(stepCanvas, sb.width * 0.5, 30);  // the top row: the padded input of frame 3
    const hovered = await page.evaluate(() => window.convpoolExplain.equations.lastHover());
    assert.equal(hovered?.panel, 'padded', `the step-through hover reaches the equations: ${JSON.stringify(hovered)}`);
    await page.close();
  });

  test('the gradient check reports a worst relative error below 1e-3 on every lesson', async () => {
    for (const link of await lessonLinks()) {
      const { page } = await open(link.path);
      await page.evaluate(() => window.convpoolExplain.open('check'));
      await page.click('#explain-gradient-check button.explain-primary');
      const summary = page.locator('#explain-gradient-check .explain-gc-summary');
      await waitUntil(page, () => document.querySelector('#explain-gradient-check .explain-gc-summary').dataset.worst !== undefined, {
        what: `${link.id}: the gradient check's summary`, observe: () => document.querySelector('#explain-gradient-check .explain-gc-summary').textContent,
      });
      const worst = Number(await summary.getAttribute('data-worst'));
      assert.ok(Number.isFinite(worst) && worst < 1e-3, `${link.id}: worst relative error ${worst}`);
      const rows = await page.locator('#explain-gradient-check tbody tr').count();
      assert.ok(rows > 0, `${link.id}: a per-parameter table`);
      // ordered by error, worst first (kinks last)
      const errors = await page.$$eval('#explain-gradient-check tbody tr:not(.explain-kink) td:nth-child(6)', (tds) => tds.map((t) => Number(t.textContent)));
      for (let i = 1; i < errors.length; i++) assert.ok(errors[i] <= errors[i - 1], `${link.id}: rows ordered by error`);
      const tensors = new Set(await page.$$eval('#explain-gradient-check tbody td:nth-child(2)', (tds) => tds.map((t) => t.textContent)));
      for (const name of ['∂C/∂W', '∂C/∂b', '∂C/∂x_in']) assert.ok(tensors.has(name), `${link.id}: checks ${name}`);
      // the table sorts by another column when its header is clicked
      await page.click('#explain-gradient-check th:nth-child(3) button');
      assert.equal(await page.getAttribute('#explain-gradient-check th:nth-child(3)', 'aria-sort'), 'ascending');
      await page.close();
    }
  });

  test('the step-through ends on exactly the weights of step(1) (bit-equal), on every lesson', async () => {
    for (const link of await lessonLinks()) {
      const a = await open(link.path);
      const frames = await a.page.evaluate(() => { window.convpoolExplain.open('step'); return window.convpoolExplain.stepThrough.frameCount(); });
      assert.ok(frames > 5, `${link.id}: ${frames} frames`);
      const predicted = await a.page.evaluate(() => window.convpoolExplain.stepThrough.predicted()
        .map((u) => ({ layer: u.layer, weight: Array.from(u.weight), bias: Array.from(u.bias) })));
      await a.page.click('#explain-stepthrough button[aria-label="To end: jump to the end and apply the update"]');
      await waitUntil(a.page, () => window.convpoolExplain.stepThrough.applied(), {
        what: `${link.id}: the step-through to apply its update`, observe: () => document.querySelector('#explain-stepthrough .explain-caption').textContent,
      });
      const animated = await a.page.evaluate(() => window.convpoolExplain.parameters());
      const animatedSteps = await a.page.evaluate(() => window.convpoolPlayground.stepCount());
      const caption = await a.page.textContent('#explain-stepthrough .explain-caption');
      assert.match(caption, /applied/);
      await a.page.close();

      const b = await open(link.path);
      await b.page.evaluate(() => window.convpoolPlayground.step(1));
      const stepped = await b.page.evaluate(() => window.convpoolExplain.parameters());
      await b.page.close();

      assert.equal(animatedSteps, 1, `${link.id}: the animation took one step`);
      assert.deepEqual(animated, stepped, `${link.id}: weights after the animation === weights after step(1)`);
      // The update frame showed the numbers the core then produced.
      for (const u of predicted) {
        assert.deepEqual(u.weight, stepped[u.layer].weight, `${link.id}: the update frame's W is the core's`);
        assert.deepEqual(u.bias, stepped[u.layer].bias, `${link.id}: the update frame's b is the core's`);
      }
    }
  });

  test('playing the animation frame by frame gets there too, and frame i is a pure function of (experiment, i)', async () => {
    const link = (await lessonLinks()).find((l) => l.id === '1a');
    const { page } = await open(link.path);
    await page.evaluate(() => window.convpoolExplain.open('step'));
    const pixels = (i) => page.evaluate((n) => {
      window.convpoolExplain.stepThrough.goTo(n);
      return document.querySelector('#explain-stepthrough canvas').toDataURL();
    }, i);
    const direct = await pixels(17);
    await pixels(40);
    await pixels(3);
    const again = await pixels(17);
    assert.equal(again, direct, 'frame 17 draws the same whichever way it is reached');
    const total = await page.evaluate(() => window.convpoolExplain.stepThrough.frameCount());
    await page.evaluate(() => window.convpoolExplain.stepThrough.goTo(0));
    await page.selectOption('#explain-stepthrough select', '60');
    await page.click('#explain-stepthrough button.explain-play');
    await waitUntil(page, () => window.convpoolExplain.stepThrough.applied(), {
      what: 'the step-through played at 60 frames/s to reach its last frame', timeout: 60_000,
      observe: () => `frame ${window.convpoolExplain.stepThrough.frame()} of ${window.convpoolExplain.stepThrough.frameCount()}`,
    });
    assert.equal(await page.evaluate(() => window.convpoolExplain.stepThrough.frame()), total - 1);
    const played = await page.evaluate(() => window.convpoolExplain.parameters());
    // "Step" after the update starts the next step at its first frame, without applying anything
    await page.click('#explain-stepthrough button[aria-label="Step: next frame"]');
    assert.equal(await page.evaluate(() => window.convpoolExplain.stepThrough.frame()), 0);
    assert.equal(await page.evaluate(() => window.convpoolPlayground.stepCount()), 1);
    await page.close();
    const b = await open(link.path);
    await b.page.evaluate(() => window.convpoolPlayground.step(1));
    assert.deepEqual(played, await b.page.evaluate(() => window.convpoolExplain.parameters()));
    await b.page.close();
  });

  test('the boundary lab shows every rule side by side with its explanation', async () => {
    const link = (await lessonLinks()).find((l) => l.id === '1c');
    const opened = await open(link.path);
    const { page } = opened;
    await page.evaluate(() => window.convpoolExplain.open('lab'));
    const rules = await page.$$eval('#explain-boundary-lab figure', (fs) => fs.map((f) => f.dataset.rule));
    assert.deepEqual(rules, ['zeros', 'reflect', 'replicate', 'circular', 'valid', 'pool-valid', 'pool-pad', 'pool-floor', 'pool-ceil']);
    assert.equal(await page.locator('#explain-boundary-lab figure canvas').count(), 9, 'every rule computed (no refusals)');
    const results = await page.evaluate(() => {
      const r = window.convpoolExplain.lab.results();
      return { conv: r.conv.map((c) => ({ id: c.rule.id, n: c.y.length, dx: Array.from(c.dx) })), pool: r.pool.map((p) => ({ id: p.rule.id, n: p.y.length })) };
    });
    const byId = Object.fromEntries(results.conv.map((c) => [c.id, c]));
    assert.equal(byId.zeros.n, 32);
    assert.equal(byId.valid.n, 28, 'valid: N − (K − 1)');
    // With ∂C/∂x_out = 1, circular padding has no edge effect: every sample's gradient is the sum of the kernel.
    const first = byId.circular.dx[0];
    for (const v of byId.circular.dx) assert.ok(Math.abs(v - first) < 1e-5);
    assert.notEqual(byId.zeros.dx[0], byId.zeros.dx[10], 'zeros padding: the edge gradient differs');
    const pools = Object.fromEntries(results.pool.map((p) => [p.id, p.n]));
    assert.ok(pools['pool-ceil'] > pools['pool-floor'], 'ceil mode keeps the last partial window');
    const text = await page.textContent('#explain-boundary-lab');
    for (const phrase of ['Answer to 1c', 'Answer to 2b', '−∞', 'circular', 'reflect', 'replicate']) assert.ok(text.includes(phrase), phrase);
    assertClean(opened);
    await page.close();
  });

  test('the exercises: the hidden kernel is recovered by training, and the predicted divergence threshold is right', async () => {
    const links = await lessonLinks();
    const hidden = await open(links.find((l) => l.id === 'hidden-kernel').path);
    await hidden.page.click('#explain button[data-lesson="hidden-kernel"]');
    await hidden.page.evaluate(() => window.convpoolPlayground.step(500));
    const readout = await hidden.page.textContent('#explain .explain-lesson[data-lesson="hidden-kernel"] .explain-readout');
    assert.match(readout, /recovered!/);
    await hidden.page.close();

    const diverge = await open(links.find((l) => l.id === 'diverge').path);
    const { page } = diverge;
    await page.click('#explain button[data-lesson="diverge"]');
    await page.click('#explain .explain-lesson[data-lesson="diverge"] summary');
    // the reveal's text is written by the <details>' toggle event, which the browser fires after the click, as a task
    const revealed = '#explain .explain-lesson[data-lesson="diverge"] details p';
    await waitUntil(page, (selector) => /η > /.test(document.querySelector(selector).textContent), {
      arg: revealed, what: 'the revealed divergence threshold', observe: (selector) => document.querySelector(selector).textContent,
    });
    const reveal = await page.textContent(revealed);
    const eta = Number(/η > ([0-9.e−-]+)/.exec(reveal)[1].replace(/\.$/, '').replace('−', '-'));
    assert.ok(eta > 0.001 && eta < 1, `threshold ${eta}`);
    const state = await page.evaluate(() => window.convpoolPlayground.getState());
    const at = async (lr) => {
      assert.equal(await page.evaluate((s) => window.convpoolPlayground.setState(s), state.replace(/lr=[^&]+/, `lr=${lr}`)), true);
      return page.evaluate(() => window.convpoolPlayground.step(3000));
    };
    assert.ok(Number.isFinite(await at(eta * 0.9)), 'below the threshold: converges');
    assert.ok(!Number.isFinite(await at(eta * 1.1)), 'above the threshold: diverges');
    await page.close();
  });
});
