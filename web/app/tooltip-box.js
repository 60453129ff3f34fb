// The tooltip's box: filled by textContent only and placed near the pointer. Apart from tooltip.js (what a sample is
// made of, loaded on the first hover) so that the page can show "loading" in it before that code has arrived.

/** Shows the tooltip element near (x, y) in page coordinates, filled by textContent only. */
export function showTooltip(element, content, x, y) {
  if (!content) {
    element.hidden = true;
    return;
  }
  element.replaceChildren();
  const title = document.createElement('strong');
  title.textContent = content.title;
  element.append(title);
  for (const line of content.lines) {
    const div = document.createElement('div');
    div.textContent = line;
    element.append(div);
  }
  element.hidden = false;
  const width = element.offsetWidth;
  const height = element.offsetHeight;
  const maxX = window.scrollX + document.documentElement.clientWidth - width - 8;
  element.style.left = `${Math.max(window.scrollX + 4, Math.min(maxX, x + 14))}px`;
  const below = y + 18;
  element.style.top = `${below + height > window.scrollY + window.innerHeight ? Math.max(window.scrollY + 4, y - height - 12) : below}px`;
}
