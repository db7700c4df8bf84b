import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { anchor, anchorCandidates, MIN_ANCHOR_SCORE, quoteSelector, snapToCharacters } from '../../src/core/anchoring/anchoring';

function readArticle(name: string): string {
  return fs.readFileSync(path.join(__dirname, '../fixtures/articles', name), 'utf8');
}

const article = readArticle('amazon-anthropic-pymnts.txt');

/** The selector of the first occurrence of `claim` in `text`. */
function selectorFor(text: string, claim: string) {
  const start = text.indexOf(claim);
  assert.ok(start >= 0, `claim not in text: ${claim}`);
  return quoteSelector(text, start, start + claim.length);
}

function found(text: string, result: { start: number; end: number } | null): string | null {
  return result && text.slice(result.start, result.end);
}

const INVESTMENT = 'Amazon made its initial $1.25 billion investment in Anthropic in September 2023 and then upped it to $4 billion in March.';
const CHIPS = 'The report said Amazon is pushing for Anthropic to use a significant number of servers powered by Amazon’s own AI chips, known as Trainium.';

describe('anchoring', () => {
  describe('quoteSelector', () => {
    it('stores the quote, 32 code units of context on each side and the position', () => {
      const selector = selectorFor(article, INVESTMENT);
      assert.equal(selector.exact, INVESTMENT);
      assert.equal(selector.prefix.length, 32);
      assert.equal(selector.suffix.length, 32);
      assert.equal(article.slice(selector.start - 32, selector.start), selector.prefix);
      assert.equal(article.slice(selector.end, selector.end + 32), selector.suffix);
    });

    it('clamps to the text and takes a custom context length', () => {
      const text = 'short text here';
      assert.deepEqual(quoteSelector(text, -5, 5, 4), { exact: 'short', prefix: '', suffix: ' tex', start: 0, end: 5 });
      assert.deepEqual(quoteSelector(text, 10, 99), { exact: ' here', prefix: 'short text', suffix: '', start: 10, end: 15 });
    });

    it('widens the context rather than cut an emoji in half', () => {
      const text = '😀 abc 😀';
      const selector = quoteSelector(text, 3, 6, 2);
      assert.equal(selector.exact, 'abc');
      assert.equal(selector.prefix, '😀 ');
      assert.equal(selector.suffix, ' 😀');
    });
  });

  describe('anchor: the order of methods', () => {
    it('takes the position hint when the quote is still there, with score 1', () => {
      const selector = selectorFor(article, INVESTMENT);
      assert.deepEqual(anchor(article, selector), { start: selector.start, end: selector.end, score: 1, method: 'position' });
    });

    it('finds the quote verbatim when text before it changed', () => {
      const selector = selectorFor(article, INVESTMENT);
      const edited = 'Editor’s note: this story was updated on Friday.\n\n' + article;
      const result = anchor(edited, selector)!;
      assert.equal(result.method, 'exact');
      assert.equal(result.start, selector.start + 50);
      assert.equal(found(edited, result), INVESTMENT);
      assert.ok(result.score >= MIN_ANCHOR_SCORE);
    });

    it('finds a moved sentence, with new neighbours', () => {
      const selector = selectorFor(article, INVESTMENT);
      const without = article.replace(INVESTMENT + ' ', '');
      const moved = without.replace('Amazon is reportedly', INVESTMENT + ' Amazon is reportedly');
      const result = anchor(moved, selector)!;
      assert.equal(result.method, 'exact');
      assert.equal(result.start, moved.indexOf(INVESTMENT));
      assert.equal(result.end, result.start + INVESTMENT.length);
    });

    it('prefers, among many verbatim copies, the one whose context agrees, then the one nearest the hint', () => {
      const speakers = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
      const text = speakers.map((s) => `${s} said: the figure is 12.`).join(' ');
      const claimAt = text.indexOf('delta said: ') + 'delta said: '.length;
      const selector = quoteSelector(text, claimAt, claimAt + 'the figure is 12'.length);
      // Text inserted before moves every copy; only one copy still follows "delta said: ".
      const shifted = 'Update from the desk. ' + text;
      assert.equal(anchor(shifted, selector)!.start, claimAt + 22);
      // With identical contexts everywhere, the copy nearest the hint wins.
      const twins = Array.from({ length: 12 }, () => 'x: the figure is 12.').join(' ');
      const ninth = twins.split('the figure').slice(0, 9).join('the figure').length;
      const twinSelector = { ...quoteSelector(twins, ninth, ninth + 16), start: ninth + 3, end: ninth + 19 };
      assert.equal(anchor(twins, twinSelector)!.start, ninth);
    });
  });

  describe('anchor: edited claims', () => {
    it('follows a lightly edited claim: a changed amount', () => {
      const selector = selectorFor(article, INVESTMENT);
      const edited = article.replace('$1.25 billion investment', '$1.5 billion investment');
      const result = anchor(edited, selector)!;
      assert.equal(result.method, 'fuzzy');
      assert.equal(found(edited, result), INVESTMENT.replace('$1.25', '$1.5'));
    });

    it('follows a typo fix and a few inserted words, keeping the whole claim', () => {
      const text = article.replace('significant number of servers', 'signficant number of servers');
      const selector = selectorFor(text, CHIPS.replace('significant', 'signficant'));
      const edited = article.replace('servers powered by', 'servers in its data centres powered by');
      const result = anchor(edited, selector)!;
      assert.equal(found(edited, result), CHIPS.replace('servers powered by', 'servers in its data centres powered by'));
    });

    it('follows a claim whose first words were replaced', () => {
      const selector = selectorFor(article, INVESTMENT);
      const edited = article.replace('Amazon made its initial', 'The e-commerce giant made its first');
      assert.equal(found(edited, anchor(edited, selector)), INVESTMENT.replace('Amazon made its initial', 'The e-commerce giant made its first'));
    });

    it('finds a lightly edited claim far from its hint', () => {
      const selector = selectorFor(article, INVESTMENT);
      const edited = 'Background.\n\n'.repeat(200) + article.replace('September 2023', 'Sept. 2023');
      assert.equal(found(edited, anchor(edited, selector)), INVESTMENT.replace('September 2023', 'Sept. 2023'));
    });
  });

  describe('anchor: real-revision edits (issue 15)', () => {
    it('keeps a claim whose own words are nearly intact although both neighbours were rewritten', () => {
      const selector = selectorFor(article, CHIPS);
      const claimAt = article.indexOf(CHIPS);
      // One character, as in "loose equals" becoming "loose-equals".
      const editedClaim = CHIPS.replace('own AI chips', 'own AI-chips');
      const before = article.slice(0, claimAt - 60) + 'Entirely different words now stand right here. ';
      const after = ' Something else altogether follows the claim now.' + article.slice(claimAt + CHIPS.length + 60);
      const edited = before + editedClaim + after;
      assert.equal(found(edited, anchor(edited, selector)), editedClaim);
    });

    it('finds a hard-wrapped claim after a one-word edit re-flowed its paragraph', () => {
      const wrapped =
        'Intro paragraph.\n\nAmazon made its initial $1.25 billion investment in\nAnthropic in September 2023 and then upped it to $4\nbillion in March. The deal was\nreported widely by the press.\n';
      const claim = 'Amazon made its initial $1.25 billion investment in\nAnthropic in September 2023 and then upped it to $4\nbillion in March.';
      const selector = selectorFor(wrapped, claim);
      const reflowed =
        'A new intro paragraph.\n\nAmazon made its initial $1.25 billion investment\nin Anthropic in September 2023 and later upped it to\n$4 billion in March. Analysts were surprised\nby the size of it.\n';
      assert.equal(
        found(reflowed, anchor(reflowed, selector)),
        'Amazon made its initial $1.25 billion investment\nin Anthropic in September 2023 and later upped it to\n$4 billion in March.',
      );
    });

    it('finds a moved and lightly edited sentence where it went, when its old place was rewritten too', () => {
      const selector = selectorFor(article, CHIPS);
      const movedClaim = CHIPS.replace('The report said', 'The report also said');
      // (Where its old neighbours still meet, the claim's place is known and empty: it is orphaned rather than
      // matched to a look-alike elsewhere; see "orphans instead of look-alikes".)
      const without = article.replace(CHIPS + ' This request comes as', 'Meanwhile, it emerged that');
      const at = without.indexOf('As the article points out');
      assert.ok(at > 0);
      const edited = without.slice(0, at) + movedClaim + '\n\n' + without.slice(at);
      const result = anchor(edited, selector);
      assert.equal(found(edited, result), movedClaim);
    });

    it('finds a claim whose paragraph moved far, out of a blockquote, re-wrapped and reworded in several places', () => {
      // The paragraph sat in a Markdown blockquote ("> " before each wrapped line); the revision moved it to the end,
      // past more than 2,000 characters of new text, unquoted and re-wrapped it and changed three of the claim's words.
      const quotedClaim = 'Microsoft is asking OpenAI to run a significant share\n> of its models on servers with Microsoft’s own AI chips, known as Maia.';
      const paragraph = `> The Information reported it first. ${quotedClaim}\n> This request comes as OpenAI prefers Nvidia.`;
      const text = `${article}\n\n${paragraph}\n`;
      const selector = selectorFor(text, quotedClaim);
      const moved = 'Microsoft is still asking OpenAI to run a large share of its\nmodels on servers with Microsoft’s in-house AI chips, known as Maia.';
      const filler = 'Other news of the week filled this space with many words about chips and clouds. '.repeat(30);
      const edited = `${filler}\n\n${article}\n\nThe Information reported it first. ${moved}\nThis request comes as OpenAI prefers Nvidia.\n`;
      assert.equal(found(edited, anchor(edited, selector)), moved);
    });

    it('orphans a deleted claim when the closest match elsewhere has two equally close copies', () => {
      const selector = selectorFor(article, CHIPS);
      const lookAlike = CHIPS.replace('The report said', 'A memo said').replace('significant', 'small');
      const deleted =
        article.replace(CHIPS, 'Nothing about chips now.').replace('As the article points out', `${lookAlike} As the article points out`) +
        `\n\n${lookAlike}\n`;
      assert.equal(anchor(deleted, selector), null);
    });

    it('orphans a deleted claim when elsewhere only a sentence sharing some of its words remains', () => {
      const selector = selectorFor(article, CHIPS);
      const related = 'Anthropic is said to prefer servers with Nvidia chips over those powered by Amazon’s Trainium.';
      const deleted = article.replace(CHIPS, 'Nothing about chips now.') + `\n\n${related}\n`;
      assert.equal(anchor(deleted, selector), null);
    });

    it('keeps a whole-sentence claim whole when words were added at its end', () => {
      const selector = selectorFor(article, INVESTMENT);
      const longer = INVESTMENT.replace('in March.', 'in March, the largest single investment it has made in a start-up.');
      // The text after it changed too, so the claim is not simply what lies between its old neighbours.
      const at = article.indexOf(INVESTMENT);
      const edited = article.slice(0, at) + longer + ' Analysts were surprised.\n\n' + article.slice(at + INVESTMENT.length + 80);
      assert.equal(found(edited, anchor(edited, selector)), longer);
    });
  });

  describe('anchor: orphans instead of look-alikes', () => {
    it('orphans a deleted claim', () => {
      const selector = selectorFor(article, INVESTMENT);
      assert.equal(anchor(article.replace(INVESTMENT, ''), selector), null);
    });

    it('orphans a deleted claim even when a near-duplicate remains elsewhere', () => {
      const lookAlike = INVESTMENT.replace('$1.25 billion', '$2 billion').replace('September', 'October');
      const withTwin = article.replace('As the article points out', lookAlike + '\n\nAs the article points out');
      const selector = selectorFor(withTwin, INVESTMENT);
      const deleted = withTwin.replace(INVESTMENT + ' ', '');
      assert.equal(anchor(deleted, selector), null);
      // A Hypothesis-style best match would have gone to the look-alike; it is there, and scores below the minimum.
      const best = anchorCandidates(deleted, selector)[0];
      assert.equal(found(deleted, best), lookAlike);
      assert.ok(best.score < MIN_ANCHOR_SCORE);
      assert.equal(found(deleted, anchor(deleted, selector, { minScore: 0 })), lookAlike);
    });

    it('orphans a claim replaced in place by other words', () => {
      const selector = selectorFor(article, INVESTMENT);
      const replaced = article.replace(INVESTMENT, 'Neither company would comment on the size of any new deal or on its timing.');
      assert.equal(anchor(replaced, selector), null);
    });

    it('does not move a short quote to the same words in another context', () => {
      const text = 'The deal was announced on Thursday in Seattle. Shares rose. Analysts met on Thursday to discuss it.';
      const claimStart = text.indexOf('Thursday');
      const selector = quoteSelector(text, claimStart, claimStart + 'Thursday'.length);
      const edited = text.replace('The deal was announced on Thursday in Seattle. ', 'The deal was announced in Seattle. ');
      assert.equal(anchor(edited, selector), null);
    });

    it('honours the minScore option', () => {
      const selector = selectorFor(article, INVESTMENT);
      assert.equal(anchor(article, selector, { minScore: 1.01 }), null);
      const edited = article.replace('$1.25 billion', '$1.5 billion');
      const result = anchor(edited, selector)!;
      assert.equal(anchor(edited, selector, { minScore: result.score + 0.001 }), null);
    });

    it('returns null for an empty quote or empty text', () => {
      assert.equal(anchor(article, { exact: '' }), null);
      assert.equal(anchor('', { exact: 'anything' }), null);
    });
  });

  describe('anchor: offsets in UTF-16 code units', () => {
    it('counts an emoji as two code units', () => {
      const text = 'Intro 🎉 text. The company raised $4 billion 🚀 from investors. More text follows here.';
      const claim = 'The company raised $4 billion 🚀 from investors.';
      const selector = selectorFor(text, claim);
      const edited = '👍👍 ' + text.replace('raised', 'has raised');
      const result = anchor(edited, selector)!;
      assert.equal(result.start, text.indexOf(claim) + 5);
      assert.equal(found(edited, result), claim.replace('raised', 'has raised'));
    });

    it('never returns a range that splits a surrogate pair', () => {
      const splits = (text: string, at: number) => at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]) && /[\uD800-\uDBFF]/.test(text[at - 1]);
      const token = fc.constantFrom('🚀', '😀', '🍎', '🍏', 'raised', '$4', 'billion', 'from', 'investors', 'the', '.');
      const edit = fc.record({ where: fc.nat(), deleted: fc.integer({ min: 0, max: 4 }), inserted: fc.array(token, { maxLength: 3 }) });
      fc.assert(
        fc.property(
          fc.array(token, { minLength: 8, maxLength: 60 }),
          fc.nat(),
          fc.integer({ min: 2, max: 8 }),
          fc.array(edit, { maxLength: 4 }),
          (tokens, first, count, edits) => {
            // Edits and claims work on whole tokens, as typing never splits an emoji.
            const from = first % (tokens.length - 1);
            const before = tokens.join(' ');
            const start = tokens.slice(0, from).join(' ').length + (from > 0 ? 1 : 0);
            const claim = tokens.slice(from, from + count).join(' ');
            const selector = quoteSelector(before, start, start + claim.length);
            const after = [...tokens];
            for (const { where, deleted, inserted } of edits) after.splice(where % (after.length + 1), deleted, ...inserted);
            const text = after.join(' ');
            for (const r of [anchor(text, selector), ...anchorCandidates(text, selector)]) {
              if (r) assert.ok(!splits(text, r.start) && !splits(text, r.end), JSON.stringify([text, r]));
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it('anchors a claim recorded on LF text in the same text saved with CRLF', () => {
      const lf = 'First paragraph here.\nThe claim starts on this line\nand ends on the next one.\nLast paragraph.';
      const claim = 'The claim starts on this line\nand ends on the next one.';
      const selector = selectorFor(lf, claim);
      const crlf = lf.replace(/\n/g, '\r\n');
      assert.equal(found(crlf, anchor(crlf, selector)), claim.replace(/\n/g, '\r\n'));
    });

    it('anchors past a byte-order mark', () => {
      const selector = selectorFor(article, INVESTMENT);
      const withBom = '\uFEFF' + article;
      const result = anchor(withBom, selector)!;
      assert.equal(result.start, selector.start + 1);
      assert.equal(found(withBom, result), INVESTMENT);
    });

    it('keeps combining marks with their letters', () => {
      const text = 'We visited the cafe today, then left.';
      const selector = selectorFor(text, 'visited the cafe');
      const accented = 'We visited the cafe\u0301 today, then left.';
      const result = anchor(accented, selector)!;
      assert.equal(found(accented, result), 'visited the cafe\u0301');
      assert.deepEqual(snapToCharacters(accented, 3, 19), { start: 3, end: 20 });
    });

    it('anchors right-to-left text', () => {
      const text = 'مقدمة قصيرة. استثمرت أمازون أربعة مليارات دولار في أنثروبيك. خاتمة المقال هنا.';
      const claim = 'استثمرت أمازون أربعة مليارات دولار في أنثروبيك.';
      const selector = selectorFor(text, claim);
      const edited = 'عنوان جديد. ' + text.replace('أربعة', 'خمسة');
      assert.equal(found(edited, anchor(edited, selector)), claim.replace('أربعة', 'خمسة'));
      const hebrew = 'פתיחה. אמזון השקיעה ארבעה מיליארד דולר. סוף.';
      const hebrewSelector = selectorFor(hebrew, 'אמזון השקיעה ארבעה מיליארד דולר.');
      assert.equal(found('הערה. ' + hebrew, anchor('הערה. ' + hebrew, hebrewSelector)), 'אמזון השקיעה ארבעה מיליארד דולר.');
    });
  });

  describe('property: untouched claims are found where the edits put them', () => {
    // Words of random letters, so a 32-character stretch practically never repeats by chance.
    const words = fc.array(fc.stringMatching(/^[a-z]{2,9}$/), { minLength: 30, maxLength: 120 });
    const edit = fc.record({
      where: fc.nat(),
      deleted: fc.integer({ min: 0, max: 40 }),
      inserted: fc.array(fc.stringMatching(/^[a-z]{2,9}$/), { maxLength: 6 }).map((w) => (w.length ? ` ${w.join(' ')} ` : '')),
    });
    const scenario = fc.record({
      words,
      claimAt: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
      claimLength: fc.integer({ min: 8, max: 80 }),
      events: fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
    });

    it('finds every claim whose text no edit touched at exactly its new place, or (if short) orphans it', () => {
      fc.assert(
        fc.property(scenario, ({ words: w, claimAt, claimLength, events }) => {
          const text0 = w.join(' ');
          const claims = [...new Set(claimAt.map((c) => c % Math.max(1, text0.length - claimLength)))]
            .map((start) => ({ start, end: Math.min(text0.length, start + claimLength) }))
            .filter((c, i, all) => all.every((o, j) => j === i || o.end <= c.start || o.start >= c.end));
          const selectors = claims.map((c) => quoteSelector(text0, c.start, c.end));
          // Character identities, to know where each original character went.
          let ids = Array.from(text0, (_, i) => i);
          let text = text0;
          const touched = new Set<number>();
          const owner = (id: number) => claims.findIndex((c) => id >= c.start && id < c.end);
          for (const event of events) {
            for (const { where, deleted, inserted } of event) {
              const from = where % (ids.length + 1);
              const to = Math.min(ids.length, from + deleted);
              for (const id of ids.slice(from, to)) if (owner(id) >= 0) touched.add(owner(id));
              if (from === to && from > 0 && from < ids.length && owner(ids[from - 1]) >= 0 && owner(ids[from - 1]) === owner(ids[from])) {
                touched.add(owner(ids[from]));
              }
              ids = [...ids.slice(0, from), ...Array.from(inserted, () => -1), ...ids.slice(to)];
              text = text.slice(0, from) + inserted + text.slice(to);
            }
          }
          claims.forEach((claim, i) => {
            if (touched.has(i)) return;
            const start = ids.indexOf(claim.start);
            const expected = { start, end: start + claim.end - claim.start };
            const result = anchor(text, selectors[i]);
            const exact = selectors[i].exact;
            if (exact.length >= 32 || result !== null) {
              assert.ok(result, `orphaned an untouched claim of ${exact.length} code units`);
              assert.deepEqual({ start: result.start, end: result.end }, expected);
              assert.equal(text.slice(result.start, result.end), exact);
            }
          });
        }),
        { numRuns: 300 },
      );
    });
  });
});

describe('anchor: a selector with only the quote', () => {
  it('anchors a single verbatim occurrence and refuses an ambiguous one', () => {
    assert.deepEqual(anchor('hello world foo', { exact: 'world' }), { start: 6, end: 11, score: 1, method: 'exact' });
    assert.equal(anchor('hello world foo world', { exact: 'world' }), null);
    assert.equal(anchor('hello there', { exact: 'world' }), null);
  });
});
