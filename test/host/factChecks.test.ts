// Earlier fact-checks in the real editor: an archive named by claims.factChecks.archives is indexed in the
// background, a claim it checked shows the match in its hover and a "checked before" badge in the Claim Explorer,
// Find Earlier Fact-Checks attaches the chosen check as a citation with its verdict, and archive changes are seen.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { openArticle, readSidecar, scratchArticle, ScriptedPrompts, select, useClaimsSession, waitFor, workspaceRoot } from './support/harness';

// Real PolitiFact lines (test/fixtures/fact-checks/politifact-sample.jsonl), in PolitiFact's own shape.
const ROMNEY =
  '{"vclaim_id": "vclaim-pol-10105", "vclaim": "Says Mitt Romney was clear that he \\"would not provide government assistance to the U.S. auto companies, even if they went through bankruptcy.\\"", "speaker": "Barack Obama", "truth_label": "barely-true", "date": "stated on October 22, 2012 in the final debate:", "url": "/factchecks/2012/oct/23/barack-obama/obama-says-romney-opposed-any-government-help-resc/", "title": "Obama says Romney opposed any government help to rescue carmakers"}';
const VETERANS =
  '{"vclaim_id": "vclaim-pol-10107", "vclaim": "\\"Veterans\' unemployment is actually now lower than general population.\\"", "speaker": "Barack Obama", "truth_label": "true", "date": "stated on October 22, 2012 in the third presidential debate:", "url": "/factchecks/2012/oct/22/barack-obama/obama-says-veterans-unemployment-lower-general-popu/", "title": "Barack Obama says veterans\' unemployment is lower than the general population"}';
// A hostile line in our own shape: its text tries Markdown and command links, its URL is not http(s).
const HOSTILE = JSON.stringify({
  id: 'hostile-1',
  claim: 'Romney would not provide government assistance to the U.S. auto companies [even in bankruptcy](command:claims.removeClaim)',
  verdict: '<b>pants on fire</b>',
  url: 'javascript:alert(1)',
  publisher: 'Stranger',
  date: '2012-10-23',
});

const SENTENCE = 'You were very clear that you would not provide government assistance to the U.S. auto companies even if they went through bankruptcy.';

describe('earlier fact-checks', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;
  let archive: string;
  const config = () => vscode.workspace.getConfiguration('claims');

  useClaimsSession((session) => ({ api, prompts } = session), { expectAllAnswersUsed: true });

  before(async () => {
    archive = path.join(workspaceRoot(), 'host-scratch', 'earlier-fact-checks.jsonl');
    fs.mkdirSync(path.dirname(archive), { recursive: true });
    fs.writeFileSync(archive, [ROMNEY, VETERANS, HOSTILE, '{not json'].join('\n') + '\n');
    await config().update('factChecks.archives', ['host-scratch/earlier-fact-checks.jsonl'], vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await config().update('factChecks.archives', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(archive, { force: true });
  });

  async function claimOn(text: string): Promise<{ file: string; ref: { articlePath: string; claimId: string }; editor: vscode.TextEditor }> {
    const file = scratchArticle(`# The third debate\n\nThe president said: ${text}\n`);
    const editor = await openArticle(file);
    select(editor, text);
    await vscode.commands.executeCommand('claims.markClaim');
    const claim = readSidecar(file).claims.find((c) => c.quote.exact === text)!;
    return { file, ref: { articlePath: file, claimId: claim.id }, editor };
  }

  it('indexes the archive named by the setting, leaving out its bad line', async () => {
    const index = await waitFor(() => api.context.factChecks?.index?.size === 3 && api.context.factChecks.index, 'the archive indexed', 20_000);
    assert.deepEqual(
      index.entries.map((e) => e.id),
      ['vclaim-pol-10105', 'vclaim-pol-10107', 'hostile-1'],
    );
  });

  it('shows the match with its verdict in the hover and a "checked before" badge, with untrusted text escaped', async () => {
    await waitFor(() => api.context.factChecks?.index?.size === 3, 'the archive indexed', 20_000);
    const { editor, ref } = await claimOn(SENTENCE);
    const position = editor.document.positionAt(editor.document.getText().indexOf('auto companies'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const markdown = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    assert.match(markdown, /Checked before/);
    assert.match(markdown, /PolitiFact, 2012: \['Says Mitt Romney was clear/);
    assert.match(markdown, /\]\(https:\/\/www\.politifact\.com\/factchecks\/2012\/oct\/23\/barack-obama\/[^)]*\) — barely true/);
    // The hostile entry is shown as text: escaped brackets, no javascript: or command: link, no HTML.
    assert.match(markdown, /Stranger, 2012: 'Romney would not provide/);
    assert.doesNotMatch(markdown, /\]\(javascript:|\]\(command:claims\.removeClaim|<b>/);
    const item = api.context.explorer.getTreeItem({ kind: 'claim', ...ref });
    assert.match(String(item.description), /checked before/);
  });

  it('Find Earlier Fact-Checks lists ranked matches and attaches the chosen one as a citation, verdict kept', async () => {
    await waitFor(() => api.context.factChecks?.index?.size === 3, 'the archive indexed', 20_000);
    const { file } = await claimOn(SENTENCE);
    let offered: string[] = [];
    prompts.pickWhere((item) => {
      offered.push((item.value as { entry: { id: string } }).entry.id);
      return (item.value as { entry: { id: string } }).entry.id === 'vclaim-pol-10105';
    });
    // The claim under the cursor (markClaim leaves the selection on it).
    await vscode.commands.executeCommand('claims.findEarlierFactChecks');
    assert.equal(offered[0], 'vclaim-pol-10105', `ranked: ${offered.join(', ')}`);
    const [citation] = readSidecar(file).claims[0].citations;
    assert.equal(citation.url, 'https://www.politifact.com/factchecks/2012/oct/23/barack-obama/obama-says-romney-opposed-any-government-help-resc/');
    assert.equal(citation.verdict, 'barely true');
    assert.equal(citation.publisher, 'PolitiFact');
    assert.equal(citation.issued, '2012-10-22');
    assert.equal(citation.title, 'Obama says Romney opposed any government help to rescue carmakers');
    assert.match(prompts.notifications.at(-1)?.message ?? '', /verdict: barely true/);
    // Attaching the same check again is refused, not duplicated.
    offered = [];
    prompts.pickWhere((item) => (item.value as { entry: { id: string } }).entry.id === 'vclaim-pol-10105');
    await vscode.commands.executeCommand('claims.findEarlierFactChecks');
    assert.equal(readSidecar(file).claims[0].citations.length, 1);
    assert.match(prompts.notifications.at(-1)?.message ?? '', /already cited/);
  });

  it('picks up a change to the archive file', async () => {
    await waitFor(() => api.context.factChecks?.index?.size === 3, 'the archive indexed', 20_000);
    fs.appendFileSync(
      archive,
      JSON.stringify({ id: 'added-1', claim: 'The Olympics were out of balance and we got them on balance.', verdict: 'half true' }) + '\n',
    );
    await waitFor(() => api.context.factChecks?.index?.size === 4, 'the changed archive re-indexed', 20_000);
    assert.equal(
      api.context.factChecks!.index!.match('I went to the Olympics that was out of balance, and we got it on balance.', { top: 1 })[0]?.entry.id,
      'added-1',
    );
  });

  it('says why it cannot run when the workspace has no archive, and never reads one outside the workspace', async () => {
    // A valid archive just outside the workspace folder: a cloned repository's settings must not reach it.
    const outside = path.join(path.dirname(workspaceRoot()), 'outside-fact-checks.jsonl');
    fs.writeFileSync(outside, ROMNEY + '\n');
    await config().update(
      'factChecks.archives',
      ['host-scratch/no-such-archive.jsonl', '../outside-fact-checks.jsonl', outside],
      vscode.ConfigurationTarget.Workspace,
    );
    try {
      await waitFor(() => api.context.factChecks?.index === undefined, 'the index dropped', 20_000);
      await claimOn(SENTENCE);
      await vscode.commands.executeCommand('claims.findEarlierFactChecks');
      assert.match(prompts.notifications.at(-1)?.message ?? '', /No fact-check archive in this workspace/);
    } finally {
      await config().update('factChecks.archives', ['host-scratch/earlier-fact-checks.jsonl'], vscode.ConfigurationTarget.Workspace);
      fs.rmSync(outside, { force: true });
    }
  });
});
