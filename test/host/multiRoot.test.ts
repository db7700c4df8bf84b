// A multi-root workspace: run only by `run-host-tests.mjs --mode multi-root` (every title here contains
// "multi-root", which the single-folder run excludes). The launcher opens claims.code-workspace with the
// folders desk-a (amazon-anthropic-pymnts.txt) and desk-b (amazon-anthropic-maginative.txt), and seeds a
// sidecar in desk-b before the workbench starts; see createMultiRootWorkspace in test/launch/scratch.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { claimsApi, closeAllEditors, openArticle, readSidecar, ScriptedPrompts, select, waitFor } from './support/harness';

const SEEDED_CLAIM_ID = 'seeded-desk-b';
const SEEDED_QUOTE = 'Amazon wants Anthropic to use its custom AI chips';
const QUOTE_A = 'initial $1.25 billion investment in Anthropic in September 2023';
const QUOTE_B = 'Amazon previously committed up to $4 billion in funding to Anthropic';

function folderPath(name: string): string {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  if (!folder) throw new Error(`workspace folder ${name} is missing: ${vscode.workspace.workspaceFolders?.map((f) => f.name).join(', ')}`);
  return folder.uri.fsPath;
}

function claimWithQuote(articlePath: string, exact: string): Record<string, any> {
  const claim = readSidecar(articlePath).claims.find((c) => c.quote.exact === exact);
  if (!claim) throw new Error(`no claim "${exact}" in the sidecar of ${articlePath}`);
  return claim;
}

/** A tooltip's text as the user reads it: MarkdownString.appendText escapes punctuation such as "-". */
function tooltipText(tooltip: string | vscode.MarkdownString | undefined): string {
  return (typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '')).replace(/\\(.)/g, '$1');
}

/** The arguments of every `command:claims.revealClaim?…` link in a markdown text. */
function revealLinks(markdown: string): Array<{ articlePath: string; claimId: string }> {
  return [...markdown.matchAll(/\]\(command:claims\.revealClaim\?([^)\s]+)\)/g)].map((m) => JSON.parse(decodeURIComponent(m[1]))[0]);
}

describe('multi-root workspace', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;
  let articleA: string;
  let articleB: string;

  before(async () => {
    api = await claimsApi();
    articleA = path.join(folderPath('desk-a'), 'amazon-anthropic-pymnts.txt');
    articleB = path.join(folderPath('desk-b'), 'amazon-anthropic-maginative.txt');
  });

  beforeEach(() => {
    prompts = new ScriptedPrompts();
    api.setPrompts(prompts);
  });

  afterEach(async () => {
    assert.equal(prompts.remaining, 0, 'every scripted answer was used');
    await closeAllEditors();
  });

  /** Marks `quote` through the command unless an earlier test already did, so each test also runs alone (--grep). */
  async function ensureClaim(article: string, quote: string): Promise<{ articlePath: string; claimId: string }> {
    const known = fs.existsSync(article + '.claims.json') && readSidecar(article).claims.find((c) => c.quote.exact === quote);
    if (!known) {
      select(await openArticle(article), quote);
      await vscode.commands.executeCommand('claims.markClaim');
    }
    return { articlePath: article, claimId: claimWithQuote(article, quote).id as string };
  }

  // First, before any test opens desk-b's article.
  it('opens both folders of the .code-workspace and indexes the sidecar seeded in desk-b without opening its article', async () => {
    assert.deepEqual(
      vscode.workspace.workspaceFolders?.map((f) => f.name),
      ['desk-a', 'desk-b'],
    );
    assert.match(vscode.workspace.workspaceFile?.path ?? '', /claims\.code-workspace$/);
    const entry = await waitFor(() => api.context.store.entry(articleB)?.sidecar && api.context.store.entry(articleB), 'the seeded sidecar to be indexed');
    const seeded = entry.sidecar!.claims.find((c) => c.id === SEEDED_CLAIM_ID);
    assert.equal(seeded?.quote.exact, SEEDED_QUOTE);
    assert.equal(seeded?.status, 'supported');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.fsPath === articleB), 'the article was not opened to index its sidecar');
    const explorer = api.context.explorer;
    const files = explorer.getChildren().filter((n) => n.kind === 'file');
    assert.ok(
      files.some((n) => n.articlePath === articleB),
      'the seeded article is listed in the Claim Explorer',
    );
    const claims = explorer.getChildren({ kind: 'file', articlePath: articleB });
    assert.ok(
      claims.some((n) => n.kind === 'claim' && n.claimId === SEEDED_CLAIM_ID),
      'its claim is listed under it',
    );
  });

  it('marks claims in both folders, each sidecar written beside its own article', async () => {
    for (const [article, quote] of [
      [articleA, QUOTE_A],
      [articleB, QUOTE_B],
    ] as const) {
      const editor = await openArticle(article);
      select(editor, quote);
      await vscode.commands.executeCommand('claims.markClaim');
      assert.ok(fs.existsSync(article + '.claims.json'), `a sidecar beside ${article}`);
      assert.equal(readSidecar(article).article, path.basename(article));
      assert.equal(claimWithQuote(article, quote).status, 'unverified');
    }
    assert.equal(claimWithQuote(articleB, SEEDED_QUOTE).id, SEEDED_CLAIM_ID, 'the seeded claim is kept beside the new one');
    const stray = fs.readdirSync(path.dirname(folderPath('desk-a'))).filter((name) => name.endsWith('.claims.json'));
    assert.deepEqual(stray, [], 'no sidecar is written outside the workspace folders');
  });

  it('the Claim Explorer lists both files and names each with its folder', async () => {
    await ensureClaim(articleA, QUOTE_A);
    await ensureClaim(articleB, QUOTE_B);
    const explorer = api.context.explorer;
    await waitFor(() => explorer.getChildren().filter((n) => n.kind === 'file').length === 2, 'both files in the Claim Explorer');
    const files = explorer.getChildren().filter((n) => n.kind === 'file');
    assert.deepEqual(
      files.map((n) => n.kind === 'file' && n.articlePath),
      [articleA, articleB],
      'sorted by folder, then name',
    );
    for (const [node, folder] of [
      [files[0], 'desk-a'],
      [files[1], 'desk-b'],
    ] as const) {
      const item = explorer.getTreeItem(node);
      const article = node.kind === 'file' ? path.basename(node.articlePath) : '';
      assert.equal(item.label, article);
      assert.match(String(item.description), new RegExp(`^${folder} · `), `the description names the folder: ${item.description}`);
      assert.equal(tooltipText(item.tooltip), `${folder}/${article}`);
    }
    const claimsB = explorer.getChildren(files[1]).filter((n) => n.kind === 'claim');
    assert.equal(claimsB.length, 2, 'the seeded claim and the marked one');
  });

  it('links a claim in desk-a to one in desk-b, shows the note under both, and the links reveal the other claim', async () => {
    const first = await ensureClaim(articleA, QUOTE_A);
    const second = await ensureClaim(articleB, QUOTE_B);
    prompts
      .pickWhere((item) => {
        const value = item.value as { articlePath: string; claimId: string };
        return value.articlePath === second.articlePath && value.claimId === second.claimId;
      })
      .pickLabel('Amount')
      .acceptDefault()
      .acceptDefault()
      .type('Which figure was the initial deal?');
    await vscode.commands.executeCommand('claims.addConflict', first);

    const conflictA = claimWithQuote(articleA, QUOTE_A).conflicts[0];
    const conflictB = claimWithQuote(articleB, QUOTE_B).conflicts[0];
    assert.equal(conflictA.other.article, '../desk-b/amazon-anthropic-maginative.txt');
    assert.equal(conflictB.other.article, '../desk-a/amazon-anthropic-pymnts.txt');
    assert.equal(conflictA.other.claim, second.claimId);
    assert.equal(conflictB.other.claim, first.claimId);
    assert.equal(conflictA.id, conflictB.id, 'one note, stored on both claims');
    assert.match(conflictA.thisValue, /\$1\.25 billion/);
    assert.match(conflictA.otherValue, /\$4 billion/);

    const explorer = api.context.explorer;
    for (const [ref, other] of [
      [first, second],
      [second, first],
    ] as const) {
      const conflictNode = explorer.getChildren({ kind: 'claim', ...ref }).find((n) => n.kind === 'conflict');
      assert.ok(conflictNode, `the conflict shows under the claim in ${path.basename(ref.articlePath)}`);
      const item = explorer.getTreeItem(conflictNode);
      assert.deepEqual(item.command?.arguments, [other], 'clicking the note reveals the claim in the other folder');
      const otherFolder = path.basename(path.dirname(other.articlePath));
      assert.ok(tooltipText(item.tooltip).includes(`${otherFolder}/${path.basename(other.articlePath)}`), tooltipText(item.tooltip));
    }

    // The hover on desk-a's claim links the claim in desk-b; following the link opens desk-b's article on it.
    const editorA = await openArticle(articleA);
    const at = editorA.document.positionAt(editorA.document.getText().indexOf(QUOTE_A) + 5);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editorA.document.uri, at);
    const markdown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .join('\n');
    const links = revealLinks(markdown);
    assert.deepEqual(links, [second], `the hover links the other claim: ${markdown}`);
    await vscode.commands.executeCommand('claims.revealClaim', links[0]);
    const revealed = vscode.window.activeTextEditor;
    assert.equal(revealed?.document.uri.fsPath, articleB, 'the reveal opened the article in desk-b');
    assert.equal(revealed.document.getText(revealed.selection), QUOTE_B, 'with the other claim selected');

    // And back: the conflict's ref, read from desk-b's sidecar, leads to desk-a.
    const back = { articlePath: path.resolve(path.dirname(articleB), conflictB.other.article), claimId: conflictB.other.claim };
    await vscode.commands.executeCommand('claims.revealClaim', back);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, articleA);
    assert.equal(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), QUOTE_A);
  });
});
