// The most an imported file may hold: a frame trains on it, and a link may carry it. Apart from the readers
// (import-data.js, loaded when a file is given) because every experiment is checked against it.
export const IMPORT_LIMITS = Object.freeze({ maxBytes: 2_000_000, maxRows: 1024, maxValues: 4096, maxWavBytes: 20_000_000 });
