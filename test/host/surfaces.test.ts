// Hovers, Problems, code actions, the status bar and export, including a hostile sidecar from a stranger.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { claimsApi, closeAllEditors, openArticle, scratchArticle, ScriptedPrompts, useClaimsSession, waitFor } from './support/harness';

const TEXT =
  'Amazon will invest up to $4 billion in Anthropic, the companies said on Monday.\nAnthropic revenue grew 40% to $2 billion in 2024, the company reported.\n';

function hostileSidecar(article: string): string {
  const start = TEXT.indexOf('up to $4 billion');
  return JSON.stringify(
    {
      version: 1,
      article,
      claims: [
        {
          id: 'evil',
          quote: { exact: 'up to $4 billion', prefix: '', suffix: '' },
          position: { start, end: start + 'up to $4 billion'.length },
          status: 'unverified',
          note: 'Click [here](command:workbench.action.terminal.new) or <img src=x onerror=alert(1)> or javascript:alert(1)',
          origin: 'manual',
          citations: [
            { id: 'c1', url: 'javascript:alert(document.cookie)', title: '[fake](command:claims.removeClaim)' },
            { id: 'c2', url: 'file:///etc/passwd', title: 'local file' },
          ],
          conflicts: [],
          created: '2024-11-07T09:00:00Z',
          updated: '2024-11-07T09:00:00Z',
          ['__proto__']: { polluted: true },
        },
      ],
    },
    null,
    2,
  );
}

describe('editor surfaces', () => {
  let api: ClaimAnnotatorApi;
  useClaimsSession((session) => ({ api } = session));

  it('renders a hostile sidecar inert in the hover and the tree', async () => {
    const file = scratchArticle(TEXT);
    fs.writeFileSync(file + '.claims.json', hostileSidecar(file.split('/').pop()!));
    const editor = await openArticle(file);
    await waitFor(() => api.context.store.entry(file)?.sidecar, 'the hostile sidecar to load');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype pollution');
    const position = editor.document.positionAt(TEXT.indexOf('$4 billion'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
    const markdown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    assert.ok(markdown.includes('Unverified'), markdown);
    // No link to anything but our own commands, and no raw HTML or javascript: link survives.
    const links = [...markdown.matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1]);
    for (const link of links) assert.match(link, /^(command:claims\.(revealClaim|setStatus|addCitation)\?|https:\/\/)/, `unexpected link ${link}`);
    assert.ok(!/(^|[^\\])<img/.test(markdown), 'HTML is escaped');
    assert.ok(!/\]\(javascript:/i.test(markdown));
    assert.ok(!/\]\(command:workbench/i.test(markdown));
    const node = { kind: 'claim' as const, articlePath: file, claimId: 'evil' };
    const item = api.context.explorer.resolveTreeItem(api.context.explorer.getTreeItem(node), node);
    const tooltip = item.tooltip as vscode.MarkdownString;
    assert.ok(!tooltip.isTrusted, 'tree tooltips are never trusted');
    assert.ok(!/\]\(command:/.test(tooltip.value), 'the note is escaped in the tooltip');
  });

  it('lists uncited claims, open conflicts and orphans in Problems, and each kind can be turned off', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(6));
    await vscode.commands.executeCommand('claims.markClaim');
    const uncited = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.code === 'uncited-claim');
      return found.length > 0 && found;
    }, 'an uncited-claim entry');
    assert.equal(uncited[0].severity, vscode.DiagnosticSeverity.Information);
    await vscode.workspace.getConfiguration('claims').update('problems.uncited', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor(() => !vscode.languages.getDiagnostics(editor.document.uri).some((d) => d.code === 'uncited-claim'), 'the entry to go away');
    } finally {
      await vscode.workspace.getConfiguration('claims').update('problems.uncited', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('offers code actions on claims and candidates', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(6));
    await vscode.commands.executeCommand('claims.markClaim');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      editor.document.uri,
      new vscode.Range(0, 2, 0, 2),
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Add citation') && titles.includes('Set status'), titles.join(', '));
    await vscode.commands.executeCommand('claims.spotClaims');
    const candidate = api.context.store.entry(file)!.candidates[0];
    assert.ok(candidate, 'the second sentence is spotted as a candidate');
    {
      const onCandidate = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        editor.document.uri,
        new vscode.Range(editor.document.positionAt(candidate.start + 1), editor.document.positionAt(candidate.start + 1)),
      );
      assert.ok(onCandidate.some((a) => a.title === 'Mark as claim'));
    }
  });
});

describe('export', () => {
  it('exports a Markdown fact-check report of the workspace into an editor', async () => {
    const api = await claimsApi();
    api.setPrompts(new ScriptedPrompts());
    const file = scratchArticle('Revenue rose 12% to $3 billion in 2024.\n');
    const editor = await openArticle(file);
    editor.selection = new vscode.Selection(editor.document.positionAt(0), editor.document.positionAt(20));
    await vscode.commands.executeCommand('claims.markClaim');
    const document = await vscode.commands.executeCommand<vscode.TextDocument>('claims.exportReport', 'markdown');
    assert.equal(document.languageId, 'markdown');
    assert.match(document.getText(), /Revenue rose 12%/);
    const w3c = await vscode.commands.executeCommand<vscode.TextDocument>('claims.exportReport', 'w3c');
    const annotations = JSON.parse(w3c.getText());
    assert.ok(Array.isArray(annotations) ? annotations.length > 0 : annotations);
    await closeAllEditors();
  });
});

describe('status bar and file badges', () => {
  it('counts the current article’s claims in the status bar and badges the article file, coloured for open conflicts', async () => {
    const api = await claimsApi();
    api.setPrompts(new ScriptedPrompts());
    const file = scratchArticle('One said $4 billion.\nAnother said $1.25 billion.\n');
    const editor = await openArticle(file);
    for (const text of ['$4 billion', '$1.25 billion']) {
      const at = editor.document.getText().indexOf(text);
      editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + text.length));
      await vscode.commands.executeCommand('claims.markClaim');
    }
    const item = api.context.statusBar.item;
    await waitFor(() => item.text.includes('$(checklist) 2'), `the status bar to count 2 claims (is: ${item.text})`);
    assert.equal(item.command, 'claims.explorer.focus');
    const badge = api.context.fileBadges.provideFileDecoration(vscode.Uri.file(file));
    assert.equal(badge?.badge, '2');
    assert.equal(badge?.color, undefined);
    const [first, second] = api.context.store.entry(file)!.sidecar!.claims;
    await api.context.store.updateClaim(file, first.id, (claim) => {
      claim.conflicts.push({
        id: 'k1',
        other: { article: file.split('/').pop()!, claim: second.id },
        kind: 'amount',
        thisValue: '$4 billion',
        otherValue: '$1.25 billion',
        note: '',
        state: 'open',
        resolution: '',
      });
    });
    const coloured = api.context.fileBadges.provideFileDecoration(vscode.Uri.file(file));
    assert.ok(coloured?.color instanceof vscode.ThemeColor, 'coloured when a claim has an open conflict');
    await closeAllEditors();
  });
});
