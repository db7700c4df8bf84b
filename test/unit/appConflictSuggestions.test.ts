// The conflict suggestion workflow written once (core/app/conflictSuggestions.ts) for `claims conflicts` and the
// editor's Find Conflicting Claims, on two real reports of the 2008 Sonoma County quake (data/conflict-cases).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { conflictPartner } from '../../src/core/app/conflictPartner';
import { conflictNotePair, noteFieldsFor, rememberDismissal, suggestConflicts, type ConflictArticle } from '../../src/core/app/conflictSuggestions';
import { emptySidecar } from '../../src/core/sidecar/sidecar';
import type { Sidecar } from '../../src/core/sidecar/schema';
import { claimInText } from './support/builders';
import { REPO_ROOT } from './cliBuild';

const CASE = path.join(REPO_ROOT, 'data/conflict-cases/articles/38-ecb');
const LOW = path.join(CASE, '38_2ecb.txt');
const HIGH = path.join(CASE, '38_4ecb.txt');
const lowText = fs.readFileSync(LOW, 'utf8');
const highText = fs.readFileSync(HIGH, 'utf8');
const LOW_SENTENCE = 'A 4.2 magnitude earthquake shook a remote area of eastern Sonoma County';
const HIGH_SENTENCE = 'the 4.4-magnitude temblor on Sunday';

function articles(low?: Sidecar, high?: Sidecar): ConflictArticle[] {
  return [
    { articlePath: LOW, text: lowText, sidecar: low },
    { articlePath: HIGH, text: highText, sidecar: high },
  ];
}

const magnitude = (found: ReturnType<typeof suggestConflicts>) => found.filter((s) => s.measure === 'magnitude');

describe('app: conflict suggestions', () => {
  it('compares check-worthy sentences that are not claims yet, with typed references to where they are', () => {
    const [s] = magnitude(suggestConflicts(articles()));
    assert.ok(s, 'the magnitude conflict is suggested without any claim or spotting first');
    assert.deepEqual([s.a.article, s.b.article], [LOW, HIGH]);
    assert.equal(s.a.ref.kind, 'candidate');
    assert.equal(s.b.ref.kind, 'candidate');
    assert.ok(s.a.ref.kind === 'candidate' && lowText.slice(s.a.ref.start, s.a.ref.end) === s.a.text, 'the reference points at the sentence itself');
    assert.ok(s.a.text.includes(LOW_SENTENCE));
    assert.equal(s.a.value, '4.2 magnitude');
    assert.equal(s.b.value, '4.4-magnitude');
  });

  it('uses a claim instead of the sentence it covers, and leaves out an orphaned claim', () => {
    const low = { ...emptySidecar(path.basename(LOW)), claims: [claimInText(lowText, 'c-low', LOW_SENTENCE)] };
    const [s] = magnitude(suggestConflicts(articles(low)));
    assert.deepEqual(s?.a.ref, { kind: 'claim', claimId: 'c-low' });
    assert.equal(s?.a.text, LOW_SENTENCE);

    const orphan = claimInText(lowText, 'c-gone', LOW_SENTENCE);
    orphan.quote = { exact: 'A 7.9 magnitude earthquake flattened the valley', prefix: '', suffix: '' };
    const withOrphan = { ...emptySidecar(path.basename(LOW)), claims: [orphan] };
    const all = suggestConflicts(articles(withOrphan));
    assert.ok(all.every((x) => !(x.a.ref.kind === 'claim' && x.a.ref.claimId === 'c-gone') && !(x.b.ref.kind === 'claim' && x.b.ref.claimId === 'c-gone')));
  });

  it('leaves out a pair already linked by a note kept on either side only, and a dismissed one', () => {
    const lowClaim = claimInText(lowText, 'c-low', LOW_SENTENCE);
    const highClaim = claimInText(highText, 'c-high', HIGH_SENTENCE);
    const [s] = magnitude(suggestConflicts(articles({ ...emptySidecar('a'), claims: [lowClaim] }, { ...emptySidecar('b'), claims: [highClaim] })));
    assert.ok(s, 'suggested while the claims are not linked');
    const [onLow, onHigh] = conflictNotePair('k1', { articlePath: LOW, claimId: 'c-low' }, { articlePath: HIGH, claimId: 'c-high' }, noteFieldsFor(s));
    // Only the second article's claim carries the note (the other write failed): still linked.
    const highOnly = { ...highClaim, conflicts: [onHigh] };
    assert.deepEqual(magnitude(suggestConflicts(articles({ ...emptySidecar('a'), claims: [lowClaim] }, { ...emptySidecar('b'), claims: [highOnly] }))), []);
    const lowOnly = { ...lowClaim, conflicts: [onLow] };
    assert.deepEqual(magnitude(suggestConflicts(articles({ ...emptySidecar('a'), claims: [lowOnly] }, { ...emptySidecar('b'), claims: [highClaim] }))), []);

    // A dismissal is keyed by both texts: dismiss the pair of sentences as compared without claims.
    const [sentences] = magnitude(suggestConflicts(articles()));
    const dismissedIn = emptySidecar('b');
    assert.equal(rememberDismissal(dismissedIn, sentences!.key), true);
    assert.equal(rememberDismissal(dismissedIn, sentences!.key), false, 'remembered once');
    assert.deepEqual(magnitude(suggestConflicts(articles(undefined, dismissedIn))), [], 'a dismissal in any compared article counts');
  });

  it('leaves out a sentence dismissed as a candidate', () => {
    const [s] = magnitude(suggestConflicts(articles()));
    const low = { ...emptySidecar('a'), dismissed: { candidates: [s!.a.text], conflicts: [] } };
    assert.deepEqual(magnitude(suggestConflicts(articles(low))), []);
  });

  it('makes the two halves of one note, each naming the other claim relative to its own folder', () => {
    const first = { articlePath: path.resolve('/w/news/a.md'), claimId: 'c1' };
    const second = { articlePath: path.resolve('/w/wire/b.md'), claimId: 'c2' };
    const [one, two] = conflictNotePair('k9', first, second, { kind: 'amount', thisValue: '$4 billion', otherValue: '$1.25 billion', note: 'why' });
    assert.equal(one.id, two.id);
    assert.deepEqual(one.other, { article: '../wire/b.md', claim: 'c2' });
    assert.deepEqual(two.other, { article: '../news/a.md', claim: 'c1' });
    assert.deepEqual([one.thisValue, one.otherValue, two.thisValue, two.otherValue], ['$4 billion', '$1.25 billion', '$1.25 billion', '$4 billion']);
    assert.deepEqual(conflictPartner(first.articlePath, one), second);
    assert.deepEqual(conflictPartner(second.articlePath, two), first);
    assert.equal(one.state, 'open');
  });
});

describe('app: conflict suggestions with the candidates an article shows', () => {
  it('compares the given candidates instead of every check-worthy sentence', () => {
    const [all] = magnitude(suggestConflicts(articles()));
    assert.ok(all);
    const shown = articles().map((article) => ({ ...article, candidates: [] }));
    assert.deepEqual(magnitude(suggestConflicts(shown)), [], 'no candidates given, none compared');
    const onlyThose = articles().map((article, i) => ({
      ...article,
      candidates: [i === 0 ? all.a : all.b].map((s) => ({ start: s.start, end: s.end, text: s.text })),
    }));
    assert.equal(magnitude(suggestConflicts(onlyThose))[0]?.key, all.key);
  });
});
