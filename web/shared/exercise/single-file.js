// The single-file playground can rebuild its own HTML, byte for byte, so it can put itself into a SCORM package with
// no server and no fetch (its CSP allows none, and a file:// page could not read itself anyway).
//
// scripts/dist.mjs writes the page as a skeleton with three slots — the bundled style, the bundled script and this
// skeleton itself — and stores the skeleton, as JSON text, in <template id="convpool-single-file">. The page reads the
// three texts back from its DOM (template.content.textContent, the <style data-convpool-bundled> and the module
// <script> textContent) and fills the slots in one pass. A <template> of plain text is neither script nor markup: the
// CSP and the page's "one script" rule are untouched.

export const SOURCE_TEMPLATE_ID = 'convpool-single-file';
const SLOT = /@@convpool-single-file:(style|script|source)@@/g;
export const SLOTS = {
  style: '@@convpool-single-file:style@@',
  script: '@@convpool-single-file:script@@',
  source: '@@convpool-single-file:source@@',
};

/** The skeleton as the template's text: JSON with <, > and & escaped, so the HTML parser reads it as plain text. */
export function skeletonText(skeleton) {
  return JSON.stringify(skeleton).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** Fills each slot of `skeleton` once, in one pass, so inserted text is never searched for slots again. */
export function fillSlots(skeleton, parts) {
  return skeleton.replace(SLOT, (_, name) => parts[name]);
}

/**
 * The page's own HTML from the three texts its DOM holds: { source (the template's text), script, style }.
 * Throws when the template does not hold a skeleton with each slot once (a page not built by scripts/dist.mjs).
 */
export function assembleSingleFile({ source, script, style }) {
  let skeleton;
  try { skeleton = JSON.parse(source); } catch { skeleton = null; }
  const counts = typeof skeleton === 'string' ? [...skeleton.matchAll(SLOT)].map((m) => m[1]).sort().join(',') : '';
  if (counts !== 'script,source,style') {
    throw new Error(`<template id="${SOURCE_TEMPLATE_ID}"> does not hold this page's skeleton: only the single file (npm run dist) can rebuild itself`);
  }
  return fillSlots(skeleton, { source, script, style });
}

/**
 * The page's own HTML when it is the single file (its `document` passed in), or null when it is not (the hosted site:
 * fetch the dist/ folder's convpool-playground.html instead).
 */
export function singleFileFromDocument(doc) {
  const template = doc.getElementById(SOURCE_TEMPLATE_ID);
  const script = doc.querySelector('script[type="module"]:not([src])');
  const style = doc.querySelector('style[data-convpool-bundled]');
  if (!template || !script || !style) return null;
  return assembleSingleFile({ source: template.content.textContent, script: script.textContent, style: style.textContent });
}
