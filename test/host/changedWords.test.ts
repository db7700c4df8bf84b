// Issue 15: an article rewritten on disk (a word changed in a supported claim, a paragraph inserted above it). The
// claim stays on its new words; the tree label, hover, Problems and a Markdown export show them; a "changed since
// checked" warning appears, and Accept New Wording clears it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { closeAllEditors, openArticle, readSidecar, type ScriptedPrompts, scratchArticle, select, useClaimsSession, waitFor } from './support/harness';

const CLAIM = 'Amazon made its initial $1.25 billion investment in Anthropic in September 2023 and then upped it to $4 billion in March.';
const EDITED = CLAIM.replace('upped it to', 'raised it to');
const TEXT = `# Amazon and Anthropic\n\nThe deal was reported on Thursday. ${CLAIM} Analysts were surprised.\n`;
const REWRITTEN = TEXT.replace('# Amazon and Anthropic\n\n', '# Amazon and Anthropic\n\nA new paragraph, added above the claim by another editor.\n\n').replace(
  CLAIM,
  EDITED,
);

describe('claim words follow the article; changed since checked (issue 15)', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;
  useClaimsSession((session) => ({ api, prompts } = session));

  const changedDiagnostics = (file: string) =>
    vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.source === 'claims' && d.code === 'changed-since-checked');

  it('keeps a supported claim on its reworded text, shows the new words everywhere, warns, and Accept New Wording clears it', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, CLAIM);
    await vscode.commands.executeCommand('claims.markClaim');
    const id = readSidecar(file).claims[0].id as string;
    const ref = { articlePath: file, claimId: id };
    await vscode.commands.executeCommand('claims.setStatus', ref, 'supported');
    await closeAllEditors();

    fs.writeFileSync(file, REWRITTEN);
    const reopened = await openArticle(file);
    const entry = api.context.store.entry(file)!;
    const claim = () => entry.sidecar!.claims.find((c) => c.id === id)!;
    // Highlighted on its new words (decorations are drawn from these positions), and the sidecar says so on disk.
    await waitFor(() => reopened.document.getText().slice(claim().position.start, claim().position.end) === EDITED, 'the claim to sit on its new words');
    assert.ok(!entry.orphaned.has(id));
    const stored = await waitFor(() => {
      const onDisk = readSidecar(file).claims[0];
      return onDisk.quote.exact === EDITED ? onDisk : undefined;
    }, 'the sidecar to record the new words');
    assert.equal(stored.checkedQuote, CLAIM, 'the words as checked are kept');
    assert.equal(stored.position.start, REWRITTEN.indexOf(EDITED));

    // Tree label and its badge.
    const fileNode = api.context.explorer.getChildren(undefined).find((n) => n.kind === 'file' && n.articlePath === file);
    assert.ok(fileNode, 'the article is listed in the explorer');
    const claimNode = api.context.explorer.getChildren(fileNode).find((n) => n.kind === 'claim' && n.claimId === id)!;
    const item = api.context.explorer.getTreeItem(claimNode);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    assert.match(label, /^Amazon made its initial/);
    assert.ok(EDITED.startsWith(label.replace(/…$/, '')), `tree label shows the new words: ${label}`);
    assert.match(String(item.description), /text changed since checked/);

    // Hover: the new words' diff and the Accept New Wording link.
    const hoverAt = reopened.document.positionAt(REWRITTEN.indexOf('raised'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', reopened.document.uri, hoverAt);
    const markdown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(markdown, /~~upped~~ \*\*raised\*\*/, markdown);
    assert.match(markdown, /command:claims\.acceptNewWording/);

    // Problems.
    const [warning] = await waitFor(
      () => (changedDiagnostics(file).length > 0 ? changedDiagnostics(file) : undefined),
      'the changed-since-checked entry in Problems',
    );
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(warning.message, /^Claim text changed since it was marked supported: "upped" became "raised"/);
    assert.equal(reopened.document.offsetAt(warning.range.start), REWRITTEN.indexOf(EDITED));

    // The quick fix is offered on the claim.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      reopened.document.uri,
      new vscode.Range(hoverAt, hoverAt),
    );
    assert.ok(actions.some((a) => a.title === 'Accept new wording' && a.command?.command === 'claims.acceptNewWording'));

    // A Markdown export shows the new words and the change.
    const report = await vscode.commands.executeCommand<vscode.TextDocument>('claims.exportReport', 'markdown');
    const reportText = report.getText();
    // Issue 17: "$4" cannot start math or a link, so the report leaves it as written.
    assert.match(reportText, /then raised it to \$4 billion/);
    assert.match(reportText, /Text changed since checked/);
    await closeAllEditors();

    // Accept New Wording clears it everywhere.
    await openArticle(file);
    await vscode.commands.executeCommand('claims.acceptNewWording', ref);
    await waitFor(() => readSidecar(file).claims[0].checkedQuote === undefined, 'the sidecar to drop checkedQuote');
    assert.equal(readSidecar(file).claims[0].quote.exact, EDITED);
    await waitFor(() => changedDiagnostics(file).length === 0, 'the Problems entry to go');
    const after = api.context.explorer.getTreeItem(api.context.explorer.getChildren(fileNode).find((n) => n.kind === 'claim' && n.claimId === id)!);
    assert.doesNotMatch(String(after.description), /text changed/);
  });

  it('says why Accept New Wording cannot run when no claim changed', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, CLAIM);
    await vscode.commands.executeCommand('claims.markClaim');
    const id = readSidecar(file).claims[0].id as string;
    await vscode.commands.executeCommand('claims.acceptNewWording', { articlePath: file, claimId: id });
    assert.ok(
      prompts.notifications.some((n) => /has not changed since it was checked/.test(n.message)),
      `a message says why: ${JSON.stringify(prompts.notifications)}`,
    );
    // From the palette with no claim at the cursor and none changed: it says so instead of offering a list.
    await closeAllEditors();
    await vscode.commands.executeCommand('claims.acceptNewWording');
    assert.ok(
      prompts.notifications.some((n) => /No claim has text that changed/.test(n.message)),
      JSON.stringify(prompts.notifications),
    );
    assert.equal(readSidecar(file).claims[0].checkedQuote, undefined);
  });
});
