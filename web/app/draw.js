// Freehand drawing on a plot with mouse, pen or touch (pointer events). While drawing mode is on the canvas
// captures the pointer and disables touch scrolling on itself; gaps between pointer events are filled linearly.

/**
 * canvas: the plot; options:
 *   enabled() → boolean; locate(x, y) → { index, value, channel } for canvas coordinates (from the plot's invert);
 *   start(channel) → number[] (the values to edit, a copy), called first (the plot's scale is held from here);
 *   change(values, channel) called on every move; end() when the stroke finishes.
 */
export function attachDrawing(canvas, options) {
  let stroke = null;
  const position = (event) => {
    const rect = canvas.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };
  canvas.addEventListener('pointerdown', (event) => {
    if (!options.enabled() || event.button > 0) return;
    const { x, y } = position(event);
    const first = options.locate(x, y, null);
    if (!first) return;
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    stroke = { channel: first.channel, values: options.start(first.channel), last: null };
    paint(first);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!stroke) return;
    event.preventDefault();
    const { x, y } = position(event);
    const point = options.locate(x, y, stroke.channel);
    if (point) paint(point);
  });
  const finish = () => {
    if (!stroke) return;
    stroke = null;
    options.end();
  };
  canvas.addEventListener('pointerup', finish);
  canvas.addEventListener('pointercancel', finish);

  function paint(point) {
    const { values } = stroke;
    const from = stroke.last || point;
    const lo = Math.min(from.index, point.index);
    const hi = Math.max(from.index, point.index);
    for (let i = lo; i <= hi; i++) {
      const f = hi === lo ? 1 : (i - from.index) / (point.index - from.index);
      values[i] = from.value + (point.value - from.value) * f;
    }
    stroke.last = point;
    options.change(values, stroke.channel);
  }
}
