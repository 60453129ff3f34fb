// Standalone demo of the code export and its viewer (no playground page needed): the default experiment, resolved
// with the library alone, shown as PyTorch or NumPy code. Sets body[data-ready] once the first script is shown, and
// window.codeViewerDemo = { scripts, viewer } for tests.
import { loadConvPool } from '../convpool.js';
import { exportCode, resolveExperiment, scriptFileName } from '../shared/code-export/index.js';
import { mountCodeViewer } from '../shared/code-viewer.js';

const LINK = 'v=1&n=64&ch=1&layers=conv-k5-o1-s1-d1-psame-mzeros-b1~act-tanh~pool-k2-s1-p0-d1-c0&loss=sse&seed=42'
  + '&in0=sines-3-1&target=signal-square-2-0&lr=0.01&spf=2&steps=100&sched=100@0.01';
const SPEC = {
  inputLength: 64, inputChannels: 1, loss: 'sse', seed: 42,
  layers: [
    { type: 'conv1d', outChannels: 1, kernelSize: 5, padding: 'same' },
    { type: 'activation', fn: 'tanh' },
    { type: 'maxpool1d', kernelSize: 2, stride: 1 },
  ],
};

const cp = await loadConvPool();
const input = cp.generateSignal('sines', 64, { cycles: 3, seed: 1 });
const target = cp.generateSignal('square', 63, { cycles: 2, seed: 0 });  // the output has 64 − 2 + 1 samples
const resolved = resolveExperiment(cp, SPEC, input, target, [[100, 0.01]], LINK);
const scripts = { pytorch: exportCode('pytorch', resolved), numpy: exportCode('numpy', resolved) };

const viewer = mountCodeViewer(document.getElementById('demo-viewer'), {
  text: scripts.pytorch, fileName: scriptFileName('pytorch'), label: 'PyTorch code',
});
for (const b of document.querySelectorAll('#demo-kinds button')) {
  b.addEventListener('click', () => {
    const kind = b.dataset.kind;
    viewer.update(scripts[kind], scriptFileName(kind));
    for (const other of document.querySelectorAll('#demo-kinds button')) other.setAttribute('aria-pressed', String(other === b));
  });
}
window.codeViewerDemo = Object.freeze({ scripts, viewer });
document.body.dataset.ready = 'true';
