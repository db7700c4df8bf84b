// The sidecar's shape is written once, in schema.ts: the writer's key order is read off it (schemaShape.ts).
import assert from 'node:assert/strict';
import {
  Citation,
  Claim,
  Conflict,
  ConflictRef,
  Dismissals,
  Position,
  Review,
  Sidecar as SidecarSchema,
  TextQuote,
  Verdict,
  type Sidecar,
} from '../../src/core/sidecar/schema';
import { defaultOf, enumValues, fieldsOf } from '../../src/core/sidecar/schemaShape';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';

// Every known field at every level, each object's keys given in reverse, plus unknown keys.
const EVERY_FIELD = {
  version: 1,
  article: 'story.md',
  claims: [
    {
      checkedQuote: 'Amazon will invest $4 billion',
      review: {
        url: 'https://desk.example/review/1',
        explanation: 'The filing says 4.',
        reviewDate: '2024-11-08',
        reviewer: 'Desk',
        appearances: ['https://a.example/'],
        claimDate: '2024-11',
        claimant: 'Amazon',
        claimReviewed: 'Amazon invests $4bn',
        zz: 1,
      },
      verdict: { scale: 'six-level', worst: 6, best: 1, value: 2, label: 'Mostly true', extra: 'x' },
      updated: '2024-11-07T10:00:00Z',
      created: '2024-11-07T09:30:00Z',
      conflicts: [
        {
          resolution: 'ours',
          state: 'resolved',
          note: 'n',
          otherValue: '$5 billion',
          thisValue: '$4 billion',
          kind: 'amount',
          other: { claim: 'c9', article: 'other.md' },
          id: 'k1',
        },
      ],
      citations: [
        {
          verdict: 'barely true',
          csl: { type: 'article', title: 'T' },
          note: 'note',
          quote: 'q',
          accessed: '2024-11-08',
          issued: '2024',
          publisher: 'P',
          author: 'A',
          title: 'T',
          doi: '10.1/x',
          url: 'https://u.example/',
          id: 's1',
        },
        { verdict: 'false', title: 'Earlier check', id: 's2' },
      ],
      origin: 'spotted',
      note: 'call them',
      status: 'supported',
      position: { end: 29, start: 0 },
      quote: { suffix: '.', prefix: '', exact: 'Amazon will invest $4 billion' },
      id: 'c1',
    },
  ],
  dismissed: { conflicts: ['k'], candidates: ['s'] },
};

// What the hand-written writer this replaced produced for EVERY_FIELD (run at commit 1c135c5), byte for byte.
const WRITTEN_BEFORE = `{
  "version": 1,
  "article": "story.md",
  "claims": [
    {
      "id": "c1",
      "quote": {
        "exact": "Amazon will invest $4 billion",
        "prefix": "",
        "suffix": "."
      },
      "position": {
        "start": 0,
        "end": 29
      },
      "status": "supported",
      "note": "call them",
      "origin": "spotted",
      "citations": [
        {
          "id": "s1",
          "url": "https://u.example/",
          "doi": "10.1/x",
          "title": "T",
          "author": "A",
          "publisher": "P",
          "issued": "2024",
          "accessed": "2024-11-08",
          "quote": "q",
          "note": "note",
          "csl": {
            "type": "article",
            "title": "T"
          },
          "verdict": "barely true"
        },
        {
          "id": "s2",
          "title": "Earlier check",
          "verdict": "false"
        }
      ],
      "conflicts": [
        {
          "id": "k1",
          "other": {
            "article": "other.md",
            "claim": "c9"
          },
          "kind": "amount",
          "thisValue": "$4 billion",
          "otherValue": "$5 billion",
          "note": "n",
          "state": "resolved",
          "resolution": "ours"
        }
      ],
      "created": "2024-11-07T09:30:00Z",
      "updated": "2024-11-07T10:00:00Z",
      "verdict": {
        "label": "Mostly true",
        "value": 2,
        "best": 1,
        "worst": 6,
        "scale": "six-level",
        "extra": "x"
      },
      "review": {
        "claimReviewed": "Amazon invests $4bn",
        "claimant": "Amazon",
        "claimDate": "2024-11",
        "appearances": [
          "https://a.example/"
        ],
        "reviewer": "Desk",
        "reviewDate": "2024-11-08",
        "explanation": "The filing says 4.",
        "url": "https://desk.example/review/1",
        "zz": 1
      },
      "checkedQuote": "Amazon will invest $4 billion"
    }
  ],
  "dismissed": {
    "candidates": [
      "s"
    ],
    "conflicts": [
      "k"
    ]
  }
}
`;

describe('sidecar shape read off the schema', () => {
  it('writes every field exactly where the hand-written key orders did', () => {
    assert.equal(serializeSidecar(EVERY_FIELD as unknown as Sidecar), WRITTEN_BEFORE);
    const parsed = parseSidecar(WRITTEN_BEFORE);
    assert.ok(parsed.ok);
    assert.equal(serializeSidecar(parsed.sidecar), WRITTEN_BEFORE, 'and reads it back to the same text');
  });

  it("writes each object's known keys in the order schema.ts declares them", () => {
    const keysIn = (json: string, path: string[]) => {
      let value: unknown = JSON.parse(json);
      for (const step of path) value = (value as Record<string, unknown>)[step];
      return Object.keys(value as object);
    };
    const text = serializeSidecar(EVERY_FIELD as unknown as Sidecar);
    const known = (keys: string[], schema: { shape: object }) => keys.filter((k) => (fieldsOf(schema) as readonly string[]).includes(k));
    const cases: Array<[string[], { shape: object }]> = [
      [[], SidecarSchema],
      [['claims', '0'], Claim],
      [['claims', '0', 'quote'], TextQuote],
      [['claims', '0', 'position'], Position],
      [['claims', '0', 'citations', '0'], Citation],
      [['claims', '0', 'conflicts', '0'], Conflict],
      [['claims', '0', 'conflicts', '0', 'other'], ConflictRef],
      [['claims', '0', 'verdict'], Verdict],
      [['claims', '0', 'review'], Review],
      [['dismissed'], Dismissals],
    ];
    for (const [path, schema] of cases) {
      assert.deepEqual(known(keysIn(text, path), schema), fieldsOf(schema), path.join('.') || 'sidecar');
    }
  });

  it('reads enums and defaults from the schema', () => {
    assert.deepEqual([...enumValues(Claim.shape.status)], ['unverified', 'supported', 'disputed', 'refuted']);
    assert.deepEqual([...enumValues(Conflict.shape.state)], ['open', 'resolved']);
    assert.equal(defaultOf(Claim.shape.status), 'unverified');
    assert.equal(defaultOf(Claim.shape.origin), 'manual');
    assert.deepEqual(defaultOf(Claim.shape.citations), []);
    assert.throws(() => enumValues(Claim.shape.note), /expected an enum field/);
    assert.throws(() => defaultOf(Claim.shape.id), /expected a field with a default/);
  });
});
