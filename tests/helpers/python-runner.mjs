// Runs generated Python scripts with Debian's /usr/bin/python3 (which has torch and numpy; the pyenv python3 first
// on PATH does not). Many scripts run in one process, each as __main__ via runpy, so torch is imported once.
import { spawn, spawnSync } from 'node:child_process';

/** Debian's python3; CONVPOOL_PYTHON overrides it (e.g. to see the suite skip without torch). */
export const PYTHON = process.env.CONVPOOL_PYTHON || '/usr/bin/python3';

/** null when PYTHON can import every module named, else why not (for a skip message). */
export function missingPythonModules(modules) {
  const probe = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} could not be run (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} cannot import ${modules.join(', ')}: ${probe.stderr.trim().split('\n').pop()}`;
  return null;
}

const DRIVER = `
import contextlib, io, json, runpy, sys, time, traceback
results = []
for path in sys.argv[1:]:
    out = io.StringIO()
    start = time.perf_counter()
    error = None
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(path, run_name='__main__')
    except BaseException:
        error = traceback.format_exc()
    results.append({'path': path, 'stdout': out.getvalue(), 'error': error,
                    'seconds': time.perf_counter() - start})
print(json.dumps(results))
`;

/** Runs a command to completion → { status, stdout, stderr }. */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs every script (as __main__) in one Python process → [{ path, stdout, error, seconds }] in order. */
export async function runScripts(paths) {
  // Tiny tensors: one thread per process is faster than torch's and BLAS's threads fighting over a shared CPU.
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
  const { status, stdout, stderr } = await run(PYTHON, ['-c', DRIVER, ...paths], { env });
  if (status !== 0) throw new Error(`the Python driver exited with ${status}: ${stderr.slice(-2000)}`);
  return JSON.parse(stdout);
}

/** The value of the last line, which must read `loss <value>`; NaN when it does not. */
export function printedLoss(stdout) {
  const lines = stdout.trim().split('\n');
  const match = /^loss (\S+)$/.exec(lines[lines.length - 1] ?? '');
  return match ? Number(match[1]) : NaN;
}
