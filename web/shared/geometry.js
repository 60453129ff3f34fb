// Geometry of padding and windows on a layer's axis, as the core computes it (core/padding.cpp, core/shape.cpp):
// the plots, the tooltips and the explanations all place cells and windows with these, never with their own copy.
// `g` is a layer's geometry from model.layers ({ type, kernelSize, stride, dilation, padLeft, padding, … }); how a
// type reads its input on the axis is its registry entry's `axis` (web/layers/<type>/index.js).
import { layerType } from '../layers/registry.js';

export { paddedSource } from '../layers/conv1d/padding.js';

/** Left padding of a layer on its axis: conv padLeft, pool padding, activation 0. */
export function axisPadding(g) {
  return layerType(g.type).axis.padLeft(g);
}

/** Layers whose one output per channel reads the whole input (global pool, linear): no sliding window. */
export function readsWholeInput(g) {
  return layerType(g.type).axis.reads === 'whole';
}

/** Layers whose output t reads input sample t alone (activation). */
export function readsOwnSample(g) {
  return layerType(g.type).axis.reads === 'sample';
}

/** Number of cells on a layer's axis: the padded input. */
export function axisCells(g) {
  return layerType(g.type).axis.cells(g);
}

/** Where output t sits on the axis: the centre of its window t·s … t·s + d(k−1) (half a cell when d(k−1) is odd). */
export function windowCentre(g, t) {
  if (readsOwnSample(g)) return t;
  if (readsWholeInput(g)) return (g.inLength - 1) / 2;
  return t * g.stride + ((g.dilation ?? 1) * (g.kernelSize - 1)) / 2;  // avg-pool has no dilation: 1
}

/** The cell holding the centre of output t's window (the left one of two middle cells). */
export function windowCentreCell(g, t) {
  return Math.floor(windowCentre(g, t));
}

/** Axis cells read by output t (its window): t·s + k·d for k = 0…K−1. */
export function windowCells(g, t) {
  if (readsOwnSample(g)) return [t];
  if (readsWholeInput(g)) return Array.from({ length: g.inLength }, (_, i) => i);
  return Array.from({ length: g.kernelSize }, (_, k) => t * g.stride + k * (g.dilation ?? 1));
}
