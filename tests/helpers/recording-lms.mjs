// A SCORM 1.2 LMS for Node tests: records every call ([name, …args]) and keeps the values set (data), starting as a
// first visit (ab-initio, not attempted) unless `values` says otherwise.
export function recordingLms(values = {}) {
  const calls = [];
  const data = { 'cmi.core.lesson_status': 'not attempted', 'cmi.core.entry': 'ab-initio', ...values };
  const ok = (name) => (...args) => { calls.push([name, ...args]); return 'true'; };
  return {
    calls, data,
    LMSInitialize: ok('LMSInitialize'), LMSCommit: ok('LMSCommit'), LMSFinish: ok('LMSFinish'),
    LMSGetValue: (e) => { calls.push(['LMSGetValue', e]); return data[e] ?? ''; },
    LMSSetValue: (e, v) => { calls.push(['LMSSetValue', e, v]); data[e] = v; return 'true'; },
    LMSGetLastError: () => '0', LMSGetErrorString: () => '', LMSGetDiagnostic: () => '',
  };
}
