import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hasConflictMarkers, mergeSidecars } from '../../src/core/sidecar/merge';
import type { Claim, Sidecar } from '../../src/core/sidecar/schema';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';
import { citation, claimWith, conflictNote, sidecarOf, T0 } from './support/builders';

const T1 = '2024-11-07T10:00:00Z';
const T2 = '2024-11-07T11:00:00Z';

const claim = (id: string, start: number, exact: string, fields: Partial<Claim> = {}): Claim =>
  claimWith(id, { exact, prefix: '', suffix: '' }, { start, end: start + exact.length }, fields);

const clone = <T>(value: T): T => structuredClone(value);
const byId = (s: Sidecar, id: string) => s.claims.find((c) => c.id === id);

/** The merge result must always be a valid sidecar that survives a canonical round trip. */
function assertValid(merged: Sidecar): void {
  const parsed = parseSidecar(serializeSidecar(merged));
  assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.errors.slice(0, 3)));
}

describe('mergeSidecars', () => {
  const base = sidecarOf([claim('a', 0, 'Amazon invested $4 billion'), claim('b', 40, 'in March 2024'), claim('c', 80, 'on Thursday')]);

  it('keeps claims added on different sides', () => {
    const ours = clone(base);
    ours.claims.push(claim('d', 120, 'ours new claim'));
    const theirs = clone(base);
    theirs.claims.push(claim('e', 100, 'theirs new claim'));
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.deepEqual(conflicts, []);
    assert.deepEqual(
      merged.claims.map((c) => c.id),
      ['a', 'b', 'c', 'e', 'd'],
    );
    assertValid(merged);
  });

  it('merges different fields of the same claim cleanly and keeps the later update time', () => {
    const ours = clone(base);
    byId(ours, 'a')!.status = 'supported';
    byId(ours, 'a')!.updated = T1;
    const theirs = clone(base);
    byId(theirs, 'a')!.note = 'Checked against the SEC filing.';
    byId(theirs, 'a')!.updated = T2;
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.deepEqual(conflicts, []);
    const a = byId(merged, 'a')!;
    assert.equal(a.status, 'supported');
    assert.equal(a.note, 'Checked against the SEC filing.');
    assert.equal(a.updated, T2);
    assert.equal(a.created, T0);
  });

  it('keeps ours for a status changed differently on both sides and records theirs, marked, in the note', () => {
    const ours = clone(base);
    byId(ours, 'a')!.status = 'supported';
    const theirs = clone(base);
    byId(theirs, 'a')!.status = 'refuted';
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]!.claimId, 'a');
    assert.equal(conflicts[0]!.field, 'status');
    assert.equal(conflicts[0]!.kind, 'both-changed');
    const a = byId(merged, 'a')!;
    assert.equal(a.status, 'supported');
    assert.match(a.note, /^<<<<<<< ours status\nsupported\n=======\nrefuted\n>>>>>>> theirs status$/);
    assert.ok(hasConflictMarkers(a.note));
    assertValid(merged);
  });

  it('keeps both versions of a note changed differently on both sides, between markers', () => {
    const ours = clone(base);
    byId(ours, 'b')!.note = 'Ours: the deal closed in March.';
    const theirs = clone(base);
    byId(theirs, 'b')!.note = 'Theirs: the deal was announced in March.';
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.equal(conflicts.length, 1);
    assert.equal(byId(merged, 'b')!.note, '<<<<<<< ours\nOurs: the deal closed in March.\n=======\nTheirs: the deal was announced in March.\n>>>>>>> theirs');
  });

  it('takes the same change made on both sides once, without a conflict', () => {
    const ours = clone(base);
    byId(ours, 'c')!.status = 'disputed';
    const theirs = clone(ours);
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.deepEqual(conflicts, []);
    assert.equal(byId(merged, 'c')!.status, 'disputed');
    assert.equal(byId(merged, 'c')!.note, '');
  });

  it('deletes a claim deleted on one side and unchanged on the other', () => {
    const ours = clone(base);
    ours.claims = ours.claims.filter((c) => c.id !== 'c');
    const theirs = clone(base);
    byId(theirs, 'a')!.status = 'supported';
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.deepEqual(conflicts, []);
    assert.deepEqual(
      merged.claims.map((c) => c.id),
      ['a', 'b'],
    );
    assert.equal(byId(merged, 'a')!.status, 'supported');
  });

  it('deletes a claim whose other side only re-anchored it (moved position and context)', () => {
    const ours = clone(base);
    ours.claims = ours.claims.filter((c) => c.id !== 'b');
    const theirs = clone(base);
    const moved = byId(theirs, 'b')!;
    moved.position = { start: 52, end: 52 + moved.quote.exact.length };
    moved.quote = { ...moved.quote, prefix: 'new text before ' };
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.deepEqual(conflicts, []);
    assert.equal(byId(merged, 'b'), undefined);
  });

  it('keeps a claim deleted on one side but changed on the other, with a marker and a conflict', () => {
    const ours = clone(base);
    byId(ours, 'c')!.citations.push(citation('k1'));
    const theirs = clone(base);
    theirs.claims = theirs.claims.filter((c) => c.id !== 'c');
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]!.kind, 'deleted-and-changed');
    const c = byId(merged, 'c')!;
    assert.equal(c.citations[0]!.id, 'k1');
    assert.ok(hasConflictMarkers(c.note));
    assertValid(merged);
  });

  it('keeps citations added on both sides and merges citation fields by id', () => {
    const withCitation = clone(base);
    byId(withCitation, 'a')!.citations.push(citation('k1', { title: 'SEC filing' }));
    const ours = clone(withCitation);
    byId(ours, 'a')!.citations.push(citation('k2'));
    byId(ours, 'a')!.citations[0]!.accessed = '2024-11-08';
    const theirs = clone(withCitation);
    byId(theirs, 'a')!.citations.push(citation('k3'));
    byId(theirs, 'a')!.citations[0]!.note = 'page 4';
    const { merged, conflicts } = mergeSidecars(withCitation, ours, theirs);
    assert.deepEqual(conflicts, []);
    const citations = byId(merged, 'a')!.citations;
    assert.deepEqual(
      citations.map((c) => c.id),
      ['k1', 'k2', 'k3'],
    );
    assert.equal(citations[0]!.accessed, '2024-11-08');
    assert.equal(citations[0]!.note, 'page 4');
  });

  it('drops a citation only when it was deleted on one side and left unchanged on the other', () => {
    const withCitations = clone(base);
    byId(withCitations, 'a')!.citations.push(citation('k1'), citation('k2'));
    const ours = clone(withCitations);
    byId(ours, 'a')!.citations = [];
    const theirs = clone(withCitations);
    byId(theirs, 'a')!.citations[1]!.title = 'Now with a title';
    const { merged, conflicts } = mergeSidecars(withCitations, ours, theirs);
    const citations = byId(merged, 'a')!.citations;
    assert.deepEqual(
      citations.map((c) => c.id),
      ['k2'],
    );
    assert.equal(citations[0]!.title, 'Now with a title');
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]!.citationId, 'k2');
  });

  it('puts a clashing citation date in the citation note so the sidecar stays valid', () => {
    const withCitation = clone(base);
    byId(withCitation, 'a')!.citations.push(citation('k1', { issued: '2024-03' }));
    const ours = clone(withCitation);
    byId(ours, 'a')!.citations[0]!.issued = '2024-03-27';
    const theirs = clone(withCitation);
    byId(theirs, 'a')!.citations[0]!.issued = '2023-09';
    const { merged, conflicts } = mergeSidecars(withCitation, ours, theirs);
    const k1 = byId(merged, 'a')!.citations[0]!;
    assert.equal(k1.issued, '2024-03-27');
    assert.match(k1.note ?? '', /<<<<<<< ours issued\n2024-03-27\n=======\n2023-09\n>>>>>>> theirs issued/);
    assert.equal(conflicts.length, 1);
    assertValid(merged);
  });

  it('merges conflict notes by id: a resolution on one side and a note on the other', () => {
    const withConflict = clone(base);
    byId(withConflict, 'a')!.conflicts.push(conflictNote('n1'));
    const ours = clone(withConflict);
    Object.assign(byId(ours, 'a')!.conflicts[0]!, { state: 'resolved', resolution: 'The filing says September 2023.' });
    const theirs = clone(withConflict);
    byId(theirs, 'a')!.conflicts[0]!.note = 'Reuters agrees with pymnts.';
    const { merged, conflicts } = mergeSidecars(withConflict, ours, theirs);
    assert.deepEqual(conflicts, []);
    const note = byId(merged, 'a')!.conflicts[0]!;
    assert.equal(note.state, 'resolved');
    assert.equal(note.resolution, 'The filing says September 2023.');
    assert.equal(note.note, 'Reuters agrees with pymnts.');
  });

  it('records a claim attached to different text on each side, keeping ours', () => {
    const ours = clone(base);
    byId(ours, 'a')!.quote.exact = 'Amazon invested';
    const theirs = clone(base);
    byId(theirs, 'a')!.quote.exact = '$4 billion';
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]!.field, 'quote');
    const a = byId(merged, 'a')!;
    assert.equal(a.quote.exact, 'Amazon invested');
    assert.match(a.note, /\$4 billion/);
  });

  it('takes ours silently when both sides only re-anchored the same text differently', () => {
    const ours = clone(base);
    byId(ours, 'a')!.position = { start: 3, end: 3 + 26 };
    const theirs = clone(base);
    byId(theirs, 'a')!.position = { start: 5, end: 5 + 26 };
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.deepEqual(conflicts, []);
    assert.equal(byId(merged, 'a')!.position.start, 3);
  });

  it('without a base keeps everything from both sides and reports same-id differences', () => {
    const ours = sidecarOf([claim('a', 0, 'Amazon invested $4 billion', { status: 'supported' }), claim('d', 100, 'ours only')]);
    const theirs = sidecarOf([claim('a', 0, 'Amazon invested $4 billion', { status: 'refuted' }), claim('e', 120, 'theirs only')]);
    const { merged, conflicts } = mergeSidecars(undefined, ours, theirs);
    assert.deepEqual(merged.claims.map((c) => c.id).sort(), ['a', 'd', 'e']);
    assert.equal(conflicts.length, 1);
    assert.equal(conflicts[0]!.kind, 'both-added');
  });

  it('merges dismissed candidates as sets, honouring removals', () => {
    const withDismissed = sidecarOf(base.claims, { dismissed: { candidates: ['one', 'two'], conflicts: ['k1'] } });
    const ours = clone(withDismissed);
    ours.dismissed = { candidates: ['one', 'two', 'three'], conflicts: ['k1'] };
    const theirs = clone(withDismissed);
    theirs.dismissed = { candidates: ['two'], conflicts: ['k1', 'k2'] };
    const { merged, conflicts } = mergeSidecars(withDismissed, ours, theirs);
    assert.deepEqual(conflicts, []);
    assert.deepEqual(merged.dismissed, { candidates: ['two', 'three'], conflicts: ['k1', 'k2'] });
  });

  it('keeps unknown extra fields from both sides', () => {
    const ours = clone(base) as Sidecar & Record<string, unknown>;
    ours.reviewer = 'Ana';
    (byId(ours, 'a') as Claim & Record<string, unknown>).priority = 'high';
    const theirs = clone(base) as Sidecar & Record<string, unknown>;
    theirs.desk = 'tech';
    const { merged, conflicts } = mergeSidecars(base, ours, theirs);
    assert.deepEqual(conflicts, []);
    const m = merged as Sidecar & Record<string, unknown>;
    assert.equal(m.reviewer, 'Ana');
    assert.equal(m.desk, 'tech');
    assert.equal((byId(merged, 'a') as Claim & Record<string, unknown>).priority, 'high');
    assertValid(merged);
  });
});

// ----------------------------------------------------------------------------------------- properties

type Edit =
  | { op: 'status'; claim: number; status: Claim['status'] }
  | { op: 'note'; claim: number; note: string }
  | { op: 'cite'; claim: number; id: string }
  | { op: 'uncite'; claim: number }
  | { op: 'delete'; claim: number }
  | { op: 'move'; claim: number; by: number }
  | { op: 'add'; id: string; start: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('status' as const), claim: fc.nat(5), status: fc.constantFrom('unverified', 'supported', 'disputed', 'refuted') }),
  fc.record({ op: fc.constant('note' as const), claim: fc.nat(5), note: fc.string({ maxLength: 12 }) }),
  fc.record({ op: fc.constant('cite' as const), claim: fc.nat(5), id: fc.constantFrom('k1', 'k2', 'k3', 'k4') }),
  fc.record({ op: fc.constant('uncite' as const), claim: fc.nat(5) }),
  fc.record({ op: fc.constant('delete' as const), claim: fc.nat(5) }),
  fc.record({ op: fc.constant('move' as const), claim: fc.nat(5), by: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('add' as const), id: fc.constantFrom('n1', 'n2', 'n3'), start: fc.nat(200) }),
);

function applyEdits(start: Sidecar, edits: Edit[]): Sidecar {
  const s = clone(start);
  for (const edit of edits) {
    if (edit.op === 'add') {
      if (!s.claims.some((c) => c.id === edit.id)) s.claims.push(claim(edit.id, edit.start, `text ${edit.id}`));
      continue;
    }
    const target = s.claims[edit.claim % Math.max(1, s.claims.length)];
    if (!target) continue;
    if (edit.op === 'status') target.status = edit.status;
    else if (edit.op === 'note') target.note = edit.note;
    else if (edit.op === 'cite') {
      if (!target.citations.some((c) => c.id === edit.id)) target.citations.push(citation(edit.id));
    } else if (edit.op === 'uncite') target.citations.pop();
    else if (edit.op === 'delete') s.claims = s.claims.filter((c) => c !== target);
    else if (edit.op === 'move') target.position = { start: target.position.start + edit.by, end: target.position.end + edit.by };
  }
  return s;
}

const baseArb = fc
  .array(fc.tuple(fc.nat(300), fc.constantFrom('unverified', 'supported') as fc.Arbitrary<Claim['status']>, fc.boolean()), { minLength: 1, maxLength: 5 })
  .map((specs) =>
    sidecarOf(specs.map(([start, status, cited], i) => claim(`c${i}`, start, `claim text ${i}`, { status, citations: cited ? [citation('k0')] : [] }))),
  );

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

function workOf(c: Claim): string {
  const { position: _p, updated: _u, quote, ...rest } = c;
  return JSON.stringify({ ...rest, exact: quote.exact });
}

describe('mergeSidecars properties', () => {
  it('always yields a valid sidecar and never drops a claim or citation that was added or changed', () => {
    fc.assert(
      fc.property(baseArb, fc.array(editArb, { maxLength: 6 }), fc.array(editArb, { maxLength: 6 }), (base, oursEdits, theirsEdits) => {
        const ours = applyEdits(base, oursEdits);
        const theirs = applyEdits(base, theirsEdits);
        const { merged } = mergeSidecars(base, ours, theirs);
        assertValid(merged);
        for (const [side, other] of [
          [ours, theirs],
          [theirs, ours],
        ] as const) {
          for (const c of side.claims) {
            const kept = byId(merged, c.id);
            const original = byId(base, c.id);
            const cleanlyDeleted = original !== undefined && !byId(other, c.id) && workOf(original) === workOf(c);
            if (!cleanlyDeleted) assert.ok(kept, `claim ${c.id} was dropped`);
            if (!kept) continue;
            for (const k of c.citations) {
              const baseCitation = original?.citations.find((x) => x.id === k.id);
              const otherClaim = byId(other, c.id);
              const deletedByOther = otherClaim !== undefined && baseCitation !== undefined && !otherClaim.citations.some((x) => x.id === k.id);
              if (!(deletedByOther && JSON.stringify(baseCitation) === JSON.stringify(k))) {
                assert.ok(
                  kept.citations.some((x) => x.id === k.id),
                  `citation ${k.id} of ${c.id} was dropped`,
                );
              }
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is the identity when one side did not change anything', () => {
    fc.assert(
      fc.property(baseArb, fc.array(editArb, { maxLength: 6 }), (base, edits) => {
        const changed = applyEdits(base, edits);
        const expected = serializeSidecar(changed);
        assert.equal(serializeSidecar(mergeSidecars(base, changed, base).merged), expected);
        assert.equal(serializeSidecar(mergeSidecars(base, base, changed).merged), expected);
        assert.equal(serializeSidecar(mergeSidecars(base, changed, changed).merged), expected);
        assert.deepEqual(mergeSidecars(base, changed, base).conflicts, []);
      }),
      { numRuns: 200 },
    );
  });

  it('reports a conflict whenever it leaves a marker, and leaves a marker for every field clash', () => {
    fc.assert(
      fc.property(baseArb, fc.array(editArb, { maxLength: 6 }), fc.array(editArb, { maxLength: 6 }), (base, oursEdits, theirsEdits) => {
        const { merged, conflicts } = mergeSidecars(base, applyEdits(base, oursEdits), applyEdits(base, theirsEdits));
        const marked = merged.claims.filter((c) => stringsIn(c).some(hasConflictMarkers));
        const reported = new Set(conflicts.map((c) => c.claimId));
        for (const c of marked) assert.ok(reported.has(c.id), `claim ${c.id} has markers but no reported conflict`);
        for (const id of reported) {
          assert.ok(
            marked.some((c) => c.id === id),
            `conflict in ${id} left no visible marker`,
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('mergeSidecars result ownership', () => {
  it('shares no objects with its inputs', () => {
    const base = sidecarOf([claim('a', 0, 'Amazon invested', { citations: [citation('k1')] })]);
    const ours = clone(base);
    const theirs = clone(base);
    theirs.claims.push(claim('b', 20, 'in March'));
    const { merged } = mergeSidecars(base, ours, theirs);
    merged.claims[0]!.citations[0]!.title = 'changed';
    merged.claims[1]!.status = 'refuted';
    assert.equal(ours.claims[0]!.citations[0]!.title, undefined);
    assert.equal(base.claims[0]!.citations[0]!.title, undefined);
    assert.equal(theirs.claims[1]!.status, 'unverified');
  });
});
