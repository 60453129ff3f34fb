// The SCORM 1.2 package (web/shared/exercise/package.js): a zip that unpacks (fflate) with imsmanifest.xml at its root,
// a manifest that parses (xmllint) and launches the single-file playground, whose CSP is untouched by the baked exercise.
// Builds dist/convpool-playground.html first when it is missing or older than web/ (scripts/dist.mjs, about a second).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { unzipSync } from '../../web/generated/vendor/fflate.js';
import { readExerciseFragment } from '../../web/shared/exercise/link.js';
import { prepareExercise } from '../../web/shared/exercise/model.js';
import {
  LAUNCH_FILE, LAUNCH_META, bakeLaunchPage, buildScormPackage, parseLaunchData, readPackage,
} from '../../web/shared/exercise/package.js';
import { SOURCE_TEMPLATE_ID, assembleSingleFile } from '../../web/shared/exercise/single-file.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SINGLE = join(ROOT, 'dist', 'convpool-playground.html');

function newest(path) {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), 0) : s.mtimeMs;
}

function singleFile() {
  const sources = [join(ROOT, 'web'), join(ROOT, 'scripts', 'dist.mjs')];
  if (!existsSync(SINGLE) || statSync(SINGLE).mtimeMs < Math.max(...sources.map(newest))) {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'dist.mjs')], { cwd: ROOT, stdio: 'ignore' });
  }
  return readFileSync(SINGLE, 'utf8');
}

const FRAGMENT = 'v=1&n=24&ch=1&layers=conv-k3-o1-s1-d1-p0-mzeros-b1&loss=sse&seed=1&in0=sine-2-0'
  + '&target=filtered-0.25,0.5,0.25&lr=0.02&spf=1&steps=0';
const ANSWER = 'one window of K taps, never all N';

async function exercise() {
  return prepareExercise({
    title: 'Conv forward <same length> & more',
    task: 'Make the output as long as the input.',
    goals: [
      { type: 'setting', layer: 0, quantity: 'outLength', equals: 24 },
      { type: 'choice', question: 'The sum runs over', options: ['all N inputs', ANSWER], correct: ANSWER },
    ],
    lock: ['signals'], hide: ['export'],
  });
}

test('the zip unpacks with imsmanifest.xml at its root and the launch page beside it', async () => {
  const html = singleFile();
  const ex = await exercise();
  const bytes = await buildScormPackage({ html, fragment: FRAGMENT, exercise: ex });
  assert.ok(bytes instanceof Uint8Array);
  assert.deepEqual([bytes[0], bytes[1], bytes[2], bytes[3]], [0x50, 0x4b, 0x03, 0x04], 'a zip local file header');
  const files = unzipSync(bytes);
  assert.deepEqual(Object.keys(files).sort(), ['adlcp_rootv1p2.xsd', LAUNCH_FILE, 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd',
    'imsmanifest.xml', 'imsmd_rootv1p2p1.xsd'], 'the manifest, the page and the SCORM 1.2 control files, all at the root');
  assert.ok(bytes.length < html.length, `compressed: ${bytes.length} bytes for a ${html.length}-character page`);
  // The same exercise gives the same bytes (no timestamps of "now").
  assert.deepEqual(await buildScormPackage({ html, fragment: FRAGMENT, exercise: ex }), bytes);
});

test('imsmanifest.xml is well-formed SCORM 1.2: one organization, one SCO item, a webcontent sco resource launching the page', async () => {
  const { 'imsmanifest.xml': manifest } = readPackage(await buildScormPackage({ html: singleFile(), fragment: FRAGMENT, exercise: await exercise() }));
  // xmllint parses it (well-formed) and answers XPath queries on it.
  const xpath = (query) => execFileSync('xmllint', ['--xpath', query, '-'], { input: manifest }).toString().trim();
  const ns = (local) => `*[local-name()='${local}']`;
  assert.equal(xpath(`string(/${ns('manifest')}/${ns('metadata')}/${ns('schemaversion')})`), '1.2');
  assert.equal(xpath(`string(/${ns('manifest')}/${ns('metadata')}/${ns('schema')})`), 'ADL SCORM');
  assert.equal(xpath(`count(//${ns('organization')})`), '1');
  assert.equal(xpath(`count(//${ns('item')})`), '1');
  assert.equal(xpath(`string(//${ns('organization')}/${ns('title')})`), 'Conv forward <same length> & more');
  const ref = xpath(`string(//${ns('item')}/@identifierref)`);
  assert.equal(xpath(`string(//${ns('resource')}[@identifier='${ref}']/@href)`), LAUNCH_FILE);
  assert.equal(xpath(`string(//${ns('resource')}/@type)`), 'webcontent');
  assert.equal(xpath(`string(//${ns('resource')}/@*[local-name()='scormtype'])`), 'sco');
  assert.equal(xpath(`string(//${ns('resource')}/${ns('file')}/@href)`), LAUNCH_FILE);
  assert.equal(xpath(`string(/${ns('manifest')}/${ns('organizations')}/@default)`), xpath(`string(//${ns('organization')}/@identifier)`));
  assert.match(manifest, /xmlns:adlcp="http:\/\/www\.adlnet\.org\/xsd\/adlcp_rootv1p2"/);
});

test('imsmanifest.xml validates against the SCORM 1.2 schemas the zip carries (xmllint --schema), as unpacked on a disk', async () => {
  const files = unzipSync(await buildScormPackage({ html: singleFile(), fragment: FRAGMENT, exercise: await exercise() }));
  const dir = mkdtempSync(join(tmpdir(), 'convpool-scorm-'));
  try {
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    for (const name of ['imscp_rootv1p1p2.xsd', 'adlcp_rootv1p2.xsd', 'imsmd_rootv1p2p1.xsd', 'ims_xml.xsd']) {
      assert.equal(createHash('sha256').update(files[name]).digest('hex'),
        createHash('sha256').update(readFileSync(new URL(`../../web/shared/exercise/scorm12/${name}`, import.meta.url))).digest('hex'),
        `${name} is the committed control file, byte for byte`);
    }
    // The root schema imports adlcp's and imsmd's through the manifest's own xsi:schemaLocation; xmllint reads the
    // one given here and resolves its imports beside it, as a conformance checker does with the unpacked zip.
    const wrapper = join(dir, 'scorm12-all.xsd');
    writeFileSync(wrapper, `<?xml version="1.0"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:convpool:test:all">
  <xsd:import namespace="http://www.imsproject.org/xsd/imscp_rootv1p1p2" schemaLocation="imscp_rootv1p1p2.xsd"/>
  <xsd:import namespace="http://www.adlnet.org/xsd/adlcp_rootv1p2" schemaLocation="adlcp_rootv1p2.xsd"/>
  <xsd:import namespace="http://www.imsglobal.org/xsd/imsmd_rootv1p2p1" schemaLocation="imsmd_rootv1p2p1.xsd"/>
</xsd:schema>`);
    const run = spawnSync('xmllint', ['--noout', '--schema', wrapper, join(dir, 'imsmanifest.xml')], { encoding: 'utf8' });
    assert.equal(run.status, 0, `xmllint --schema: ${run.stderr}`);
    assert.match(run.stderr, /imsmanifest\.xml validates/);
    // and a manifest that breaks the schema is refused by the same check (the check can fail)
    writeFileSync(join(dir, 'broken.xml'), readFileSync(join(dir, 'imsmanifest.xml'), 'utf8').replace('adlcp:scormtype="sco"', 'adlcp:scormtype="page"'));
    const broken = spawnSync('xmllint', ['--noout', '--schema', wrapper, join(dir, 'broken.xml')], { encoding: 'utf8' });
    assert.notEqual(broken.status, 0, 'a scormtype outside sco|asset fails validation');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the launch page carries the exercise in a <meta>; its CSP and its one script are unchanged', async () => {
  const html = singleFile();
  const { [LAUNCH_FILE]: page } = readPackage(await buildScormPackage({ html, fragment: FRAGMENT, exercise: await exercise() }));
  const csp = (text) => text.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)[1];
  assert.equal(csp(page), csp(html));
  // Everything but the one added <meta> line is the original page, so the script's hash in the CSP still holds.
  const meta = page.match(new RegExp(`\\n\\s*<meta name="${LAUNCH_META}" content="([^"]*)">`));
  assert.ok(meta, 'the launch <meta> is there');
  assert.equal(page.replace(meta[0], ''), html);
  const scripts = [...page.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)];
  assert.equal(scripts.length, 1);
  const hash = createHash('sha256').update(scripts[0][1]).digest('base64');
  assert.ok(csp(page).includes(`'sha256-${hash}'`), 'the CSP allows the page script by its hash');

  const content = meta[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const launch = parseLaunchData(content);
  assert.equal(launch.search, 'embed=1&hide=export&lock=signals');
  const read = await readExerciseFragment(launch.fragment);
  assert.equal(read.problem, undefined);
  assert.equal(read.experiment, FRAGMENT);
  assert.equal(read.exercise.title, 'Conv forward <same length> & more');
  assert.ok(!page.includes(ANSWER), 'the launch page holds no answer in plain text');
});

test('only the single-file page can be packaged; launch data is read defensively', async () => {
  assert.throws(() => bakeLaunchPage('<html><head></head></html>', {}), /Content-Security-Policy <meta> was not found/);
  await assert.rejects(buildScormPackage({ html: singleFile(), fragment: FRAGMENT, exercise: { title: '' } }), /exercise.goals/);
  assert.equal(parseLaunchData('{'), null);
  assert.equal(parseLaunchData('{"v":2,"fragment":"","search":""}'), null);
  assert.equal(parseLaunchData(42), null);
});

/** The three texts the page's DOM gives back: the template's text, the module script's and the bundled style's. */
function domTexts(html) {
  const between = (open, close) => {
    const start = html.indexOf(open);
    assert.ok(start >= 0, `${open} is in the page`);
    return html.slice(start + open.length, html.indexOf(close, start + open.length));
  };
  return {
    source: between(`<template id="${SOURCE_TEMPLATE_ID}">`, '</template>'),
    script: between('<script type="module">', '</script>'),
    style: between('<style data-convpool-bundled>', '</style>'),
  };
}

test('the single file rebuilds its own HTML byte for byte from its DOM texts (so it can package itself)', () => {
  const html = singleFile();
  const texts = domTexts(html);
  assert.doesNotMatch(texts.source, /[<>&]/, 'the template holds plain text only');
  assert.equal(assembleSingleFile(texts), html);
  // The launch page of a package rebuilds the plain single file (its launch <meta> is not part of the skeleton).
  const baked = bakeLaunchPage(html, { v: 1, fragment: 'v=1', search: 'embed=1' });
  assert.equal(assembleSingleFile(domTexts(baked)), html);
  assert.throws(() => assembleSingleFile({ source: '"no slots"', script: '', style: '' }), /only the single file/);
});
