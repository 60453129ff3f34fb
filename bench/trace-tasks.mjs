// What a long main-thread task was doing, from a Chromium trace (CDP Tracing): for bench/startup_bench.mjs --trace.
// A 'longtask' entry says only when and how long; the trace's events inside the task say what it was (evaluating a
// script, a function called by a timer or an animation frame, style, layout, paint, WebAssembly compilation, GC).
// Tracing slows the page a little, so the durations of a --trace run are not the benchmark's figures.

/** Trace categories: the timeline's events and user-timing marks, no sampling profiler (too slow at 4× slowdown). */
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'v8.wasm'];

/** Starts tracing on a CDP session; → stop(): the trace events once the browser has sent them all. */
export async function startTrace(cdp) {
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return events;
  };
}

/** Event names worth naming inside a task (the rest are the scheduler's own wrappers). */
const ACTIVITY = /^(EvaluateScript|v8\.evaluateModule|FunctionCall|TimerFire|FireAnimationFrame|FireIdleCallback|EventDispatch|ParseHTML|UpdateLayoutTree|Layout|PrePaint|Paint|Commit|RunMicrotasks|MajorGC|MinorGC|v8\.wasm\.\w+|v8\.produceModuleCache|ParseAuthorStyleSheet)$/;

/** The renderer main thread of the page: the CrRendererMain with the most events. */
function mainThread(events) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const counts = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.get(key) === 'CrRendererMain') counts.set(key, (counts.get(key) || 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function label(e) {
  const data = (e.args && (e.args.data || e.args.beginData)) || {};
  const where = data.url ? ` ${data.url.split('/').pop()}${data.lineNumber !== undefined ? `:${data.lineNumber}:${data.columnNumber}` : ''}` : '';
  return `${e.name}${data.functionName ? ` ${data.functionName}` : ''}${where}`;
}

/** An activity's label; a timer, frame, idle or event callback also names the function it called (its largest call). */
function describe(e, inside) {
  const calls = inside.filter((c) => c.name === 'FunctionCall' && c !== e && c.ts >= e.ts && c.ts + c.dur <= e.ts + e.dur);
  const call = calls.sort((a, b) => b.dur - a.dur)[0];
  return call ? `${label(e)} → ${label(call)}` : label(e);
}

/**
 * Tasks of the page's main thread longer than `minMs`, from the page's navigation on:
 * → [{ startMs (since navigationStart), ms, cpuMs, parts: [{ what, startMs (in the task), ms }], marks: [names] }].
 * `parts` are the task's outermost named activities of ≥ 1 ms, so the big ones explain the task's length.
 */
export function longTasksFromTrace(events, minMs = 50) {
  const main = mainThread(events);
  if (!main) return [];
  const onMain = (e) => `${e.pid}:${e.tid}` === main;
  const nav = events.find((e) => e.name === 'navigationStart' && onMain(e) && e.args?.data?.isLoadingMainFrame)
    || events.find((e) => e.name === 'navigationStart' && onMain(e));
  const t0 = nav ? nav.ts : 0;
  const complete = events.filter((e) => onMain(e) && e.ph === 'X' && e.ts >= t0).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const marks = events.filter((e) => onMain(e) && e.cat && e.cat.includes('user_timing') && e.ts >= t0 && e.name.startsWith('convpool:'));
  const tasks = complete.filter((e) => e.name === 'RunTask' && e.dur > minMs * 1000);
  return tasks.map((task) => {
    const end = task.ts + task.dur;
    const inside = complete.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= end && ACTIVITY.test(e.name) && e.dur >= 1000);
    const outermost = inside.filter((e) => !inside.some((o) => o !== e && o.ts <= e.ts && o.ts + o.dur >= e.ts + e.dur && o.dur > e.dur));
    return {
      startMs: Math.round((task.ts - t0) / 1000),
      ms: Math.round(task.dur / 1000),
      // the main thread's CPU time in the task (the slowdown pauses it busily, so this counts too): on a machine whose
      // cores are shared, about what `ms` would be with the cores to itself
      cpuMs: Math.round((task.tdur || 0) / 1000),
      parts: outermost.map((e) => ({ what: describe(e, inside), startMs: Math.round((e.ts - task.ts) / 1000), ms: Math.round(e.dur / 1000) })),
      marks: marks.filter((m) => m.ts >= task.ts && m.ts <= end).map((m) => m.name),
    };
  });
}
