// Ids for claims, citations and conflicts. They are random rather than sequential so that two people adding
// claims to the same article on different branches do not pick the same id, which keeps git merges clean.
import { randomBytes } from 'node:crypto';
import { ID_PATTERN } from './schema';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** 10 characters from 62 give about 59 bits: collisions are out of the question at newsroom scale. */
export const RANDOM_ID_LENGTH = 10;
/** Bytes at or above this are skipped, so every character of the alphabet is equally likely. */
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);

/**
 * A new random id matching the sidecar's id pattern: `k-Xb3kQ9aZ0e` for prefix "k", or just the random part
 * without a prefix. The prefix may use letters, digits, "-" and "_".
 */
export function newId(prefix = ''): string {
  let random = '';
  while (random.length < RANDOM_ID_LENGTH) {
    for (const byte of randomBytes(RANDOM_ID_LENGTH * 2)) {
      if (byte >= UNBIASED_LIMIT) continue;
      random += ALPHABET[byte % ALPHABET.length];
      if (random.length === RANDOM_ID_LENGTH) break;
    }
  }
  const id = prefix ? `${prefix}-${random}` : random;
  if (!ID_PATTERN.test(id)) throw new Error(`newId: the prefix ${JSON.stringify(prefix)} would make an invalid id; use up to 53 letters, digits, "-" or "_"`);
  return id;
}
