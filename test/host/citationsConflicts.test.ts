// Citations and conflict notes through the real commands, with the prompt layer answering by script.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { openArticle, readSidecar, scratchArticle, ScriptedPrompts, select, useClaimsSession } from './support/harness';

const A = 'Amazon made an initial $1.25 billion investment in Anthropic in September 2023.\n';
const B = 'Amazon upped its initial $4 billion deal from March 27 to $8 billion.\n';

describe('citations and conflict notes', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;

  useClaimsSession((session) => ({ api, prompts } = session), { expectAllAnswersUsed: true });

  async function markIn(file: string, text: string): Promise<{ articlePath: string; claimId: string }> {
    const editor = await openArticle(file);
    select(editor, text);
    await vscode.commands.executeCommand('claims.markClaim');
    const claim = readSidecar(file).claims.find((c) => c.quote.exact === text)!;
    return { articlePath: file, claimId: claim.id };
  }

  it('adds a citation through the seven-step input, validating the URL and dates', async () => {
    const file = scratchArticle(A);
    const ref = await markIn(file, 'initial $1.25 billion investment in Anthropic in September 2023');
    prompts
      .type('https://www.aboutamazon.com/news/company-news/amazon-anthropic-ai-investment')
      .type('Amazon and Anthropic deepen their shared commitment')
      .type('Amazon Staff')
      .type('2023-09')
      .acceptDefault()
      .type('an initial investment of $1.25 billion')
      .type('press release');
    await vscode.commands.executeCommand('claims.addCitation', ref);
    const citation = readSidecar(file).claims[0].citations[0];
    assert.equal(citation.url, 'https://www.aboutamazon.com/news/company-news/amazon-anthropic-ai-investment');
    assert.equal(citation.issued, '2023-09');
    assert.match(citation.accessed, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(citation.quote, 'an initial investment of $1.25 billion');
    // The prompt itself refuses javascript: links (ScriptedPrompts applies the same validation as the input box).
    prompts.type('javascript:alert(1)');
    await vscode.commands.executeCommand('claims.addCitation', ref);
    assert.match(prompts.notifications.at(-1)?.message ?? '', /rejected by validation|http/);
  });

  it('imports citations from a BibTeX file and a CSL-JSON text', async () => {
    const file = scratchArticle(A);
    const ref = await markIn(file, 'September 2023');
    const bib = path.join(path.dirname(file), 'sources.bib');
    fs.writeFileSync(
      bib,
      '@online{aws2023,\n  title = {Amazon and Anthropic},\n  author = {Amazon Staff},\n  year = {2023},\n  month = sep,\n  url = {https://www.aboutamazon.com/news}\n}\n@article{doi1,\n  title = {A paper},\n  doi = {10.1234/abc.5},\n  year = {2020}\n}\n',
    );
    prompts
      .pickLabel('From a file')
      .chooseFile(vscode.Uri.file(bib))
      .pickWhere(() => true, true);
    await vscode.commands.executeCommand('claims.importCitations', ref);
    const citations = readSidecar(file).claims[0].citations;
    assert.equal(citations.length, 2);
    assert.equal(citations[0].url, 'https://www.aboutamazon.com/news');
    assert.equal(citations[0].issued, '2023-09');
    assert.equal(citations[1].doi, '10.1234/abc.5');
    const csl = JSON.stringify([{ id: 'x', type: 'webpage', title: 'From Zotero', URL: 'https://example.org/a', issued: { 'date-parts': [[2024, 11, 7]] } }]);
    prompts.pickWhere(() => true, true);
    await vscode.commands.executeCommand('claims.importCitations', ref, csl);
    const last = readSidecar(file).claims[0].citations[2];
    assert.equal(last.title, 'From Zotero');
    assert.equal(last.issued, '2024-11-07');
    assert.equal(last.csl.id, 'x');
  });

  it('opens only http(s) and DOI links, and says why it refuses anything else', async () => {
    const file = scratchArticle(A);
    const ref = await markIn(file, 'Amazon made');
    await api.context.store.updateClaim(file, ref.claimId, (claim) => {
      claim.citations.push(
        { id: 'bad', url: 'javascript:alert(1)', title: 'evil' },
        { id: 'file', url: 'file:///etc/passwd' },
        { id: 'doi', doi: '10.1000/xyz123' },
      );
    });
    await vscode.commands.executeCommand('claims.openCitation', { ...ref, citationId: 'bad' });
    assert.match(prompts.notifications.at(-1)?.message ?? '', /only http\(s\) and DOI links/);
    await vscode.commands.executeCommand('claims.openCitation', { ...ref, citationId: 'file' });
    assert.match(prompts.notifications.at(-1)?.message ?? '', /only http\(s\) and DOI links/);
    const opened = await vscode.commands.executeCommand<string>('claims.openCitation', { ...ref, citationId: 'doi' });
    assert.equal(opened, 'https://doi.org/10.1000/xyz123', JSON.stringify(prompts.notifications));
    assert.deepEqual(prompts.opened, ['https://doi.org/10.1000/xyz123'], 'only the DOI link was opened');
  });

  it('adds a conflict note across two articles, prefilled with the amounts, and resolves and reopens it', async () => {
    const fileA = scratchArticle(A);
    const fileB = scratchArticle(B);
    const first = await markIn(fileA, 'initial $1.25 billion investment in Anthropic in September 2023');
    const second = await markIn(fileB, 'its initial $4 billion deal from March 27');
    prompts
      .pickWhere((item) => (item.value as { claimId: string }).claimId === second.claimId)
      .pickLabel('Amount')
      .acceptDefault()
      .acceptDefault()
      .type('Check the SEC filing');
    await vscode.commands.executeCommand('claims.addConflict', first);
    const conflictA = readSidecar(fileA).claims[0].conflicts[0];
    const conflictB = readSidecar(fileB).claims[0].conflicts[0];
    assert.equal(conflictA.kind, 'amount');
    assert.match(conflictA.thisValue, /\$1\.25 billion/);
    assert.match(conflictA.otherValue, /\$4 billion/);
    assert.equal(conflictA.other.article, path.basename(fileB));
    assert.equal(conflictB.other.claim, first.claimId);
    assert.equal(conflictA.id, conflictB.id, 'one note, shown under both claims');
    const explorer = api.context.explorer;
    for (const ref of [first, second]) {
      const children = explorer.getChildren({ kind: 'claim', ...ref });
      assert.ok(
        children.some((n) => n.kind === 'conflict'),
        'the conflict shows under both claims',
      );
    }
    prompts.pickLabel('This claim is right').type('The 2023 press release says $1.25 billion up front');
    await vscode.commands.executeCommand('claims.resolveConflict', { ...first, conflictId: conflictA.id });
    assert.equal(readSidecar(fileA).claims[0].conflicts[0].state, 'resolved');
    assert.equal(readSidecar(fileB).claims[0].conflicts[0].state, 'resolved');
    assert.match(readSidecar(fileB).claims[0].conflicts[0].resolution, /press release/);
    await vscode.commands.executeCommand('claims.reopenConflict', { ...second, conflictId: conflictA.id });
    assert.equal(readSidecar(fileA).claims[0].conflicts[0].state, 'open');
  });
});
