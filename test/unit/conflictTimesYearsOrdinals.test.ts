// Times of day, years something began and ordinals as conflict values (issue 14, the report-part round): one
// test per kind, each with the conflict it must find and the look-alikes it must leave alone. Sentences marked
// with a case id are from data/conflict-cases (ECB+ corpus).
import assert from 'node:assert/strict';
import { findConflicts, type ConflictInput } from '../../src/core/conflicts/conflicts';
import { extractAmounts, extractDates, extractOrdinals, extractTimes, timesCompatible } from '../../src/core/conflicts/values';

const claim = (article: string, text: string, articleDate?: string): ConflictInput => ({ article, id: 'c', text, articleDate });
const flagged = (a: string, b: string, dateA?: string, dateB?: string) =>
  findConflicts([claim('a.txt', a, dateA), claim('b.txt', b, dateB)]).map((s) => [s.a.value, s.b.value]);

describe('conflicts: times of day', () => {
  it('reads a.m./p.m., tokenised spacing ("1: 30 a. m."), noon and zoned 24-hour times, with the interval their words allow', () => {
    const times = (text: string) => extractTimes(text).map((t) => [t.text, t.minutes, t.low, t.high, t.zone]);
    assert.deepEqual(times('Jackson was driving just after 2:30 a.m. when'), [['just after 2:30 a.m.', 150, 150, 170, undefined]]);
    assert.deepEqual(times('failed sobriety tests shortly after 2 a.m. on'), [['shortly after 2 a.m.', 120, 120, 140, undefined]]);
    assert.deepEqual(times('in his Bentley about 1: 30 a. m., CHP'), [['about 1: 30 a. m.', 90, 80, 100, undefined]]);
    assert.deepEqual(times('The quake occurred at 2: 09 a. m. about 14 miles'), [['2: 09 a. m.', 129, 126, 132, undefined]]);
    assert.deepEqual(times('The meeting ended at 7 p.m.'), [['7 p.m.', 1140, 1125, 1155, undefined]]);
    assert.deepEqual(times('at noon on Friday'), [['noon', 720, 715, 725, undefined]]);
    assert.deepEqual(times('at 14:30 GMT'), [['14:30 GMT', 870, 867, 873, 'GMT']]);
    assert.deepEqual(times('shortly before 9 p.m.'), [['shortly before 9 p.m.', 1260, 1240, 1260, undefined]]);
  });

  it('a bare clock reading is no time of day: "stopping the fight at 2: 56" (tuning2 c119), "3 am I", "a 4-3 win"', () => {
    assert.deepEqual(extractTimes('the referee was stopping the fight at 2: 56.'), []);
    assert.deepEqual(extractTimes('Who do they think 3 am I supposed to be'), []);
    assert.deepEqual(extractTimes('a 4-3 win at 10.30 in the game'), []);
  });

  it('the digits of a time are not counts or amounts', () => {
    assert.deepEqual(
      extractAmounts('Williams was going west about 1: 30 a. m. with 2 passengers').map((a) => a.text),
      ['2 passengers'],
    );
  });

  it('compatible: overlapping bounds ("about 1:30" and "around 1:30"); not: "just after 2:30" and "shortly after 2"; different zones are not compared', () => {
    const [a, b] = [extractTimes('about 1: 30 a. m.')[0]!, extractTimes('around 1:30 a.m.')[0]!];
    assert.equal(timesCompatible(a, b), true);
    assert.equal(timesCompatible(extractTimes('just after 2:30 a.m.')[0]!, extractTimes('shortly after 2 a.m.')[0]!), false);
    assert.equal(timesCompatible(extractTimes('about 1: 30 a. m.')[0]!, extractTimes('about 1: 00 am Sunday')[0]!), false);
    assert.equal(timesCompatible(extractTimes('at 2 a.m.')[0]!, extractTimes('at 2:10 a.m.')[0]!), true);
    assert.equal(timesCompatible(extractTimes('after 2 a.m.')[0]!, extractTimes('at 4:10 a.m.')[0]!), true);
    assert.equal(timesCompatible(extractTimes('at 14:30 GMT')[0]!, extractTimes('at 10:30 EDT')[0]!), true);
  });

  it('finds two times for one arrest (report c149, c151)', () => {
    assert.deepEqual(
      flagged(
        'Jackson, 25, was driving east on state Route 52 near Interstate 805 just after 2:30 a.m. when he was pulled over for an observed traffic violation, California Highway Patrol Officer Brad Baehr said.',
        'Jackson failed sobriety tests shortly after 2 a.m. on state Route 52 in San Diego, said California Highway Patrol Officer Ray Scheidnes.',
      ),
      [['just after 2:30 a.m.', 'shortly after 2 a.m.']],
    );
    assert.deepEqual(
      flagged(
        'Williams, 32, was going west in his 2008 Bentley about 1: 30 a. m., CHP Officer Brian Pennings said.',
        'According to authorities, he was driving his Bentley at about 1: 00 am Sunday on highway 94 when the cops stopped him.',
      ),
      [['about 1: 30 a. m.', 'at about 1: 00 am']],
    );
  });

  it("look-alikes stay quiet: two players' arrests quoted by two officers (report c167); the same event on two different days; agreeing times (c165)", () => {
    assert.deepEqual(
      flagged(
        'Jackson, 25, was driving east on state Route 52 near Interstate 805 just after 2:30 a.m. when he was pulled over for an observed traffic violation, California Highway Patrol Officer Brad Baehr said.',
        'Williams, 32, was going west in his 2008 Bentley about 1: 30 a. m., CHP Officer Brian Pennings said.',
      ),
      [],
    );
    // Two days: the days clash (a date conflict, as before), never the times of the two days.
    assert.deepEqual(
      flagged('Police said the gunman opened fire at the mall at 7 p.m. on Monday.', 'Police said the gunman opened fire at the mall at 9 p.m. on Tuesday.'),
      [['Monday', 'Tuesday']],
    );
    assert.deepEqual(
      flagged(
        'Williams, 32, was going west in his 2008 Bentley about 1: 30 a. m., CHP Officer Brian Pennings said.',
        'Williams, 32, was pulled over for speeding in his Bentley on State Route 94 around 1: 30 a. m. on February 1, but was arrested on suspicion of drunk driving.',
      ),
      [],
    );
  });
});

describe('conflicts: the year something began', () => {
  it('marks start years by "since" or a verb of beginning in their clause, and no other year', () => {
    const begins = (text: string) => extractDates(text).map((d) => [d.text, d.begins === true]);
    assert.deepEqual(begins('The clinic has been a staple for residents since 1987 and often'), [['1987', true]]);
    assert.deepEqual(begins('In 1990 she founded the Bayou La Batre Rural Health Clinic, which cares for'), [['1990', true]]);
    assert.deepEqual(begins('Smith was first introduced in the 2009 Christmas special.'), [['2009', true]]);
    assert.deepEqual(begins('She received the Mandela Award in 1998, and was elected to the board in 1995.'), [
      ['1998', false],
      ['1995', false],
    ]);
    assert.deepEqual(begins('The gunman opened fire in 1999 at the school.'), [['1999', false]]);
  });

  it('finds two start years of one thing (report c157, c156)', () => {
    assert.deepEqual(
      flagged(
        'In 1990 she founded the Bayou La Batre Rural Health Clinic, which cares for a largely uninsured working-class community that was hit by both Hurricanes Katrina and George.',
        "The Bayou La Batre Rural Health Clinic has been a staple for residents since 1987 and often doesn't charge patients who can't afford to pay.",
      ),
      [['1990', '1987']],
    );
    assert.deepEqual(
      flagged(
        'Smith was first introduced in the 2009 Christmas special, "The End of Time. "',
        'Smith had played the iconic role since 2010 and shocked fans when he announced his his departure from the series in June.',
      ),
      [['2009', '2010']],
    );
  });

  it('look-alikes stay quiet: start years of two different things; a start year against another year of the same thing; the same start year', () => {
    assert.deepEqual(
      flagged(
        'In 1990 she founded the Bayou La Batre Rural Health Clinic in Alabama.',
        'The Mobile County Health Center has been a staple for residents since 1987.',
      ),
      [],
    );
    assert.deepEqual(
      flagged(
        'The Bayou La Batre Rural Health Clinic has been a staple for residents since 1987.',
        'The Bayou La Batre Rural Health Clinic burned down in 2006 and was rebuilt.',
      ),
      [],
    );
    assert.deepEqual(
      flagged('Benjamin founded the Bayou La Batre Rural Health Clinic in 1990.', 'In 1990 she founded the Bayou La Batre Rural Health Clinic.'),
      [],
    );
  });
});

describe('conflicts: ordinals', () => {
  it('reads an ordinal with the noun it ranks; "the 11th" of a month, a noun-less "10th" and "first introduced" are none', () => {
    const ordinals = (text: string) => extractOrdinals(text, extractDates(text)).map((o) => [o.text, o.value, o.noun]);
    assert.deepEqual(ordinals('He will take over for Matt Smith, the 12th Doctor, who is leaving'), [['12th Doctor', 12, 'doctor']]);
    assert.deepEqual(ordinals('an 11th-round stoppage of Tony Thompson'), [['11th-round', 11, 'round']]);
    assert.deepEqual(ordinals('stopping him in the sixth round'), [['sixth round', 6, 'round']]);
    assert.deepEqual(ordinals('The hearing is on the 11th of March; the verdict came on March 11th.'), []);
    assert.deepEqual(ordinals('The win moved him into 10th in MVC history.'), []);
    assert.deepEqual(ordinals('Smith was first introduced in 2009, for the first time.'), []);
    assert.deepEqual(ordinals('the 3th man'), []);
  });

  it('finds two ranks of one holder (report c153)', () => {
    const found = findConflicts([
      claim(
        'a.txt',
        "When Matt Smith stepped into Doctor Who's title role as the 11th Doctor this weekend, he went from British character actor to potential entertainment legend.",
      ),
      claim('b.txt', 'He will take over for Matt Smith, the 12th Doctor, who is leaving during the 2013 Christmas Special.'),
    ]);
    assert.deepEqual(
      found.map((s) => [s.a.value, s.b.value, s.kind, s.measure]),
      [['11th Doctor', '12th Doctor', 'number', 'which doctor Matt Smith is']],
    );
    // In words too: a claim with no digit is still read for its ordinals.
    assert.deepEqual(flagged('Matt Smith was the first actor to play him.', 'Matt Smith was the second actor to play him.'), [['first actor', 'second actor']]);
  });

  it('look-alikes stay quiet: two holders (report c170); a rank with no holder; another noun; the 11th of a month against the 11th Doctor', () => {
    assert.deepEqual(
      flagged(
        'Peter Capaldi will be the 12th Doctor, replacing Matt Smith on the hit drama.',
        'David Tennant, the 10th Doctor, handed over to Matt Smith on the hit drama.',
      ),
      [],
    );
    assert.deepEqual(
      flagged(
        'On Saturday, the 26-year-old was handed the keys to the Tardis when he was unveiled as the 11th Doctor Who, replacing David Tennant, who steps down later this year.',
        'The 55-year-old Glasgow-born star will be the 12th actor to play the Doctor, replacing out-going lead Matt Smith.',
      ),
      [],
    );
    assert.deepEqual(flagged('Matt Smith, the 11th Doctor, won the award.', 'Matt Smith, the 12th actor in the role, won the award.'), []);
    // Ranks that tell two things apart rather than rank the holder: two interviews, not a disagreement.
    assert.deepEqual(flagged('Matt Smith gave his first interview to the BBC.', 'Matt Smith gave his second interview to the BBC.'), []);
    assert.deepEqual(
      flagged('Matt Smith, the 11th Doctor, leaves the show on the 12th of December.', 'Matt Smith, the 11th Doctor, leaves the show at Christmas.'),
      [],
    );
  });
});
