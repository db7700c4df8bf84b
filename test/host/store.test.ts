// The store in the real host: outside edits, renames, invalid sidecars and the generated JSON Schema.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { claimsApi, closeAllEditors, openArticle, readSidecar, scratchArticle, ScriptedPrompts, select, useClaimsSession, waitFor } from './support/harness';

const TEXT = 'The deal was worth $1.25 billion in September 2023.\nIt was later raised to $4 billion.\n';

describe('sidecar store in the host', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;
  useClaimsSession((session) => ({ api, prompts } = session));

  it('shows an outside edit of a sidecar in the explorer within a second', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, '$1.25 billion');
    await vscode.commands.executeCommand('claims.markClaim');
    const data = readSidecar(file);
    data.claims[0].status = 'refuted';
    data.claims[0].note = 'changed by a colleague';
    const started = Date.now();
    fs.writeFileSync(file + '.claims.json', JSON.stringify(data, null, 2) + '\n');
    const explorer = api.context.explorer;
    await waitFor(
      () => {
        const claim = explorer.getChildren({ kind: 'file', articlePath: file })[0];
        return claim && String(explorer.getTreeItem(claim).description).startsWith('Refuted');
      },
      'the explorer to show the new status',
      1000,
    );
    console.log(`      outside edit visible after ${Date.now() - started} ms`);
  });

  it('keeps claims added in the editor and claims added on disk at the same time', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, '$1.25 billion');
    await vscode.commands.executeCommand('claims.markClaim');
    // A colleague's change lands on disk (git pull) while we add another claim in the editor.
    const data = readSidecar(file);
    const colleague = structuredClone(data.claims[0]);
    colleague.id = 'colleague1';
    colleague.quote = { exact: 'September 2023', prefix: '', suffix: '' };
    colleague.position = { start: TEXT.indexOf('September 2023'), end: TEXT.indexOf('September 2023') + 14 };
    data.claims.push(colleague);
    fs.writeFileSync(file + '.claims.json', JSON.stringify(data, null, 2) + '\n');
    select(editor, '$4 billion');
    await vscode.commands.executeCommand('claims.markClaim');
    await waitFor(() => readSidecar(file).claims.length === 3 && api.context.store.entry(file)!.sidecar!.claims.length === 3, 'all three claims');
    assert.deepEqual(
      readSidecar(file)
        .claims.map((c) => c.quote.exact)
        .sort(),
      ['$1.25 billion', '$4 billion', 'September 2023'],
    );
  });

  it('moves the sidecar when the article is renamed', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, '$4 billion');
    await vscode.commands.executeCommand('claims.markClaim');
    await closeAllEditors();
    const renamed = path.join(path.dirname(file), `renamed-${path.basename(file)}`);
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(vscode.Uri.file(file), vscode.Uri.file(renamed));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(
      () => fs.existsSync(renamed + '.claims.json') && readSidecar(renamed).article === path.basename(renamed),
      'the sidecar to move and name its new article',
    );
    assert.ok(!fs.existsSync(file + '.claims.json'));
    assert.equal(readSidecar(renamed).article, path.basename(renamed));
  });

  it('flags an invalid sidecar in Problems and never touches its bytes when an action is refused', async () => {
    const file = scratchArticle(TEXT);
    const broken = '{\n  "version": 1,\n  "article": "x.md",\n  "claims": [\n    { "id": "a", "status": "maybe" }\n  ]\n}\n';
    fs.writeFileSync(file + '.claims.json', broken);
    const editor = await openArticle(file);
    const sidecarUri = vscode.Uri.file(file + '.claims.json');
    const diagnostics = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(sidecarUri).filter((d) => d.source === 'claims');
      return found.length > 0 && found;
    }, 'a Problems entry on the sidecar');
    assert.ok(
      diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line === 4),
      JSON.stringify(diagnostics.map((d) => [d.message, d.range.start.line])),
    );
    select(editor, '$4 billion');
    await vscode.commands.executeCommand('claims.markClaim');
    assert.match(prompts.notifications.at(-1)?.message ?? '', /read-only/);
    assert.equal(fs.readFileSync(file + '.claims.json', 'utf8'), broken);
  });

  it('gives a JSON Schema diagnostic for an invalid status in an open sidecar', async () => {
    const file = scratchArticle(TEXT);
    const editor = await openArticle(file);
    select(editor, '$4 billion');
    await vscode.commands.executeCommand('claims.markClaim');
    const sidecarUri = vscode.Uri.file(file + '.claims.json');
    const text = fs.readFileSync(sidecarUri.fsPath, 'utf8').replace('"unverified"', '"probably"');
    fs.writeFileSync(sidecarUri.fsPath, text);
    const document = await vscode.workspace.openTextDocument(sidecarUri);
    await vscode.window.showTextDocument(document);
    const line = text.split('\n').findIndex((l) => l.includes('"probably"'));
    await waitFor(
      () => vscode.languages.getDiagnostics(sidecarUri).some((d) => d.source !== 'claims' && d.range.start.line === line),
      'the JSON language service to flag the status',
      15000,
    );
  });
});

describe('workspace index and missing articles', () => {
  it('lists sidecars of articles that were never opened, and a deleted article as missing with an action to delete its sidecar', async () => {
    const api = await claimsApi();
    const prompts = new ScriptedPrompts();
    api.setPrompts(prompts);
    const file = scratchArticle(TEXT);
    const start = TEXT.indexOf('$4 billion');
    const sidecar = {
      version: 1,
      article: path.basename(file),
      claims: [
        {
          id: 'fromgit',
          quote: { exact: '$4 billion', prefix: '', suffix: '' },
          position: { start, end: start + 10 },
          status: 'supported',
          note: '',
          origin: 'manual',
          citations: [],
          conflicts: [],
          created: '2024-11-07T09:00:00Z',
          updated: '2024-11-07T09:00:00Z',
        },
      ],
    };
    // Arrives as if from git: the article is never opened in an editor.
    fs.writeFileSync(file + '.claims.json', JSON.stringify(sidecar, null, 2) + '\n');
    await api.context.sync.indexWorkspace();
    const explorer = api.context.explorer;
    await waitFor(() => explorer.getChildren().some((n) => n.kind === 'file' && n.articlePath === file), 'the unopened article in the explorer');
    fs.rmSync(file);
    // The workspace file watcher may take a few seconds to start on a freshly launched server.
    await waitFor(() => api.context.store.entry(file)?.articleExists === false, 'the article to be seen as missing', 15000);
    await waitFor(() => explorer.getTreeItem({ kind: 'file', articlePath: file }).contextValue === 'file.missing', 'the missing state in the tree');
    assert.match(String(explorer.getTreeItem({ kind: 'file', articlePath: file }).description), /article missing/);
    prompts.confirmWith(true);
    await vscode.commands.executeCommand('claims.deleteSidecar', { articlePath: file });
    assert.ok(!fs.existsSync(file + '.claims.json'));
    await waitFor(() => !explorer.getChildren().some((n) => n.kind === 'file' && n.articlePath === file), 'the file to leave the explorer');
  });
});
