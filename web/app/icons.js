// Inline SVG icons for the buttons: they draw with no font (the ⏸ glyph has none on some systems and shows a box).
// Each icon inherits the button's text colour (currentColor) and is hidden from screen readers (the text names it).
const SVG_NS = 'http://www.w3.org/2000/svg';

const PATHS = {
  play: 'M4 2.5v11l9-5.5z',
  pause: 'M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z',
  pencil: 'M11.3 1.7l3 3-8.6 8.6-3.7.7.7-3.7zM10 4.3l1.7 1.7',
};

/** An <svg> icon (16×16 viewBox, 1em square) named `name` (play, pause, pencil). */
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('class', 'icon-svg');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', PATHS[name]);
  if (name === 'pencil') { path.setAttribute('fill', 'none'); path.setAttribute('stroke', 'currentColor'); path.setAttribute('stroke-width', '1.5'); }
  else path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/** Replaces a button's content by an icon and a text label. */
export function setIconLabel(button, name, text) {
  button.replaceChildren(icon(name), document.createTextNode(` ${text}`));
}
