// Spot Claims on a real news article: a ranked, typed shortlist within the budget, not the whole article; the
// claims.spotShare setting moves the budget.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { candidateBudget } from '../../src/core/spotting/spotter';
import { splitSentences } from '../../src/core/spotting/sentences';
import type { ClaimAnnotatorApi } from '../../src/extension';
import { openArticle, scratchArticle, useClaimsSession } from './support/harness';

// __dirname is out/test/host in the bundle; the labelled news articles sit in data/ of the same working tree.
const REPO_ROOT = path.resolve(__dirname, '../../..');
/** A CNET news report (ECB+ corpus, topic 30): 14 sentences, a headline and 10 figures. */
const NEWS_ARTICLE = path.join(REPO_ROOT, 'data/news-spotting/articles/30-ecb/30_11ecb.txt');

describe('spotting: ranked and typed candidates within a budget', () => {
  let api: ClaimAnnotatorApi;
  useClaimsSession((session) => ({ api } = session));

  it('lists the candidates of a real news article by score with their types, no more than the budget; claims.spotShare changes the count', async () => {
    const text = fs.readFileSync(NEWS_ARTICLE, 'utf8');
    const sentences = splitSentences(text).length;
    const file = scratchArticle(text, '.txt');
    const editor = await openArticle(file);
    const count = await vscode.commands.executeCommand<number>('claims.spotClaims');
    assert.ok(count > 0, 'some candidates');
    assert.ok(count <= candidateBudget(sentences), `${count} candidates for ${sentences} sentences (budget ${candidateBudget(sentences)})`);
    assert.ok(count < sentences / 2, 'not the whole article');

    const explorer = api.context.explorer;
    const group = explorer.getChildren({ kind: 'file', articlePath: file }).find((n) => n.kind === 'candidates');
    assert.ok(group, 'a Candidates group');
    const nodes = explorer.getChildren(group);
    assert.equal(nodes.length, count);
    const scores = nodes.map((n) => (n.kind === 'candidate' ? n.score : -1));
    assert.deepEqual(
      scores,
      [...scores].sort((a, b) => b - a),
      'highest score first',
    );
    for (const node of nodes) {
      const item = explorer.getTreeItem(node);
      assert.match(
        String(item.description),
        /^(a statistic|a comparison|cause and effect|a rule or law|a prediction|a quote or attribution|a date or time|a factual statement) · [▰▱]{5} \d\.\d\d$/,
        String(item.description),
      );
      // appendText escapes spaces and brackets for Markdown; read it back as the user sees it.
      const tooltip = (item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
      assert.match(tooltip, /^Flagged as .+ \(score \d\.\d\d\)\./, tooltip);
    }
    assert.ok(
      nodes.some((n) => n.kind === 'candidate' && n.type === 'statistic'),
      'the figures are typed as statistics',
    );
    assert.doesNotMatch(
      nodes.map((n) => (n.kind === 'candidate' ? n.text : '')).join(' | '),
      /Damaged undersea cables disrupting service/,
      'the headline is not a candidate',
    );

    // The hover on a candidate says why it was flagged.
    const top = nodes[0];
    assert.ok(top.kind === 'candidate');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      editor.document.positionAt(top.start + 1),
    );
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    const hoverPlain = hoverText.replace(/&nbsp;/g, ' ').replace(/\\(.)/g, '$1');
    assert.match(hoverPlain, /Candidate claim/);
    assert.match(
      hoverPlain,
      /Flagged as (a statistic|a comparison|cause and effect|a rule or law|a prediction|a quote or attribution|a date or time|a factual statement)/,
    );

    const config = vscode.workspace.getConfiguration('claims');
    try {
      await config.update('spotShare', 0.1, vscode.ConfigurationTarget.Workspace);
      const fewer = await vscode.commands.executeCommand<number>('claims.spotClaims');
      assert.equal(fewer, candidateBudget(sentences, 0.1));
      assert.ok(fewer < count, `spotShare 0.1 shows fewer (${fewer} vs ${count})`);
      await config.update('spotShare', 0.5, vscode.ConfigurationTarget.Workspace);
      const more = await vscode.commands.executeCommand<number>('claims.spotClaims');
      assert.ok(more > count, `spotShare 0.5 shows more (${more} vs ${count})`);
      assert.ok(more <= candidateBudget(sentences, 0.5));
    } finally {
      await config.update('spotShare', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
