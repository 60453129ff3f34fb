// The experiment: one plain JSON object that says everything needed to reproduce what the page shows (its shape is
// described in experiment-read.js). One import for both of its modules: its defaults and validation
// (experiment-read.js) and its link form (experiment-link.js).
export * from './experiment-read.js';
export * from './experiment-link.js';
