import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  candidateBudget,
  claimTypeOf,
  DEFAULT_SPOT_SHARE,
  describeReason,
  lineAround,
  MAX_CANDIDATES_PER_ARTICLE,
  rankedCandidates,
  scoreSentence,
  spotClaims,
  spotThreshold,
  Spotter,
  type SpotterModel,
} from '../../src/core/spotting/spotter';
import { extractFeatures, FeatureBuffer, sentenceCues } from '../../src/core/spotting/spotterFeatures';
import fc from 'fast-check';
import { readArticle, SAMPLE_ARTICLES } from './spottingFixtures';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const modelPath = path.join(repoRoot, 'src/core/spotting/spotterModel.json');
const reportPath = path.join(repoRoot, 'scripts/spotter-report.json');
const dataDir = process.env.CHECKWORTHY_DIR ?? path.join(repoRoot, 'data/checkworthy');

describe('spotter: scoring', () => {
  it('scores lie in 0..1 and the threshold comes from the shipped model', () => {
    const threshold = spotThreshold();
    assert.ok(threshold > 0 && threshold < 1);
    for (const sentence of ['', 'Hello.', 'Amazon made its initial $1.25 billion investment in Anthropic in September 2023.']) {
      const { score } = scoreSentence(sentence);
      assert.ok(score >= 0 && score <= 1, `${score} for ${JSON.stringify(sentence)}`);
    }
  });

  it('factual statements with figures score above the threshold; pleasantries and opinions below', () => {
    const threshold = spotThreshold();
    const worthy = [
      'Amazon made its initial $1.25 billion investment in Anthropic in September 2023 and then upped it to $4 billion in March.',
      'Unemployment fell to 3.5 percent last year, the lowest rate in 50 years.',
      'We have lost 700,000 manufacturing jobs since 2008.',
      'The report said Amazon is pushing for Anthropic to use its own chips.',
    ];
    const unworthy = ['Thank you very much.', 'I think we need to do better.', 'Let’s stay in touch.', 'What do you think?'];
    for (const sentence of worthy) {
      assert.ok(scoreSentence(sentence).score >= threshold, `expected check-worthy: ${sentence} (${scoreSentence(sentence).score})`);
    }
    for (const sentence of unworthy) {
      assert.ok(scoreSentence(sentence).score < threshold, `expected not check-worthy: ${sentence} (${scoreSentence(sentence).score})`);
    }
  });

  it('reports the lexical cues behind a score', () => {
    assert.deepEqual(scoreSentence('Amazon said it invested $4 billion in March, more than before.').cues, [
      'money',
      'number',
      'date',
      'comparison',
      'attribution',
    ]);
    assert.deepEqual(scoreSentence('Growth was 3%.').cues, ['percent', 'number']);
    assert.deepEqual(scoreSentence('Hello there.').cues, []);
    assert.ok(sentenceCues('According to the report, it grew.').includes('attribution'));
  });

  it('feature extraction is deterministic and unaffected by case, digits and curly quotes where intended', () => {
    const config = (JSON.parse(fs.readFileSync(modelPath, 'utf8')) as SpotterModel).features;
    const features = (text: string) => {
      const buffer = new FeatureBuffer(4);
      extractFeatures(text, config, buffer);
      return Array.from(buffer.indices.slice(0, buffer.length)).sort((a, b) => a - b);
    };
    assert.deepEqual(features('It cost $4 billion.'), features('It cost $4 billion.'));
    assert.deepEqual(features('It cost $4 billion.'), features('It cost $7 billion.'));
    assert.deepEqual(features('Amazon’s deal'), features("Amazon's deal"));
    assert.notDeepEqual(features('It cost $4 billion.'), features('It cost 4 billion.'));
  });
});

describe('spotter: spotClaims', () => {
  it('returns sentence spans with scores and verdicts, offsets into the text', () => {
    for (const name of SAMPLE_ARTICLES) {
      const text = readArticle(name);
      const spotted = spotClaims(text);
      assert.ok(spotted.length > 10);
      for (const s of spotted) {
        assert.equal(text.slice(s.start, s.end), s.text);
        assert.equal(s.checkWorthy, s.score >= spotThreshold());
      }
    }
  });

  it('spots the sample’s figures and dates as check-worthy and leaves the newsletter footer alone', () => {
    const spotted = [...spotClaims(readArticle('amazon-anthropic-pymnts.txt')), ...spotClaims(readArticle('amazon-anthropic-maginative.txt'))];
    const verdict = (start: string) => spotted.find((s) => s.text.startsWith(start))?.checkWorthy;
    assert.equal(verdict('Amazon made its initial $1.25 billion investment'), true);
    assert.equal(verdict('Amazon is reportedly in talks to make a second'), true);
    assert.equal(verdict('Amazon previously committed up to $4 billion'), true);
    assert.equal(verdict('Let’s stay in touch.'), false);
    assert.equal(verdict('Subscribe'), false);
  });

  it('honours a threshold option', () => {
    const text = readArticle('amazon-anthropic-pymnts.txt');
    assert.ok(spotClaims(text, { threshold: 0 }).every((s) => s.checkWorthy));
    assert.ok(spotClaims(text, { threshold: 1.01 }).every((s) => !s.checkWorthy));
  });

  it('spots nothing in code, front matter or empty text', () => {
    assert.deepEqual(spotClaims(''), []);
    assert.deepEqual(spotClaims('---\ntitle: Revenue rose 40% in 2023.\n---\n```\nrevenue = 4e9 # $4 billion in 2023\n```\n'), []);
  });
});

describe('spotter: claim types', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['The program covers 23 million Americans.', 'statistic', /^23 million Americans$/],
    ['Unemployment fell to 3.5 percent.', 'statistic', /3\.5 percent/],
    ['The deal was worth $1.25 billion.', 'statistic', /\$1\.25 billion/],
    ['Crime is higher than it was under the last mayor.', 'comparison', /^higher than/],
    ['It was the deadliest attack in a decade.', 'comparison', /deadliest/],
    ['The flooding was caused by the broken dam.', 'cause', /^caused by/],
    ['The new law requires a permit for every rally.', 'rule', /law/],
    ['Prices will rise sharply next year.', 'prediction', /^will rise/],
    ['According to the police, the man fled on foot.', 'quote', /^According to the police/],
    ['Senator Smith said the vote was rigged.', 'quote', /Smith said/],
    ['The team met on Tuesday.', 'date', /Tuesday/],
    ['It happened in March 2019.', 'date', /March 2019/],
    ['I love this town.', 'other', /^$/],
  ];
  for (const [sentence, type, evidence] of cases) {
    it(`${type}: ${sentence}`, () => {
      const found = claimTypeOf(sentence);
      assert.equal(found?.type ?? 'other', type);
      assert.match(found?.evidence ?? '', evidence);
    });
  }

  it('prefers a figure over a date, and does not read a day of the month as a statistic', () => {
    assert.equal(claimTypeOf('On March 3, 2020, 42 people died.')?.type, 'statistic');
    assert.equal(claimTypeOf('The rally was held on June 8, and it rained.')?.type, 'date');
  });

  it('says why in plain words', () => {
    assert.equal(describeReason('statistic', '23 million Americans'), 'a statistic: 23 million Americans');
    assert.equal(describeReason('other', ''), 'a factual statement');
  });
});

describe('spotter: the budget and the roles of sentences', () => {
  it("tells a sentence on a line of its own (or under a heading's #s) by looking outward, as slicing its line did (fast-check)", () => {
    // The definition lineAround replaced: slice the sentence's whole line and trim. Quadratic on a long line, but
    // the meaning to keep.
    const bySlicing = (text: string, start: number, end: number) => {
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      let lineEnd = text.indexOf('\n', end);
      if (lineEnd < 0) lineEnd = text.length;
      const ownLine = text.slice(lineStart, start).trim().replace(/^#+$/, '') === '' && text.slice(end, lineEnd).trim() === '';
      return { ownLine, heading: ownLine && text.slice(lineStart, start).trim().startsWith('#') };
    };
    const piece = fc.constantFrom('\n', '\r\n', ' ', '\t', '\u00a0', '\u2028', '\ufeff', '#', '##', 'a', 'It rose.', '.', '# x');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.nat(), fc.nat(), (pieces, a, b) => {
        const text = pieces.join('');
        const start = text.length === 0 ? 0 : a % (text.length + 1);
        const end = start + (b % (text.length - start + 1));
        assert.deepEqual(lineAround(text, start, end), bySlicing(text, start, end), JSON.stringify([text, start, end]));
      }),
      { numRuns: 5000 },
    );
    for (const name of SAMPLE_ARTICLES) {
      const text = readArticle(name);
      for (const s of spotClaims(text)) assert.deepEqual(lineAround(text, s.start, s.end), bySlicing(text, s.start, s.end), `${name} ${s.start}`);
    }
  });

  it('allows at most the share of sentences, at least one, never more than the fixed count', () => {
    assert.equal(candidateBudget(0), 0);
    assert.equal(candidateBudget(3), 1);
    assert.equal(candidateBudget(20), 5);
    assert.equal(candidateBudget(20, 0.5), 10);
    assert.equal(candidateBudget(20, 0), 0);
    assert.equal(candidateBudget(1000), MAX_CANDIDATES_PER_ARTICLE);
  });

  it('shows only the top-scoring check-worthy sentences, within the budget, and ranks them by score', () => {
    for (const name of SAMPLE_ARTICLES) {
      const text = readArticle(name);
      const all = spotClaims(text);
      const shown = all.filter((s) => s.shown);
      assert.ok(shown.length > 0);
      assert.ok(shown.length <= candidateBudget(all.length), `${shown.length} of ${all.length} in ${name}`);
      assert.ok(shown.every((s) => s.checkWorthy));
      const lowestShown = Math.min(...shown.map((s) => s.score));
      const passedOver = all.filter((s) => !s.shown && s.checkWorthy && s.role === 'body');
      if (shown.length === candidateBudget(all.length)) {
        assert.ok(
          passedOver.every((s) => s.score <= lowestShown),
          'no body sentence above the budget line is left out',
        );
      }
      const ranked = rankedCandidates(text);
      assert.deepEqual(
        ranked.map((s) => s.start).sort((a, b) => a - b),
        shown.map((s) => s.start),
      );
      for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].score >= ranked[i].score);
    }
  });

  it('a larger share shows more, a smaller one fewer, and the default is a quarter', () => {
    const text = readArticle('amazon-anthropic-maginative.txt');
    const count = (share?: number) => rankedCandidates(text, { share }).length;
    assert.equal(DEFAULT_SPOT_SHARE, 0.25);
    assert.ok(count(0.1) < count(), `${count(0.1)} < ${count()}`);
    assert.ok(count(0.5) > count(), `${count(0.5)} > ${count()}`);
    assert.equal(count(0), 0);
  });

  it('leaves out headlines, datelines, bylines and opinion quotes unless they carry a checkable fact', () => {
    const text = [
      'http://www. example. com/2013/may/03/news',
      '',
      'Mayor unveils plan for the city',
      '',
      'May 03, 2013',
      '',
      'By Jane Doe and John Roe',
      '',
      'Quake kills 42 in the north',
      '',
      'The city spent $4.2 million on the new bridge, 30 percent more than planned in 2011.',
      '',
      "`` This is a disgrace and a tragedy for all of us, '' the mayor said.",
      '',
      '"We have lost 700 jobs since March," the mayor said.',
      '',
    ].join('\n');
    const all = spotClaims(text, { threshold: 0, share: 1 });
    const role = (start: string) => all.find((s) => s.text.startsWith(start));
    assert.equal(role('http')?.role, 'dateline');
    assert.equal(role('Mayor unveils')?.role, 'headline');
    assert.equal(role('May 03')?.role, 'dateline');
    assert.equal(role('By Jane')?.role, 'byline');
    assert.equal(role('Quake kills')?.role, 'headline');
    assert.equal(role('The city spent')?.role, 'body');
    assert.equal(role('`` This is')?.role, 'opinionQuote');
    assert.equal(role('"We have lost')?.role, 'body', 'a quote holding a figure is checkable');
    const shown = all.filter((s) => s.shown).map((s) => s.text.slice(0, 12));
    assert.deepEqual(shown.sort(), ['"We have los', 'Quake kills ', 'The city spe']);
  });

  it('treats Markdown headings as headlines, and a sentence ending in a full stop on its own line as prose', () => {
    const text = '# Budget talks resume\n\nThe council met again on Monday.\n\n## Unemployment rose 2 percent\n';
    const all = spotClaims(text, { threshold: 0, share: 1 });
    assert.deepEqual(
      all.map((s) => [s.text, s.role]),
      [
        ['Budget talks resume', 'headline'],
        ['The council met again on Monday.', 'body'],
        ['Unemployment rose 2 percent', 'headline'],
      ],
    );
    assert.deepEqual(
      all
        .filter((s) => s.shown)
        .map((s) => s.text)
        .sort(),
      ['The council met again on Monday.', 'Unemployment rose 2 percent'],
    );
  });

  it('gives the budget to sentences not yet handled: a claimed or dismissed sentence makes room for the next', () => {
    const text = readArticle('amazon-anthropic-pymnts.txt');
    const before = rankedCandidates(text);
    const top = before[0];
    const after = rankedCandidates(text, { isHandled: (s) => s.start === top.start });
    assert.equal(after.length, before.length, 'the same budget');
    assert.ok(!after.some((s) => s.start === top.start));
    assert.deepEqual(
      after.slice(0, before.length - 1).map((s) => s.start),
      before.slice(1).map((s) => s.start),
    );
  });

  it('shows nothing when no sentence reaches the threshold, whatever the share', () => {
    assert.deepEqual(rankedCandidates(readArticle('amazon-anthropic-pymnts.txt'), { threshold: 1.01, share: 1 }), []);
  });
});

describe('spotter: the shipped model', () => {
  it('fits in 2 MB and decodes to the declared size', () => {
    assert.ok(fs.statSync(modelPath).size <= 2 * 1024 * 1024);
    const model = JSON.parse(fs.readFileSync(modelPath, 'utf8')) as SpotterModel;
    assert.equal(model.version, 1);
    const spotter = new Spotter(model);
    assert.equal(spotter.threshold, model.threshold);
    assert.throws(() => new Spotter({ ...model, weights: model.weights.slice(0, 100) }), /expected \d+ weights/);
  });

  it('reproduces the dev and dev-test figures in scripts/spotter-report.json', function () {
    if (!fs.existsSync(dataDir)) this.skip();
    const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
    const read = (file: string) =>
      Array.from(fs.readFileSync(path.join(dataDir, file), 'utf8').matchAll(/(\d+)\t("(?:[^"]|"")*"|[^\t\n]*)\t(Yes|No)/g), (m) => ({
        text: m[2].startsWith('"') && m[2].endsWith('"') ? m[2].slice(1, -1).replace(/""/g, '"') : m[2],
        yes: m[3] === 'Yes',
      }));
    const f1 = (rows: Array<{ text: string; yes: boolean }>) => {
      let tp = 0,
        fp = 0,
        fn = 0;
      for (const row of rows) {
        const predicted = scoreSentence(row.text).score >= spotThreshold();
        if (predicted && row.yes) tp++;
        else if (predicted) fp++;
        else if (row.yes) fn++;
      }
      return (2 * tp) / (2 * tp + fp + fn);
    };
    assert.ok(Math.abs(f1(read('CT24_checkworthy_english_dev.tsv')) - report.shippedModel.dev.f1) < 0.002);
    assert.ok(Math.abs(f1(read('CT24_checkworthy_english_dev-test.tsv')) - report.shippedModel.devTest.f1) < 0.002);
    assert.ok(report.shippedModel.devTest.f1 > report.naiveBayes.devTest.f1);
    assert.ok(report.shippedModel.devTest.f1 > report.lexicalCueBaseline.devTest.f1);
  });
});
