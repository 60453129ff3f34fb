// The one error type of the library and the page: a bad argument, a refused network, a bad link value.

/**
 * Every bad argument produces this: its message names the argument, its value and the rule. `layer` and `field` say
 * where, as data (never parsed back out of the message): `layer` is the index of the layer in `spec.layers` the error
 * is about (null: not one layer), `field` the argument or layer option (`'kernelSize'`, `'padding'`, `'inputLength'`,
 * …; null when no single field is at fault).
 */
export class ConvPoolError extends Error {
  /** @param {string} message @param {{ layer?: number | null, field?: string | null }} [where] */
  constructor(message, where = {}) {
    super(message);
    this.name = 'ConvPoolError';
    /** @type {number | null} */
    this.layer = where.layer ?? null;
    /** @type {string | null} */
    this.field = where.field ?? null;
  }
}
