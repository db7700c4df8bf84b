import assert from 'node:assert/strict';
import { cutsWord, innermostClaimAt, overlapOf, overlappingClaims, snapToWords, type Span } from '../../src/core/text/claimRanges';

/** The text a selection of `selected` (its `occurrence`-th match) in `text` would mark. */
function snapped(text: string, selected: string, occurrence = 0): string {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(selected, at + 1);
  assert.ok(at >= 0, `${selected} is in the text`);
  const span = snapToWords(text, at, at + selected.length);
  return text.slice(span.start, span.end);
}

const claim = (id: string, start: number, end: number) => ({ id, position: { start, end } });

describe('claim ranges: word snapping', () => {
  const TEXT = "Amazon said on Thursday it would invest $1.25 billion in Anthropic, and it didn't deny it.";

  it('keeps a selection whose edges fall between words', () => {
    assert.equal(snapped(TEXT, 'said on Thursday'), 'said on Thursday');
    assert.equal(snapped(TEXT, '$1.25 billion'), '$1.25 billion');
    assert.equal(snapped(TEXT, 'Anthropic,'), 'Anthropic,');
  });

  it('widens an edge that cuts a word to the whole word, at either end or both', () => {
    assert.equal(snapped(TEXT, 'zon said'), 'Amazon said');
    assert.equal(snapped(TEXT, 'said on Thurs'), 'said on Thursday');
    assert.equal(snapped(TEXT, 'ould invest $1.25 bil'), 'would invest $1.25 billion');
  });

  it('treats a decimal number and a contraction as one word', () => {
    assert.equal(snapped(TEXT, '25 billion'), '$1.25 billion'.slice(1), 'the edge inside 1.25 moves to its start');
    assert.equal(snapped(TEXT, 'it didn'), "it didn't");
  });

  it('keeps a selection inside a single word: the user picked exactly those letters', () => {
    assert.equal(snapped(TEXT, 'Anthrop'), 'Anthrop');
    assert.equal(snapped(TEXT, 'nthropic'), 'nthropic');
    assert.equal(snapped(TEXT, 'hurs'), 'hurs');
  });

  it('snaps text without spaces at its real words, not at the next punctuation mark', () => {
    const chinese = '亚马逊周四表示将向人工智能公司投资四十亿美元。';
    const span = snapToWords(chinese, 1, 6);
    assert.ok(span.start <= 1 && span.end >= 6, `contains the selection: ${JSON.stringify(span)}`);
    assert.ok(span.end < chinese.length - 1, `stops short of the full stop: ${chinese.slice(span.start, span.end)}`);
  });

  it('never cuts a word at an edge it returns, and never splits a surrogate pair', () => {
    const text = 'Café 😀 naïve résumé co-operate 3,000 people ';
    const words = [...new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)]
      .filter((s) => s.isWordLike)
      .map((s) => ({ start: s.index, end: s.index + s.segment.length }));
    for (let start = 0; start < text.length; start++) {
      for (let end = start + 1; end <= text.length; end++) {
        const span = snapToWords(text, start, end);
        const where = `${start}-${end} ${JSON.stringify(text.slice(start, end))} → ${JSON.stringify(text.slice(span.start, span.end))}`;
        if (words.some((w) => w.start <= start && end <= w.end)) {
          assert.deepEqual(span, { start, end }, `inside one word, kept: ${where}`);
          continue;
        }
        assert.ok(span.start <= start && span.end >= end, `only ever widens: ${where}`);
        assert.ok(!cutsWord(text, span.start) && !cutsWord(text, span.end), `no edge cuts a word: ${where}`);
        const startWord = words.find((w) => w.start < start && start < w.end);
        assert.equal(span.start, startWord?.start ?? start, `widened no further than the word: ${where}`);
        const endWord = words.find((w) => w.start < end && end < w.end);
        assert.equal(span.end, endWord?.end ?? end, `widened no further than the word: ${where}`);
      }
    }
    assert.equal(cutsWord(text, text.indexOf('😀') + 1), false, 'the middle of an emoji is not a word edge');
  });

  it('returns an empty selection as it is', () => {
    assert.deepEqual(snapToWords(TEXT, 5, 5), { start: 5, end: 5 });
  });
});

describe('claim ranges: overlap with existing claims', () => {
  const outer: Span = { start: 10, end: 50 };

  it('classifies a selection as same, inside, around, across or none', () => {
    assert.equal(overlapOf({ start: 10, end: 50 }, outer), 'same');
    assert.equal(overlapOf({ start: 20, end: 30 }, outer), 'inside');
    assert.equal(overlapOf({ start: 10, end: 30 }, outer), 'inside', 'sharing the start edge');
    assert.equal(overlapOf({ start: 5, end: 50 }, outer), 'around');
    assert.equal(overlapOf({ start: 0, end: 60 }, outer), 'around');
    assert.equal(overlapOf({ start: 40, end: 60 }, outer), 'across');
    assert.equal(overlapOf({ start: 0, end: 11 }, outer), 'across');
    assert.equal(overlapOf({ start: 0, end: 10 }, outer), 'none', 'touching is not overlapping');
    assert.equal(overlapOf({ start: 50, end: 60 }, outer), 'none');
  });

  it('lists the overlapped claims innermost first', () => {
    const claims = [claim('outer', 0, 100), claim('elsewhere', 200, 210), claim('inner', 20, 40), claim('crossed', 45, 70)];
    const found = overlappingClaims(claims, { start: 30, end: 50 });
    assert.deepEqual(
      found.map(({ claim: c, overlap }) => [c.id, overlap]),
      [
        ['inner', 'across'],
        ['crossed', 'across'],
        ['outer', 'inside'],
      ],
    );
    assert.deepEqual(overlappingClaims(claims, { start: 150, end: 160 }), []);
  });
});

describe('claim ranges: the claim at the cursor', () => {
  const claims = [claim('outer', 0, 100), claim('inner', 20, 40), claim('innermost', 25, 30), claim('next', 100, 120)];

  it('takes the innermost claim around the caret, the end counting as inside', () => {
    assert.equal(innermostClaimAt(claims, 10)?.id, 'outer');
    assert.equal(innermostClaimAt(claims, 22)?.id, 'inner');
    assert.equal(innermostClaimAt(claims, 27)?.id, 'innermost');
    assert.equal(innermostClaimAt(claims, 30)?.id, 'innermost', 'the caret right after its last letter');
    assert.equal(innermostClaimAt(claims, 40)?.id, 'inner');
    assert.equal(innermostClaimAt(claims, 130), undefined);
  });

  it('with a caret between two adjacent claims, takes the shorter, then the one ahead', () => {
    assert.equal(innermostClaimAt(claims, 100)?.id, 'next', 'shorter than outer');
    const even = [claim('a', 0, 10), claim('b', 10, 20)];
    assert.equal(innermostClaimAt(even, 10)?.id, 'b');
    assert.equal(innermostClaimAt([...even].reverse(), 10)?.id, 'b', 'whatever the order in the sidecar');
  });

  it('for a character (a hover) the end is outside', () => {
    assert.equal(innermostClaimAt(claims, 30, 'character')?.id, 'inner');
    assert.equal(innermostClaimAt(claims, 29, 'character')?.id, 'innermost');
    assert.equal(innermostClaimAt(claims, 100, 'character')?.id, 'next');
  });
});
