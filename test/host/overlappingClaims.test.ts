// Marking inside or across an existing claim, word snapping, and commands acting on the innermost claim.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { openArticle, readSidecar, scratchArticle, ScriptedPrompts, select, useClaimsSession, waitFor } from './support/harness';

const TEXT = 'Amazon said on Thursday it would invest $4 billion in Anthropic.\nAnalysts were surprised by the size.\n';
const SENTENCE = 'Amazon said on Thursday it would invest $4 billion in Anthropic.';

const quotes = (file: string) =>
  readSidecar(file)
    .claims.map((c) => c.quote.exact)
    .sort();

describe('overlapping claims', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;

  useClaimsSession((session) => ({ api, prompts } = session), { expectAllAnswersUsed: true });

  async function markSentence(editor: vscode.TextEditor): Promise<void> {
    select(editor, SENTENCE);
    await vscode.commands.executeCommand('claims.markClaim');
  }

  it('marks a nested claim inside an existing one when the user chooses to', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    await markSentence(editor);
    select(editor, '$4 billion');
    prompts.pickLabel('Mark a nested claim');
    await vscode.commands.executeCommand('claims.markClaim');
    assert.deepEqual(quotes(file), ['$4 billion', SENTENCE].sort());
    assert.match(prompts.asked.at(-1) ?? '', /^pick: Mark Selection as Claim/);
  });

  it('edits the existing claim when a selection across it is marked and edit is chosen: re-ranged, no second claim', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, 'it would invest $4 billion');
    await vscode.commands.executeCommand('claims.markClaim');
    const before = readSidecar(file).claims[0];
    select(editor, '$4 billion in Anthropic');
    prompts.pickWhere((item) => item.label.startsWith('Edit the existing claim'));
    await vscode.commands.executeCommand('claims.markClaim');
    const claims = readSidecar(file).claims;
    assert.equal(claims.length, 1, 'no second claim');
    assert.equal(claims[0].id, before.id, 'the same claim');
    assert.equal(claims[0].quote.exact, '$4 billion in Anthropic');
    const start = TEXT.indexOf('$4 billion in Anthropic');
    assert.deepEqual(claims[0].position, { start, end: start + '$4 billion in Anthropic'.length });
  });

  it('changes nothing when the question is cancelled', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    await markSentence(editor);
    const sidecarBefore = JSON.stringify(readSidecar(file));
    select(editor, 'Anthropic.\nAnalysts');
    prompts.cancelPick();
    await vscode.commands.executeCommand('claims.markClaim');
    assert.equal(JSON.stringify(readSidecar(file)), sidecarBefore);
  });

  it('says the text is already a claim instead of marking it twice', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    await markSentence(editor);
    await markSentence(editor);
    assert.equal(readSidecar(file).claims.length, 1);
    assert.match(prompts.notifications.at(-1)?.message ?? '', /already a claim/);
  });

  it('snaps a selection that cuts words to whole words, and keeps one inside a single word', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, 'ould invest $4 bill');
    await vscode.commands.executeCommand('claims.markClaim');
    assert.deepEqual(quotes(file), ['would invest $4 billion']);
    const snapped = editor.document.getText(editor.selection);
    assert.equal(snapped, 'would invest $4 billion', 'the selection shows what was marked');
    select(editor, 'nalysts were surpri');
    await vscode.commands.executeCommand('claims.markClaim');
    select(editor, 'Anthrop');
    await vscode.commands.executeCommand('claims.markClaim');
    assert.deepEqual(quotes(file), ['Analysts were surprised', 'Anthrop', 'would invest $4 billion']);
  });

  it('re-attaches a claim to whole words too', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, 'Analysts were surprised');
    await vscode.commands.executeCommand('claims.markClaim');
    const id = readSidecar(file).claims[0].id;
    select(editor, 'nalysts were surprised by the si');
    await vscode.commands.executeCommand('claims.reattachClaim', { articlePath: file, claimId: id });
    assert.deepEqual(quotes(file), ['Analysts were surprised by the size']);
  });

  it('removes the nested claim, not the one around it, with the cursor in the nested claim', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    await markSentence(editor);
    const outerId = readSidecar(file).claims[0].id;
    select(editor, '$4 billion');
    prompts.pickLabel('Mark a nested claim');
    await vscode.commands.executeCommand('claims.markClaim');
    const innerId = readSidecar(file).claims.find((c) => c.id !== outerId)!.id;
    const at = editor.document.positionAt(TEXT.indexOf('billion') + 2);
    editor.selection = new vscode.Selection(at, at);
    assert.equal(api.context.claimAtCursor()?.claimId, innerId, 'the cursor is in the nested claim');
    await vscode.commands.executeCommand('claims.removeClaim');
    assert.deepEqual(
      readSidecar(file).claims.map((c) => c.id),
      [outerId],
      'the claim around it stays',
    );
  });

  it('the hover over a nested claim leads with it and spans its words', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    await markSentence(editor);
    select(editor, '$4 billion');
    prompts.pickLabel('Mark a nested claim');
    await vscode.commands.executeCommand('claims.markClaim');
    const at = editor.document.positionAt(TEXT.indexOf('billion') + 2);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
    const ours = hovers.find((h) => h.range && editor.document.getText(h.range).length > 0);
    assert.ok(ours?.range, 'a hover with a range');
    assert.equal(editor.document.getText(ours.range), '$4 billion');
  });

  it('the Claim Explorer reveals the innermost claim under the cursor', async () => {
    const explorer = api.context.explorer;
    const revealed: string[] = [];
    const original = explorer.revealClaim.bind(explorer);
    explorer.revealClaim = async (articlePath, claimId, options) => {
      revealed.push(claimId);
      return original(articlePath, claimId, options);
    };
    try {
      const file = scratchArticle(TEXT);
      await vscode.commands.executeCommand('claims.explorer.focus');
      const editor = await openArticle(file);
      await waitFor(() => explorer.view.visible, 'the Claim Explorer to show');
      await markSentence(editor);
      select(editor, '$4 billion');
      prompts.pickLabel('Mark a nested claim');
      await vscode.commands.executeCommand('claims.markClaim');
      const claims = readSidecar(file).claims;
      const inner = claims.find((c) => c.quote.exact === '$4 billion')!.id;
      const outer = claims.find((c) => c.quote.exact === SENTENCE)!.id;
      // Out of both claims first, so moving into each is a change the tree must follow.
      const outside = editor.document.positionAt(TEXT.indexOf('Analysts'));
      editor.selection = new vscode.Selection(outside, outside);
      await new Promise((resolve) => setTimeout(resolve, 400));
      revealed.length = 0;
      const inNested = editor.document.positionAt(TEXT.indexOf('billion') + 2);
      editor.selection = new vscode.Selection(inNested, inNested);
      await waitFor(() => revealed.length > 0, 'a claim to be revealed');
      assert.deepEqual(revealed, [inner], 'the nested claim, not the one around it');
      const inOuter = editor.document.positionAt(TEXT.indexOf('Thursday'));
      editor.selection = new vscode.Selection(inOuter, inOuter);
      await waitFor(() => revealed.length > 1, 'the claim around it to be revealed');
      assert.deepEqual(revealed, [inner, outer]);
    } finally {
      explorer.revealClaim = original;
    }
  });
});
