// Issue 15: the claim's words follow the article, and a checked claim whose words changed says so.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/io';
import { acceptNewWording, changedSinceChecked, changedSinceCheckedMessage, followWords, wordChanges } from '../../src/core/anchoring/claimWords';
import { exportCsv, exportMarkdown, exportW3C } from '../../src/core/interchange/exporters';
import { quoteSelector } from '../../src/core/anchoring/anchoring';
import { LineIndex } from '../../src/core/sidecar/jsonLocation';
import { parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';
import type { Sidecar } from '../../src/core/sidecar/schema';
import { ClaimStore } from '../../src/store/claimStore';
import { anchoredClaim } from './support/builders';

const CLAIM = 'Amazon made its initial $1.25 billion investment in Anthropic in September 2023 and then upped it to $4 billion in March.';
const EDITED_CLAIM = CLAIM.replace('upped it to', 'raised it to');
const ARTICLE = `# Amazon and Anthropic\n\nThe deal was reported on Thursday. ${CLAIM} Analysts were surprised.\n`;
/** A word changed in the claim, and a paragraph inserted above it. */
const REWRITTEN = ARTICLE.replace(
  '# Amazon and Anthropic\n\n',
  '# Amazon and Anthropic\n\nA new paragraph, added above the claim by another editor.\n\n',
).replace(CLAIM, EDITED_CLAIM);

describe('claim words (issue 15)', () => {
  describe('followWords', () => {
    it('records a checked claim’s old words the first time they change, and clears them when they change back', () => {
      const claim = anchoredClaim(ARTICLE, 'c1', CLAIM, { status: 'supported' });
      const at = REWRITTEN.indexOf(EDITED_CLAIM);
      assert.deepEqual(followWords(claim, quoteSelector(REWRITTEN, at, at + EDITED_CLAIM.length)), { changed: true, wordsChanged: true });
      assert.equal(claim.quote.exact, EDITED_CLAIM);
      assert.equal(claim.position.start, at);
      assert.equal(changedSinceChecked(claim), CLAIM);
      assert.equal(changedSinceCheckedMessage(claim), 'claim text changed since it was marked supported');
      // A second edit keeps the words as checked, not the intermediate ones.
      const again = REWRITTEN.replace('raised it to', 'lifted it to');
      followWords(claim, quoteSelector(again, at, at + EDITED_CLAIM.length));
      assert.equal(claim.checkedQuote, CLAIM);
      // Back to the checked words: nothing to warn about.
      const back = REWRITTEN.replace(EDITED_CLAIM, CLAIM);
      followWords(claim, quoteSelector(back, at, at + CLAIM.length));
      assert.equal(claim.checkedQuote, undefined);
    });

    it('keeps no old words for an unverified claim without citations, and keeps them for a cited one', () => {
      const at = REWRITTEN.indexOf(EDITED_CLAIM);
      const fresh = anchoredClaim(ARTICLE, 'c1', CLAIM);
      followWords(fresh, quoteSelector(REWRITTEN, at, at + EDITED_CLAIM.length));
      assert.equal(fresh.checkedQuote, undefined);
      const cited = anchoredClaim(ARTICLE, 'c2', CLAIM, { citations: [{ id: 'k1', url: 'https://example.org/a' }] });
      followWords(cited, quoteSelector(REWRITTEN, at, at + EDITED_CLAIM.length));
      assert.equal(cited.checkedQuote, CLAIM);
      assert.equal(changedSinceCheckedMessage(cited), 'claim text changed since its citations were attached');
      assert.equal(acceptNewWording(cited), true);
      assert.equal(changedSinceChecked(cited), undefined);
      assert.equal(acceptNewWording(cited), false);
    });

    it('survives a write and a read: checkedQuote is a sidecar field, after `updated`', () => {
      const claim = { ...anchoredClaim(ARTICLE, 'c1', CLAIM, { status: 'supported' }), checkedQuote: 'the old words' };
      const text = serializeSidecar({ version: 1, article: 'story.md', claims: [claim] });
      assert.match(text, /"updated": "[^"]+",\n\s+"checkedQuote": "the old words"/);
      const parsed = parseSidecar(text);
      assert.ok(parsed.ok);
      assert.equal(parsed.sidecar.claims[0].checkedQuote, 'the old words');
      const bad = parseSidecar(text.replace('"checkedQuote": "the old words"', '"checkedQuote": 7'));
      assert.equal(bad.ok, false);
    });
  });

  describe('wordChanges', () => {
    it('shows the changed word as removed and added, the rest as the same', () => {
      assert.deepEqual(wordChanges('then upped it to $4 billion', 'then raised it to $4 billion'), [
        { kind: 'same', text: 'then ' },
        { kind: 'removed', text: 'upped ' },
        { kind: 'added', text: 'raised ' },
        { kind: 'same', text: 'it to $4 billion' },
      ]);
      assert.deepEqual(wordChanges('same words', 'same words'), [{ kind: 'same', text: 'same words' }]);
    });
  });

  describe('the store', () => {
    let dir: string;
    let article: string;
    let store: ClaimStore;

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-words-'));
      article = path.join(dir, 'story.md');
      fs.writeFileSync(article, ARTICLE);
      store = new ClaimStore();
    });

    afterEach(() => {
      store.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('writes the words found after an outside edit into the sidecar, with the checked words kept', async () => {
      const claim = anchoredClaim(ARTICLE, 'c1', CLAIM, { status: 'supported' });
      fs.writeFileSync(article + '.claims.json', serializeSidecar({ version: 1, article: 'story.md', claims: [claim] }));
      await store.open(article);
      fs.writeFileSync(article, REWRITTEN);
      await store.reanchor(article, REWRITTEN);
      const inMemory = store.entry(article)!.sidecar!.claims[0];
      assert.equal(inMemory.quote.exact, EDITED_CLAIM);
      const parsed = parseSidecar(fs.readFileSync(article + '.claims.json', 'utf8'));
      assert.ok(parsed.ok);
      const onDisk = parsed.sidecar.claims[0];
      assert.equal(onDisk.quote.exact, EDITED_CLAIM);
      assert.equal(
        onDisk.quote.prefix,
        quoteSelector(REWRITTEN, REWRITTEN.indexOf(EDITED_CLAIM), REWRITTEN.indexOf(EDITED_CLAIM) + EDITED_CLAIM.length).prefix,
      );
      assert.equal(onDisk.position.start, REWRITTEN.indexOf(EDITED_CLAIM));
      assert.equal(onDisk.checkedQuote, CLAIM);

      assert.equal(await store.acceptNewWording(article, 'c1'), true);
      const accepted = parseSidecar(fs.readFileSync(article + '.claims.json', 'utf8'));
      assert.ok(accepted.ok);
      assert.equal(accepted.sidecar.claims[0].checkedQuote, undefined);
      assert.equal(accepted.sidecar.claims[0].quote.exact, EDITED_CLAIM);
    });

    it('does not write when only the position moved (a paragraph inserted above)', async () => {
      const claim = anchoredClaim(ARTICLE, 'c1', CLAIM, { status: 'supported' });
      fs.writeFileSync(article + '.claims.json', serializeSidecar({ version: 1, article: 'story.md', claims: [claim] }));
      const bytes = fs.readFileSync(article + '.claims.json');
      await store.open(article);
      const moved = 'A new paragraph.\n\n' + ARTICLE;
      await store.reanchor(article, moved);
      assert.equal(store.entry(article)!.sidecar!.claims[0].position.start, moved.indexOf(CLAIM));
      assert.deepEqual(fs.readFileSync(article + '.claims.json'), bytes);
    });
  });

  describe('reports and `claims check` read the words there now', () => {
    let dir: string;

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-words-cli-'));
    });

    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
    });

    function writeStory(): Sidecar {
      const sidecar: Sidecar = {
        version: 1,
        article: 'story.md',
        claims: [anchoredClaim(ARTICLE, 'c1', CLAIM, { status: 'supported', citations: [{ id: 'k1', url: 'https://example.org/a', title: 'Filing' }] })],
      };
      fs.writeFileSync(path.join(dir, 'story.md'), REWRITTEN);
      fs.writeFileSync(path.join(dir, 'story.md.claims.json'), serializeSidecar(sidecar));
      return sidecar;
    }

    it('Markdown, CSV and W3C exports all show the new words; Markdown flags the change', () => {
      const sidecar = writeStory();
      const entries = [{ article: 'story.md', sidecar, text: REWRITTEN }];
      const markdown = exportMarkdown(entries);
      assert.match(markdown, /raised it to/);
      assert.doesNotMatch(markdown.replace(/the words checked were: .*/, ''), /upped it to/);
      assert.match(markdown, /Text changed since checked\*\* \\\(claim text changed since it was marked supported\\\); the words checked were: “.*upped it to/);
      assert.match(exportCsv(entries), /raised it to/);
      assert.doesNotMatch(exportCsv(entries), /upped it to/);
      assert.match(JSON.stringify(exportW3C(entries.map((e) => ({ ...e, source: 'https://example.org/story.md' })))), /raised it to/);
    });

    it('`claims check` reports the changed claim as a warning at its place in the article', async () => {
      writeStory();
      let stdout = '';
      const io: CliIo = { cwd: dir, stdout: (t) => void (stdout += t), stderr: () => undefined, readStdin: async () => '' };
      const code = await runCli(['check', '--json'], io);
      assert.equal(code, 1);
      const findings = JSON.parse(stdout) as Array<{ file: string; line: number; column: number; code: string; severity: string; message: string }>;
      const changed = findings.find((f) => f.code === 'changed-since-checked');
      assert.ok(changed, stdout);
      assert.equal(changed.severity, 'warning');
      assert.equal(changed.file, 'story.md');
      assert.deepEqual({ line: changed.line, column: changed.column }, new LineIndex(REWRITTEN).at(REWRITTEN.indexOf(EDITED_CLAIM)));
      assert.equal(changed.message, 'claim c1: claim text changed since it was marked supported: "upped" became "raised"');
    });
  });
});
