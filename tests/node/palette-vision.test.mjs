// The plot palette under simulated colour-vision deficiencies: every pair of series that share a plot must stay
// distinguishable (CIELAB ΔE76 between the simulated colours), and every series must stand out from the background
// (WCAG luminance contrast ≥ 3:1 for graphics), in the light and the dark theme. The simulation is the full-severity
// matrix of Machado, Oliveira & Fernandes (2009), applied in linear sRGB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LIGHT_PALETTE, DARK_PALETTE } from '../../web/shared/palette.js';

const SIMULATIONS = {
  normal: [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
};
/** Series drawn in one plot (forward: x_in/x_out; prediction: ŷ/y; kernel: W/b/hidden kernel; explanations: W/∂C). */
const SHARED_PLOTS = [['input', 'output'], ['output', 'target'], ['weight', 'bias'], ['weight', 'target'],
  ['weight', 'gradient'], ['input', 'gradient'], ['output', 'gradient'], ['input', 'target'], ['input', 'weight']];
const SERIES = ['input', 'output', 'target', 'gradient', 'weight', 'bias', 'loss'];
const MIN_DELTA_E = 15;        // CIELAB ΔE76: ~2.3 is "just noticeable"; 15 is clearly a different colour at a glance
const MIN_GRAPHIC_CONTRAST = 3;  // WCAG 1.4.11 non-text contrast

const toLinear = (v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const linearRgb = (hex) => [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255));
const simulate = (rgb, m) => m.map((row) => Math.min(1, Math.max(0, row[0] * rgb[0] + row[1] * rgb[1] + row[2] * rgb[2])));
const luminance = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
function lab([r, g, b]) {
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}
const deltaE = (a, b) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));

for (const [themeName, theme] of Object.entries({ light: LIGHT_PALETTE, dark: DARK_PALETTE })) {
  test(`${themeName} theme: series sharing a plot stay apart under every simulated colour-vision deficiency`, () => {
    const problems = [];
    for (const [vision, matrix] of Object.entries(SIMULATIONS)) {
      const seen = (role) => simulate(linearRgb(theme[role]), matrix);
      for (const [a, b] of SHARED_PLOTS) {
        const d = deltaE(seen(a), seen(b));
        if (d < MIN_DELTA_E) problems.push(`${vision}: ${a} ${theme[a]} vs ${b} ${theme[b]} ΔE ${d.toFixed(1)} < ${MIN_DELTA_E}`);
      }
    }
    assert.deepEqual(problems, []);
  });

  test(`${themeName} theme: every series and the text stand out from the background`, () => {
    const problems = [];
    const background = linearRgb(theme.background);
    for (const role of SERIES) {
      const c = contrast(linearRgb(theme[role]), background);
      if (c < MIN_GRAPHIC_CONTRAST) problems.push(`${role} ${theme[role]} on ${theme.background}: ${c.toFixed(2)}:1 < 3:1`);
    }
    for (const role of ['text', 'muted']) {
      const c = contrast(linearRgb(theme[role]), background);
      if (c < 4.5) problems.push(`${role} ${theme[role]} on ${theme.background}: ${c.toFixed(2)}:1 < 4.5:1`);
    }
    assert.deepEqual(problems, []);
  });
}

test('the simulation itself separates what it should: red and green collapse for deuteranopia', () => {
  const red = linearRgb('#D00000');
  const green = linearRgb('#6A7A00');
  assert.ok(deltaE(red, green) > 30, 'distinct for normal vision');
  assert.ok(deltaE(simulate(red, SIMULATIONS.deuteranopia), simulate(green, SIMULATIONS.deuteranopia)) < 15,
    'the simulated deuteranope should barely tell them apart');
});
