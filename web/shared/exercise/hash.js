// SHA-256 for the link's digest and a choice's answer hash. @noble/hashes' (audited, vendored by scripts/vendor.mjs),
// not crypto.subtle: Web Crypto's digest exists only in secure contexts, so a course site on plain http:// would have
// none. The bytes are the same, so every link made with Web Crypto keeps its digest.
import { sha256 } from '../../generated/vendor/sha256.js';

const encoder = new TextEncoder();

function bytesToHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 of a text's UTF-8 bytes as 64 hex digits (async, as the Web Crypto version it replaced was). */
export async function sha256Hex(textValue) {
  return bytesToHex(sha256(encoder.encode(textValue)));
}

/** 16 random bytes as hex (crypto.getRandomValues exists in insecure contexts too; only crypto.subtle does not). */
export function randomSalt() {
  return bytesToHex(globalThis.crypto.getRandomValues(new Uint8Array(16)));
}

/** The option as it is hashed: trimmed, inner spaces collapsed, so a stray space never fails a right answer. */
export function normaliseOption(option) {
  return String(option).trim().replace(/\s+/g, ' ');
}

/** The hash a choice goal stores for `option` under `salt`. */
export function choiceHash(salt, option) {
  return sha256Hex(`convpool-choice|${salt}|${normaliseOption(option)}`);
}
