import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { newId, RANDOM_ID_LENGTH } from '../../src/core/sidecar/ids';
import { ID_PATTERN, Sidecar as SidecarSchema, type Claim, type Sidecar } from '../../src/core/sidecar/schema';
import { articlePathFor, emptySidecar, formatIssue, parseSidecar, serializeSidecar, sidecarPathFor } from '../../src/core/sidecar/sidecar';
import { UNKNOWN_TIME } from '../../src/core/sidecar/sidecarMigration';
import { claimWith } from './support/builders';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'sidecars');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function parsed(text: string): Sidecar {
  const result = parseSidecar(text);
  if (!result.ok) assert.fail(result.errors.map((e) => `${e.line}:${e.column}: ${e.message}`).join('\n'));
  return result.sidecar;
}

const MARKED = '2024-11-07T09:30:00Z';
const claim = (id: string, start: number, end: number, extra: Partial<Claim> = {}): Claim =>
  claimWith(id, { exact: `text of ${id}`, prefix: '', suffix: '' }, { start, end }, { created: MARKED, updated: MARKED, ...extra });

describe('serializeSidecar', () => {
  it('writes a canonical file back byte for byte', () => {
    const text = fixture('canonical.claims.json');
    assert.equal(serializeSidecar(parsed(text)), text);
  });

  it('keeps unknown fields at every level', () => {
    const sidecar = parsed(fixture('canonical.claims.json')) as Record<string, unknown> & Sidecar;
    assert.deepEqual(sidecar['x-desk'], { editor: 'M. Rossi', priority: 2 });
    assert.equal((sidecar.claims[0] as Record<string, unknown>).reviewer, 'desk-2');
    assert.equal((sidecar.claims[1]!.citations[0] as Record<string, unknown>)['x-archived'], 'https://web.archive.org/');
    assert.deepEqual(sidecar.claims[0]!.citations[0]!.csl!.issued, { 'date-parts': [[2024, 11, 7]] });
  });

  it('uses the fixed key order, with unknown keys after the known ones, sorted', () => {
    const scrambled = {
      zeta: 1,
      claims: [
        {
          updated: '2024-11-07T09:30:00Z',
          zz: true,
          aa: false,
          conflicts: [
            { resolution: '', state: 'open', note: '', otherValue: 'b', thisValue: 'a', kind: 'date', other: { claim: 'c9', x: 1, article: 'b.md' }, id: 'k1' },
          ],
          citations: [{ note: 'n', title: 'T', url: 'https://u.test', id: 's1', extra: 3 }],
          origin: 'manual',
          note: '',
          status: 'supported',
          position: { end: 5, start: 1 },
          quote: { suffix: 's', prefix: 'p', exact: 'e', more: 1 },
          id: 'c1',
          created: '2024-11-07T09:30:00Z',
        },
      ],
      alpha: 2,
      dismissed: { conflicts: [], candidates: ['x'], later: 0 },
      article: 'a.md',
      version: 1,
    } as unknown as Sidecar;
    const text = serializeSidecar(scrambled);
    const order = (json: string) => [...json.matchAll(/^\s*"([^"]+)":/gm)].map((m) => m[1]);
    assert.deepEqual(order(text), [
      'version',
      'article',
      'claims',
      'id',
      'quote',
      'exact',
      'prefix',
      'suffix',
      'more',
      'position',
      'start',
      'end',
      'status',
      'note',
      'origin',
      'citations',
      'id',
      'url',
      'title',
      'note',
      'extra',
      'conflicts',
      'id',
      'other',
      'article',
      'claim',
      'x',
      'kind',
      'thisValue',
      'otherValue',
      'note',
      'state',
      'resolution',
      'created',
      'updated',
      'aa',
      'zz',
      'dismissed',
      'candidates',
      'conflicts',
      'later',
      'alpha',
      'zeta',
    ]);
  });

  it('sorts claims by start, then end, then id', () => {
    const sidecar: Sidecar = { version: 1, article: 'a.md', claims: [claim('b', 5, 9), claim('z', 0, 4), claim('a', 5, 9), claim('m', 5, 7)] };
    assert.deepEqual(
      parsed(serializeSidecar(sidecar)).claims.map((c) => c.id),
      ['z', 'm', 'a', 'b'],
    );
    assert.deepEqual(
      sidecar.claims.map((c) => c.id),
      ['b', 'z', 'a', 'm'],
      'the input is not reordered',
    );
  });

  it('indents by two spaces and ends with one newline', () => {
    const text = serializeSidecar({ version: 1, article: 'a.md', claims: [claim('c1', 0, 1)] });
    assert.ok(text.startsWith('{\n  "version": 1,\n  "article": "a.md",\n  "claims": [\n    {\n      "id": "c1",'));
    assert.ok(text.endsWith('\n  ]\n}\n') && !text.endsWith('\n\n'));
  });

  it('leaves absent optional fields absent', () => {
    const sidecar: Sidecar = {
      version: 1,
      article: 'a.md',
      claims: [claim('c1', 0, 1, { citations: [{ id: 's1', doi: '10.1/x' }] })],
    };
    const text = serializeSidecar(sidecar);
    assert.doesNotMatch(text, /"url"|"title"|"csl"|"dismissed"/);
    assert.deepEqual(parsed(text), sidecar);
  });

  it('gives the same text however the same data was built', () => {
    const a: Sidecar = { version: 1, article: 'a.md', claims: [claim('c1', 0, 1), claim('c2', 3, 4)] };
    const b = JSON.parse(JSON.stringify({ claims: [...a.claims].reverse(), article: 'a.md', version: 1 })) as Sidecar;
    assert.equal(serializeSidecar(a), serializeSidecar(b));
  });
});

describe('parseSidecar: unknown fields and safety', () => {
  it('drops __proto__, constructor and prototype keys wherever they are, and pollutes nothing', () => {
    const text = JSON.stringify({
      version: 1,
      article: 'a.md',
      constructor: { polluted: 'top' },
      claims: [
        {
          ...JSON.parse(serializeSidecar({ version: 1, article: 'a.md', claims: [claim('c1', 0, 1)] })).claims[0],
          citations: [{ id: 's1', title: 'T', csl: { type: 'book', prototype: { polluted: 'csl' } } }],
          nested: { deeper: [{ keep: 1 }] },
        },
      ],
    })
      .replace('"nested":{', '"nested":{"__proto__":{"polluted":"nested"},')
      .replace('"keep":1', '"keep":1,"__proto__":{"polluted":"array item"}')
      .replace('{"version":1,', '{"__proto__":{"polluted":"root"},"version":1,');
    assert.match(text, /"__proto__":\{"polluted":"root"\}/);
    assert.match(text, /"__proto__":\{"polluted":"array item"\}/);

    const sidecar = parsed(text);
    const seen: object[] = [];
    const visit = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return;
      seen.push(value);
      assert.ok(Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype, 'plain objects only');
      for (const key of Object.keys(value)) {
        assert.ok(!['__proto__', 'constructor', 'prototype'].includes(key), `key ${key} survived`);
        visit((value as Record<string, unknown>)[key]);
      }
    };
    visit(sidecar);
    assert.ok(seen.length > 8);
    const claim0 = sidecar.claims[0] as Claim & { nested: { deeper: object[] } };
    assert.deepEqual(claim0.nested, { deeper: [{ keep: 1 }] });
    assert.deepEqual(claim0.citations[0]!.csl, { type: 'book' });
    // Code that copies the data with plain assignment must not have its prototype swapped either.
    const copy = Object.assign({}, sidecar, claim0, claim0.nested);
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.equal((copy as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.ok(!serializeSidecar(sidecar).includes('polluted'));
  });

  it('reads duplicate keys as JSON.parse does: the last one wins', () => {
    const text = serializeSidecar({ version: 1, article: 'a.md', claims: [claim('c1', 0, 1)] }).replace(
      '"status": "unverified"',
      '"status": "maybe", "status": "supported"',
    );
    assert.equal(parsed(text).claims[0]!.status, 'supported');
  });

  it('fills defaults for optional fields a hand-written file leaves out', () => {
    const sidecar = parsed(
      '{"version": 1, "article": "a.md", "claims": [{"id": "c1", "quote": {"exact": "x"}, "position": {"start": 0, "end": 1}, "created": "2024-11-07T09:30:00Z", "updated": "2024-11-07T09:30:00Z"}]}',
    );
    assert.deepEqual(sidecar.claims[0], claim('c1', 0, 1, { quote: { exact: 'x', prefix: '', suffix: '' } }));
    assert.equal(sidecar.dismissed, undefined);
  });
});

describe('parseSidecar: version 0 files are migrated', () => {
  it('migrates the pre-release format in memory', () => {
    const result = parseSidecar(fixture('v0.claims.json'));
    assert.ok(result.ok);
    assert.equal(result.migratedFrom, 0);
    assert.equal(serializeSidecar(result.sidecar), fixture('v0.migrated.claims.json'));
    assert.equal(result.sidecar.claims.find((c) => c.id === 'c1')!.created, UNKNOWN_TIME);
    assert.deepEqual(SidecarSchema.parse(result.sidecar), result.sidecar);
  });

  it('treats "version": 0 like a missing version', () => {
    const withVersion = fixture('v0.claims.json').replace('{\n', '{\n  "version": 0,\n');
    const result = parseSidecar(withVersion);
    assert.ok(result.ok);
    assert.equal(result.migratedFrom, 0);
    assert.equal(serializeSidecar(result.sidecar), fixture('v0.migrated.claims.json'));
  });

  it('does not report migration for current files', () => {
    const result = parseSidecar(fixture('canonical.claims.json'));
    assert.ok(result.ok);
    assert.equal(result.migratedFrom, undefined);
  });

  it('reports problems at their place in the version 0 file', () => {
    const text = fixture('v0.claims.json').replace('"start": 10', '"start": -10');
    const result = parseSidecar(text);
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => [e.message, e.line, e.column, text.slice(e.offset, e.offset + e.length)]),
      [['claims[1].start: must not be negative', 21, 16, '-10']],
    );
  });

  it('checks version 0 ids and offsets too', () => {
    const text = fixture('v0.claims.json').replace('"id": "c1"', '"id": "c2"');
    const result = parseSidecar(text, { articleLength: 140 });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => [e.message, e.line]),
      [
        ['claims[0].end: 151 is past the end of the article, which is 140 characters long', 8],
        ['claims[1].id: duplicate claim id "c2"; claims[0] already uses it', 19],
      ],
    );
  });

  it('names version 1 fields found in a version 0 file', () => {
    const result = parseSidecar('{"version": 0, "article": "a.md", "claims": [{"id": "c1", "text": "x", "start": 0, "end": 1, "citations": []}]}');
    assert.ok(!result.ok);
    assert.equal(
      result.errors[0]!.message,
      'claims[0].citations: belongs to the version 1 format, but this file has "version": 0 or none; set "version": 1 if it is in the current format',
    );
    assert.equal(result.errors[0]!.column, 94);
  });
});

describe('sidecar files and ids', () => {
  it('maps articles to sidecars and back', () => {
    assert.equal(sidecarPathFor('notes/story.md'), 'notes/story.md.claims.json');
    assert.equal(articlePathFor('notes/story.md.claims.json'), 'notes/story.md');
    assert.equal(articlePathFor('C:\\notes\\story.md.claims.json'), 'C:\\notes\\story.md');
    assert.equal(articlePathFor(sidecarPathFor('a.claims.json')), 'a.claims.json');
    for (const notSidecar of ['notes/story.md', 'story.json', '.claims.json', 'notes/.claims.json', 'story.md.claims.json.bak']) {
      assert.equal(articlePathFor(notSidecar), undefined, notSidecar);
    }
  });

  it('creates an empty sidecar that parses and writes canonically', () => {
    const sidecar = emptySidecar('notes/story.md');
    assert.deepEqual(sidecar, { version: 1, article: 'story.md', claims: [] });
    assert.equal(serializeSidecar(sidecar), '{\n  "version": 1,\n  "article": "story.md",\n  "claims": []\n}\n');
    assert.deepEqual(parsed(serializeSidecar(sidecar)), sidecar);
    assert.throws(() => emptySidecar('notes/'), /no file name/);
  });

  it('formats issues as file:line:col: message', () => {
    const result = parseSidecar('{\n  "version": 1,\n  "article": 7,\n  "claims": []\n}');
    assert.ok(!result.ok);
    assert.equal(
      formatIssue('notes/story.md.claims.json', result.errors[0]!),
      'notes/story.md.claims.json:3:14: article: expected text in double quotes, got 7',
    );
  });

  it('makes short random ids that match the id pattern', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId()));
    assert.equal(ids.size, 10_000);
    for (const id of ids) assert.match(id, /^[A-Za-z0-9]{10}$/);
    assert.equal(RANDOM_ID_LENGTH, 10);
    const prefixed = newId('k');
    assert.match(prefixed, /^k-[A-Za-z0-9]{10}$/);
    assert.match(prefixed, ID_PATTERN);
    assert.throws(() => newId('bad prefix'), /invalid id/);
    assert.throws(() => newId('x'.repeat(60)), /invalid id/);
  });

  it('uses every id character about equally often', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 5_000; i++) for (const ch of newId()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    assert.equal(counts.size, 62);
    const expected = (5_000 * 10) / 62;
    for (const [ch, count] of counts) assert.ok(Math.abs(count - expected) < expected * 0.3, `${ch}: ${count}`);
  });
});
