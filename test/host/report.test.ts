// Issue 17: one report builder. The editor's Markdown report and `claims export --format markdown` give the same
// text for the same workspace, and the tree, the report and the sidecar list an article's claims in the same
// (document) order, whatever order they were marked in. Conflict notes are counted once and named by their words.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { runCli } from '../../src/cli/main';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { linkConflict } from '../../src/editor/commands/conflictCommands';
import { openArticle, readSidecar, ScriptedPrompts, select, useClaimsSession, waitFor, workspaceRoot } from './support/harness';

const FIRST =
  'Amazon made its initial $1.25 billion investment in Anthropic in September 2023.\n' +
  'The company later upped the investment to $4 billion, according to bbc-007.txt.\n';
const SECOND = 'A wire report said the first investment was $4 billion, in March 2024.\n';

async function cliReport(): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['export', '--format', 'markdown'], {
    cwd: workspaceRoot(),
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => '',
  });
  assert.ok(code === 0 || code === 1, stderr);
  return stdout;
}

describe('report: the editor and claims export give the same text', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;
  useClaimsSession((session) => ({ api, prompts } = session));

  it('gives the same Markdown report for the same workspace, with claims in document order in the tree, report and sidecar', async () => {
    void prompts;
    const dir = path.join(workspaceRoot(), `host-report-${process.pid}-${Date.now()}`);
    fs.mkdirSync(dir, { recursive: true });
    const first = path.join(dir, 'first.md');
    const second = path.join(dir, 'second.md');
    fs.writeFileSync(first, FIRST);
    fs.writeFileSync(second, SECOND);

    // Marked out of document order: the later sentence first.
    let editor = await openArticle(first);
    select(editor, 'upped the investment to $4 billion, according to bbc-007.txt');
    await vscode.commands.executeCommand('claims.markClaim');
    select(editor, 'initial $1.25 billion investment');
    await vscode.commands.executeCommand('claims.markClaim');
    editor = await openArticle(second);
    select(editor, 'the first investment was $4 billion');
    await vscode.commands.executeCommand('claims.markClaim');
    await waitFor(
      () => fs.existsSync(first + '.claims.json') && fs.existsSync(second + '.claims.json') && readSidecar(first).claims.length === 2,
      'both sidecars',
    );
    const initial = readSidecar(first).claims.find((c) => String(c.quote.exact).startsWith('initial'))!;
    const wire = readSidecar(second).claims[0]!;
    await linkConflict(
      api.context,
      { articlePath: first, claimId: initial.id },
      { articlePath: second, claimId: wire.id },
      { kind: 'amount', thisValue: '$1.25 billion', otherValue: '$4 billion', note: '' },
    );
    await waitFor(() => readSidecar(second).claims[0]!.conflicts.length === 1, 'the note on both claims');

    const reportDocument = await vscode.commands.executeCommand<vscode.TextDocument>('claims.exportReport', 'markdown');
    const editorReport = reportDocument.getText();
    // The report opens as an unsaved document: closed unsaved, so no save prompt is left for the next test.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.equal(editorReport, await cliReport(), 'the same text from the editor and the CLI');

    // One order everywhere: the sidecar's, the tree's and the report's.
    const sidecarOrder = readSidecar(first).claims.map((c) => String(c.quote.exact));
    assert.deepEqual(sidecarOrder, ['initial $1.25 billion investment', 'upped the investment to $4 billion, according to bbc-007.txt']);
    const explorer = api.context.explorer;
    const treeOrder = explorer
      .getChildren({ kind: 'file', articlePath: first })
      .filter((n) => n.kind === 'claim')
      .map((n) => (n.kind === 'claim' ? api.context.findClaim(n)!.claim.quote.exact : ''));
    assert.deepEqual(treeOrder, sidecarOrder);
    const section = editorReport.slice(editorReport.indexOf(`## ${path.basename(dir)}/first\\.md`));
    const reportOrder = [...section.matchAll(/^### \d+\\\. Unverified: “(.*)”$/gm)].slice(0, 2).map((m) => m[1]);
    assert.deepEqual(reportOrder, sidecarOrder);

    // Plain text stays plain; the note's other side is named by its file and words.
    assert.ok(editorReport.includes('- Claim: upped the investment to $4 billion, according to bbc-007.txt\n'), editorReport);
    assert.ok(
      editorReport.includes('open amount conflict with second\\.md, “the first investment was $4 billion”: "$1.25 billion" vs "$4 billion"'),
      editorReport,
    );
  });
});
