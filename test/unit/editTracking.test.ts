import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyChanges, mapRange, RangeTracker, type OffsetRange, type TextChange } from '../../src/core/anchoring/editTracking';

function replace(text: string, change: TextChange): string {
  return text.slice(0, change.rangeOffset) + change.text + text.slice(change.rangeOffset + change.rangeLength);
}

const at = (rangeOffset: number, rangeLength: number, text: string): TextChange => ({ rangeOffset, rangeLength, text });

describe('editTracking', () => {
  // The claim is "quick brown" in "the quick brown fox": [4, 15).
  const claim = { start: 4, end: 15 };

  describe('mapRange rules', () => {
    it('shifts a claim when the edit is entirely before it', () => {
      assert.deepEqual(mapRange(claim, at(0, 3, 'a')), { start: 2, end: 13 });
      assert.deepEqual(mapRange(claim, at(0, 0, 'really, ')), { start: 12, end: 23 });
    });

    it('leaves a claim alone when the edit is entirely after it', () => {
      assert.deepEqual(mapRange(claim, at(16, 3, 'cat')), claim);
      assert.deepEqual(mapRange(claim, at(15, 4, '')), claim);
    });

    it('does not extend a claim for an insertion exactly at its start', () => {
      assert.deepEqual(mapRange(claim, at(4, 0, 'very ')), { start: 9, end: 20 });
    });

    it('does not extend a claim for an insertion exactly at its end', () => {
      assert.deepEqual(mapRange(claim, at(15, 0, 'ish')), claim);
    });

    it('grows and shrinks with edits inside', () => {
      assert.deepEqual(mapRange(claim, at(10, 0, 'dark ')), { start: 4, end: 20 });
      assert.deepEqual(mapRange(claim, at(9, 6, '')), { start: 4, end: 9 });
      assert.deepEqual(mapRange(claim, at(10, 5, 'red')), { start: 4, end: 13 });
    });

    it('keeps the new text when a word at its edge is retyped from inside', () => {
      const text = 'the quick brown fox';
      const retyped = at(4, 5, 'slow');
      const range = mapRange(claim, retyped)!;
      assert.equal(replace(text, retyped).slice(range.start, range.end), 'slow brown');
    });

    it('clips a claim to what remains of its own text when an edit overlaps its start', () => {
      const text = 'the quick brown fox';
      const change = at(2, 5, 'XY'); // "the quick brown fox" → "thXYck brown fox"
      const range = mapRange(claim, change)!;
      assert.equal(replace(text, change).slice(range.start, range.end), 'ck brown');
    });

    it('clips a claim to what remains of its own text when an edit overlaps its end', () => {
      const text = 'the quick brown fox';
      const change = at(13, 4, 'ZZ');
      const range = mapRange(claim, change)!;
      assert.equal(replace(text, change).slice(range.start, range.end), 'quick bro');
    });

    it('orphans a claim whose text is deleted or replaced entirely', () => {
      assert.equal(mapRange(claim, at(4, 11, '')), null);
      assert.equal(mapRange(claim, at(0, 19, '')), null);
      assert.equal(mapRange(claim, at(3, 13, ' slow red ')), null);
    });

    it('treats an empty range as a point that insertions at it push forward', () => {
      assert.deepEqual(mapRange({ start: 5, end: 5 }, at(5, 0, 'ab')), { start: 7, end: 7 });
      assert.deepEqual(mapRange({ start: 5, end: 5 }, at(5, 2, '')), { start: 5, end: 5 });
      assert.equal(mapRange({ start: 5, end: 5 }, at(4, 2, '')), null);
    });
  });

  describe('applyChanges', () => {
    it('applies the changes of one event in order, each against the text the previous left', () => {
      const text = 'aa bb cc dd';
      const claims = [
        { start: 3, end: 5 },
        { start: 9, end: 11 },
      ];
      // Multi-cursor typing as VS Code reports it: the later position first, so earlier offsets stay valid.
      const changes = [at(8, 0, '!'), at(2, 0, '!')];
      const mapped = applyChanges(claims, changes);
      const after = changes.reduce(replace, text);
      assert.equal(after, 'aa! bb cc! dd');
      assert.deepEqual(
        mapped.map((r) => after.slice(r!.start, r!.end)),
        ['bb', 'dd'],
      );
    });

    it('keeps orphaned claims orphaned and leaves the input untouched', () => {
      const claims: Array<OffsetRange | null> = [null, { start: 0, end: 2 }];
      const mapped = applyChanges(claims, [at(0, 2, '')]);
      assert.deepEqual(mapped, [null, null]);
      assert.deepEqual(claims, [null, { start: 0, end: 2 }]);
    });

    it('tracks an empty range like mapRange does', () => {
      const point = { start: 5, end: 5 };
      for (const change of [at(5, 0, 'ab'), at(5, 2, ''), at(4, 2, ''), at(3, 1, 'xyz')]) {
        assert.deepEqual(applyChanges([point], [change]), [mapRange(point, change)]);
      }
    });

    it('matches RangeTracker updated in place', () => {
      const claims = [
        { start: 0, end: 4 },
        { start: 6, end: 9 },
        { start: 12, end: 20 },
      ];
      const changes = [at(5, 2, 'xyz'), at(0, 1, ''), at(15, 0, 'ins')];
      const tracker = new RangeTracker(claims);
      tracker.apply(changes);
      assert.deepEqual(tracker.toArray(), applyChanges(claims, changes));
      assert.equal(tracker.isOrphaned(1), false);
      assert.equal(tracker.start(2), tracker.get(2)!.start);
    });
  });

  describe('property: positions equal the diff mapping', () => {
    // A reference model, independent of the rules' code: every character records which claim owns it. Original
    // characters belong to the claim they were in. New text belongs to a claim when it is typed strictly inside it,
    // or replaces some (not all) of the claim's own text and nothing else; any other new text belongs to no claim.
    const NONE = -1;

    const script = fc
      .record({
        length: fc.integer({ min: 1, max: 120 }),
        claimCuts: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 2, maxLength: 16 }),
        events: fc.array(
          fc.array(fc.record({ where: fc.nat(), deleted: fc.integer({ min: 0, max: 12 }), inserted: fc.string({ maxLength: 6 }) }), {
            minLength: 1,
            maxLength: 4,
          }),
          { minLength: 1, maxLength: 6 },
        ),
      })
      .map(({ length, claimCuts, events }) => {
        const cuts = [...new Set(claimCuts.map((c) => c % (length + 1)))].sort((a, b) => a - b);
        const claims: OffsetRange[] = [];
        for (let i = 0; i + 1 < cuts.length; i += 2) if (cuts[i] < cuts[i + 1]) claims.push({ start: cuts[i], end: cuts[i + 1] });
        return { length, claims, events };
      });

    it('untouched claims map exactly; edited ones cover exactly the text they own', () => {
      fc.assert(
        fc.property(script, ({ length, claims, events }) => {
          const text0 = Array.from({ length }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
          const owners = Array.from({ length }, (_, i) => claims.findIndex((c) => i >= c.start && i < c.end));
          const touched = new Set<number>();
          let tracked: Array<OffsetRange | null> = claims.map((c) => ({ ...c }));
          const tracker = new RangeTracker(claims);
          let text = text0;
          for (const event of events) {
            const changes: TextChange[] = [];
            // Each change is valid against the text left by the previous one, as VS Code reports them.
            for (const { where, deleted, inserted } of event) {
              const rangeOffset = where % (owners.length + 1);
              const rangeLength = Math.min(deleted, owners.length - rangeOffset);
              const change = at(rangeOffset, rangeLength, inserted);
              const removed = owners.slice(rangeOffset, rangeOffset + rangeLength);
              let newOwner = NONE;
              if (rangeLength === 0) {
                const left = owners[rangeOffset - 1] ?? NONE;
                if (left !== NONE && left === (owners[rangeOffset] ?? NONE)) newOwner = left;
              } else if (removed.every((o) => o === removed[0] && o !== NONE)) {
                const remaining = owners.filter((o) => o === removed[0]).length - removed.length;
                if (remaining > 0) newOwner = removed[0];
              }
              for (const o of removed) if (o !== NONE) touched.add(o);
              if (newOwner !== NONE && inserted.length > 0) touched.add(newOwner);
              owners.splice(rangeOffset, rangeLength, ...Array.from(inserted, () => newOwner));
              text = replace(text, change);
              changes.push(change);
            }
            tracked = applyChanges(tracked, changes);
            tracker.apply(changes);
          }
          assert.deepEqual(tracker.toArray(), tracked);
          claims.forEach((claim, index) => {
            const positions = owners.flatMap((o, i) => (o === index ? [i] : []));
            const range = tracked[index];
            if (positions.length === 0) {
              assert.equal(range, null, 'kept although none of its text is left');
              return;
            }
            assert.deepEqual(range, { start: positions[0], end: positions[positions.length - 1] + 1 });
            assert.equal(positions.length, range!.end - range!.start, 'covers text it does not own');
            if (!touched.has(index)) assert.equal(text.slice(range!.start, range!.end), text0.slice(claim.start, claim.end));
          });
        }),
        { numRuns: 500 },
      );
    });
  });
});
