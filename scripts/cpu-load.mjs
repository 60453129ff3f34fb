// Runs a command while every CPU core is kept busy, to reproduce a loaded, shared CI machine on any computer:
//   node scripts/cpu-load.mjs [--seconds S] -- <command> [args…]
// The load is one busy thread per core inside this process, so it cannot outlive it (not even after kill -9), and
// it stops by itself after S seconds (default $CONVPOOL_STRESS_SECONDS or 1200) if the command is still running.
// It stops when the command ends, fails or is interrupted (Ctrl-C, SIGTERM); the command's exit code is returned.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const argv = process.argv.slice(2);
const dashes = argv.indexOf('--');
const options = dashes < 0 ? [] : argv.slice(0, dashes);
const command = dashes < 0 ? argv : argv.slice(dashes + 1);
const secondsAt = options.indexOf('--seconds');
const seconds = Number(secondsAt >= 0 ? options[secondsAt + 1] : process.env.CONVPOOL_STRESS_SECONDS || 1200);
if (!command.length || !(seconds > 0)) {
  console.error(`usage: node scripts/cpu-load.mjs [--seconds S] -- <command> [args…] (got seconds ${seconds}, command '${command.join(' ')}')`);
  process.exit(2);
}

// Each thread spins until its deadline; terminate() interrupts it at once.
const SPIN = `
  const { workerData } = require('node:worker_threads');
  let x = 0;
  while (Date.now() < workerData.until) for (let i = 0; i < 1e6; i++) x += Math.sqrt(i);
`;
const cores = availableParallelism();
const started = Date.now();
const threads = Array.from({ length: cores }, () => new Worker(SPIN, { eval: true, workerData: { until: started + seconds * 1000 } }));
let stopped = false;
const expiry = setTimeout(() => {
  console.error(`cpu-load: the ${seconds} s bound is reached; the load stops, the command keeps running`);
  stop();
}, seconds * 1000);
function stop() {
  if (stopped) return;
  stopped = true;
  clearTimeout(expiry);
  for (const thread of threads) thread.terminate();
  console.error(`cpu-load: load stopped after ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
console.error(`cpu-load: ${cores} busy threads (one per core) for at most ${seconds} s while running: ${command.join(' ')}`);

const child = spawn(command[0], command.slice(1), { stdio: 'inherit' });
// Ctrl-C reaches the whole process group; the command gets SIGTERM forwarded; either way the load stops now.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => { stop(); child.kill(signal === 'SIGINT' ? 'SIGINT' : 'SIGTERM'); });
}
child.on('error', (error) => { stop(); console.error(`cpu-load: could not start ${command[0]}: ${error.message}`); process.exit(127); });
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal === 'SIGINT' ? 130 : 1));
});
