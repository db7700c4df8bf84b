import assert from 'node:assert/strict';
import { findConflicts, type ConflictInput } from '../../src/core/conflicts/conflicts';
import { spotClaims } from '../../src/core/spotting/spotter';
import { readArticle, SAMPLE_ARTICLES } from './spottingFixtures';

const INITIAL_125 = 'Amazon made its initial $1.25 billion investment in Anthropic in September 2023 and then upped it to $4 billion in March.';

function spottedClaims(options: { all?: boolean; articleDate?: string } = {}): ConflictInput[] {
  return SAMPLE_ARTICLES.flatMap((article) =>
    spotClaims(readArticle(article))
      .filter((s) => options.all || s.checkWorthy)
      .map((s, i) => ({ article, id: `s${i}`, text: s.text, articleDate: options.articleDate })),
  );
}

function mentions(suggestion: { a: { value: string }; b: { value: string } }, x: string, y: string): boolean {
  const values = [suggestion.a.value, suggestion.b.value];
  return (values[0].includes(x) && values[1].includes(y)) || (values[0].includes(y) && values[1].includes(x));
}

describe('conflicts: the sample articles', () => {
  for (const variant of [
    { label: 'spotted candidates', options: {} },
    { label: 'every sentence', options: { all: true } },
    { label: 'every sentence, with an article date', options: { all: true, articleDate: '2024-11-08' } },
  ]) {
    describe(variant.label, () => {
      const suggestions = findConflicts(spottedClaims(variant.options));

      it('suggests the initial-deal conflict: $4 billion from March 27 vs $1.25 billion in September 2023', () => {
        const initial = suggestions.filter((s) => mentions(s, '$4 billion', '$1.25 billion'));
        assert.equal(initial.length, 1, JSON.stringify(suggestions, null, 2));
        const [suggestion] = initial;
        assert.equal(suggestion.kind, 'amount');
        assert.ok(mentions(suggestion, 'March 27', 'September 2023'), JSON.stringify(suggestion));
        assert.match(suggestion.explanation, /^Initial investment: /);
        assert.match(suggestion.explanation, /\$4 billion/);
        assert.match(suggestion.explanation, /\$1\.25 billion/);
      });

      it('does not suggest Thursday vs Nov. 7', () => {
        assert.ok(!suggestions.some((s) => /Thursday|Nov\. 7/.test(s.a.value + s.b.value)), JSON.stringify(suggestions, null, 2));
      });

      it('does not suggest a conflict between the two "$4 billion" statements', () => {
        assert.ok(!suggestions.some((s) => /^(?:up to )?\$4 billion/.test(s.a.value) && /^(?:up to )?\$4 billion/.test(s.b.value)));
        assert.ok(!suggestions.some((s) => s.a.value.includes('up to $4 billion') || s.b.value.includes('up to $4 billion')));
      });

      it('stays quiet about everything else in the samples', () => {
        assert.equal(suggestions.length, 1, JSON.stringify(suggestions, null, 2));
      });
    });
  }

  it('suggests the conflict between the two short claims of the design', () => {
    const suggestions = findConflicts([
      { article: 'pymnts.md', id: 'a', text: 'initial $1.25 billion investment in Anthropic in September 2023' },
      { article: 'other.md', id: 'b', text: 'its initial $4 billion deal from March 27' },
    ]);
    assert.equal(suggestions.length, 1);
    assert.equal(suggestions[0].kind, 'amount');
    assert.deepEqual([suggestions[0].a.value, suggestions[0].b.value].sort(), ['$1.25 billion (September 2023)', '$4 billion (March 27)']);
  });
});

describe('conflicts: behaviour', () => {
  const claim = (article: string, id: string, text: string, articleDate?: string): ConflictInput => ({ article, id, text, articleDate });

  it('keys are stable and independent of input order; sides are ordered by article and id', () => {
    const claims = [
      claim('b.md', 'x', 'Amazon made its initial $1.25 billion investment in Anthropic.'),
      claim('a.md', 'y', 'Amazon made its initial $4 billion investment in Anthropic.'),
    ];
    const forward = findConflicts(claims);
    const backward = findConflicts([...claims].reverse());
    assert.equal(forward.length, 1);
    assert.deepEqual(forward, backward);
    assert.equal(forward[0].a.article, 'a.md');
    assert.match(forward[0].key, /^text:[0-9a-f]{14}$/);
  });

  it('flags dates that cannot be the same day, and not those that can', () => {
    const differ = findConflicts([
      claim('a.md', '1', 'Anthropic launched Claude 3 on March 4, 2024, the company said.'),
      claim('b.md', '2', 'Anthropic launched Claude 3 on March 14, 2024.'),
    ]);
    assert.equal(differ.length, 1);
    assert.equal(differ[0].kind, 'date');
    const same = findConflicts([
      claim('a.md', '1', 'Anthropic launched Claude 3 on Monday, the company said.', '2024-03-06'),
      claim('b.md', '2', 'Anthropic launched Claude 3 on March 4, 2024.'),
    ]);
    assert.deepEqual(same, []);
    const coarse = findConflicts([
      claim('a.md', '1', 'Anthropic launched Claude 3 in March 2024.'),
      claim('b.md', '2', 'Anthropic launched Claude 3 on March 4, 2024.'),
    ]);
    assert.deepEqual(coarse, []);
  });

  it('compares percentages and counts as numbers, with units', () => {
    const numbers = findConflicts([
      claim('a.md', '1', 'Acme laid off 2,000 employees at its Ohio plant.'),
      claim('b.md', '2', 'Acme laid off 3,500 employees at its Ohio plant, the union said.'),
    ]);
    assert.equal(numbers.length, 1);
    assert.equal(numbers[0].kind, 'number');
    assert.deepEqual(
      findConflicts([
        claim('a.md', '1', 'Acme laid off 2,000 employees at its Ohio plant.'),
        claim('b.md', '2', 'Acme closed 3,500 stores at its Ohio plant.'),
      ]),
      [],
    );
  });

  it('does not compare values of different roles: a valuation is not an investment', () => {
    assert.deepEqual(
      findConflicts([
        claim('a.md', '1', 'Anthropic seeks funding at a valuation of $40 billion, Amazon said.'),
        claim('b.md', '2', 'Amazon made its initial $4 billion investment in Anthropic.'),
      ]),
      [],
    );
  });

  it('does not pair claims about different parties', () => {
    assert.deepEqual(
      findConflicts([
        claim('a.md', '1', 'Google made an initial $2 billion investment in Anthropic.'),
        claim('b.md', '2', 'Amazon made an initial $4 billion investment in OpenAI.'),
      ]),
      [],
    );
  });

  it('compares within one claim never, within one article on request only', () => {
    assert.deepEqual(findConflicts([claim('a.md', '1', INITIAL_125)]), []);
    const pair = [
      claim('a.md', '1', 'Amazon made its initial $1.25 billion investment in Anthropic.'),
      claim('a.md', '2', 'Amazon made its initial $4 billion investment in Anthropic.'),
    ];
    assert.equal(findConflicts(pair).length, 1);
    assert.equal(findConflicts(pair, { withinArticle: false }).length, 0);
  });

  it('ignores claims without values and copes with no input', () => {
    assert.deepEqual(findConflicts([]), []);
    assert.deepEqual(
      findConflicts([claim('a.md', '1', 'Amazon wants Anthropic to use its chips.'), claim('b.md', '2', 'Amazon wants Anthropic to use its chips.')]),
      [],
    );
  });

  it('agreeing amounts with bounds and rounding stay quiet', () => {
    assert.deepEqual(
      findConflicts([
        claim('a.md', '1', 'Amazon previously committed up to $4 billion in funding to Anthropic.'),
        claim('b.md', '2', 'Amazon upped its funding of Anthropic to $4 billion.'),
        claim('c.md', '3', 'Amazon committed about $4.1 billion in funding to Anthropic.'),
        claim('d.md', '4', 'Amazon committed 4bn in funding to Anthropic.'),
      ]),
      [],
    );
  });
});
