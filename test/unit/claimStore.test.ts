import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSidecar } from '../../src/core/sidecar/sidecar';
import { ClaimStore, SidecarReadOnlyError } from '../../src/store/claimStore';

const ARTICLE = 'Amazon said on Thursday it would invest $4 billion in Anthropic. Analysts were surprised.\n';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'claims-store-'));
}

function fixedClock() {
  let tick = 0;
  return () => new Date(Date.UTC(2024, 10, 7, 9, 0, tick++));
}

describe('ClaimStore', () => {
  let dir: string;
  let article: string;
  let store: ClaimStore;

  beforeEach(() => {
    dir = tempDir();
    article = path.join(dir, 'story.md');
    fs.writeFileSync(article, ARTICLE);
    store = new ClaimStore({ now: fixedClock() });
  });

  afterEach(() => {
    store.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a new claim to story.md.claims.json beside the article', async () => {
    const start = ARTICLE.indexOf('invest');
    await store.addClaim(article, ARTICLE, start, start + 'invest $4 billion'.length, {}, 'c1');
    const text = fs.readFileSync(path.join(dir, 'story.md.claims.json'), 'utf8');
    const parsed = parseSidecar(text);
    assert.ok(parsed.ok);
    assert.equal(parsed.sidecar.article, 'story.md');
    assert.equal(parsed.sidecar.claims[0].quote.exact, 'invest $4 billion');
    assert.equal(parsed.sidecar.claims[0].position.start, start);
    assert.ok(text.endsWith('\n'));
  });

  it('opening an article and re-anchoring without changes never rewrites the sidecar', async () => {
    await store.addClaim(article, ARTICLE, 0, 6, {}, 'c1');
    const sidecar = path.join(dir, 'story.md.claims.json');
    const before = fs.statSync(sidecar).mtimeMs;
    const bytes = fs.readFileSync(sidecar);
    const fresh = new ClaimStore();
    await fresh.open(article);
    fresh.reanchor(article, ARTICLE);
    await fresh.refreshQuotes(article, ARTICLE);
    assert.deepEqual(fs.readFileSync(sidecar), bytes);
    assert.equal(fs.statSync(sidecar).mtimeMs, before);
  });

  it('a claim typed around while a save refreshes the quotes keeps its live place (auto save, then typing)', async () => {
    const start = ARTICLE.indexOf('invest');
    await store.addClaim(article, ARTICLE, start, start + 'invest $4 billion'.length, {}, 'c1');
    // Typing inside the claim, then a save of that text.
    const at = ARTICLE.indexOf('$4');
    store.trackEdits(article, [{ rangeOffset: at, rangeLength: 0, text: 'about ' }]);
    const saved = ARTICLE.slice(0, at) + 'about ' + ARTICLE.slice(at);
    const refreshing = store.refreshQuotes(article, saved);
    // The user types again before the store has taken its lock and written.
    store.trackEdits(article, [{ rangeOffset: 0, rangeLength: 0, text: 'BREAKING: ' }]);
    const live = 'BREAKING: ' + saved;
    await refreshing;
    const claim = store.entry(article)!.sidecar!.claims[0]!;
    assert.equal(live.slice(claim.position.start, claim.position.end), 'invest about $4 billion');
    // The next save records the new words.
    await store.refreshQuotes(article, live);
    const written = parseSidecar(fs.readFileSync(path.join(dir, 'story.md.claims.json'), 'utf8'));
    assert.ok(written.ok);
    assert.equal(written.sidecar.claims[0]!.quote.exact, 'invest about $4 billion');
  });

  it('merges an outside change made since the last read instead of overwriting it', async () => {
    await store.addClaim(article, ARTICLE, 0, 6, {}, 'c1');
    // Another process (the CLI, a git pull) adds a claim behind the store's back.
    const other = new ClaimStore({ now: fixedClock() });
    await other.addClaim(article, ARTICLE, 14, 22, {}, 'c2');
    await store.addClaim(article, ARTICLE, 40, 50, {}, 'c3');
    const parsed = parseSidecar(fs.readFileSync(path.join(dir, 'story.md.claims.json'), 'utf8'));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.sidecar.claims.map((c) => c.id).sort(), ['c1', 'c2', 'c3']);
  });

  it('refuses to write over an invalid sidecar and leaves its bytes alone', async () => {
    const sidecar = path.join(dir, 'story.md.claims.json');
    const broken = '{ "version": 1, "article": "story.md", "claims": [ { "id": "x" ';
    fs.writeFileSync(sidecar, broken);
    const entry = await store.open(article);
    assert.ok(entry.readOnlyReason);
    assert.ok(entry.issues.length > 0);
    await assert.rejects(store.addClaim(article, ARTICLE, 0, 6, {}, 'c1'), SidecarReadOnlyError);
    assert.equal(fs.readFileSync(sidecar, 'utf8'), broken);
  });

  it('refuses a sidecar from a newer version read-only', async () => {
    const sidecar = path.join(dir, 'story.md.claims.json');
    const future = JSON.stringify({ version: 99, article: 'story.md', claims: [] });
    fs.writeFileSync(sidecar, future);
    const entry = await store.open(article);
    assert.match(entry.readOnlyReason ?? '', /newer/i);
    await assert.rejects(store.addClaim(article, ARTICLE, 0, 6, {}, 'c1'), SidecarReadOnlyError);
    assert.equal(fs.readFileSync(sidecar, 'utf8'), future);
  });

  it('names a folder where the sidecar should be', async () => {
    fs.mkdirSync(path.join(dir, 'story.md.claims.json'));
    const entry = await store.open(article);
    assert.match(entry.readOnlyReason ?? '', /is a folder/);
  });

  it('follows typing before, inside and after a claim, and orphans a claim whose text is deleted', async () => {
    const start = ARTICLE.indexOf('$4 billion');
    await store.addClaim(article, ARTICLE, start, start + 10, {}, 'c1');
    await store.addClaim(article, ARTICLE, 0, 6, {}, 'c0');
    store.trackEdits(article, [{ rangeOffset: 7, rangeLength: 0, text: 'XX' }]); // after c0, before c1
    const claim = () => store.entry(article)!.sidecar!.claims.find((c) => c.id === 'c1')!;
    assert.deepEqual([claim().position.start, claim().position.end], [start + 2, start + 12]);
    store.trackEdits(article, [{ rangeOffset: start + 2, rangeLength: 10, text: '' }]);
    assert.ok(store.entry(article)!.orphaned.has('c1'));
    assert.equal(claim().quote.exact, '$4 billion');
  });

  it('re-anchors by content after an outside edit and orphans deleted text without moving it', async () => {
    const start = ARTICLE.indexOf('Analysts were surprised.');
    await store.addClaim(article, ARTICLE, start, start + 'Analysts were surprised.'.length, {}, 'moved');
    await store.addClaim(article, ARTICLE, 0, ARTICLE.indexOf(' on Thursday'), {}, 'gone');
    const edited = 'Analysts were surprised. Investors cheered the deal between the two companies.\n';
    store.reanchor(article, edited);
    const entry = store.entry(article)!;
    const moved = entry.sidecar!.claims.find((c) => c.id === 'moved')!;
    assert.equal(edited.slice(moved.position.start, moved.position.end), 'Analysts were surprised.');
    assert.ok(entry.orphaned.has('gone'));
    assert.ok(!entry.orphaned.has('moved'));
  });

  it('moves the sidecar with a renamed article and updates conflict links to it', async () => {
    const other = path.join(dir, 'other.md');
    fs.writeFileSync(other, ARTICLE);
    await store.addClaim(article, ARTICLE, 0, 6, {}, 'c1');
    await store.addClaim(other, ARTICLE, 0, 6, {}, 'o1');
    await store.updateClaim(other, 'o1', (claim) => {
      claim.conflicts.push({
        id: 'k1',
        other: { article: 'story.md', claim: 'c1' },
        kind: 'amount',
        thisValue: 'a',
        otherValue: 'b',
        note: '',
        state: 'open',
        resolution: '',
      });
    });
    fs.mkdirSync(path.join(dir, 'archive'));
    const renamed = path.join(dir, 'archive', 'renamed.md');
    fs.renameSync(article, renamed);
    await store.moveArticle(article, renamed);
    assert.ok(!fs.existsSync(path.join(dir, 'story.md.claims.json')));
    const moved = parseSidecar(fs.readFileSync(renamed + '.claims.json', 'utf8'));
    assert.ok(moved.ok);
    assert.equal(moved.sidecar.article, 'renamed.md');
    const otherSidecar = parseSidecar(fs.readFileSync(other + '.claims.json', 'utf8'));
    assert.ok(otherSidecar.ok);
    assert.equal(otherSidecar.sidecar.claims[0].conflicts[0].other.article, 'archive/renamed.md');
  });

  it('cleans up temporary files left by a crashed writer on the next start', async () => {
    const leftover = path.join(dir, '.story.md.claims.json.claims-tmp-999999999-abc');
    fs.writeFileSync(leftover, '{"partial": tru');
    await new ClaimStore().open(article);
    assert.ok(!fs.existsSync(leftover));
  });

  it('keeps permissions and writes nothing when a change makes no difference', async () => {
    await store.addClaim(article, ARTICLE, 0, 6, {}, 'c1');
    const sidecar = path.join(dir, 'story.md.claims.json');
    fs.chmodSync(sidecar, 0o600);
    const mtime = fs.statSync(sidecar).mtimeMs;
    await store.updateClaim(article, 'c1', (claim) => {
      if (claim.status === 'unverified') return false;
    });
    assert.equal(fs.statSync(sidecar).mtimeMs, mtime);
    await store.updateClaim(article, 'c1', (claim) => {
      claim.status = 'supported';
    });
    assert.equal(fs.statSync(sidecar).mode & 0o777, 0o600);
  });
});
