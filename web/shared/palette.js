// Colour roles of the page, from the Okabe–Ito palette (distinguishable with every common colour-vision deficiency).
// Roles never rely on colour alone: targets are dashed, padded cells hatched, gradients drawn as bars.

/** Hex colours by role: the one palette of the page and its explanations. */
export const palette = Object.freeze({
  input: '#0072B2',      // blue: signals entering a layer, x_in
  output: '#D55E00',     // vermillion: a layer's output, the network's prediction ŷ
  target: '#009E73',     // bluish green: the target y
  gradient: '#CC79A7',   // reddish purple: every ∂C/∂·
  weight: '#E69F00',     // orange: kernel W
  bias: '#56B4E9',       // sky blue: bias b
  padding: '#8C8C8C',    // grey: padded cells (and −∞ pool padding)
  highlight: '#F0E442',  // yellow: background of the hovered sample's terms
  accent: '#56B4E9',     // sky blue: a second marker in the explanations' diagrams
  loss: '#000000',       // black: the loss curve
  text: '#1A1A1A',
  muted: '#5E5E5E',
  grid: '#D9D9D9',
  background: '#FFFFFF',
});

/** The palette with a context's overrides (the explanations take theirs from the context they are handed). */
export function paletteOf(context) { return { ...palette, ...(context && context.palette) }; }
