// The extension as VS Code itself sees it: loaded from the working tree, activated, its contributions live.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'claim-annotator.claim-annotator';

interface Manifest {
  version: string;
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    viewsContainers?: { activitybar?: { id: string; title: string }[] };
    views?: Record<string, { id: string; name: string }[]>;
  };
}

function claimAnnotator(): vscode.Extension<unknown> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not among the host's extensions`);
  return extension;
}

describe('activation', () => {
  before(async () => {
    await claimAnnotator().activate();
  });

  it('is loaded from the working tree under test', () => {
    const extension = claimAnnotator();
    const manifest = extension.packageJSON as Manifest;
    const onDisk = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as Manifest;
    assert.equal(manifest.version, onDisk.version);
    assert.ok(fs.existsSync(path.join(extension.extensionPath, 'dist', 'extension.js')), 'dist/extension.js is missing: the extension was not built');
    console.log(`      ${EXTENSION_ID} ${manifest.version} from ${extension.extensionPath}`);
  });

  it('activates', () => {
    assert.equal(claimAnnotator().isActive, true);
  });

  it('registers claims.markClaim and every command it contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.ok(registered.has('claims.markClaim'), 'claims.markClaim is not registered');
    const contributed = (claimAnnotator().packageJSON as Manifest).contributes?.commands ?? [];
    const missing = contributed.map((c) => c.command).filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('contributes "Claims: Mark Selection as Claim" to the palette', () => {
    const contributed = (claimAnnotator().packageJSON as Manifest).contributes?.commands ?? [];
    const markClaim = contributed.find((c) => c.command === 'claims.markClaim');
    assert.ok(markClaim, 'claims.markClaim is not in contributes.commands');
    assert.equal(`${markClaim.category}: ${markClaim.title}`, 'Claims: Mark Selection as Claim');
  });

  it('shows the Claim Explorer in its own activity-bar container', async () => {
    const contributes = (claimAnnotator().packageJSON as Manifest).contributes;
    assert.ok(
      contributes?.viewsContainers?.activitybar?.some((c) => c.id === 'claims'),
      'no activity-bar container "claims"',
    );
    assert.deepEqual(
      contributes?.views?.claims?.map((v) => [v.id, v.name]),
      [['claims.explorer', 'Claim Explorer']],
    );
    // The workbench generates <view id>.focus for every registered view; running it opens the view for real.
    await vscode.commands.executeCommand('claims.explorer.focus');
  });

  it('runs on a scratch copy of the sample articles, never on the repo', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const articles = await vscode.workspace.findFiles('*.txt');
    assert.deepEqual(articles.map((uri) => path.basename(uri.fsPath)).sort(), ['amazon-anthropic-maginative.txt', 'amazon-anthropic-pymnts.txt']);
    const repo = claimAnnotator().extensionPath;
    assert.ok(!folder.uri.fsPath.startsWith(path.join(repo, 'test')), `the workspace ${folder.uri.fsPath} is inside the repo's tracked test folder`);
  });
});
