// A fact-checker marks a sentence of a sample article as a claim, using only the keyboard and the palette,
// and sees it highlighted, listed in the Claim Explorer, and saved in the sidecar beside the article.
import assert from 'node:assert/strict';
import { openWorkbench, waitFor } from './workbench.mjs';

const ARTICLE = 'amazon-anthropic-maginative.txt';
const SIDECAR = `${ARTICLE}.claims.json`;
const QUOTE = 'Amazon previously committed up to $4 billion in funding to Anthropic';
// A piece of the quote that fits on one screen line, to read the decoration under it.
const INSIDE_QUOTE = 'previously committed';

const isExtensionDecoration = (element) => /\bced-/.test(element.className);
const paintsBackground = (element) => !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(element.backgroundColor);

describe('marking a claim from the palette', function () {
  this.bail(true);
  let wb;

  before(async () => {
    wb = await openWorkbench('mark-claim');
  });

  after(async () => {
    await wb?.close();
  });

  it('opens the article with Quick Open', async () => {
    await wb.openFile(ARTICLE);
    const before = await wb.decorationsOver(INSIDE_QUOTE);
    assert.ok(before, `${JSON.stringify(INSIDE_QUOTE)} is on screen`);
    assert.deepEqual(before.found.filter(isExtensionDecoration).filter(paintsBackground), [], 'nothing is highlighted yet');
    await wb.screenshot('1-article-open');
  });

  it('selects the quote with Find', async () => {
    const status = await wb.selectText(QUOTE);
    assert.match(status, new RegExp(`\\(${QUOTE.length} selected\\)`));
  });

  it('runs "Claims: Mark Selection as Claim" from the palette', async () => {
    await wb.runCommand('Claims: Mark Selection as Claim');
    await wb.screenshot('2-marked');
  });

  it('writes the sidecar beside the article', async () => {
    const sidecar = await wb.readWorkspaceJson(SIDECAR);
    assert.equal(sidecar.claims.length, 1);
    const [claim] = sidecar.claims;
    assert.equal(claim.quote.exact, QUOTE);
    assert.equal(claim.status, 'unverified');
    const start = wb.readWorkspaceFile(ARTICLE).indexOf(QUOTE);
    assert.deepEqual([claim.position.start, claim.position.end], [start, start + QUOTE.length]);
  });

  it('highlights the claim in the editor', async () => {
    // Move the cursor away so the selection's own overlay does not count as a highlight.
    await wb.press('Control+End');
    const over = await waitFor(
      async () => {
        const found = (await wb.decorationsOver(INSIDE_QUOTE))?.found ?? [];
        return found.filter(isExtensionDecoration).filter(paintsBackground).length > 0 && found;
      },
      { message: `a decoration with a background under ${JSON.stringify(INSIDE_QUOTE)}` },
    );
    console.log(`      decoration: ${JSON.stringify(over.filter(isExtensionDecoration))}`);
    await wb.screenshot('3-highlighted');
  });

  it('describes the claim in a hover', async () => {
    const hover = await wb.hoverAt(INSIDE_QUOTE);
    assert.match(hover, /unverified/i);
    await wb.screenshot('4-hover');
    await wb.press('Escape');
  });

  it('lists the claim under its file in the Claim Explorer', async () => {
    await wb.showViewContainer('Claims');
    const fileRow = await wb.waitForTreeRow('Claim Explorer', ARTICLE);
    const claimRow = await wb.waitForTreeRow('Claim Explorer', QUOTE.slice(0, 30));
    assert.ok(claimRow.level > fileRow.level, `the claim row (level ${claimRow.level}) sits under the file row (level ${fileRow.level})`);
    await wb.screenshot('5-explorer');
  });
});

describe('marking a claim with the keyboard shortcut', function () {
  this.bail(true);
  let wb;
  const article = 'amazon-anthropic-pymnts.txt';
  const quote = 'mirroring its initial $4 billion deal from March 27';

  before(async () => {
    wb = await openWorkbench('mark-claim-key');
  });

  after(async () => {
    await wb?.close();
  });

  it('Ctrl+Alt+M marks the selection and the sidecar holds the claim', async () => {
    await wb.openFile(article);
    await wb.selectText(quote);
    await wb.press('Control+Alt+m');
    const sidecar = await wb.readWorkspaceJson(`${article}.claims.json`);
    assert.deepEqual(
      sidecar.claims.map((claim) => claim.quote.exact),
      [quote],
    );
    await wb.screenshot('6-marked-with-key');
  });
});
