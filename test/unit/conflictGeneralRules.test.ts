// The general rules that make the conflict finder work on news topics it was not written on (issue 14, the
// tuning2 round): one test per rule, each with the case it must find and the look-alike it must leave alone.
// The sentences are from data/conflict-cases (ECB+ corpus, parts development, tuning and tuning2) where marked.
import assert from 'node:assert/strict';
import { findConflicts, type ConflictInput } from '../../src/core/conflicts/conflicts';
import { amountsComparable, extractAmounts } from '../../src/core/conflicts/values';

const claim = (article: string, text: string, articleDate?: string): ConflictInput => ({ article, id: 'c', text, articleDate });
const flagged = (a: string, b: string, dateA?: string, dateB?: string) =>
  findConflicts([claim('a.txt', a, dateA), claim('b.txt', b, dateB)]).map((s) => [s.a.value, s.b.value]);

describe('conflicts: general rules for unseen topics', () => {
  it('an age of a thing ("a 41-year-old double murder case", "35-year-old regulations") is no one\'s age; a person\'s still is (development c062)', () => {
    const woman = 'Staunton police on Friday arrested a 60-year-old, terminally ill woman in the 1967 killings of two young women.';
    assert.deepEqual(extractAmounts('They made an arrest in a 41-year-old double murder case.'), []);
    assert.deepEqual(extractAmounts('The administration eliminated 35-year-old regulations in the act.'), []);
    assert.deepEqual(
      extractAmounts('Police said a 41-year-old murder suspect was held.').map((a) => [a.kind, a.value]),
      [['age', 41]],
      'a suspect is a person, though "murder" names a thing',
    );
    assert.deepEqual(flagged(woman, 'The Staunton Police Department announced Friday they have made an arrest in a 41-year-old double murder case.'), []);
    assert.deepEqual(
      flagged(woman, 'Staunton Police Chief Jim Williams announced 61-year-old Sharron Diane Crawford Smith was arrested Friday and charged with murder.'),
      [['60-year-old', '61-year-old']],
    );
  });

  it('a noun glued to the next word by a dash is still the counted noun ("4, 051 yards-breaking"); a "two-year" compound is not split', () => {
    const [yards] = extractAmounts("He set the NFL rookie record with 4, 051 yards-breaking Cam Newton's record set a year ago.");
    assert.deepEqual([yards?.value, yards?.unit], [4051, 'yards']);
    assert.deepEqual(
      extractAmounts('They signed 3 two-year deals.').map((a) => a.unit),
      ['two-year deals'],
    );
  });

  it('the record that was broken is not the claim: "broke Newton\'s record of 4,051 yards" vs Luck\'s 4,183 (tuning2 c131); the new record is', () => {
    const broken = extractAmounts("Luck broke Newton's record of 4, 051 yards passing in the second quarter.");
    assert.equal(broken[0]?.superseded, true);
    assert.deepEqual(
      flagged(
        "Luck broke Newton's record of 4, 051 yards passing in the second quarter.",
        'Luck also set an NFL rookie record for a season with 4, 183 passing yards.',
      ),
      [],
    );
    // The record set is claimed: 4,051 against 4,183 for one record is a conflict (tuning2 c107).
    assert.deepEqual(
      flagged(
        'Luck also set an NFL rookie record for a season with 4, 183 passing yards.',
        "And he also set the NFL rookie record for most passing yards in a season with 4, 051 yards-breaking Cam Newton's record set a year ago.",
      ),
      [['4, 183 passing yards', '4, 051 yards']],
    );
  });

  it('a shortfall is not a total: "needed nine points to pass Ford" vs "entered the game with 2,282 points" (tuning2 c134)', () => {
    const [nine] = extractAmounts("The senior needed nine points in the Tar Heels ' game on Thursday night to pass Phil Ford for the record.");
    assert.equal(nine?.superseded, true);
    assert.equal(extractAmounts('The senior scored nine points on Thursday night.')[0]?.superseded, undefined);
  });

  it('the noun a number counts is its measure: "missed nine games … because of the injury" vs "missed 10 games, including … loss" (tuning2 c108)', () => {
    assert.deepEqual(
      flagged(
        'Thomas missed nine games this season because of the injury, including the regular-season finale.',
        "Thomas was hurt in the Saints' game vs. Atlanta game in September and missed 10 games, including last Sunday's loss to the Tampa Bay Buccaneers.",
      ),
      [['nine games', '10 games']],
    );
    // People are counted by what happened to them: killed and injured stay two measures.
    assert.deepEqual(flagged('The blast killed 12 people in the market.', 'The blast injured 30 people in the market.'), []);
  });

  it('general words do not tie two dates to one event: "trial set for June 17 for a 26-year-old" vs "deliberated Thursday … the 27-year-old" (tuning2 c147)', () => {
    assert.deepEqual(
      flagged(
        "Trial is set for June 17 for 26-year-old Christopher Kenyon Simpson of Fort Coffee, who is accused of fatally shooting Ka'Loni Marie Flynn of Fort Smith, Ark.",
        "The jury deliberated almost seven hours Thursday before convicting 27-year-old Christopher Kenyon Simpson in the death of 20-year-old Ka'loni Flynn, of Fort Smith, Ark.",
        '2013-01-20',
        '2013-09-20',
      ),
      [],
    );
    // A word that says what is dated still ties them: the trial's two dates conflict.
    assert.equal(flagged('The trial of Simpson is set for June 17.', 'The trial of Simpson is set for July 8.').length, 1);
  });

  it('figures an order of magnitude apart are a part and a whole: "20 points" in a game vs "2,282 points" (tuning2 c135); 157,000 vs 133,000 still conflict', () => {
    assert.deepEqual(
      flagged(
        "Hansbrough entered the game with 2,282 points, eight fewer than Ford's total from 1974-78.",
        'Hansbrough finished with 20 points and now has 2,302 for his career.',
      ),
      [],
    );
    assert.equal(flagged('Employers added 157,000 jobs in December 2004.', 'Employers added 133,000 jobs in December 2004.').length, 1);
  });

  it('a verb that stems to a month is a content word: "20, 000 people marched" vs "approximately 50, 000 people marched" (tuning c079)', () => {
    assert.deepEqual(
      flagged(
        'Violence also broke out in the northern city of Thessaloniki, where another 20, 000 people marched through the city center and some youths smashed store windows.',
        "Meanwhile, extended clashes broke out in Salonika where approximately 50, 000 people marched destroying dozens of banks and corporate shops in Greece's second largest city.",
      ),
      [['20, 000 people', 'approximately 50, 000 people']],
    );
  });

  it('a bare number that repeats the count before it counts the same noun: "20 points and now has 2,302 for his career"', () => {
    const found = extractAmounts('Hansbrough finished with 20 points and now has 2,302 for his career.');
    assert.deepEqual(
      found.map((a) => [a.text, a.unit]),
      [
        ['20 points', 'points'],
        ['2,302', 'points'],
      ],
    );
    // A year is not such a number.
    assert.deepEqual(
      extractAmounts('The company had 20 stores and opened more in 2008.').map((a) => a.text),
      ['20 stores'],
    );
  });

  it('win-loss records belong to the name before them: "Riddick Bowe, 43-1" vs "Bowe (45-1, 33 KOs)" conflict (tuning2 c118); two boxers\' records do not; a score span has no name', () => {
    const [bowe, pukall] = extractAmounts(
      "Former Heavyweight Champion, Riddick Bowe, 43-1, 33 KO's, returned to the ring with a win over Gene Pukall, 14-13-2, 12 KO's.",
    );
    assert.deepEqual([bowe?.kind, bowe?.record, pukall?.record], ['record', [43, 1, 0], [14, 13, 2]]);
    assert.deepEqual(
      extractAmounts("Hansbrough passed Ford's total from 1974-78.").filter((a) => a.kind === 'record'),
      [],
    );
    assert.deepEqual(
      flagged(
        "Former Heavyweight Champion, Riddick Bowe, 43-1, 33 KO's, returned to the ring with an eight round decision win over Gene Pukall, 14-13-2, 12 KO's.",
        'Bowe (45-1, 33 KOs) had been training in Germany since September in an effort to get his stamina up and his weight down.',
      ),
      [['43-1', '45-1']],
    );
    assert.deepEqual(flagged('Bowe (45-1, 33 KOs) trained in Germany.', 'Bowe (45-1, 33 KOs) fought in Germany.'), []);
    assert.deepEqual(flagged('Bowe (45-1, 33 KOs) trained in Germany.', 'Pukall (14-13-2, 12 KOs) trained in Germany.'), []);
  });

  it('a people of a place counts people, whichever place: "killed 30 Syrians" is comparable with "43 people", "30 loans" is not', () => {
    const [syrians] = extractAmounts('The air strike killed 30 Syrians in the market.');
    const [people] = extractAmounts('At least 43 people were killed in the market.');
    assert.equal(syrians?.unit, 'Syrians');
    assert.equal(amountsComparable(syrians!, people!), true);
    assert.equal(amountsComparable(extractAmounts('The bank wrote off 30 loans in the market.')[0]!, people!), false);
  });

  it('an expectation is not a report: "below market expectations of 190,000 new jobs" and "the 175,000 jobs forecast by economists" are not set against 157,000 added; "expected to cost" still is a claim', () => {
    // The BBC jobs articles of the issue.
    const [expected] = extractAmounts('The gain in non-farm payrolls was below market expectations of 190,000 new jobs.');
    assert.equal(expected?.expected, true);
    assert.equal(extractAmounts('The figure was below the 175,000 jobs forecast by economists.')[0]?.expected, true);
    assert.equal(extractAmounts('Analysts had expected a profit of $2.1 billion.')[0]?.expected, true);
    assert.deepEqual(
      flagged(
        'The gain in non-farm payrolls was below market expectations of 190,000 new jobs.',
        'Some 157,000 new jobs were added, the Labor Department said.',
      ),
      [],
    );
    assert.deepEqual(flagged('Analysts had expected a profit of $2.1 billion.', 'The company made a profit of $1.8 billion.'), []);
    assert.equal(extractAmounts('The bridge is expected to cost $4 billion.')[0]?.expected, undefined);
    assert.deepEqual(flagged('The bridge is expected to cost $4 billion, officials said.', 'The bridge is expected to cost $5 billion, officials said.'), [
      ['$4 billion', '$5 billion'],
    ]);
  });

  it('a month after "than expected" is the period of a figure: "fewer jobs than expected in January" vs "in December" is no date conflict; "closed in January" vs "in December" is', () => {
    assert.deepEqual(flagged('The US created fewer jobs than expected in January.', 'The US economy created fewer jobs than expected in December.'), []);
    assert.deepEqual(flagged('The Ford plant in Genk closed in January, the union said.', 'The Ford plant in Genk closed in December, the union said.'), [
      ['January', 'December'],
    ]);
  });

  it('explanations name the measure in the claim\'s own words and order, without verbs or speakers ("Annual operating revenue", not "Reach operat revenue")', () => {
    const explained = (a: string, b: string) => findConflicts([claim('a.txt', a), claim('b.txt', b)]).map((s) => s.explanation);
    assert.deepEqual(
      explained('The agency said its annual operating revenues reached $5 billion.', 'The agency said its annual operating revenues reached $6 billion.'),
      ['Annual operating revenue: $5 billion (a.txt) vs $6 billion (b.txt).'],
    );
    assert.deepEqual(explained('Officials estimated the damages at $300 million.', 'Officials estimated the damages at $500 million.'), [
      'Damages: $300 million (a.txt) vs $500 million (b.txt).',
    ]);
    assert.deepEqual(explained('The bridge is expected to cost $4 billion, officials said.', 'The bridge is expected to cost $5 billion, officials said.'), [
      'Bridge cost: $4 billion (a.txt) vs $5 billion (b.txt).',
    ]);
  });
});
