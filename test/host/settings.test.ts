// Settings that change behaviour: spotting on open, and revealing the claim under the cursor in the tree.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { openArticle, scratchArticle, select, useClaimsSession, waitFor } from './support/harness';

const TEXT = 'Anthropic revenue grew 40% to $2 billion in 2024, the company reported on Monday.\n';

describe('settings', () => {
  let api: ClaimAnnotatorApi;
  useClaimsSession((session) => ({ api } = session));

  it('claims.spotOnOpen spots candidates when an article is opened, and only then', async () => {
    const config = vscode.workspace.getConfiguration('claims');
    const quiet = scratchArticle(TEXT);
    await openArticle(quiet);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(api.context.store.entry(quiet)?.candidates.length ?? 0, 0, 'no spotting while the setting is off');
    await config.update('spotOnOpen', true, vscode.ConfigurationTarget.Workspace);
    try {
      const spotted = scratchArticle(TEXT);
      await openArticle(spotted);
      const candidates = await waitFor(() => {
        const found = api.context.store.entry(spotted)?.candidates ?? [];
        return found.length > 0 && found;
      }, 'candidates after opening');
      assert.ok(candidates.some((c) => c.text.startsWith('Anthropic revenue grew 40%')));
    } finally {
      await config.update('spotOnOpen', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('claims.explorer.revealOnCursor reveals the claim under the cursor in the Claim Explorer, and not when off', async () => {
    const explorer = api.context.explorer;
    const revealed: string[] = [];
    const original = explorer.revealClaim.bind(explorer);
    explorer.revealClaim = async (articlePath, claimId, options) => {
      revealed.push(claimId);
      return original(articlePath, claimId, options);
    };
    const config = vscode.workspace.getConfiguration('claims');
    try {
      const file = scratchArticle(TEXT);
      await vscode.commands.executeCommand('claims.explorer.focus');
      const editor = await openArticle(file);
      await waitFor(() => explorer.view.visible, 'the Claim Explorer to be visible');
      select(editor, 'revenue grew 40%');
      await vscode.commands.executeCommand('claims.markClaim');
      select(editor, 'the company reported on Monday');
      await vscode.commands.executeCommand('claims.markClaim');
      const claims = api.context.store.entry(file)!.sidecar!.claims;
      const first = claims.find((c) => c.quote.exact === 'revenue grew 40%')!.id;
      await new Promise((resolve) => setTimeout(resolve, 400));
      revealed.length = 0;
      // The cursor moves into the first claim, as a person clicking in the text would.
      const inside = editor.document.positionAt(TEXT.indexOf('grew'));
      editor.selection = new vscode.Selection(inside, inside);
      await waitFor(() => revealed.includes(first), 'the claim under the cursor to be revealed');
      await config.update('explorer.revealOnCursor', false, vscode.ConfigurationTarget.Workspace);
      revealed.length = 0;
      const other = editor.document.positionAt(TEXT.indexOf('company'));
      editor.selection = new vscode.Selection(other, other);
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.deepEqual(revealed, [], 'nothing is revealed with the setting off');
    } finally {
      explorer.revealClaim = original;
      await config.update('explorer.revealOnCursor', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
