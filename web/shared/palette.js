// Colour roles of the page, from the Okabe–Ito palette (distinguishable with every common colour-vision deficiency).
// Roles never rely on colour alone: targets are dashed, padded cells hatched, gradients drawn as bars.
// Two themes: light, and dark for prefers-color-scheme: dark (the same hues, lightened where they would fall below
// 3:1 against the dark background). `palette` is one live object: switching theme rewrites its values in place, so
// every module that imported it draws in the new theme at its next redraw.

/** The light theme (the page's default). */
export const LIGHT_PALETTE = Object.freeze({
  input: '#0072B2',      // blue: signals entering a layer, x_in
  output: '#D55E00',     // vermillion: a layer's output, the network's prediction ŷ
  target: '#009E73',     // bluish green: the target y
  gradient: '#A8437F',   // reddish purple (Okabe–Ito's, darkened to 5.6:1 on white): every ∂C/∂·
  weight: '#B87800',     // orange (darkened to 3.7:1 on white, the non-text minimum being 3:1): kernel W
  bias: '#2D8FCC',       // sky blue (darkened to 3.5:1 on white): bias b
  padding: '#8C8C8C',    // grey: padded cells (and −∞ pool padding)
  highlight: '#F0E442',  // yellow: background of the hovered sample's terms
  accent: '#56B4E9',     // sky blue: a second marker in the explanations' diagrams
  loss: '#000000',       // black: the loss curve
  text: '#1A1A1A',
  muted: '#5E5E5E',
  grid: '#D9D9D9',
  background: '#FFFFFF',
});

/** The dark theme: Okabe–Ito hues lightened to read on a near-black background; text keeps ≥ 4.5:1. */
export const DARK_PALETTE = Object.freeze({
  input: '#3DA5E6',      // blue, lighter
  output: '#F07830',     // vermillion, lighter
  target: '#2FC77A',     // bluish green, lighter and greener (apart from the blue for tritanopes)
  gradient: '#F5B5E0',   // reddish purple, much lighter (apart from the blue for protanopes)
  weight: '#E09A20',     // orange, darker than the gradient (apart from it for tritanopes)
  bias: '#A6D9F7',       // sky blue, paler than the input's blue
  padding: '#9A9A9A',
  highlight: '#F0E442',
  accent: '#A6D9F7',
  loss: '#F2F2F2',       // the loss curve: near-white
  text: '#ECECEC',
  muted: '#B4B4B4',
  grid: '#3C4048',
  background: '#1B1D22',
});

/** Hex colours by role: the one palette of the page and its explanations (live: follows the theme). */
export const palette = { ...LIGHT_PALETTE };

const listeners = [];
let theme = 'light';

/** Switches the palette to 'light' or 'dark' and tells the listeners (they redraw). */
export function setTheme(name) {
  const next = name === 'dark' ? 'dark' : 'light';
  if (next === theme) return;
  theme = next;
  Object.assign(palette, next === 'dark' ? DARK_PALETTE : LIGHT_PALETTE);
  for (const fn of listeners) {
    try { fn(theme); } catch (error) { console.warn('a theme listener failed', error); }
  }
}

/** Calls fn(theme) after every theme change. */
export function onThemeChange(fn) { if (typeof fn === 'function') listeners.push(fn); }

/** Follows the system's prefers-color-scheme (now and on every change). */
export function followColorScheme() {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return;
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  setTheme(query.matches ? 'dark' : 'light');
  query.addEventListener('change', (event) => setTheme(event.matches ? 'dark' : 'light'));
}

/**
 * The palette with a context's overrides (the explanations take theirs from the context they are handed). Roles a
 * context does not override read the live palette, so a theme change reaches them too.
 */
export function paletteOf(context) {
  const overrides = context && context.palette && context.palette !== palette ? context.palette : {};
  const result = {};
  for (const key of Object.keys(LIGHT_PALETTE)) {
    Object.defineProperty(result, key, { enumerable: true, get: () => (key in overrides ? overrides[key] : palette[key]) });
  }
  return result;
}
