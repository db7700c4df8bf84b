import assert from 'node:assert/strict';
import { CLAUSE_BREAK, CLAUSE_MARK, CONJUNCTION, gapMarks, isAscii, isClauseBreak, isConjunction, NO_MARK } from '../../src/core/conflicts/scanGuards';
import { amountDigitGuard, DATE_PATTERNS, daysInMonth, extractAmounts, type Pattern } from '../../src/core/conflicts/values';
import { repositorySentences } from './support/repositorySentences';

const EDGE_CASES = [
  'Prices rose in March, and again in Sept. 5 of last year; since May the rate held (in JUNE too).',
  'In Sept.X the firm said in\nMarch that on 27 March 2024, 3rd of Nov and 7th  Dec 2019 it paid.',
  'The 1st of January, 21 JANUARY, 2 MARCH 1999 and 4 May; Jan. 7; early Oct.; mid-December — late Feb!',
  'He said, and she wrote; (while) — whereas OR and, but: which, who, where, as ; “quoted”, ’tis',
  'Café résumé naïve ﬁnance ＄4 billion ｆｕｌｌｗｉｄｔｈ and 2⁵ and Å.',
  'Marching in Mayfair, Junebug, Decembrist and Augustine: not months, in Marches.',
];

/** Whether the pattern finds a match anywhere in the text (what its guard must allow). */
function matches(pattern: Pattern, text: string): boolean {
  const regex = new RegExp(pattern.regex.source, pattern.regex.flags);
  return regex.exec(text) !== null;
}

/** Date patterns whose guard does not fire on a sentence where the pattern matches. */
function skipped(patterns: readonly Pattern[], sentence: string): number[] {
  return patterns.flatMap((pattern, i) => (!pattern.needs.test(sentence) && matches(pattern, sentence) ? [i] : []));
}

/** Every run of characters between two tokens as the conflict finder reads them (letters and digits are tokens). */
function gaps(text: string): string[] {
  return text.split(/[A-Za-z0-9]+/);
}

describe('conflict guards: a cheap test skips work only where it cannot change the result', function () {
  this.timeout(120_000);
  const all = repositorySentences(EDGE_CASES, { conflictCases: true });

  it('reads enough text', function () {
    assert.ok(all.length > 20_000, `only ${all.length} sentences`);
  });

  it('every date pattern that matches a sentence in the repository has its guard fire', function () {
    const missed: string[] = [];
    for (const sentence of all) for (const i of skipped(DATE_PATTERNS, sentence)) missed.push(`pattern ${i}: ${sentence}`);
    assert.deepEqual(missed.slice(0, 5), []);
  });

  it('the two narrow month guards are tried: their patterns match sentences here', function () {
    const dayBeforeMonth = DATE_PATTERNS.findIndex((p) => p.regex.source.includes('(?:\\s+of)?\\s+('));
    const bareMonth = DATE_PATTERNS.findIndex((p) => p.regex.source.startsWith('(?=[JFMASOND])'));
    assert.ok(dayBeforeMonth >= 0 && bareMonth >= 0);
    for (const i of [dayBeforeMonth, bareMonth]) {
      const hits = all.filter((s) => matches(DATE_PATTERNS[i]!, s)).length;
      assert.ok(hits >= 5, `pattern ${i} matches only ${hits} sentences`);
    }
  });

  it('the check above fails when a guard misses what its pattern matches', function () {
    for (const [i, pattern] of DATE_PATTERNS.entries()) {
      if (!all.some((s) => matches(pattern, s))) continue;
      const weakened = DATE_PATTERNS.map((p, k) => (k === i ? { ...p, needs: /(?!)/ } : p));
      assert.ok(
        all.some((s) => skipped(weakened, s).includes(i)),
        `pattern ${i}`,
      );
    }
  });

  it('amounts: the patterns skipped once every digit is taken find the same amounts in every sentence', function () {
    const found = (mode: typeof amountDigitGuard.mode) => {
      amountDigitGuard.mode = mode;
      try {
        return all.map((sentence) => JSON.stringify(extractAmounts(sentence)));
      } finally {
        amountDigitGuard.mode = 'on';
      }
    };
    const unguarded = found('off');
    const guarded = found('on');
    const differing = all.filter((_, i) => guarded[i] !== unguarded[i]);
    assert.deepEqual(differing.slice(0, 5), []);
    assert.ok(unguarded.filter((amounts) => amounts !== '[]').length > 2000);
    // The comparison fails for a guard that skips those patterns while digits are left.
    const weakened = found('weakened');
    assert.ok(all.some((_, i) => weakened[i] !== unguarded[i]));
  });

  it('a gap between tokens: gapMarks and isClauseBreak agree with the regexes they spare', function () {
    let commas = 0;
    for (const sentence of all) {
      for (const gap of [...gaps(sentence), sentence]) {
        const marks = gapMarks(gap, 0, gap.length);
        assert.equal(isClauseBreak(gap, 0, gap.length), CLAUSE_BREAK.test(gap), JSON.stringify(gap));
        assert.equal(marks !== NO_MARK, /[;:—–()]|,/.test(gap), JSON.stringify(gap));
        assert.equal(marks === CLAUSE_MARK, /[;:—–()]/.test(gap), JSON.stringify(gap));
        if (marks !== NO_MARK && marks !== CLAUSE_MARK) commas++;
      }
    }
    assert.ok(commas > 1000);
  });

  it('isConjunction agrees with CONJUNCTION on every word', function () {
    let conjunctions = 0;
    for (const sentence of all) {
      for (const m of sentence.matchAll(/[A-Za-z][A-Za-z’'&-]*[A-Za-z]|[A-Za-z]/g)) {
        const expected = CONJUNCTION.test(m[0]);
        assert.equal(isConjunction(sentence, m.index, m.index + m[0].length), expected, m[0]);
        if (expected) conjunctions++;
      }
    }
    assert.ok(conjunctions > 1000);
  });

  it('NFKC leaves every ASCII sentence as it is, and isAscii tells ASCII apart', function () {
    let ascii = 0;
    for (const sentence of all) {
      if (!isAscii(sentence)) continue;
      ascii++;
      assert.equal(sentence.normalize('NFKC'), sentence);
    }
    assert.ok(ascii > 1000);
    for (const text of ['café', 'ﬁnance', '＄4', '’', '\u0080']) assert.equal(isAscii(text), false, text);
  });

  it('daysInMonth agrees with Date for every month of the years it computes and those it leaves to Date', function () {
    for (let year = 1; year <= 10_100; year += year < 900 || year > 9_900 ? 7 : 1) {
      for (let month = 1; month <= 12; month++) assert.equal(daysInMonth(year, month), new Date(Date.UTC(year, month, 0)).getUTCDate(), `${year}-${month}`);
    }
  });
});
