// The SCORM 1.2 run-time adapter (web/shared/exercise/scorm.js) against a stub LMS API that records every call, and
// against scorm-again's SCORM 1.2 LMS implementation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Scorm12API } from 'scorm-again/scorm12';
import { MAX_SEARCH_DEPTH, createScormReporter, findScormApi, scormTimespan } from '../../web/shared/exercise/scorm.js';

/** A SCORM 1.2 API that records calls; `failing` maps an element to an error code its LMSSetValue reports. */
function stubApi({ values = {}, failing = {} } = {}) {
  const calls = [];
  const data = { 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio', 'cmi.suspend_data': '', ...values };
  let lastError = '0';
  const api = {
    calls, data,
    LMSInitialize: (arg) => { calls.push(['LMSInitialize', arg]); lastError = '0'; return 'true'; },
    LMSGetValue: (element) => { calls.push(['LMSGetValue', element]); lastError = '0'; return data[element] ?? ''; },
    LMSSetValue: (element, value) => {
      calls.push(['LMSSetValue', element, value]);
      if (failing[element]) { lastError = failing[element]; return 'false'; }
      lastError = '0';
      data[element] = value;
      return 'true';
    },
    LMSCommit: (arg) => { calls.push(['LMSCommit', arg]); lastError = '0'; return 'true'; },
    LMSFinish: (arg) => { calls.push(['LMSFinish', arg]); lastError = '0'; return 'true'; },
    LMSGetLastError: () => lastError,
    LMSGetErrorString: (code) => (code === '405' ? 'Incorrect Data Type' : 'General Exception'),
    LMSGetDiagnostic: () => '',
  };
  return api;
}

/** Windows as the search sees them: each has parent (itself at the top), maybe opener and API. */
function windowChain(depth, api) {
  const top = { API: api };
  top.parent = top;
  let current = top;
  for (let i = 0; i < depth; i++) current = { parent: current };
  return current;
}

test('the API is found on a parent, or on the opener, within the search depth; hostile frames are skipped', () => {
  const api = stubApi();
  assert.equal(findScormApi(windowChain(0, api)), api);
  assert.equal(findScormApi(windowChain(3, api)), api);
  assert.equal(findScormApi(windowChain(MAX_SEARCH_DEPTH, api)), api);
  assert.equal(findScormApi(windowChain(MAX_SEARCH_DEPTH + 1, api)), null, 'no endless climb');
  const popup = { opener: windowChain(2, api) };
  popup.parent = popup;
  assert.equal(findScormApi(popup), api);
  const crossOrigin = { get API() { throw new Error('SecurityError'); }, get parent() { throw new Error('SecurityError'); } };
  const framed = { parent: crossOrigin };
  assert.equal(findScormApi(framed), null);
  const lonely = {};
  lonely.parent = lonely;
  assert.equal(findScormApi(lonely), null);
  assert.equal(findScormApi({ parent: { API: { LMSInitialize: 'not a function' } } }), null);
});

test('a learner who passes: initialize, incomplete, score, suspend data, commit, passed, finish — in that order', () => {
  const api = stubApi();
  let clock = 0;
  const errors = [];
  const reporter = createScormReporter(api, { onError: (e) => errors.push(e), now: () => clock });
  assert.equal(reporter.start(), '', 'a first visit has nothing to resume');
  reporter.report({ passed: false, score: 0.5, suspendData: '{"v":1}' });
  reporter.report({ passed: true, score: 1, suspendData: '{"v":1,"done":1}' });
  clock = 83_250;
  reporter.finish();
  reporter.finish();
  assert.deepEqual(api.calls, [
    ['LMSInitialize', ''],
    ['LMSGetValue', 'cmi.core.lesson_status'],
    ['LMSSetValue', 'cmi.core.lesson_status', 'incomplete'],
    ['LMSGetValue', 'cmi.core.score.raw'],
    ['LMSGetValue', 'cmi.interactions._count'],
    ['LMSSetValue', 'cmi.core.score.min', '0'],
    ['LMSSetValue', 'cmi.core.score.max', '100'],
    ['LMSGetValue', 'cmi.core.entry'],
    ['LMSGetValue', 'cmi.suspend_data'],
    ['LMSSetValue', 'cmi.core.score.raw', '50'],
    ['LMSSetValue', 'cmi.suspend_data', '{"v":1}'],
    ['LMSCommit', ''],
    ['LMSSetValue', 'cmi.core.score.raw', '100'],
    ['LMSSetValue', 'cmi.core.lesson_status', 'passed'],
    ['LMSSetValue', 'cmi.suspend_data', '{"v":1,"done":1}'],
    ['LMSCommit', ''],
    ['LMSSetValue', 'cmi.core.session_time', '0000:01:23.25'],
    ['LMSSetValue', 'cmi.core.exit', ''],
    ['LMSCommit', ''],
    ['LMSFinish', ''],
  ]);
  assert.deepEqual(errors, []);
  assert.equal(reporter.finished(), true);
});

test('a returning learner resumes from suspend data; a passed status is never taken back; unfinished work exits as suspend', () => {
  const api = stubApi({ values: { 'cmi.core.entry': 'resume', 'cmi.suspend_data': '{"v":1,"p":{}}', 'cmi.core.lesson_status': 'passed' } });
  const reporter = createScormReporter(api);
  assert.equal(reporter.start(), '{"v":1,"p":{}}');
  reporter.report({ passed: false, score: 0.25 });
  reporter.finish();
  const statusWrites = api.calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === 'cmi.core.lesson_status');
  assert.deepEqual(statusWrites, [], 'passed stays passed');

  const unfinished = stubApi({ values: { 'cmi.core.entry': 'resume', 'cmi.suspend_data': 'x' } });
  const second = createScormReporter(unfinished);
  second.start();
  second.report({ passed: false, score: 0.25 });
  second.finish();
  assert.equal(unfinished.data['cmi.core.exit'], 'suspend');
  assert.equal(unfinished.data['cmi.core.lesson_status'], 'incomplete');
});

test('LMS errors are reported to onError, never thrown into the page', () => {
  const errors = [];
  const api = stubApi({ failing: { 'cmi.core.score.raw': '405' } });
  const reporter = createScormReporter(api, { onError: (e) => errors.push(e) });
  reporter.start();
  reporter.report({ passed: false, score: 0.5, suspendData: 'x'.repeat(5000) });
  assert.deepEqual(errors[0], { call: 'LMSSetValue', element: 'cmi.core.score.raw', code: '405', message: 'Incorrect Data Type' });
  assert.match(errors[1].message, /5000 characters, more than SCORM 1.2's 4096; not stored/);
  assert.ok(!api.calls.some((c) => c[1] === 'cmi.suspend_data' && c[0] === 'LMSSetValue'));

  const throwing = { LMSInitialize() { throw new Error('LMS crashed'); }, LMSGetLastError: () => '101' };
  const broken = [];
  const r = createScormReporter(throwing, { onError: (e) => broken.push(e) });
  assert.doesNotThrow(() => { r.start(); r.report({ passed: true, score: 1 }); r.finish(); });
  assert.equal(broken[0].message, 'LMS crashed');
  assert.equal(createScormReporter(null), null, 'no LMS, no reporter');
});

test('finishOnExit finishes on pagehide', () => {
  const api = stubApi();
  const win = new EventTarget();
  const reporter = createScormReporter(api);
  reporter.start();
  reporter.finishOnExit(win);
  win.dispatchEvent(new Event('pagehide'));
  win.dispatchEvent(new Event('beforeunload'));
  assert.equal(api.calls.filter((c) => c[0] === 'LMSFinish').length, 1);
});

test("scorm-again's SCORM 1.2 LMS accepts every call and keeps the values", () => {
  const api = new Scorm12API({ logLevel: 5, autocommit: false });
  const errors = [];
  const reporter = createScormReporter(findScormApi(windowChain(2, api)), { onError: (e) => errors.push(e), now: () => 0 });
  reporter.start();
  assert.equal(api.cmi.core.lesson_status, 'incomplete');
  reporter.report({ passed: false, score: 1 / 3, suspendData: '{"v":1,"p":{"answers":{"0":3}}}' });
  assert.equal(api.cmi.core.score.raw, '33');
  reporter.report({ passed: true, score: 1, suspendData: '{"v":1}' });
  reporter.finish();
  assert.deepEqual(errors, []);
  assert.equal(api.cmi.core.lesson_status, 'passed');
  assert.equal(api.cmi.core.score.raw, '100');
  assert.equal(api.cmi.core.score.max, '100');
  assert.equal(api.cmi.suspend_data, '{"v":1}');
  assert.equal(api.isTerminated(), true);
});

test('session time is SCORM 1.2 CMITimespan', () => {
  assert.equal(scormTimespan(0), '0000:00:00.00');
  assert.equal(scormTimespan(3_723_456), '0001:02:03.46');
  assert.equal(scormTimespan(-5), '0000:00:00.00');
});
