import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { exportW3C, exportW3CJson, exportW3CLinks, utf16ToCodePoints, type W3CArticleClaims } from '../../src/core/interchange/exporters';
import type { Claim, Sidecar } from '../../src/core/sidecar/schema';
import { addImportedClaims, annotationsIn, importW3C, type ImportArticle } from '../../src/core/interchange/w3cImport';
import { claimInText } from './support/builders';

const SAMPLES = path.resolve(__dirname, '../fixtures/articles');
const PYMNTS = fs.readFileSync(path.join(SAMPLES, 'amazon-anthropic-pymnts.txt'), 'utf8');
const MAGINATIVE = fs.readFileSync(path.join(SAMPLES, 'amazon-anthropic-maginative.txt'), 'utf8');
const SAMPLE_ARTICLES: ImportArticle[] = [
  { path: 'samples/amazon-anthropic-maginative.txt', text: MAGINATIVE },
  { path: 'samples/amazon-anthropic-pymnts.txt', text: PYMNTS },
];

const NOW = '2024-12-01T12:00:00Z';
function ids() {
  let n = 0;
  return () => `gen${++n}`;
}

const ARTICLE = '🚀🚀 Amazon invested $4 billion. 👩‍👩‍👧 Later, Amazon invested $4 billion again in March. Analysts were surprised by the size of the deal.\n';

const claimAt = (text: string, id: string, exact: string, from = 0, fields: Partial<Claim> = {}): Claim =>
  claimInText(text, id, exact, { updated: '2024-11-07T09:30:00Z', ...fields }, from);

function exported(): { entries: W3CArticleClaims[]; sidecar: Sidecar } {
  const second = ARTICLE.indexOf('Amazon invested $4 billion', 10);
  const sidecar: Sidecar = {
    version: 1,
    article: 'story.md',
    claims: [
      claimAt(ARTICLE, 'c1', 'Amazon invested $4 billion', 0, {
        status: 'supported',
        note: 'First announcement.',
        citations: [
          { id: 'k1', url: 'https://example.org/a', title: 'Press release', issued: '2023-09-25', csl: { type: 'webpage', title: 'Press release' } },
          { id: 'k2', title: 'Phone call with the press office', note: 'Confirmed by phone' },
        ],
        conflicts: [
          {
            id: 'n1',
            other: { article: 'other.md', claim: 'o1' },
            kind: 'amount',
            thisValue: '$4 billion',
            otherValue: '$1.25 billion',
            note: '',
            state: 'open',
            resolution: '',
          },
        ],
      }),
      claimAt(ARTICLE, 'c2', 'Amazon invested $4 billion', second, { origin: 'spotted', status: 'disputed' }),
      claimAt(ARTICLE, 'c3', 'Analysts were surprised by the size of the deal'),
    ],
  };
  return { entries: [{ article: 'news/story.md', sidecar, text: ARTICLE, source: 'file:///home/ana/news/story.md' }], sidecar };
}

describe('W3C import', () => {
  it('round-trips an export: every claim comes back identical, in the right article', () => {
    const { entries, sidecar } = exported();
    const document = JSON.parse(JSON.stringify(exportW3C(entries)));
    const result = importW3C(document, { articles: [{ path: 'news/story.md', text: ARTICLE }], now: NOW, newId: ids() });
    assert.deepEqual(result.skipped, []);
    assert.equal(result.imported.length, 1);
    assert.equal(result.imported[0]!.article, 'news/story.md');
    assert.deepEqual(result.imported[0]!.claims, sidecar.claims);
  });

  it('round-trips after the article moved down: positions follow the text', () => {
    const { entries, sidecar } = exported();
    const document = JSON.parse(JSON.stringify(exportW3C(entries)));
    const moved = '# A new headline 🎉\n\n' + ARTICLE;
    const result = importW3C(document, { articles: [{ path: 'news/story.md', text: moved }], now: NOW, newId: ids() });
    const claims = result.imported[0]!.claims;
    for (const [i, claim] of claims.entries()) {
      assert.equal(moved.slice(claim.position.start, claim.position.end), sidecar.claims[i]!.quote.exact);
      assert.equal(claim.position.start, sidecar.claims[i]!.position.start + '# A new headline 🎉\n\n'.length);
    }
  });

  it('reports an exported claim whose text is gone instead of attaching it elsewhere', () => {
    const { entries } = exported();
    const document = JSON.parse(JSON.stringify(exportW3C(entries)));
    const edited = ARTICLE.replace(' Analysts were surprised by the size of the deal.', '');
    const result = importW3C(document, { articles: [{ path: 'news/story.md', text: edited }], now: NOW, newId: ids() });
    assert.equal(result.imported[0]!.claims.length, 2);
    assert.equal(result.skipped.length, 1);
    assert.equal(result.skipped[0]!.annotation, 'urn:claim-annotator:claim:c3');
    assert.match(result.skipped[0]!.reason, /not in news\/story\.md/);
  });

  it('imports a Hypothesis export: text, tags, uri and the quote selector', () => {
    const exact = 'initial $1.25 billion investment in Anthropic in September 2023';
    const start = PYMNTS.indexOf(exact);
    const hypothesis = {
      total: 2,
      rows: [
        {
          id: 'Jx6z9Kr8EeyYqE8vHIGyQg',
          created: '2024-11-08T10:11:12.345678+00:00',
          updated: '2024-11-08T11:00:00.000000+00:00',
          user: 'acct:ana@hypothes.is',
          uri: 'https://www.example.com/news/amazon-anthropic-pymnts',
          text: 'The 2023 press release agrees.',
          tags: ['Supported', 'amazon'],
          group: '__world__',
          target: [
            {
              source: 'https://www.example.com/news/amazon-anthropic-pymnts',
              selector: [
                { type: 'RangeSelector', startContainer: '/div[1]/p[5]', startOffset: 10, endContainer: '/div[1]/p[5]', endOffset: 75 },
                { type: 'TextPositionSelector', start, end: start + exact.length },
                {
                  type: 'TextQuoteSelector',
                  exact,
                  prefix: PYMNTS.slice(start - 20, start),
                  suffix: PYMNTS.slice(start + exact.length, start + exact.length + 20),
                },
              ],
            },
          ],
          document: { title: ['Amazon Reportedly in Talks for Second Anthropic Investment'] },
        },
        {
          id: 'page-note-1',
          uri: 'https://www.example.com/news/amazon-anthropic-pymnts',
          text: 'A page note has no quote',
          target: [{ source: 'https://www.example.com/news/amazon-anthropic-pymnts' }],
        },
      ],
    };
    const result = importW3C(hypothesis, { articles: SAMPLE_ARTICLES, now: NOW, newId: ids() });
    assert.equal(result.imported.length, 1);
    assert.equal(result.imported[0]!.article, 'samples/amazon-anthropic-pymnts.txt');
    const [claim] = result.imported[0]!.claims;
    assert.equal(claim!.id, 'Jx6z9Kr8EeyYqE8vHIGyQg');
    assert.equal(claim!.status, 'supported');
    assert.equal(claim!.note, 'The 2023 press release agrees.\n\nTags: amazon');
    assert.equal(claim!.created, '2024-11-08T10:11:12.345678+00:00');
    assert.equal(claim!.updated, '2024-11-08T11:00:00.000000+00:00');
    assert.deepEqual(claim!.position, { start, end: start + exact.length });
    assert.deepEqual(result.skipped, [
      {
        annotation: 'page-note-1',
        source: 'https://www.example.com/news/amazon-anthropic-pymnts',
        quote: undefined,
        reason: 'it has no TextQuoteSelector to anchor by',
      },
    ]);
  });

  it('finds the article by its quote when the target names no known file, and reports ambiguity and absence', () => {
    const unique = 'Swami Sivasubramanian, vice president of data and AI';
    const both = 'Anthropic';
    const result = importW3C(
      [
        { id: 'a1', target: { source: 'https://elsewhere.example/story', selector: { type: 'TextQuoteSelector', exact: unique } } },
        { id: 'a2', target: { source: 'https://elsewhere.example/story', selector: { type: 'TextQuoteSelector', exact: both } } },
        { id: 'a3', target: { source: 'https://elsewhere.example/story', selector: { type: 'TextQuoteSelector', exact: 'Apple bought the moon' } } },
        'not an annotation',
      ],
      { articles: SAMPLE_ARTICLES, now: NOW, newId: ids() },
    );
    assert.deepEqual(
      result.imported.map((g) => [g.article, g.claims.map((c) => c.id)]),
      [['samples/amazon-anthropic-pymnts.txt', ['a1']]],
    );
    assert.deepEqual(
      result.skipped.map((s) => s.annotation),
      ['a2', 'a3', '#4'],
    );
    assert.match(result.skipped[0]!.reason, /several articles/);
    assert.match(result.skipped[1]!.reason, /no article matches "https:\/\/elsewhere\.example\/story"/);
    assert.match(result.skipped[2]!.reason, /not a JSON object/);
  });

  it('imports other W3C tools: bodies, tags, bodyValue, and code point positions that pick the right occurrence', () => {
    const second = ARTICLE.indexOf('Amazon invested $4 billion', 10);
    const [start, end] = utf16ToCodePoints(ARTICLE, [second, second + 'Amazon invested $4 billion'.length]);
    const annotation = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://annotations.example/anno/42',
      type: 'Annotation',
      created: '2024-11-09T08:00:00Z',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'refuted' },
        { type: 'TextualBody', purpose: 'commenting', value: 'Only one investment of $4 billion.' },
        { type: 'SpecificResource', purpose: 'linking', source: { id: 'https://example.org/filing', title: 'The filing' } },
        'https://doi.org/10.1000/182',
      ],
      target: {
        source: 'https://news.example/articles/story.md',
        selector: [
          { type: 'TextQuoteSelector', exact: 'Amazon invested $4 billion' },
          { type: 'TextPositionSelector', start, end },
        ],
      },
    };
    const result = importW3C(annotation, { articles: [{ path: 'story.md', text: ARTICLE }], now: NOW, newId: ids() });
    const [claim] = result.imported[0]!.claims;
    assert.equal(claim!.id, '42');
    assert.equal(claim!.position.start, second, 'the code point position chose the second occurrence');
    assert.equal(claim!.status, 'refuted');
    assert.equal(claim!.note, 'Only one investment of $4 billion.');
    assert.deepEqual(claim!.citations, [
      { id: 'gen1', url: 'https://example.org/filing', title: 'The filing' },
      { id: 'gen2', doi: '10.1000/182' },
    ]);
    assert.equal(claim!.updated, '2024-11-09T08:00:00Z');
  });

  it('reads arrays, single annotations, collections, pages and API results', () => {
    const a = { id: 'x' };
    assert.deepEqual(annotationsIn([a]), [a]);
    assert.deepEqual(annotationsIn(a), [a]);
    assert.deepEqual(annotationsIn({ type: 'AnnotationCollection', first: { type: 'AnnotationPage', items: [a] } }), [a]);
    assert.deepEqual(annotationsIn({ type: 'AnnotationPage', items: [a] }), [a]);
    assert.deepEqual(annotationsIn({ rows: [a] }), [a]);
    assert.deepEqual(annotationsIn('nonsense'), []);
  });

  it('adds imported claims once: the same ids are left as they are the second time', () => {
    const { sidecar } = exported();
    const claims: Claim[] = [];
    assert.equal(addImportedClaims(claims, sidecar.claims).added.length, 3);
    const again = addImportedClaims(claims, sidecar.claims);
    assert.equal(again.added.length, 0);
    assert.equal(again.existing.length, 3);
    assert.equal(claims.length, 3);
  });
});

describe('W3C conflict notes as linking annotations', () => {
  const STORY = 'Amazon made its initial $4 billion investment in March.\n';
  const OTHER = 'The initial investment was $1.25 billion in September 2023.\n';
  function pair(): W3CArticleClaims[] {
    const note = (other: string, claim: string, thisValue: string, otherValue: string) => ({
      id: 'k1',
      other: { article: other, claim },
      kind: 'amount' as const,
      thisValue,
      otherValue,
      note: 'Which deal was the initial one?',
      state: 'open' as const,
      resolution: '',
    });
    const story: Sidecar = {
      version: 1,
      article: 'story.md',
      claims: [claimAt(STORY, 'a1', 'initial $4 billion investment', 0, { conflicts: [note('../wire/other.md', 'b1', '$4 billion', '$1.25 billion')] })],
    };
    const other: Sidecar = {
      version: 1,
      article: 'other.md',
      claims: [claimAt(OTHER, 'b1', 'initial investment was $1.25 billion', 0, { conflicts: [note('../news/story.md', 'a1', '$1.25 billion', '$4 billion')] })],
    };
    return [
      { article: 'news/story.md', sidecar: story, text: STORY, source: 'file:///w/news/story.md' },
      { article: 'wire/other.md', sidecar: other, text: OTHER, source: 'file:///w/wire/other.md' },
    ];
  }
  const articles = [
    { path: 'news/story.md', text: STORY },
    { path: 'wire/other.md', text: OTHER },
  ];

  it('exports one linking annotation per note kept on both claims, targeting both claims, with the note as body', () => {
    const links = exportW3CLinks(pair());
    assert.equal(links.length, 1);
    const [link] = links;
    assert.equal(link!.motivation, 'linking');
    assert.deepEqual(link!.target, ['urn:claim-annotator:claim:a1', 'urn:claim-annotator:claim:b1']);
    assert.deepEqual(link!.body[0], { type: 'TextualBody', purpose: 'commenting', value: 'Which deal was the initial one?', format: 'text/plain' });
    assert.match(String(link!.body[1]!.value), /open amount conflict with \.\.\/wire\/other\.md/);
    const json = JSON.parse(exportW3CJson(pair())) as { id: string }[];
    assert.deepEqual(
      json.map((a) => a.id),
      ['urn:claim-annotator:claim:a1', 'urn:claim-annotator:claim:b1', 'urn:claim-annotator:conflict:a1:k1'],
    );
  });

  it('import restores the note on both claims when the claims arrive without it', () => {
    const document = JSON.parse(exportW3CJson(pair())) as Record<string, any>[];
    // As another tool would pass our annotations on: the claims lose our extension, the link keeps its own.
    for (const annotation of document) if (annotation.motivation !== 'linking') delete annotation.claimAnnotator;
    const result = importW3C(document, { articles, now: NOW, newId: ids() });
    assert.deepEqual(result.skipped, []);
    const [story, other] = [result.imported.find((i) => i.article === 'news/story.md')!, result.imported.find((i) => i.article === 'wire/other.md')!];
    assert.deepEqual(story.claims[0]!.conflicts, pair()[0]!.sidecar.claims[0]!.conflicts);
    assert.deepEqual(other.claims[0]!.conflicts, pair()[1]!.sidecar.claims[0]!.conflicts);
  });

  it('leaves notes our own export embedded alone, and reports a link to a claim the import lacks', () => {
    const own = importW3C(JSON.parse(exportW3CJson(pair())), { articles, now: NOW, newId: ids() });
    assert.deepEqual(own.skipped, []);
    assert.equal(
      own.imported.flatMap((i) => i.claims).every((c) => c.conflicts.length === 1),
      true,
    );
    const foreign = [
      ...JSON.parse(exportW3CJson(pair()))
        .filter((a: { id: string }) => a.id.endsWith(':a1'))
        .map((a: Record<string, unknown>) => ({ ...a, claimAnnotator: undefined })),
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'https://tool.example/l/1',
        type: 'Annotation',
        motivation: 'linking',
        bodyValue: 'These disagree',
        target: ['urn:claim-annotator:claim:a1', 'urn:claim-annotator:claim:zz'],
      },
    ];
    const result = importW3C(foreign, { articles, now: NOW, newId: ids() });
    assert.equal(result.skipped.length, 1);
    assert.match(result.skipped[0]!.reason, /links claim zz, which this import does not hold/);
  });

  it('a foreign link between two imported claims becomes an "other" conflict note on both', () => {
    const claimsOnly = JSON.parse(exportW3CJson(pair()))
      .filter((a: { motivation: string }) => a.motivation !== 'linking')
      .map((a: Record<string, any>) => ({ ...a, claimAnnotator: undefined }));
    const link = {
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: 'https://tool.example/l/1',
      type: 'Annotation',
      motivation: 'linking',
      body: { type: 'TextualBody', value: 'These disagree' },
      target: ['urn:claim-annotator:claim:a1', 'urn:claim-annotator:claim:b1'],
    };
    const result = importW3C([...claimsOnly, link], { articles, now: NOW, newId: ids() });
    assert.deepEqual(result.skipped, []);
    const a1 = result.imported.flatMap((i) => i.claims).find((c) => c.id === 'a1')!;
    const b1 = result.imported.flatMap((i) => i.claims).find((c) => c.id === 'b1')!;
    assert.deepEqual(
      [a1.conflicts[0]!.kind, a1.conflicts[0]!.note, a1.conflicts[0]!.other],
      ['other', 'These disagree', { article: '../wire/other.md', claim: 'b1' }],
    );
    assert.deepEqual(b1.conflicts[0]!.other, { article: '../news/story.md', claim: 'a1' });
    assert.equal(a1.conflicts[0]!.id, b1.conflicts[0]!.id);
  });
});
