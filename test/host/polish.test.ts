// What a new user tripped over (issue 21): labels a screen reader can read, counts with proper plural
// forms, an editor context menu that offers only what can run, and candidates that survive an outside edit.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { EXTENSION_ID, openArticle, readSidecar, scratchArticle, ScriptedPrompts, select, useClaimsSession, waitFor } from './support/harness';
import { evaluateWhen, type ContextValues } from './support/whenClause';

const TEXT =
  'Amazon said on Thursday it would invest $4 billion in Anthropic.\n' +
  'The company hired 400 engineers in Seattle in 2023.\n' +
  'Analysts were surprised by the size.\n' +
  'Revenue rose 12% to $3 billion in 2024, the company reported.\n';

/** Icon syntax or the codicon names the status bar and tree use: none may reach a screen reader. */
const CODICON = /\$\(|circle-large-outline|git-compare|checklist|debug-disconnect|lightbulb|pass-filled|\bquestion\b/;

function labelOf(item: vscode.TreeItem): string {
  const label = item.accessibilityInformation?.label;
  assert.ok(label, `tree item ${String(item.label)} has an accessible label`);
  return label;
}

async function markClaim(editor: vscode.TextEditor, text: string): Promise<void> {
  select(editor, text);
  await vscode.commands.executeCommand('claims.markClaim');
}

describe('polish: screen readers and plural forms', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;
  useClaimsSession((session) => ({ api, prompts } = session), { expectAllAnswersUsed: true });

  it('reads the status bar, file badge, tree items and hover as sentences without codicon names', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    await markClaim(editor, 'invest $4 billion in Anthropic');
    await markClaim(editor, 'Revenue rose 12% to $3 billion in 2024');
    const item = api.context.statusBar.item;
    await waitFor(
      () => item.accessibilityInformation?.label.startsWith('2 claims: 2 unverified.'),
      `the status bar to count two claims: ${item.accessibilityInformation?.label}`,
    );
    const badge = api.context.fileBadges.provideFileDecoration(vscode.Uri.file(file));
    assert.equal(badge?.badge, '2', 'no warnings on the article yet, so the badge shows the claim count');

    const [first, second] = api.context.store.entry(file)!.sidecar!.claims;
    await api.context.store.updateClaim(file, second.id, (claim) => {
      claim.status = 'disputed';
      claim.conflicts.push({
        id: 'k1',
        other: { article: path.basename(file), claim: first.id },
        kind: 'amount',
        thisValue: '$3 billion',
        otherValue: '$4 billion',
        note: '',
        state: 'open',
        resolution: '',
      });
    });
    const sentence = '2 claims: 1 unverified, 1 disputed; 1 open conflict';
    await waitFor(
      () => item.accessibilityInformation?.label === `${sentence}. Show the Claim Explorer.`,
      `the status bar label (is: ${item.accessibilityInformation?.label})`,
    );
    assert.equal(item.accessibilityInformation?.role, 'button');
    assert.match(item.text, /\$\(checklist\) 2/, 'the visible text keeps its icons');
    assert.doesNotMatch(item.accessibilityInformation!.label, CODICON);
    assert.equal(item.tooltip, `${sentence}. Click to show the Claim Explorer.`);

    // The open conflict is a warning in Problems, which badges the file with its own count: the claim
    // count then leaves the badge, so a tab never shows two merged counts such as "1, 2".
    await waitFor(
      () => vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.severity === vscode.DiagnosticSeverity.Warning),
      'the open-conflict warning',
    );
    const withWarning = api.context.fileBadges.provideFileDecoration(vscode.Uri.file(file));
    assert.equal(withWarning?.badge, undefined);
    assert.equal(withWarning?.tooltip, sentence);
    assert.ok(withWarning?.color instanceof vscode.ThemeColor, 'still coloured for the open conflict');

    const explorer = api.context.explorer;
    const fileNode = explorer.getChildren().find((n) => n.kind === 'file' && n.articlePath === file)!;
    assert.equal(labelOf(explorer.getTreeItem(fileNode)), `${path.basename(file)}, ${path.dirname(vscode.workspace.asRelativePath(file))}, ${sentence}`);
    const claimNodes = explorer.getChildren(fileNode).filter((n) => n.kind === 'claim');
    const labels = claimNodes.map((n) => labelOf(explorer.getTreeItem(n)));
    assert.deepEqual(labels, [
      'Unverified claim: “invest $4 billion in Anthropic”',
      'Disputed claim: “Revenue rose 12% to $3 billion in 2024”; 1 open conflict',
    ]);
    const conflictNode = explorer.getChildren(claimNodes[1]).find((n) => n.kind === 'conflict')!;
    assert.equal(labelOf(explorer.getTreeItem(conflictNode)), `Open amount conflict: $3 billion versus $4 billion, with a claim in ${path.basename(file)}`);
    for (const label of [...labels, labelOf(explorer.getTreeItem(fileNode))]) assert.doesNotMatch(label, CODICON);
    // The view's badge counts the whole workspace (other suites' articles too).
    const all = api.context.store.entries().flatMap((e) => e.sidecar?.claims ?? []);
    const unverified = all.filter((c) => c.status === 'unverified').length;
    // Issue 17: conflict notes, not sides (a note is kept on both of its claims under one id).
    const open = new Set(all.flatMap((c) => c.conflicts.filter((k) => k.state === 'open').map((k) => k.id))).size;
    const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
    assert.equal(explorer.view.badge?.tooltip, `${plural(unverified, 'unverified claim')}; ${plural(open, 'open conflict')}`);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      editor.document.positionAt(TEXT.indexOf('12%')),
    );
    const markdown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.match(markdown, /Disputed claim/, markdown);
  });

  it('counts one and many with their own forms, and asks before a removal only about what it loses', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    await markClaim(editor, 'invest $4 billion in Anthropic');
    const item = api.context.statusBar.item;
    await waitFor(
      () => item.accessibilityInformation?.label === '1 claim: 1 unverified. Show the Claim Explorer.',
      `one claim (is: ${item.accessibilityInformation?.label})`,
    );
    assert.equal(api.context.fileBadges.provideFileDecoration(vscode.Uri.file(file))?.tooltip, '1 claim: 1 unverified');

    // Nothing but the claim itself: no question at all.
    const [bare] = api.context.store.entry(file)!.sidecar!.claims;
    await vscode.commands.executeCommand('claims.removeClaim', { articlePath: file, claimId: bare.id });
    assert.equal(readSidecar(file).claims.length, 0);
    assert.deepEqual(prompts.asked, []);

    await markClaim(editor, 'The company hired 400 engineers');
    const [cited] = api.context.store.entry(file)!.sidecar!.claims;
    await api.context.store.updateClaim(file, cited.id, (claim) => {
      claim.note = 'Ask HR';
      claim.citations.push({ id: 'c1', url: 'https://example.org/a', title: 'A' });
    });
    prompts.confirmWith(false);
    await vscode.commands.executeCommand('claims.removeClaim', { articlePath: file, claimId: cited.id });
    assert.equal(prompts.asked.at(-1), 'confirm: Remove this claim with 1 citation and its note?');

    await api.context.store.updateClaim(file, cited.id, (claim) => {
      claim.note = '';
      claim.citations.push({ id: 'c2', url: 'https://example.org/b', title: 'B' });
      claim.conflicts.push({
        id: 'k9',
        other: { article: path.basename(file), claim: 'gone' },
        kind: 'number',
        thisValue: '400',
        otherValue: '300',
        note: '',
        state: 'open',
        resolution: '',
      });
    });
    prompts.confirmWith(true);
    await vscode.commands.executeCommand('claims.removeClaim', { articlePath: file, claimId: cited.id });
    assert.equal(prompts.asked.at(-1), 'confirm: Remove this claim with 2 citations and 1 conflict note?');
    assert.equal(readSidecar(file).claims.length, 0);
  });

  it('shows where a claim is first in pickers, and the claim text on the detail line', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    await markClaim(editor, 'invest $4 billion in Anthropic');
    await markClaim(editor, 'Revenue rose 12% to $3 billion in 2024, the company reported.');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const rows: Array<{ label: string; description?: string; detail?: string }> = [];
    prompts
      .pickWhere((item) => {
        rows.push({ label: item.label, description: item.description, detail: item.detail });
        return item.label.endsWith('line 4');
      })
      .pickLabel('Supported');
    await vscode.commands.executeCommand('claims.setStatus');
    const where = vscode.workspace.asRelativePath(file);
    const mine = rows.filter((row) => row.label.startsWith(where));
    assert.deepEqual(mine, [
      { label: `${where}, line 1`, description: 'Unverified', detail: 'invest $4 billion in Anthropic' },
      { label: `${where}, line 4`, description: 'Unverified', detail: 'Revenue rose 12% to $3 billion in 2024, the company reported.' },
    ]);
    assert.deepEqual(
      readSidecar(file).claims.map((c) => c.status),
      ['unverified', 'supported'],
    );
  });

  it('ships no "(s)" plural in any user-facing string', () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const bundle = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
    const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const offenders = [...Object.keys(bundle), ...Object.values(nls)].filter((s) => /\w\(s\)/.test(s.replace(/http\(s\)/g, '')));
    assert.deepEqual(offenders, []);
    assert.ok(bundle['{0} claims'] && bundle['1 claim'] && bundle['1 open conflict'] && bundle['{0} open conflicts'], 'both forms are in the l10n bundle');
  });
});

describe('polish: the editor context menu offers only what can run', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;
  useClaimsSession((session) => ({ api, prompts } = session), { expectAllAnswersUsed: true });

  type MenuItem = { command: string; when?: string };
  // The manifest as shipped: the host's packageJSON is rewritten for remote hosts (file becomes vscode-remote).
  const editorMenu = (): MenuItem[] =>
    JSON.parse(fs.readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'package.json'), 'utf8')).contributes.menus[
      'editor/context'
    ];

  /** The context VS Code would evaluate the menu in: our keys as the extension set them, plus built-ins. */
  function menuContext(editor: vscode.TextEditor): ContextValues {
    const keys = api.context.contextKeys.values;
    return {
      editorHasSelection: !editor.selection.isEmpty,
      'claims.cursorInClaim': keys.cursorInClaim,
      'claims.hasOrphans': keys.hasOrphans,
      resourceScheme: editor.document.uri.scheme,
      resourceExtname: path.extname(editor.document.uri.fsPath),
    };
  }

  async function shownCommands(editor: vscode.TextEditor): Promise<string[]> {
    // The keys follow the selection event; give it a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const context = menuContext(editor);
    return editorMenu()
      .filter((item) => evaluateWhen(item.when, context))
      .map((item) => item.command.replace('claims.', ''));
  }

  /** Resolves once no selection change has arrived for 300 ms (at most 5 s). */
  function selectionSettled(): Promise<void> {
    return new Promise((resolve) => {
      const started = Date.now();
      let quiet: ReturnType<typeof setTimeout>;
      const finish = () => {
        listener.dispose();
        resolve();
      };
      const restart = () => {
        clearTimeout(quiet);
        quiet = setTimeout(finish, Date.now() - started > 5000 ? 0 : 300);
      };
      const listener = vscode.window.onDidChangeTextEditorSelection(restart);
      restart();
    });
  }

  function place(editor: vscode.TextEditor, text: string, offsetInText = 0): void {
    const at = editor.document.positionAt(editor.document.getText().indexOf(text) + offsetInText);
    editor.selection = new vscode.Selection(at, at);
  }

  /**
   * Places the caret and waits until the workbench has settled on it. The echo of a selection set earlier (marking
   * selects what it marked) can arrive after the caret is placed and overwrite it, later than any fixed quiet time
   * on a loaded machine; then the caret is placed again.
   */
  async function placeSettled(editor: vscode.TextEditor, text: string, offsetInText = 0): Promise<void> {
    const wanted = editor.document.getText().indexOf(text) + offsetInText;
    for (let attempt = 0; attempt < 5; attempt++) {
      place(editor, text, offsetInText);
      await selectionSettled();
      if (editor.selection.isEmpty && editor.document.offsetAt(editor.selection.active) === wanted) return;
    }
    assert.fail(`the caret did not stay at offset ${wanted}`);
  }

  it('sets claims.cursorInClaim and claims.hasOrphans, and the when-clauses hide what cannot run', async () => {
    for (const item of editorMenu().filter((i) => ['claims.addCitation', 'claims.setStatus', 'claims.reattachClaim'].includes(i.command))) {
      assert.match(
        item.when ?? '',
        item.command === 'claims.reattachClaim' ? /editorHasSelection.*claims\.hasOrphans/ : /claims\.cursorInClaim/,
        `${item.command}: ${item.when}`,
      );
    }
    const file = scratchArticle(TEXT);
    let editor = await openArticle(file);
    assert.deepEqual(await shownCommands(editor), ['spotClaims'], 'no claim and no selection: only Spot Claims');
    select(editor, 'invest $4 billion in Anthropic');
    assert.deepEqual(await shownCommands(editor), ['markClaim', 'spotClaims'], 'a selection outside any claim can be marked; nothing to re-attach');
    await vscode.commands.executeCommand('claims.markClaim');
    // Marking may show the document again (a new editor object); go on with the one on screen.
    editor = vscode.window.activeTextEditor ?? editor;

    // Marking selects the words it marked; the workbench's echo of that selection can arrive after the caret
    // below is placed and overwrite the editor's idea of its selection, so let selection events settle first.
    await selectionSettled();
    await placeSettled(editor, 'invest $4 billion', 3);
    await waitFor(() => editor.selection.isEmpty && api.context.contextKeys.values.cursorInClaim, 'the caret in the claim and claims.cursorInClaim set');
    assert.deepEqual(await shownCommands(editor), ['addCitation', 'setStatus', 'spotClaims'], 'the cursor in a claim');
    await placeSettled(editor, 'Analysts were', 2);
    await waitFor(() => !api.context.contextKeys.values.cursorInClaim, 'claims.cursorInClaim to be cleared');
    assert.deepEqual(await shownCommands(editor), ['spotClaims']);

    // Deleting the claim's text orphans it: a selection can now take it back.
    const start = editor.document.getText().indexOf('invest $4 billion in Anthropic');
    await editor.edit((b) =>
      b.delete(new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + 'invest $4 billion in Anthropic'.length))),
    );
    await waitFor(() => api.context.contextKeys.values.hasOrphans, 'claims.hasOrphans to be set');
    place(editor, 'Analysts were', 2);
    assert.deepEqual(await shownCommands(editor), ['spotClaims'], 'orphans but no selection: nothing to attach to');
    select(editor, 'Analysts were surprised');
    assert.deepEqual(await shownCommands(editor), ['markClaim', 'reattachClaim', 'spotClaims']);

    // From the palette the commands still run, and say why when they cannot.
    place(editor, 'Analysts were', 2);
    await vscode.commands.executeCommand('claims.reattachClaim');
    assert.match(prompts.notifications.at(-1)?.message ?? '', /Select the text the claim should be attached to/);
    // Typing the text back finds the claim again, and the key follows.
    await editor.edit((b) => b.insert(editor.document.positionAt(start), 'invest $4 billion in Anthropic'));
    await waitFor(() => !api.context.contextKeys.values.hasOrphans, 'claims.hasOrphans to clear once the text is back');
  });
});

describe('polish: candidates survive an outside edit', () => {
  let api: ClaimAnnotatorApi;
  useClaimsSession((session) => ({ api } = session));
  afterEach(() => vscode.workspace.getConfiguration('claims').update('spotShare', undefined, vscode.ConfigurationTarget.Workspace));

  it('keeps the candidate underline on sentences that moved when the article changed on disk, and drops rewritten ones', async () => {
    // Every sentence a candidate: the default budget (claims.spotShare) would show only the top quarter.
    await vscode.workspace.getConfiguration('claims').update('spotShare', 1, vscode.ConfigurationTarget.Workspace);
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    const count = await vscode.commands.executeCommand<number>('claims.spotClaims');
    assert.equal(count, 4, 'every sentence of the sample is check-worthy');
    const entry = api.context.store.entry(file)!;
    const [amazon, hired, analysts, revenue] = TEXT.trimEnd().split('\n');
    // Another editor (or git) moves the sentences around, adds a paragraph and rewrites one sentence.
    const edited = `# Update\n\nA paragraph was added at the top.\n\n${revenue}\n${amazon}\nAnalysts were not surprised at all.\n\n${hired}\n`;
    fs.writeFileSync(file, edited);
    await waitFor(() => editor.document.getText() === edited, 'the editor to reload the article from disk', 10000);
    await waitFor(() => entry.candidates.length === 3, `three candidates after the reload (have ${entry.candidates.map((c) => c.text).join(' | ')})`);
    for (const candidate of entry.candidates) {
      assert.equal(edited.slice(candidate.start, candidate.end), candidate.text, 'each candidate sits on its sentence');
    }
    assert.deepEqual(
      entry.candidates.map((c) => c.text),
      [revenue, amazon, hired],
    );
    assert.ok(!entry.candidates.some((c) => c.text === analysts), 'the rewritten sentence is no longer a candidate');
    const group = api.context.explorer.getChildren({ kind: 'file', articlePath: file }).find((n) => n.kind === 'candidates');
    assert.ok(group, 'the Candidates group is still listed');
    assert.equal(api.context.explorer.getChildren(group).length, 3);
  });
});
