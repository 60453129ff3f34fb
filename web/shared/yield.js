// Giving the main thread back between the parts of a long job (start-up): a slow phone then never sees one task
// long enough to delay a tap or a frame. scheduler.yield() keeps the job's priority where the browser has it; a
// MessageChannel message is the fallback (unlike setTimeout, not throttled to once a second in a hidden tab); Node
// (the test suites) has setImmediate.

/** Channels whose message is still on its way: held here so that no garbage collection can drop one undelivered. */
const inFlight = new Set();

/** Resolves in a new task, after the browser has had the chance to handle input and paint. @returns {Promise<void>} */
export function nextTask() {
  if (typeof globalThis.scheduler === 'object' && typeof globalThis.scheduler.yield === 'function') return globalThis.scheduler.yield();
  if (typeof globalThis.setImmediate === 'function') return new Promise((resolve) => globalThis.setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    inFlight.add(channel);
    channel.port1.onmessage = () => {
      inFlight.delete(channel);
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
