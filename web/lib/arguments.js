// Type checks of the JS API's arguments: integers, known names, numeric arrays, unknown fields.
// The rules that relate sizes to each other (padding vs. length, output not empty, caps) live in the C++ core
// (core/shape.cpp); this file only makes sure the core receives well-typed values.

import { ConvPoolError } from './errors.js';

export { ConvPoolError };

/** A value as a message shows it: strings quoted, arrays and objects summarised, never megabytes long. */
export function describe(value) {
  if (typeof value === 'string') return `'${value.length > 40 ? value.slice(0, 40) + '…' : value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${/** @type {Float32Array} */ (value).length}`;
  if (typeof value === 'function') return 'a function';
  return 'an object';
}

const INT32_LIMIT = 2 ** 31 - 1;

/**
 * An integer argument: `fallback` when absent (undefined or null), else a whole number within ±2³¹ and, when
 * `minimum` is given, at least that (for the sizes this file must divide by; the core checks the rest).
 */
export function integer(name, value, fallback, minimum) {
  if (value === undefined || value === null) {
    if (fallback === undefined) throw new ConvPoolError(`${name} is required (an integer)`, { field: name });
    return fallback;
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ConvPoolError(`${name} ${describe(value)} must be an integer`, { field: name });
  }
  if (Math.abs(value) > INT32_LIMIT) {
    throw new ConvPoolError(`${name} ${value} must be between -${INT32_LIMIT} and ${INT32_LIMIT}`, { field: name });
  }
  if (minimum !== undefined && value < minimum) {
    throw new ConvPoolError(`${name} ${value} must be at least ${minimum}`, { field: name });
  }
  return value;
}

export function boolean(name, value, fallback) {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new ConvPoolError(`${name} ${describe(value)} must be true or false`, { field: name });
  return value;
}

/** One of a list of names. */
export function oneOf(name, value, names, fallback) {
  if (value === undefined || value === null) {
    if (fallback === undefined) throw new ConvPoolError(`${name} is required (one of ${quoteAll(names)})`, { field: name });
    return fallback;
  }
  if (typeof value !== 'string' || !names.includes(value)) {
    throw new ConvPoolError(`${name} ${describe(value)} must be one of ${quoteAll(names)}`, { field: name });
  }
  return value;
}

/** A finite number. */
export function finiteNumber(name, value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConvPoolError(`${name} ${describe(value)} must be a finite number`, { field: name });
  }
  return value;
}

/**
 * A numeric array as a Float32Array: a Float32Array is used as is, another typed array or an array of
 * numbers is converted. Non-finite values are data and allowed; non-numbers are not.
 */
export function floatArray(name, value) {
  if (value instanceof Float32Array) return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView) && typeof value[0] !== 'bigint') {
    return Float32Array.from(/** @type {Float32Array} */ (value));
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'number') {
        throw new ConvPoolError(`${name}[${i}] ${describe(value[i])} must be a number`, { field: name });
      }
    }
    return Float32Array.from(value);
  }
  throw new ConvPoolError(`${name} ${describe(value)} must be a Float32Array (or an array of numbers)`, { field: name });
}

/** A plain object of arguments whose keys are all known. */
export function argumentObject(name, value, known) {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw new ConvPoolError(`${name} ${describe(value)} must be an object`);
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new ConvPoolError(`${name} has an unknown field '${key}' (known fields: ${known.join(', ')})`, { field: key });
    }
  }
  return value;
}

/** An optional options object: absent (undefined or null) is {}, anything but a plain object is refused. */
export function optionsObject(name, value, known) {
  if (value === undefined || value === null) return {};
  return argumentObject(name, value, known);
}

/** A signal of `channels` rows: its length must be a whole multiple of the channel count. */
export function signalLength(name, array, channels, channelsName) {
  if (array.length === 0) throw new ConvPoolError(`${name} is empty: it needs at least one sample per channel`, { field: name });
  if (array.length % channels !== 0) {
    throw new ConvPoolError(
      `${name} has length ${array.length}, which is not a multiple of ${channelsName} ${channels}`, { field: name });
  }
  return array.length / channels;
}

function quoteAll(names) {
  return names.map((n) => `'${n}'`).join(', ');
}
