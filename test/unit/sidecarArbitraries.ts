// fast-check generators for valid sidecars (in the parsed form: defaults filled in), shared by the
// sidecar property tests.
import fc from 'fast-check';
import { CLAIM_ORIGINS, CLAIM_STATUSES, CONFLICT_KINDS, ISO_DATE_TIME_PATTERN, PARTIAL_DATE_PATTERN, type Sidecar } from '../../src/core/sidecar/schema';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('"', '\\', '\n', '\r\n', '\t', '\u2028', '\uD800', '\uFEFF', 'Amazon’s “$4 billion” deal', '🙂'),
);
const nonEmptyText = text.filter((s) => s.length > 0);

const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '12', 'x-extra', 'a b', 'Ünïcode')).filter((k) => !FORBIDDEN_KEYS.has(k));

/** JSON numbers that survive a write and a read exactly (no -0, no unsafe whole numbers). */
const jsonNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 0.1, 1e-300),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0) && (!Number.isInteger(d) || Number.isSafeInteger(d))),
);

export const { json } = fc.letrec<{ json: unknown }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    jsonNumber,
    text,
    fc.array(tie('json'), { maxLength: 3 }),
    fc.dictionary(key, tie('json'), { maxKeys: 3, noNullPrototype: true }),
  ),
}));

/** Adds unknown fields (never clashing with `known`) to objects from `arbitrary`. */
function withExtras<T extends object>(arbitrary: fc.Arbitrary<T>, known: readonly string[]): fc.Arbitrary<T> {
  const extras = fc.oneof(
    { weight: 3, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.dictionary(
        key.filter((k) => !known.includes(k)),
        json,
        { maxKeys: 2, noNullPrototype: true },
      ),
    },
  );
  return fc.tuple(arbitrary, extras).map(([value, extra]) => ({ ...extra, ...value }));
}

const idChars = fc.constantFrom(...'abcXYZ019_-');
export const id = fc.oneof(fc.string({ unit: idChars, minLength: 1, maxLength: 8 }), fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/));
const dateTime = fc.oneof(
  fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.stringMatching(ISO_DATE_TIME_PATTERN),
);
const partialDate = fc.stringMatching(PARTIAL_DATE_PATTERN);
const offset = fc.oneof(fc.nat({ max: 10_000 }), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));

const citation = withExtras(
  fc
    .record(
      {
        id,
        url: text,
        doi: text,
        title: text,
        author: text,
        publisher: text,
        issued: partialDate,
        accessed: partialDate,
        quote: text,
        note: text,
        csl: fc.dictionary(key, json, { maxKeys: 3, noNullPrototype: true }),
      },
      { requiredKeys: ['id'], noNullPrototype: true },
    )
    .map((c) => (c.url === undefined && c.doi === undefined && c.title === undefined ? { ...c, title: 'A title' } : c)),
  ['id', 'url', 'doi', 'title', 'author', 'publisher', 'issued', 'accessed', 'quote', 'note', 'csl'],
);

const conflict = withExtras(
  fc.record(
    {
      id,
      other: withExtras(fc.record({ article: nonEmptyText, claim: id }, { noNullPrototype: true }), ['article', 'claim']),
      kind: fc.constantFrom(...CONFLICT_KINDS),
      thisValue: text,
      otherValue: text,
      note: text,
      state: fc.constantFrom('open' as const, 'resolved' as const),
      resolution: text,
    },
    { noNullPrototype: true },
  ),
  ['id', 'other', 'kind', 'thisValue', 'otherValue', 'note', 'state', 'resolution'],
);

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).filter((d) => !Object.is(d, -0));
const verdict = withExtras(
  fc
    .record(
      { label: nonEmptyText, a: finite, b: finite, at: fc.double({ min: 0, max: 1, noNaN: true }), scale: text },
      { requiredKeys: ['label', 'a', 'b', 'at'], noNullPrototype: true },
    )
    .map(({ label, a, b, at, scale }) => {
      const value = Math.min(Math.max(a + (b - a) * at, Math.min(a, b)), Math.max(a, b));
      return { label, value: Object.is(value, -0) ? 0 : value, best: a, worst: b, ...(scale !== undefined ? { scale } : {}) };
    }),
  ['label', 'value', 'best', 'worst', 'scale'],
);

const review = withExtras(
  fc.record(
    {
      claimReviewed: text,
      claimant: text,
      claimDate: partialDate,
      appearances: fc.array(text, { maxLength: 3 }),
      reviewer: text,
      reviewDate: partialDate,
      explanation: text,
      url: text,
    },
    { requiredKeys: [], noNullPrototype: true },
  ),
  ['claimReviewed', 'claimant', 'claimDate', 'appearances', 'reviewer', 'reviewDate', 'explanation', 'url'],
);

const claim = withExtras(
  fc.record(
    {
      id,
      quote: withExtras(fc.record({ exact: nonEmptyText, prefix: text, suffix: text }, { noNullPrototype: true }), ['exact', 'prefix', 'suffix']),
      position: withExtras(
        fc.tuple(offset, offset).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) })),
        ['start', 'end'],
      ),
      status: fc.constantFrom(...CLAIM_STATUSES),
      note: text,
      origin: fc.constantFrom(...CLAIM_ORIGINS),
      citations: fc.uniqueArray(citation, { selector: (c) => c.id, maxLength: 3 }),
      conflicts: fc.uniqueArray(conflict, { selector: (c) => c.id, maxLength: 2 }),
      created: dateTime,
      updated: dateTime,
      verdict,
      review,
      checkedQuote: nonEmptyText,
    },
    { requiredKeys: ['id', 'quote', 'position', 'status', 'note', 'origin', 'citations', 'conflicts', 'created', 'updated'], noNullPrototype: true },
  ),
  ['id', 'quote', 'position', 'status', 'note', 'origin', 'citations', 'conflicts', 'created', 'updated', 'verdict', 'review', 'checkedQuote'],
);

const dismissals = withExtras(
  fc.record({ candidates: fc.array(text, { maxLength: 3 }), conflicts: fc.array(text, { maxLength: 3 }) }, { noNullPrototype: true }),
  ['candidates', 'conflicts'],
);

/** Any valid sidecar, as parseSidecar returns it. */
export const sidecar: fc.Arbitrary<Sidecar> = withExtras(
  fc.record(
    {
      version: fc.constant(1 as const),
      article: nonEmptyText,
      claims: fc.uniqueArray(claim, { selector: (c) => c.id, maxLength: 5 }),
      dismissed: dismissals,
    },
    { requiredKeys: ['version', 'article', 'claims'], noNullPrototype: true },
  ),
  ['version', 'article', 'claims', 'dismissed'],
) as fc.Arbitrary<Sidecar>;
