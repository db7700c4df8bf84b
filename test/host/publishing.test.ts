// Publishing a fact-check in the real extension host: a newsroom scale file in the workspace, a verdict set
// from it, the review fields filled through the prompts, and a ClaimReview export that validates against the
// JSON Schema of Google's requirements (test/fixtures/claimreview) and carries the verdict's label and number.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import * as vscode from 'vscode';
import { openArticle, readSidecar, scratchArticle, ScriptedPrompts, select, useClaimsSession, workspaceRoot } from './support/harness';

const ARTICLE = [
  '---',
  'title: Budget',
  'author: The Finance Minister',
  'date: 2025-01-30',
  'url: https://gov.example/speeches/budget-2025',
  '---',
  '',
  'Public spending rose by 40% last year, the largest rise on record.',
  '',
].join('\n');

const SCALE = {
  name: 'Desk scale',
  labels: [
    { label: 'Accurate', value: 4, status: 'supported', color: '#1e8449' },
    { label: 'Needs context', value: 3, status: 'disputed', color: '#f4d03f' },
    { label: 'Misleading', value: 2, status: 'disputed', color: '#f39c12' },
    { label: 'Wrong', value: 1, status: 'refuted', color: '#c0392b' },
  ],
};

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'claimreview');

describe('publishing a fact-check (verdict scale, review fields, ClaimReview)', () => {
  let prompts: ScriptedPrompts;
  useClaimsSession((session) => ({ prompts } = session), { expectAllAnswersUsed: true });

  const scaleDir = () => path.join(workspaceRoot(), '.claims');
  before(() => {
    fs.mkdirSync(scaleDir(), { recursive: true });
  });
  after(() => fs.rmSync(scaleDir(), { recursive: true, force: true }));

  it('sets a verdict from the workspace scale file, fills the review and exports a valid ClaimReview', async () => {
    fs.writeFileSync(path.join(scaleDir(), 'verdict-scale.json'), JSON.stringify(SCALE, null, 2));
    const file = scratchArticle(ARTICLE);
    const editor = await openArticle(file);
    select(editor, 'Public spending rose by 40% last year');
    await vscode.commands.executeCommand('claims.markClaim');
    const claimId = readSidecar(file).claims[0].id as string;
    const ref = { articlePath: file, claimId };

    prompts.pickLabel('Misleading');
    await vscode.commands.executeCommand('claims.setStatus', ref);
    const rated = readSidecar(file).claims[0];
    assert.equal(rated.status, 'disputed');
    assert.deepEqual(rated.verdict, { label: 'Misleading', value: 2, best: 4, worst: 1, scale: 'Desk scale' });

    // The claim, who said it, when and where come prefilled from the quote and the article's front matter.
    prompts
      .acceptDefault()
      .acceptDefault()
      .acceptDefault()
      .acceptDefault()
      .type('Budget Desk')
      .type('2025-02-03')
      .type('Spending rose by 12%; 40% is the rise over four years.')
      .type('https://desk.example/checks/budget-2025');
    await vscode.commands.executeCommand('claims.editReview', ref);
    // The hover shows the verdict with its place on the scale, and the explanation.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      editor.document.positionAt(ARTICLE.indexOf('spending')),
    );
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /Misleading \\\(2 on 1–4\\\)/);
    assert.match(hoverText, /Spending rose by 12%/);
    const review = readSidecar(file).claims[0].review;
    assert.deepEqual(review, {
      claimReviewed: 'Public spending rose by 40% last year',
      claimant: 'The Finance Minister',
      claimDate: '2025-01-30',
      appearances: ['https://gov.example/speeches/budget-2025'],
      reviewer: 'Budget Desk',
      reviewDate: '2025-02-03',
      explanation: 'Spending rose by 12%; 40% is the rise over four years.',
      url: 'https://desk.example/checks/budget-2025',
    });

    const document = await vscode.commands.executeCommand<vscode.TextDocument>('claims.exportReport', 'claimreview');
    assert.ok(document, 'the export opens a document');
    const records = JSON.parse(document.getText()) as Array<Record<string, any>>;
    const ours = records.filter((r) => r.url === 'https://desk.example/checks/budget-2025');
    assert.equal(ours.length, 1);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(FIXTURES, 'google-claimreview.schema.json'), 'utf8')));
    for (const record of records) assert.ok(validate(record), JSON.stringify(validate.errors));
    assert.equal(ours[0]!.reviewRating.alternateName, 'Misleading');
    assert.equal(ours[0]!.reviewRating.ratingValue, 2);
    assert.equal(ours[0]!.reviewRating.bestRating, 4);
    assert.equal(ours[0]!.itemReviewed.author.name, 'The Finance Minister');
  });

  it('refuses a bad scale file, naming its line and column, and leaves the claim as it was', async () => {
    fs.writeFileSync(
      path.join(scaleDir(), 'verdict-scale.json'),
      '{\n  "name": "Desk",\n  "labels": [\n    { "label": "Yes", "value": 2, "status": "supported" },\n    { "label": "No", "value": 1, "status": "maybe" }\n  ]\n}\n',
    );
    const file = scratchArticle(ARTICLE);
    const editor = await openArticle(file);
    select(editor, 'the largest rise on record');
    await vscode.commands.executeCommand('claims.markClaim');
    const claimId = readSidecar(file).claims[0].id as string;
    await vscode.commands.executeCommand('claims.setStatus', { articlePath: file, claimId });
    assert.match(prompts.notifications.at(-1)?.message ?? '', /verdict-scale\.json:5:\d+: labels\[1\]\.status: expected one of supported, disputed, refuted/);
    assert.equal(readSidecar(file).claims[0].status, 'unverified');
    assert.equal(readSidecar(file).claims[0].verdict, undefined);
  });

  it("imports a published page's ClaimReview into the workspace archive, once", async () => {
    const archive = path.join(workspaceRoot(), 'fact-checks.jsonl');
    fs.rmSync(archive, { force: true });
    try {
      const page = vscode.Uri.file(path.join(FIXTURES, 'afp-whipped-cream.html'));
      prompts.chooseFile(page);
      const first = await vscode.commands.executeCommand<{ added: number; existing: number }>('claims.importClaimReview');
      assert.deepEqual(first, { archive, added: 1, existing: 0 });
      const again = await vscode.commands.executeCommand<{ added: number; existing: number }>('claims.importClaimReview', page);
      assert.deepEqual(again, { archive, added: 0, existing: 1 });
      assert.match(prompts.notifications.at(-1)?.message ?? '', /added 0 fact-checks, 1 already there/);
      const lines = fs.readFileSync(archive, 'utf8').trim().split('\n');
      assert.equal(lines.length, 1);
      const record = JSON.parse(lines[0]!);
      assert.equal(record.claim, 'Whipped cream was banned in South Korean cafes in January 2021');
      assert.equal(record.verdict, 'FALSE');
      assert.equal(record.publisher, 'Fact Check');
      const api = vscode.Uri.file(path.join(FIXTURES, 'factcheck-tools-api.json'));
      await vscode.commands.executeCommand('claims.importClaimReview', api);
      assert.equal(fs.readFileSync(archive, 'utf8').trim().split('\n').length, 5);
    } finally {
      fs.rmSync(archive, { force: true });
    }
  });
});
