// Findings decided once (core/app/findings.ts) for `claims check` and the editor's Problems panel.
import assert from 'node:assert/strict';
import path from 'node:path';
import { FINDING_SEVERITY, findingsFor, type Finding } from '../../src/core/app/findings';
import { emptySidecar } from '../../src/core/sidecar/sidecar';
import type { Claim, Conflict } from '../../src/core/sidecar/schema';
import { claimInText } from './support/builders';

const ARTICLE = path.resolve('/w/news/story.md');
const TEXT = 'Amazon made its initial $1.25 billion investment in September 2023.\nIt later upped the investment to $4 billion.\n';
const cited = { citations: [{ id: 's1', url: 'https://example.com/a' }] };
const note = (fields: Partial<Conflict> = {}): Conflict => ({
  id: 'k1',
  other: { article: 'story.md', claim: 'c2' },
  kind: 'amount',
  thisValue: '$1.25 billion',
  otherValue: '$4 billion',
  note: '',
  state: 'open',
  resolution: '',
  ...fields,
});
const summary = (findings: Finding[]) => findings.map((f) => ('claim' in f ? `${f.code} ${f.claim.id}` : f.code));

function sidecarWith(...claims: Claim[]) {
  return { ...emptySidecar('story.md'), claims };
}

describe('app: findings', () => {
  it('reports uncited claims, open conflicts (same article or not) and nothing for a clean claim', () => {
    const findings = findingsFor({
      articlePath: ARTICLE,
      text: TEXT,
      sidecar: sidecarWith(
        claimInText(TEXT, 'c1', 'initial $1.25 billion investment', { ...cited, conflicts: [note()] }),
        claimInText(TEXT, 'c2', 'upped the investment to $4 billion'),
      ),
    });
    assert.deepEqual(summary(findings), ['open-conflict c1', 'uncited-claim c2']);
    const open = findings[0] as Extract<Finding, { code: 'open-conflict' }>;
    assert.equal(open.sameArticle, true);
    assert.equal(open.partnerWords, undefined, 'no words without a partner lookup');
    const partner = { exists: true, claims: new Map([['c2', 'upped the investment to $4 billion']]) };
    const named = findingsFor({
      articlePath: ARTICLE,
      text: TEXT,
      partner: () => partner,
      sidecar: sidecarWith(claimInText(TEXT, 'c1', 'initial $1.25 billion investment', { ...cited, conflicts: [note()] })),
    });
    assert.equal(named[0]?.code === 'open-conflict' && named[0].partnerWords, 'upped the investment to $4 billion', 'the other claim by its words');
    assert.deepEqual(open.range, { start: TEXT.indexOf('initial'), end: TEXT.indexOf('initial') + 'initial $1.25 billion investment'.length });
    assert.equal(FINDING_SEVERITY['open-conflict'], 'warning');
    assert.equal(FINDING_SEVERITY['uncited-claim'], 'info');
  });

  it('reports an orphaned claim as orphaned only, not as uncited or in conflict, but still its merge markers', () => {
    const orphan = claimInText(TEXT, 'c1', 'initial $1.25 billion investment', { conflicts: [note()], note: '<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs' });
    orphan.quote = { exact: 'Amazon sold its stake in 2022', prefix: '', suffix: '' };
    const findings = findingsFor({ articlePath: ARTICLE, text: TEXT, sidecar: sidecarWith(orphan) });
    assert.deepEqual(summary(findings), ['orphaned-claim c1', 'merge-conflict c1']);
    assert.equal(findings[0] && 'range' in findings[0] ? findings[0].range : 'none', undefined);
  });

  it('follows the caller\u2019s locations (the editor\u2019s store) instead of re-anchoring', () => {
    const claim = claimInText(TEXT, 'c1', 'initial $1.25 billion investment', cited);
    assert.deepEqual(summary(findingsFor({ articlePath: ARTICLE, text: TEXT, sidecar: sidecarWith(claim), locate: () => undefined })), ['orphaned-claim c1']);
  });

  it('reports a claim whose words changed since it was checked, with the words checked', () => {
    const claim = claimInText(TEXT, 'c1', 'upped the investment to $4 billion', {
      ...cited,
      status: 'supported',
      checkedQuote: 'upped the investment to $2.75 billion',
    });
    const [finding] = findingsFor({ articlePath: ARTICLE, text: TEXT, sidecar: sidecarWith(claim) });
    assert.equal(finding?.code, 'changed-since-checked');
    assert.equal(finding?.code === 'changed-since-checked' && finding.checkedWords, 'upped the investment to $2.75 billion');
  });

  it('reports a note whose other claim does not exist, when the other article is known', () => {
    const claim = claimInText(TEXT, 'c1', 'initial $1.25 billion investment', {
      ...cited,
      conflicts: [note({ state: 'resolved', other: { article: '../wire/b.md', claim: 'zz' } })],
    });
    const asked: string[] = [];
    const findings = findingsFor({
      articlePath: ARTICLE,
      text: TEXT,
      sidecar: sidecarWith(claim),
      partner: (p) => (asked.push(p), { exists: true, claims: new Map([['c9', 'another claim']]) }),
    });
    assert.deepEqual(asked, [path.resolve('/w/wire/b.md')]);
    assert.deepEqual(summary(findings), ['dangling-conflict c1']);
    assert.equal(findings[0]?.code === 'dangling-conflict' && findings[0].partnerArticleExists, true);
    assert.deepEqual(
      summary(findingsFor({ articlePath: ARTICLE, text: TEXT, sidecar: sidecarWith(claim), partner: () => undefined })),
      [],
      'unknown: nothing claimed',
    );
  });

  it('reports an invalid sidecar by its issues, and a missing or unreadable article once', () => {
    const issue = { message: 'bad', path: [], line: 2, column: 3, offset: 5, length: 1 };
    assert.deepEqual(findingsFor({ articlePath: ARTICLE, issues: [issue] }), [{ code: 'invalid-sidecar', issue }]);
    const claim = claimInText(TEXT, 'c1', 'initial $1.25 billion investment', cited);
    assert.deepEqual(summary(findingsFor({ articlePath: ARTICLE, sidecar: sidecarWith(claim), articleProblem: 'missing' })), ['missing-article']);
    const unreadable = findingsFor({ articlePath: ARTICLE, sidecar: sidecarWith(claim), articleProblem: 'looks like a binary file' });
    assert.deepEqual(unreadable[0], { code: 'unreadable-article', problem: 'looks like a binary file', claimCount: 1 });
  });
});
