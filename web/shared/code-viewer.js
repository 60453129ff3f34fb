// A read-only code viewer: syntax-coloured source (highlight.js, Python grammar only) with Copy and Download
// buttons and a status line that says what happened. It builds DOM nodes only (no innerHTML): the page runs under
// Trusted Types, so highlight.js's HTML string is read back into elements here instead of being parsed by the browser.
//
//   const viewer = mountCodeViewer(container, { text, fileName: 'convpool_numpy.py', label: 'NumPy code' });
//   viewer.update(newText, newFileName);   viewer.text();   viewer.destroy();
import hljs from '../generated/vendor/highlight-python.js';
import { downloadBlob } from './dom.js';

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#39;': "'" };

/**
 * highlight.js's output (spans with class names around escaped text) → a DocumentFragment of <span> and text nodes.
 * Anything that is not one of those two shapes is kept as plain text, so a surprise never turns into markup.
 */
export function highlightedNodes(text, language = 'python') {
  const html = hljs.highlight(text, { language, ignoreIllegals: true }).value;
  const fragment = document.createDocumentFragment();
  const stack = [fragment];
  const token = /<span class="([\w\s-]*)">|<\/span>|([^<]+)|(<)/g;
  for (const match of html.matchAll(token)) {
    const top = stack[stack.length - 1];
    if (match[1] !== undefined) {
      const span = document.createElement('span');
      span.className = match[1];
      top.append(span);
      stack.push(span);
    } else if (match[0] === '</span>') {
      if (stack.length > 1) stack.pop();
    } else {
      top.append((match[2] ?? match[3]).replace(/&(?:amp|lt|gt|quot|#x27|#39);/g, (e) => ENTITIES[e]));
    }
  }
  return fragment;
}

/** Copies text to the clipboard; → true when it worked. Falls back to a selection + execCommand without the API. */
async function copyText(text, codeElement) {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch { /* permission refused or insecure context: try the selection below */ }
  const range = document.createRange();
  range.selectNodeContents(codeElement);
  const selection = getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

function button(label, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/**
 * Renders `text` in `container` (its previous content is replaced). Options: fileName (Download's name and the
 * title bar), label (accessible name of the code region), language ('python').
 * → { update(text, fileName?), text(), element, destroy() }
 */
export function mountCodeViewer(container, { text = '', fileName = 'code.py', label = 'Code', language = 'python' } = {}) {
  let current = String(text);
  let name = fileName;
  const root = document.createElement('div');
  root.className = 'code-viewer';
  const bar = document.createElement('div');
  bar.className = 'code-viewer-bar';
  const title = document.createElement('span');
  title.className = 'code-viewer-name';
  const status = document.createElement('span');
  status.className = 'code-viewer-status';
  status.setAttribute('role', 'status');
  const copy = button('Copy', async () => {
    const ok = await copyText(current, code);
    status.textContent = ok ? 'Copied to the clipboard.' : 'Could not copy: select the code and press Ctrl+C (⌘C).';
    root.dataset.copied = ok ? 'yes' : 'no';
  });
  const download = button('Download', () => {
    downloadBlob(new Blob([current], { type: 'text/x-python;charset=utf-8' }), name);
    status.textContent = `Saved as ${name}.`;
  });
  bar.append(title, copy, download, status);
  const pre = document.createElement('pre');
  pre.className = 'code-viewer-code';
  pre.tabIndex = 0;  // scrollable with the keyboard
  pre.setAttribute('aria-label', label);
  const code = document.createElement('code');
  code.className = `hljs language-${language}`;
  pre.append(code);
  root.append(bar, pre);

  function render() {
    title.textContent = name;
    code.replaceChildren(highlightedNodes(current, language));
    root.dataset.lines = String(current.split('\n').length);
    status.textContent = '';
  }
  render();
  container.replaceChildren(root);

  return {
    element: root,
    text: () => current,
    update(newText, newFileName = name) {
      current = String(newText);
      name = newFileName;
      render();
    },
    destroy() { root.remove(); },
  };
}
