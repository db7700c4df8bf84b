import assert from 'node:assert/strict';
import fc from 'fast-check';
import { alignStart, bestAlignment, bestMatchEnds, BitPattern, distanceProfile, distanceTo, editDistance } from '../../src/core/anchoring/fuzzyMatch';

/** The textbook dynamic programme: row i, column j = edits between pattern[0, i) and a text substring ending at j. */
function searchColumn(pattern: string, text: string, anchored: boolean): number[] {
  let previous = Array.from({ length: pattern.length + 1 }, (_, i) => i);
  const last = [pattern.length];
  for (let j = 1; j <= text.length; j++) {
    const current = [anchored ? j : 0];
    for (let i = 1; i <= pattern.length; i++) {
      current[i] = Math.min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (pattern[i - 1] === text[j - 1] ? 0 : 1));
    }
    last.push(current[pattern.length]);
    previous = current;
  }
  return last;
}

const reverse = (s: string): string => s.split('').reverse().join('');

// Small alphabets make many near-matches; the emoji half and the accent exercise the non-ASCII match masks.
const alphabet = fc.constantFrom('a', 'b', 'c', ' ', 'é', '\uD83D', '\uDE00');
const word = (maxLength: number) => fc.array(alphabet, { maxLength }).map((cs) => cs.join(''));

describe('fuzzyMatch (Myers bit-parallel)', () => {
  it('finds the same best error count and match ends as the dynamic programme, for patterns of any block count', () => {
    fc.assert(
      fc.property(
        word(100).filter((p) => p.length > 0),
        word(160),
        fc.nat(),
        (pattern, text, k) => {
          const maxErrors = k % (pattern.length + 1);
          const column = searchColumn(pattern, text, false).slice(1);
          const least = Math.min(...column);
          const found = bestMatchEnds(pattern, text, maxErrors);
          if (least > maxErrors || text.length === 0) {
            assert.equal(found, null);
          } else {
            assert.equal(found!.errors, least);
            assert.deepEqual(
              found!.ends,
              column.flatMap((v, j) => (v === least ? [j + 1] : [])),
            );
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('searches only inside [from, to)', () => {
    const text = 'xxabcxx abcd xx';
    assert.deepEqual(bestMatchEnds('abcd', text, 2, 0, 7), { errors: 1, ends: [5, 6] });
    assert.deepEqual(bestMatchEnds('abcd', text, 2, 7), { errors: 0, ends: [12] });
  });

  it('gives distance profiles forwards and backwards, anchored or free, as the dynamic programme does', () => {
    fc.assert(
      fc.property(word(70), word(90), fc.boolean(), (pattern, text, anchored) => {
        assert.deepEqual([...distanceProfile(new BitPattern(pattern), text, 0, text.length, anchored)], searchColumn(pattern, text, anchored));
        const backwards = distanceProfile(new BitPattern(pattern, true), text, text.length, 0, anchored);
        assert.deepEqual([...backwards], searchColumn(reverse(pattern), reverse(text), anchored));
      }),
      { numRuns: 300 },
    );
  });

  it('computes Levenshtein distances, also between long strings', () => {
    fc.assert(
      fc.property(word(140), word(140), (a, b) => {
        const expected = searchColumn(a, b, true)[b.length];
        assert.equal(editDistance(a, b), expected);
        assert.equal(distanceTo(new BitPattern(a), `<<${b}>>`, 2, 2 + b.length), expected);
      }),
      { numRuns: 300 },
    );
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
  });

  it('picks the best alignment nearest the preferred length among equals', () => {
    // "ab" against "abab" with a free start: distance 0 after 2 and after 4 characters.
    const pattern = new BitPattern('ab');
    assert.deepEqual(bestAlignment(pattern, 'abab', 0, 4, false, 4), { length: 4, errors: 0 });
    assert.deepEqual(bestAlignment(pattern, 'abab', 0, 4, false, 0), { length: 2, errors: 0 });
  });

  it('finds where an approximate match starts', () => {
    const text = 'the quick brown fox jumps';
    const quote = 'quack brown';
    const found = bestMatchEnds(quote, text, 3)!;
    assert.equal(found.errors, 1);
    const start = alignStart(new BitPattern(quote, true), text, found.ends[0], 3);
    assert.deepEqual(start, { start: 4, errors: 1 });
    assert.equal(text.slice(start.start, found.ends[0]), 'quick brown');
  });

  it('refuses a pattern compiled the wrong way round', () => {
    assert.throws(() => bestMatchEnds(new BitPattern('ab', true), 'ab', 1));
    assert.throws(() => alignStart(new BitPattern('ab'), 'ab', 2, 0));
  });
});
