import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  articleFacts,
  claimReviewFor,
  claimReviewJson,
  exportClaimReviews,
  formatIncomplete,
  importClaimReviews,
  jsonLdScripts,
  reviewDefaults,
} from '../../src/core/interchange/claimReview';
import { appendToArchive, factCheckLine, parseFactCheckArchive } from '../../src/core/factChecks/factCheckArchive';
import type { Sidecar } from '../../src/core/sidecar/schema';
import { SCALE_PRESETS, verdictFor } from '../../src/core/sidecar/verdictScale';
import { claimInText } from './support/builders';
import { claimReviewValidator } from './support/claimReviewSchema';

const FIXTURES = path.resolve(__dirname, '../fixtures/claimreview');
const ARTICLE = [
  '---',
  'title: Amazon and Anthropic',
  'author: Example Daily',
  'date: 2024-11-07',
  'url: https://news.example/amazon-anthropic',
  '---',
  '',
  'Amazon made its initial $4 billion investment in Anthropic in March.',
  'A second deal could follow.',
  '',
].join('\n');

const six = SCALE_PRESETS['six-level']!;

function sidecar(): Sidecar {
  return {
    version: 1,
    article: 'story.md',
    claims: [
      claimInText(ARTICLE, 'c1', 'initial $4 billion investment in Anthropic in March', {
        status: 'refuted',
        verdict: verdictFor(six, six.labels[3]!),
        review: {
          claimReviewed: 'Amazon’s initial investment in Anthropic was $4 billion',
          claimant: 'Example Daily',
          claimDate: '2024-11-07',
          appearances: ['https://news.example/amazon-anthropic'],
          reviewer: 'Claims Desk',
          reviewDate: '2024-11-08',
          explanation: 'The first tranche was $1.25 billion in September 2023.',
          url: 'https://factcheck.example/amazon-anthropic',
        },
      }),
      // Reviewed (it has a status) but nothing else: must be reported, not exported.
      claimInText(ARTICLE, 'c2', 'A second deal could follow.', { status: 'disputed', review: { url: 'javascript:alert(1)' } }),
    ],
  };
}

describe('ClaimReview export', () => {
  const validate = claimReviewValidator();

  it("writes one ClaimReview per complete reviewed claim, valid against Google's requirements", () => {
    const result = exportClaimReviews([{ article: 'story.md', sidecar: sidecar(), text: ARTICLE }], six);
    assert.equal(result.records.length, 1);
    const record = result.records[0]!;
    assert.deepEqual(validate(record), []);
    assert.deepEqual(record.reviewRating, {
      '@type': 'Rating',
      ratingValue: 3,
      bestRating: 6,
      worstRating: 1,
      alternateName: 'Mostly False',
      ratingExplanation: 'The first tranche was $1.25 billion in September 2023.',
    });
    assert.deepEqual(record.itemReviewed, {
      '@type': 'Claim',
      author: { '@type': 'Person', name: 'Example Daily' },
      datePublished: '2024-11-07',
      appearance: [{ '@type': 'CreativeWork', url: 'https://news.example/amazon-anthropic' }],
      firstAppearance: { '@type': 'CreativeWork', url: 'https://news.example/amazon-anthropic' },
    });
    assert.equal(record.author.name, 'Claims Desk');
    assert.equal(record.datePublished, '2024-11-08');
  });

  it('lists what each incomplete claim lacks, with its place, and does not export it', () => {
    const result = exportClaimReviews([{ article: 'story.md', sidecar: sidecar(), text: ARTICLE }], six);
    assert.equal(result.incomplete.length, 1);
    const line = formatIncomplete(result.incomplete[0]!);
    assert.match(line, /^story\.md:9:1: claim c2 cannot be published/);
    assert.match(line, /review\.claimReviewed/);
    assert.match(line, /review\.url \("javascript:alert\(1\)" is not an http\(s\) address\)/);
    assert.match(line, /review\.reviewer/);
    assert.match(line, /review\.reviewDate/);
    assert.doesNotMatch(line, /verdict/, 'the status maps onto the scale, so the verdict is there');
  });

  it('maps a status onto the scale when the claim has no verdict of its own; unverified claims are not reviewed', () => {
    const base = sidecar().claims[0]!;
    const { verdict: _v, ...withoutVerdict } = base;
    const built = claimReviewFor({ ...withoutVerdict, status: 'disputed' }, SCALE_PRESETS['true-misleading-false']!);
    assert.ok('record' in built);
    assert.equal(built.record.reviewRating.alternateName, 'Misleading');
    assert.equal(built.record.reviewRating.ratingValue, 2);
    const unverified = claimReviewFor({ ...withoutVerdict, status: 'unverified' }, six);
    assert.ok('missing' in unverified);
    assert.deepEqual(unverified.missing, ['verdict (set one with "Set Claim Status")']);
    const plain = exportClaimReviews(
      [{ article: 'a.md', sidecar: { version: 1, article: 'a.md', claims: [{ ...withoutVerdict, status: 'unverified', review: undefined }] } }],
      six,
    );
    assert.deepEqual([plain.records.length, plain.incomplete.length, plain.unreviewed], [0, 0, 1]);
  });

  it('writes text that cannot end the script block it is pasted into, and reads back the same', () => {
    const hostile = sidecar();
    hostile.claims[0]!.review!.claimReviewed = 'A claim </script><script>alert(1)</script>';
    const records = exportClaimReviews([{ article: 'story.md', sidecar: hostile, text: ARTICLE }], six).records;
    const text = claimReviewJson(records);
    assert.doesNotMatch(text, /</);
    assert.deepEqual(JSON.parse(text), records);
  });

  it('the schema fixture rejects what Google requires (it can fail)', () => {
    const good = exportClaimReviews([{ article: 'story.md', sidecar: sidecar(), text: ARTICLE }], six).records[0]!;
    for (const broken of [
      { ...good, claimReviewed: '' },
      { ...good, url: 'not a url' },
      { ...good, reviewRating: { ...good.reviewRating, alternateName: undefined } },
      { ...good, author: { '@type': 'Organization' } },
      { ...good, reviewRating: { ...good.reviewRating, ratingValue: 9 } },
    ]) {
      assert.notDeepEqual(validate(JSON.parse(JSON.stringify(broken))), [], JSON.stringify(broken).slice(0, 80));
    }
  });

  it("prefills review fields from the quote and the article's front matter", () => {
    const claim = claimInText(ARTICLE, 'c1', 'initial $4 billion investment in Anthropic in March');
    assert.deepEqual(articleFacts(ARTICLE), { date: '2024-11-07', url: 'https://news.example/amazon-anthropic', author: 'Example Daily' });
    assert.deepEqual(reviewDefaults(claim, ARTICLE, '2024-11-09'), {
      claimReviewed: 'initial $4 billion investment in Anthropic in March',
      claimant: 'Example Daily',
      claimDate: '2024-11-07',
      appearances: ['https://news.example/amazon-anthropic'],
      reviewer: undefined,
      reviewDate: '2024-11-09',
      explanation: undefined,
      url: undefined,
    });
    const cited = claimInText('Plain text.\n', 'c2', 'Plain text.', {
      citations: [{ id: 'k1', url: 'https://gov.example/speech', title: 'Speech', author: 'A. Minister', issued: '2024-10' }],
    });
    const fromCitation = reviewDefaults(cited, 'Plain text.\n', '2024-11-09');
    assert.equal(fromCitation.claimant, 'A. Minister');
    assert.deepEqual(fromCitation.appearances, ['https://gov.example/speech']);
    assert.equal(fromCitation.claimDate, '2024-10');
  });
});

describe('ClaimReview import and the fact-check archive', () => {
  it("reads a published page's JSON-LD (AFP) into an archive record", () => {
    const html = fs.readFileSync(path.join(FIXTURES, 'afp-whipped-cream.html'), 'utf8');
    assert.equal(jsonLdScripts(html).length, 2);
    const { records, skipped } = importClaimReviews(html, 'afp.html');
    assert.deepEqual(skipped, []);
    assert.equal(records.length, 1);
    const { id, ...fields } = records[0]!;
    assert.match(id, /^fc-[0-9a-f]{16}$/);
    assert.deepEqual(fields, {
      claim: 'Whipped cream was banned in South Korean cafes in January 2021',
      speaker: 'multiple sources',
      date: '2020-12-30',
      verdict: 'FALSE',
      url: 'https://factcheck.afp.com/korean-social-media-posts-falsely-claim-whipped-cream-was-banned-south-korean-cafes-january-2021',
      headline: 'Korean social media posts falsely claim that whipped cream was banned in South Korean cafes in January 2021',
      publisher: 'Fact Check',
    });
  });

  it('reads a Fact Check Tools API response, one record per review', () => {
    const { records } = importClaimReviews(fs.readFileSync(path.join(FIXTURES, 'factcheck-tools-api.json'), 'utf8'), 'api.json');
    assert.equal(records.length, 4);
    assert.deepEqual(
      records.map((r) => [r.publisher, r.verdict, r.speaker ?? null, r.date ?? null]),
      [
        ['USA Today', 'False', 'Social media', '2024-09-09'],
        ['Snopes', 'Unfounded', null, null],
        ['PolitiFact', 'True', 'Kamala Harris', '2024-09-10'],
        ['FactCheck.org', 'False', 'Kamala Harris', '2024-09-10'],
      ],
    );
  });

  it('round-trips our own export: the fields the archive keeps come back', () => {
    const exported = exportClaimReviews([{ article: 'story.md', sidecar: sidecar(), text: ARTICLE }], six).records;
    const { records } = importClaimReviews(JSON.stringify(exported), 'ours.json');
    assert.equal(records.length, 1);
    const r = records[0]!;
    assert.deepEqual(
      [r.claim, r.speaker, r.date, r.verdict, r.url, r.publisher],
      [
        'Amazon’s initial investment in Anthropic was $4 billion',
        'Example Daily',
        '2024-11-07',
        'Mostly False',
        'https://factcheck.example/amazon-anthropic',
        'Claims Desk',
      ],
    );
  });

  it('refuses input that is neither JSON nor a page with JSON-LD, naming the file', () => {
    assert.throws(() => importClaimReviews('<html><body>no markup</body></html>', 'page.html'), /page\.html: neither JSON nor an HTML page/);
    assert.throws(() => importClaimReviews('{"claims": [', 'api.json'), /api\.json: not valid JSON/);
    const noText = importClaimReviews('{"@type":"ClaimReview","url":"https://x.example/"}', 'x.json');
    assert.deepEqual(noText.skipped, [{ where: 'x.json', reason: 'no claimReviewed' }]);
  });

  it('parses archives line by line, reporting bad lines with their number', () => {
    const text = [
      '{"id":"a","claim":"One"}',
      '',
      '{"id":"b"}',
      'not json',
      '{"id":"a","claim":"Again"}',
      '{"id":"c","claim":"Three","date":"2024-9-1"}',
      '',
    ].join('\n');
    const parsed = parseFactCheckArchive(text);
    assert.deepEqual(
      parsed.entries.map((r) => r.id),
      ['a'],
    );
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [3, 4, 5, 6],
    );
    assert.match(parsed.problems[0]!.message, /"claim" must be a non-empty string/);
    assert.match(parsed.problems[2]!.message, /already used on line 1/);
    assert.match(parsed.problems[3]!.message, /"date" must be a date/);
  });

  it('appends only new records, in the fixed key order, and refuses to append to a broken archive', () => {
    const first = appendToArchive('', [{ id: 'x', claim: 'C', verdict: 'False', speaker: 'S' }], 'fc.jsonl');
    assert.equal(first.text, '{"id":"x","claim":"C","speaker":"S","verdict":"False"}\n');
    const again = appendToArchive(
      first.text,
      [
        { id: 'x', claim: 'C' },
        { id: 'y', claim: 'D' },
      ],
      'fc.jsonl',
    );
    assert.deepEqual([again.added.map((r) => r.id), again.existing], [['y'], 1]);
    assert.equal(appendToArchive('{"id":"x","claim":"C"}', [{ id: 'y', claim: 'D' }], 'fc.jsonl').text, '\n{"id":"y","claim":"D"}\n');
    assert.throws(() => appendToArchive('{"id":"x"}\n', [{ id: 'y', claim: 'D' }], 'fc.jsonl'), /fc\.jsonl:1: "claim" must be a non-empty string/);
    assert.equal(factCheckLine({ publisher: 'P', id: 'z', claim: 'E', extra: 1 } as never), '{"id":"z","claim":"E","publisher":"P","extra":1}');
  });
});
