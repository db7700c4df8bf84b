// Spotting candidates in a real sample, promoting one, and accepting a suggested conflict.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { claimsApi, closeAllEditors, openArticle, readSidecar, ScriptedPrompts, workspaceRoot } from './support/harness';

function copySample(name: string): string {
  const dir = path.join(workspaceRoot(), 'host-spotting');
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, name);
  fs.copyFileSync(path.join(workspaceRoot(), name), target);
  fs.rmSync(target + '.claims.json', { force: true });
  return target;
}

describe('spotting and conflict suggestions', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;

  before(async () => {
    api = await claimsApi();
  });

  beforeEach(() => {
    prompts = new ScriptedPrompts();
    api.setPrompts(prompts);
  });

  afterEach(() => closeAllEditors());

  it('spots candidates, promotes one, dismisses one, and accepts the initial-deal conflict', async () => {
    const maginative = copySample('amazon-anthropic-maginative.txt');
    const pymnts = copySample('amazon-anthropic-pymnts.txt');
    for (const file of [maginative, pymnts]) {
      await openArticle(file);
      const count = await vscode.commands.executeCommand<number>('claims.spotClaims');
      assert.ok(count > 0, `candidates spotted in ${path.basename(file)}`);
    }
    const entry = api.context.store.entry(pymnts)!;
    const explorer = api.context.explorer;
    const group = explorer.getChildren({ kind: 'file', articlePath: pymnts }).find((n) => n.kind === 'candidates');
    assert.ok(group, 'a Candidates group is listed');
    const initialDeal = entry.candidates.find((c) => c.text.includes('initial $4 billion deal'));
    assert.ok(initialDeal, `the initial-deal sentence is a candidate: ${entry.candidates.map((c) => c.text).join(' | ')}`);
    const claimId = await vscode.commands.executeCommand<string>('claims.promoteCandidate', { articlePath: pymnts, start: initialDeal.start, end: initialDeal.end });
    const promoted = readSidecar(pymnts).claims.find((c) => c.id === claimId)!;
    assert.equal(promoted.origin, 'spotted');
    assert.ok(!entry.candidates.some((c) => c.start === initialDeal.start), 'no longer a candidate');

    const toDismiss = entry.candidates.find((c) => !c.text.includes('$'));
    if (toDismiss) {
      await vscode.commands.executeCommand('claims.dismissCandidate', { articlePath: pymnts, start: toDismiss.start, end: toDismiss.end });
      assert.ok((readSidecar(pymnts).dismissed as { candidates: string[] }).candidates.includes(toDismiss.text), 'the dismissal is remembered in the sidecar');
      await openArticle(pymnts);
      await vscode.commands.executeCommand('claims.spotClaims');
      assert.ok(!entry.candidates.some((c) => c.text === toDismiss.text), 'a dismissed candidate does not come back');
    }

    prompts
      .pickWhere((item) => /1\.25 billion/.test(item.label) && /4 billion/.test(item.label))
      .pickLabel('Accept');
    await vscode.commands.executeCommand('claims.suggestConflicts');
    const pymntsClaim = readSidecar(pymnts).claims.find((c) => c.conflicts.length > 0);
    const maginativeClaim = readSidecar(maginative).claims.find((c) => c.conflicts.length > 0);
    assert.ok(pymntsClaim && maginativeClaim, 'the conflict is on a claim in both articles');
    assert.match(pymntsClaim.quote.exact + maginativeClaim.quote.exact, /1\.25 billion/);
    for (const [file, claim] of [[pymnts, pymntsClaim], [maginative, maginativeClaim]] as const) {
      const children = explorer.getChildren({ kind: 'claim', articlePath: file, claimId: claim.id });
      assert.ok(children.some((n) => n.kind === 'conflict'), `conflict listed under the claim in ${path.basename(file)}`);
    }
  });
});
