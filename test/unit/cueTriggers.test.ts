import assert from 'node:assert/strict';
import { CueTriggers, type Trigger } from '../../src/core/spotting/cueTriggers';
import { CUE_TRIGGER_WORDS, patternsGuardedBy } from '../../src/core/spotting/spotterFeatures';
import { repositorySentences } from './support/repositorySentences';

const EDGE_CASES = [
  'Forecasting rain, they predicted-ish things and PROJECTED growth by 20150 or by 2031.',
  'On Jan.5 and Sept. 3, 1999; in 2004 and since 1850 (but not 2104 or 19999).',
  "I'm sure we NEED more. SAID the man, according to x. Per cent, percentage, 5% and 12 percent.",
  'A record-breaking, all-time record; records fell; the worst and the DEADLIEST.',
  'ſaid résumé naïve 1999th _2004 A1999 x2004y.',
  'The court ruled; the Supreme Court ruled that the Act of 1965 was signed into law.',
  'is set to rise; are going to; plans to; will you; will be able; will rise.',
  'because of it, due to it, as a result of it, thanks to you, blamed on him, killed by police.',
  'last decade, last week, yesterday, next Monday, this Friday.',
];

/** Names of the triggers whose patterns match `sentence` where the trigger did not fire. */
function violations(triggers: CueTriggers, names: string[], sentence: string): string[] {
  const mask = triggers.maskOf(sentence);
  return names.filter((name, i) => (mask & (1 << i)) === 0 && patternsGuardedBy(name).some((p) => p.test(sentence)));
}

describe('cue triggers: a pattern is skipped only where it cannot match', function () {
  this.timeout(120_000);
  const names = [...CUE_TRIGGER_WORDS.keys()];
  const all = repositorySentences(EDGE_CASES);

  it('guards real patterns (every trigger names a pattern)', function () {
    for (const name of names) assert.ok(patternsGuardedBy(name).length > 0, name);
    assert.ok(all.length > 20_000, `only ${all.length} sentences`);
  });

  it('every match of a guarded pattern, on every sentence in the repository, has its trigger fired', function () {
    const triggers = new CueTriggers([...CUE_TRIGGER_WORDS.values()]);
    const missed: string[] = [];
    for (const sentence of all) for (const name of violations(triggers, names, sentence)) missed.push(`${name}: ${sentence}`);
    assert.deepEqual(missed.slice(0, 5), []);
  });

  it('the check above fails when a trigger word is missing', function () {
    const weakened = new Map(CUE_TRIGGER_WORDS);
    const attribution = CUE_TRIGGER_WORDS.get('attribution')!;
    weakened.set('attribution', { ...attribution, words: attribution.words!.filter((w) => w !== 'said') });
    const triggers = new CueTriggers([...weakened.values()]);
    assert.ok(all.some((sentence) => violations(triggers, names, sentence).includes('attribution')));
  });

  it('reads words as \\b does: ASCII letters, digits and underscore, letter case folded', function () {
    const triggers = new CueTriggers([
      { words: ['said'] },
      { prefixes: ['forecast'] },
      { digit: true },
      { year: true },
      { yearPrefix: true },
    ] satisfies Trigger[]);
    const fired = (text: string) => [0, 1, 2, 3, 4].filter((bit) => (triggers.maskOf(text) & (1 << bit)) !== 0);
    assert.deepEqual(fired('He SAID so.'), [0]);
    assert.deepEqual(fired('unsaid, saidx, ſaid'), []);
    assert.deepEqual(fired('résaid'), [0]); // "é" is not a \b word character, so "said" stands alone
    assert.deepEqual(fired('Forecasting'), [1]);
    assert.deepEqual(fired('a forecas'), []);
    assert.deepEqual(fired('in 1999.'), [2, 3]);
    assert.deepEqual(fired('in 19999 or 1999th'), [2]);
    assert.deepEqual(fired('by 20150'), [2, 4]);
    assert.deepEqual(fired('by 2031'), [2, 3, 4]);
    assert.deepEqual(fired('x2031'), [2]);
  });
});
