// Reading one field of an exercise as a teacher wrote it: each helper returns the normalised value or throws a
// ConvPoolError naming the field, its value and the rule. Shared by the exercise's own fields (model.js) and each goal
// type's (goals/*.js).
import { ConvPoolError, describe } from '../../lib/arguments.js';

export const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

export function refuse(name, value, rule) {
  throw new ConvPoolError(`${name} ${describe(value)} ${rule}`);
}

export function text(name, value, max, { required = false } = {}) {
  if (value === undefined || value === null) {
    if (required) throw new ConvPoolError(`${name} is required (a text of 1 to ${max} characters)`);
    return undefined;
  }
  if (typeof value !== 'string') refuse(name, value, 'must be a text');
  const trimmed = value.trim();
  if (required && trimmed === '') refuse(name, value, 'must not be empty');
  if (trimmed.length > max) throw new ConvPoolError(`${name} has ${trimmed.length} characters, more than the ${max} allowed`);
  return trimmed;
}

export function wholeNumber(name, value, min, max, fallback) {
  if (value === undefined || value === null) {
    if (fallback === undefined) throw new ConvPoolError(`${name} is required (a whole number from ${min} to ${max})`);
    return fallback;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    refuse(name, value, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

export function finite(name, value) {
  if (typeof value !== 'number' || !Number.isFinite(value)) refuse(name, value, 'must be a finite number');
  return value;
}

export function textList(name, value, maxItems, maxChars) {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) refuse(name, value, `must be an array of texts`);
  if (value.length > maxItems) throw new ConvPoolError(`${name} has ${value.length} entries, more than the ${maxItems} allowed`);
  return value.map((item, i) => text(`${name}[${i}]`, item, maxChars, { required: true }));
}

export function hex(name, value, min, max) {
  if (typeof value !== 'string' || value.length < min || value.length > max || !/^[0-9a-f]+$/.test(value)) {
    refuse(name, value, `must be ${min === max ? min : `${min} to ${max}`} lowercase hexadecimal digits`);
  }
  return value;
}

export function knownFields(name, object, known) {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) throw new ConvPoolError(`${name} has an unknown field '${key}' (known fields: ${known.join(', ')})`);
  }
}

/** Sizes an exercise may have (a link must stay a link). */
export const LIMITS = Object.freeze({
  title: 120, task: 4000, text: 300, hint: 1000, hints: 10, goals: 20, options: 10, option: 200, maxLayer: 15,
  maxIndex: 4_194_304, maxSteps: 1_000_000,
});
