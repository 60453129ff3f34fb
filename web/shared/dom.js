// Small DOM helpers: every text goes in through textContent, never innerHTML.

/** h('button', { class: 'x', onclick: fn, 'aria-label': '…' }, 'text', child…) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else if (key === 'style' && typeof value === 'object') Object.assign(element.style, value);
    else if (key === 'dataset') Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(key, '');
    else element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else if (child instanceof Node) element.appendChild(child);
    else element.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function replaceChildren(element, ...children) {
  element.textContent = '';
  append(element, children);
}

/** A paragraph from text parts, where parts wrapped as ['code', '…'] or ['b', '…'] become inline elements. */
export function para(...parts) {
  return h('p', {}, ...parts.map((part) => (Array.isArray(part) ? h(part[0], {}, part[1]) : part)));
}

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/**
 * Saves `blob` as a file called `name` through a temporary same-origin blob: link. The URL is revoked a minute
 * later, once the browser has surely started the download (a clean-up, not a synchronisation).
 */
export function downloadBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
