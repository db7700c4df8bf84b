// Find Conflicting Claims on two real news articles (ECB+ corpus, data/conflict-cases): the real conflict is
// suggested with both sentences in the picker and a readable explanation; accepting it puts one conflict note
// under both claims; a dismissal is keyed by the sentences' text only.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ConflictSuggestion } from '../../src/core/conflicts/conflicts';
import type { ClaimAnnotatorApi } from '../../src/extension';
import type { PickItem } from '../../src/editor/prompts';
import { openArticle, readSidecar, ScriptedPrompts, useClaimsSession, workspaceRoot } from './support/harness';

/** The bundle runs from out/test/host; the cases are in the repository's data folder. */
const CASES = path.resolve(__dirname, '../../../data/conflict-cases/articles');

function copyCase(file: string, folder: string): string {
  const dir = path.join(workspaceRoot(), folder);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, path.basename(file));
  fs.copyFileSync(path.join(CASES, file), target);
  fs.rmSync(target + '.claims.json', { force: true });
  return target;
}

describe('conflict suggestions on real news', () => {
  let api: ClaimAnnotatorApi;
  let prompts: ScriptedPrompts;
  useClaimsSession((session) => ({ api, prompts } = session), { expectAllAnswersUsed: true });

  async function spot(files: string[]): Promise<void> {
    for (const file of files) {
      await openArticle(file);
      await vscode.commands.executeCommand('claims.spotClaims');
    }
  }

  it('suggests the magnitude conflict between two reports of a Sonoma quake with both sentences, accepts it, and notes it under both claims', async () => {
    // Two outlets on the Sonoma County quake of a Sunday in 2008: "A 4.2 magnitude earthquake shook a remote
    // area of eastern Sonoma County on Sunday morning, …" and "The U.S. Geological Survey says the
    // 4.4-magnitude temblor on Sunday at 9:27 a.m. was centered 23 miles north of Santa Rosa, …".
    const low = copyCase('38-ecb/38_2ecb.txt', 'host-conflicts');
    const high = copyCase('38-ecb/38_4ecb.txt', 'host-conflicts');
    await spot([low, high]);

    let shown: readonly PickItem<unknown>[] = [];
    let placeHolder = '';
    prompts
      .pickWhere((item) => {
        const s = item.value as ConflictSuggestion;
        const ours = [s.a.article, s.b.article].sort().join() === [high, low].sort().join();
        if (ours && s.measure === 'magnitude') shown = [item];
        return ours && s.measure === 'magnitude';
      })
      .pickWhere((item) => {
        if (/Accept/.test(item.label)) placeHolder = String(item.detail ?? '');
        return /Accept/.test(item.label);
      });
    await vscode.commands.executeCommand('claims.suggestConflicts');
    assert.deepEqual(
      prompts.notifications.filter((n) => n.severity !== 'info'),
      [],
      'no errors while accepting',
    );

    const [item] = shown;
    assert.ok(item, 'the magnitude conflict was among the suggestions');
    assert.equal(item.label, 'Magnitude: 4.2 magnitude (38_2ecb.txt) vs 4.4-magnitude (38_4ecb.txt)');
    // Both sentences, each with its file, in the picker (and again beside Accept).
    for (const detail of [String(item.detail), placeHolder]) {
      assert.match(detail, /38_2ecb\.txt: “A 4\.2 magnitude earthquake shook a remote area of eastern Sonoma County/);
      assert.match(detail, /38_4ecb\.txt: “The U\.S\. Geological Survey says the 4\.4-magnitude temblor on Sunday/);
    }

    const claimsWithNotes = [low, high].map((file) => {
      const claims = readSidecar(file).claims.filter((c) => c.conflicts.length > 0);
      assert.equal(claims.length, 1, `one claim with a note in ${path.basename(file)}`);
      return { file, claim: claims[0]! };
    });
    const [first, second] = claimsWithNotes;
    assert.match(first!.claim.quote.exact, /^A 4\.2 magnitude earthquake shook/);
    assert.match(second!.claim.quote.exact, /4\.4-magnitude temblor on Sunday/);
    const noteA = first!.claim.conflicts[0];
    const noteB = second!.claim.conflicts[0];
    assert.equal(noteA.id, noteB.id, 'one note, on both claims');
    assert.equal(noteA.other.article, path.basename(high), 'the other article by a relative path');
    assert.equal(noteA.other.claim, second!.claim.id);
    assert.equal(noteB.other.claim, first!.claim.id);
    assert.equal(noteA.note, 'Magnitude: 4.2 magnitude (38_2ecb.txt) vs 4.4-magnitude (38_4ecb.txt).', 'the readable explanation is the note');
    assert.equal(noteA.thisValue, '4.2 magnitude');
    assert.equal(noteB.thisValue, '4.4-magnitude');
    for (const { file, claim } of claimsWithNotes) {
      const children = api.context.explorer.getChildren({ kind: 'claim', articlePath: file, claimId: claim.id });
      assert.ok(
        children.some((n) => n.kind === 'conflict'),
        `the note shows under "${claim.quote.exact.slice(0, 50)}"`,
      );
    }
  });
});

describe('conflict suggestions on real news: dismissal', () => {
  let prompts: ScriptedPrompts;
  // The second run may find nothing to suggest at all (then it asks nothing), so unused answers are allowed.
  useClaimsSession((session) => ({ prompts } = session));

  async function spot(files: string[]): Promise<void> {
    for (const file of files) {
      await openArticle(file);
      await vscode.commands.executeCommand('claims.spotClaims');
    }
  }

  afterEach(() => vscode.workspace.getConfiguration('claims').update('spotShare', undefined, vscode.ConfigurationTarget.Workspace));

  it('dismisses a suggestion by the text of both sentences, with no path in the sidecar, and does not offer it again', async () => {
    // The 2008 Qeshm quake: "A 5.6 magnitude earthquake …" vs USGS "magnitude-5.4".
    const iranian = copyCase('20-ecb/20_1ecb.txt', 'host-conflicts-dismiss');
    const usgs = copyCase('20-ecb/20_5ecb.txt', 'host-conflicts-dismiss');
    // The editor compares claims and the candidates an article shows; show them all, not the default top share.
    await vscode.workspace.getConfiguration('claims').update('spotShare', 1, vscode.ConfigurationTarget.Workspace);
    await spot([iranian, usgs]);
    let dismissed: ConflictSuggestion | undefined;
    const ours = (item: PickItem<unknown>) => {
      const s = item.value as ConflictSuggestion;
      return [s.a.article, s.b.article].every((a) => a === iranian || a === usgs) && /5\.4/.test(s.explanation) && /5\.6/.test(s.explanation);
    };
    prompts
      .pickWhere((item) => {
        if (ours(item)) dismissed = item.value as ConflictSuggestion;
        return ours(item);
      })
      .pickLabel('Dismiss');
    await vscode.commands.executeCommand('claims.suggestConflicts');
    assert.ok(dismissed);
    const sidecarText = fs.readFileSync(dismissed.a.article + '.claims.json', 'utf8');
    const keys = (JSON.parse(sidecarText) as { dismissed: { conflicts: string[] } }).dismissed.conflicts;
    assert.deepEqual(keys, [dismissed.key]);
    assert.match(dismissed.key, /^text:[0-9a-f]{14}$/);
    assert.ok(!sidecarText.includes(workspaceRoot()), 'no absolute path in the sidecar');

    // Asked again, the dismissed suggestion is not among the items.
    let offeredAgain = false;
    let asked = false;
    prompts
      .pickWhere((item) => {
        asked = true;
        offeredAgain ||= ours(item);
        return true;
      })
      .cancelPick();
    await vscode.commands.executeCommand('claims.suggestConflicts');
    assert.ok(
      asked || prompts.notifications.some((n) => /No conflicting claims/.test(n.message)),
      'the command either listed suggestions or said there are none',
    );
    assert.equal(offeredAgain, false);
  });
});
