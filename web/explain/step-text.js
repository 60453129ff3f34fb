// Words the step-through's frames share (step-frames.js, step-draw.js and the layer types' stages,
// web/layers/<type>/steps.js): δ of a layer, and which samples a frame filled in.

/** δ of layer l as plain text: δ⁽¹⁾, δ⁽²⁾ … (the notation box's δ^(ℓ)). */
export function deltaText(l) {
  const sup = '\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079';
  return `\u03b4\u207d${String(l + 1).split('').map((c) => sup[Number(c)]).join('')}\u207e`;
}

/**
 * A frame may fill several samples (long signals): name them all, e.g. "output samples t = 0…1 filled; t = 1",
 * so the caption matches what the frame shows.
 */
export function filledText(frame, length, noun) {
  const t = frame.upto % length;
  const from = frame.from % length;
  if (frame.from === frame.upto || from > t) return `${noun} t = ${t}`;
  return `${noun}s t = ${from}\u2026${t} filled in this frame (${t - from + 1}); ${noun} t = ${t}`;
}
