// Marking, editing and navigating claims through the real commands, as the palette would run them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { openArticle, readSidecar, scratchArticle, ScriptedPrompts, select, useClaimsSession, waitFor } from './support/harness';

const TEXT = '# Deal\n\nAmazon said on Thursday it would invest $4 billion in Anthropic.\nAnalysts were surprised by the size.\n';

describe('claims: marking and editing', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;

  useClaimsSession((session) => ({ api, prompts } = session), { expectAllAnswersUsed: true });

  it('marks the selection: writes the sidecar, lists the claim in the explorer', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, 'invest $4 billion in Anthropic');
    await vscode.commands.executeCommand('claims.markClaim');
    const sidecar = readSidecar(file);
    assert.equal(sidecar.claims.length, 1);
    assert.equal(sidecar.claims[0].quote.exact, 'invest $4 billion in Anthropic');
    assert.equal(sidecar.claims[0].status, 'unverified');
    const explorer = api.context.explorer;
    const files = explorer.getChildren();
    const fileNode = files.find((n) => n.kind === 'file' && n.articlePath === file);
    assert.ok(fileNode, 'the article is listed in the Claim Explorer');
    const claims = explorer.getChildren(fileNode);
    const item = explorer.getTreeItem(claims[0]);
    assert.equal(item.label, 'invest $4 billion in Anthropic');
  });

  it('explains instead of failing on an empty selection or a non-article', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('claims.markClaim');
    assert.match(prompts.notifications.at(-1)?.message ?? '', /Select some text to mark it as a claim/);
    assert.ok(!fs.existsSync(file + '.claims.json'), 'no sidecar written');

    const notArticle = scratchArticle('{"a": 1}\n', '.json');
    const jsonEditor = await openArticle(notArticle);
    select(jsonEditor, '"a"');
    await vscode.commands.executeCommand('claims.markClaim');
    assert.match(prompts.notifications.at(-1)?.message ?? '', /is not an article/);
    assert.ok(!fs.existsSync(notArticle + '.claims.json'));
  });

  it('sets the status, edits the note, and removes a claim after confirming', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, 'Analysts were surprised');
    await vscode.commands.executeCommand('claims.markClaim');
    // The cursor is inside the claim, so commands act on it without asking which claim.
    prompts.pickLabel('Disputed');
    await vscode.commands.executeCommand('claims.setStatus');
    assert.equal(readSidecar(file).claims[0].status, 'disputed');
    prompts.type('Call the analyst firm');
    await vscode.commands.executeCommand('claims.editNote');
    assert.equal(readSidecar(file).claims[0].note, 'Call the analyst firm');
    prompts.confirmWith(false);
    await vscode.commands.executeCommand('claims.removeClaim');
    assert.equal(readSidecar(file).claims.length, 1, 'kept when the user says no');
    prompts.confirmWith(true);
    await vscode.commands.executeCommand('claims.removeClaim');
    assert.equal(readSidecar(file).claims.length, 0);
  });

  it('moves between claims with next and previous, wrapping around', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, 'Amazon said');
    await vscode.commands.executeCommand('claims.markClaim');
    select(editor, 'Analysts');
    await vscode.commands.executeCommand('claims.markClaim');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const offset = () => editor.document.offsetAt(editor.selection.active);
    await vscode.commands.executeCommand('claims.nextClaim');
    assert.equal(offset(), TEXT.indexOf('Amazon said'));
    await vscode.commands.executeCommand('claims.nextClaim');
    assert.equal(offset(), TEXT.indexOf('Analysts'));
    await vscode.commands.executeCommand('claims.nextClaim');
    assert.equal(offset(), TEXT.indexOf('Amazon said'), 'wraps to the first claim');
    await vscode.commands.executeCommand('claims.previousClaim');
    assert.equal(offset(), TEXT.indexOf('Analysts'), 'wraps to the last claim');
  });

  it('filters the explorer and groups it by status', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, 'Analysts were surprised');
    await vscode.commands.executeCommand('claims.markClaim');
    const explorer = api.context.explorer;
    await vscode.commands.executeCommand('claims.filterExplorer', 'no such words anywhere');
    assert.equal(explorer.getChildren().length, 0);
    assert.match(String(explorer.view.description), /filter/);
    await vscode.commands.executeCommand('claims.filterExplorer', 'Analysts were');
    const roots = explorer.getChildren();
    assert.ok(roots.some((n) => n.kind === 'file' && n.articlePath === file));
    await vscode.commands.executeCommand('claims.clearFilter');
    assert.equal(explorer.view.description, undefined);
    await vscode.commands.executeCommand('claims.groupByStatus');
    await waitFor(() => explorer.getChildren().some((n) => n.kind === 'status'), 'status groups');
    await vscode.commands.executeCommand('claims.groupByFile');
    await waitFor(() => explorer.getChildren().every((n) => n.kind === 'file'), 'file groups');
  });
});
