import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Bm25Index } from '../../src/core/factChecks/bm25';
import { describeArchiveProblems, describeSource, parseFactCheckArchive } from '../../src/core/factChecks/factCheckArchive';
import { analyze, entitiesIn, FactCheckIndex, numbersIn, speakerNamedIn } from '../../src/core/factChecks/factCheckMatcher';

const FIXTURES = path.resolve(__dirname, '../fixtures/fact-checks');
const politifact = fs.readFileSync(path.join(FIXTURES, 'politifact-sample.jsonl'), 'utf8');
const sentences = fs
  .readFileSync(path.join(FIXTURES, 'sentences.tsv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => {
    const [id, relevant, text] = line.split('\t');
    return { id: id!, relevant: relevant!, text: text! };
  });

describe('fact-check archive', () => {
  it('reads PolitiFact lines, mapping vclaim_id, vclaim, truth_label, the stated date, the URL and the title', () => {
    const { entries, problems } = parseFactCheckArchive(politifact);
    assert.deepEqual(problems, []);
    assert.equal(entries.length, 38);
    const romney = entries.find((e) => e.id === 'vclaim-pol-10105');
    assert.deepEqual(romney, {
      id: 'vclaim-pol-10105',
      claim: 'Says Mitt Romney was clear that he "would not provide government assistance to the U.S. auto companies, even if they went through bankruptcy."',
      publisher: 'PolitiFact',
      speaker: 'Barack Obama',
      verdict: 'barely true',
      url: 'https://www.politifact.com/factchecks/2012/oct/23/barack-obama/obama-says-romney-opposed-any-government-help-resc/',
      date: '2012-10-22',
      headline: 'Obama says Romney opposed any government help to rescue carmakers',
    });
    assert.equal(describeSource(romney!), 'PolitiFact, 2012');
  });

  it('reads the workspace format and reports bad lines by number, keeping the good ones', () => {
    const text = [
      '{"id":"a1","claim":"Unemployment fell to 3.5 percent.","verdict":"true","date":"2019-10-04","url":"https://example.org/a1"}',
      '',
      '{"id":"a2","claim":"x",',
      '[1,2]',
      '{"id":"a3"}',
      '{"id":"a1","claim":"again"}',
      '{"id":"a4","claim":"Crime doubled.","date":"last year"}',
      '{"id":"a5","claim":"Crime doubled.","speaker":7}',
      '{"id":"a6","claim":"Taxes rose.","headline":"","publisher":"Desk"}\r',
    ].join('\n');
    const { entries, problems } = parseFactCheckArchive(text);
    assert.deepEqual(
      entries.map((e) => e.id),
      ['a1', 'a6'],
    );
    assert.deepEqual(entries[1], { id: 'a6', claim: 'Taxes rose.', publisher: 'Desk' });
    assert.deepEqual(
      problems.map((p) => p.line),
      [3, 4, 5, 6, 7, 8],
    );
    assert.match(problems[0]!.message, /not valid JSON/);
    assert.match(problems[1]!.message, /JSON object/);
    assert.match(problems[2]!.message, /"claim" must be a non-empty string/);
    assert.match(problems[3]!.message, /already used on line 1/);
    assert.match(problems[4]!.message, /"date" must be a date/);
    assert.match(problems[5]!.message, /"speaker" must be a string/);
    assert.deepEqual(describeArchiveProblems('fc.jsonl', problems.slice(0, 1)), [`fc.jsonl:3: ${problems[0]!.message}`]);
  });

  it('lists at most 50 problems and counts the rest', () => {
    const { problems } = parseFactCheckArchive('nope\n'.repeat(60));
    assert.equal(problems.length, 60);
    const lines = describeArchiveProblems('f', problems);
    assert.equal(lines.length, 51);
    assert.match(lines[50]!, /10 more bad lines/);
  });
});

describe('fact-check matching', () => {
  const index = FactCheckIndex.build(parseFactCheckArchive(politifact).entries, { baseline: true });

  it('analyses text into stemmed content terms, numbers and entities', () => {
    assert.deepEqual(analyze('The taxes were raised by $4,300 in 2012'), ['tax', 'rais', '4300', '2012']);
    assert.deepEqual([...numbersIn('now down $4,300, 23 million Americans, 10%')], [4300, 23_000_000, 10]);
    assert.deepEqual([...entitiesIn('Yesterday Mitt Romney said the EU and NATO were wrong.')].sort(), ['eu', 'mitt', 'nato', 'romnei']);
  });

  it('ranks the fact-check that checked a debate sentence first, for most of the fixture sentences', () => {
    let first = 0;
    for (const sentence of sentences) if (index.match(sentence.text, { top: 1 })[0]?.entry.id === sentence.relevant) first++;
    // 38 entries, 12 sentences: the relevant check is on top for nearly all (the fixture is easy; bench measures quality).
    assert.ok(first >= 10, `${first} of ${sentences.length} first`);
    const [best] = index.match(sentences[0]!.text);
    assert.equal(best!.entry.id, 'vclaim-pol-10105');
    assert.ok(best!.score > 0);
  });

  it('uses the speaker and the date when given, and honours top and minScore', () => {
    const text = 'Veterans unemployment is now lower than the general population.';
    const plain = index.match(text, { top: 3 });
    assert.ok(plain.length > 0 && plain.length <= 3);
    const withContext = index.match({ text, speaker: 'Barack Obama', date: '2012-10-22' }, { top: 3 });
    assert.equal(withContext[0]!.entry.id, 'vclaim-pol-10107');
    assert.ok(withContext[0]!.score > plain.find((m) => m.entry.id === 'vclaim-pol-10107')!.score);
    assert.deepEqual(index.match(text, { minScore: 1e9 }), []);
    assert.deepEqual(index.match('the and of'), []);
    const scores = index.match(text, { top: 10 }).map((m) => m.score);
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
    );
  });

  it('finds the speaker an article names around a claim, and none for pronouns and generic subjects', () => {
    assert.equal(speakerNamedIn('Obama said: You were very clear that you would not.'), 'Obama');
    assert.equal(speakerNamedIn('Barack Obama, speaking in Ohio, said the auto industry was saved.'), 'Barack Obama');
    assert.equal(speakerNamedIn('The bailout worked, said Ted Cruz on Monday.'), 'Ted Cruz');
    assert.equal(speakerNamedIn('According to Bernie Sanders, the rich pay less.'), 'Bernie Sanders');
    for (const none of ['He said the bailout worked.', 'The president said taxes rose.', 'Officials said taxes rose.', 'Taxes rose by 4%.']) {
      assert.equal(speakerNamedIn(none), undefined, none);
    }
  });

  it('BM25 scores rarer shared terms higher, prefers shorter documents, and keeps extra documents asked for', () => {
    const bm25 = new Bm25Index([
      [{ terms: ['tax', 'cut', 'rich'], weight: 1 }],
      [{ terms: ['tax', 'cut'], weight: 1 }],
      [{ terms: ['tax', 'wall', 'border', 'mexico', 'pay'], weight: 1 }],
      [{ terms: ['wall'], weight: 1 }],
    ]);
    assert.deepEqual(
      bm25.search(['tax', 'cut'], 2).map((h) => h.doc),
      [1, 0],
    );
    assert.deepEqual(
      bm25.search(['wall'], 1).map((h) => h.doc),
      [3],
    );
    assert.deepEqual(
      bm25.search(['wall'], 1, new Set([2])).map((h) => h.doc),
      [3, 2],
    );
    assert.ok(bm25.idf('rich') > bm25.idf('tax'));
    assert.deepEqual(bm25.search(['absent'], 5), []);
  });
});
