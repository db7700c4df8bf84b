import assert from 'node:assert/strict';
import { reanchorCandidates } from '../../src/core/anchoring/candidateAnchoring';

function candidate(text: string, sentence: string, score = 0.9) {
  const start = text.indexOf(sentence);
  assert.ok(start >= 0, sentence);
  return { start, end: start + sentence.length, text: sentence, score };
}

describe('re-anchoring candidates', () => {
  const A = 'Revenue rose 12% to $3 billion in 2024.';
  const B = 'The company hired 400 people.';
  const before = `${A} ${B}\n`;

  it('keeps sentences that only moved, at their new place, with their score', () => {
    const after = `A new opening paragraph was added.\n\n${B}\n\nMiddle text.\n${A}\n`;
    const moved = reanchorCandidates(after, [candidate(before, A, 0.8), candidate(before, B, 0.7)]);
    assert.deepEqual(
      moved.map((c) => [after.slice(c.start, c.end), c.score]),
      [
        [B, 0.7],
        [A, 0.8],
      ],
    );
  });

  it('drops sentences that were rewritten or deleted', () => {
    const after = `Revenue rose 15% to $3 billion in 2024. Something else.\n`;
    assert.deepEqual(reanchorCandidates(after, [candidate(before, A), candidate(before, B)]), []);
  });

  it('gives each copy of a repeated sentence to one candidate, nearest first, and keeps unmoved ones in place', () => {
    const text = `${A}\n${A}\n`;
    const first = candidate(text, A);
    const second = { ...first, start: A.length + 1, end: 2 * A.length + 1 };
    const after = `Intro.\n${A}\n${A}\n`;
    const found = reanchorCandidates(after, [first, second]);
    assert.deepEqual(
      found.map((c) => c.start),
      [7, 7 + A.length + 1],
    );
    const unchanged = reanchorCandidates(text, [second, first]);
    assert.deepEqual(
      unchanged.map((c) => c.start),
      [0, A.length + 1],
    );
  });
});
