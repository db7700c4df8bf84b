// What a screen reader is given: the status bar item's and the Claim Explorer rows' aria-labels, read from the
// real workbench's DOM after marking a claim and giving it an open conflict. They must be sentences
// ("1 claim: 1 unverified. Show the Claim Explorer.", "Unverified claim: “…”"), never icon names such as
// "checklist 1 circle-large-outline 1".
import assert from 'node:assert/strict';
import { openWorkbench, waitFor } from './workbench.mjs';

const PYMNTS = 'amazon-anthropic-pymnts.txt';
const SEPTEMBER = 'initial $1.25 billion investment in Anthropic in September 2023';
const MARCH = 'its initial $4 billion deal from March 27';
/** Icon syntax, or the names of the icons the status bar and the tree draw. */
const CODICON = /\$\(|\b(checklist|circle-large-outline|git-compare|debug-disconnect|lightbulb|pass|question|error|warning)\b/;

describe('screen readers: the status bar item and the Claim Explorer read as sentences', function () {
  this.bail(true);
  let wb;

  before(async () => {
    wb = await openWorkbench('accessibility');
  });

  after(async () => {
    await wb?.close();
  });

  /** The aria-label of the status bar entry that speaks about claims (found by what it says, not its id). */
  async function statusBarLabel() {
    return wb.page
      .locator('.part.statusbar')
      .evaluate(
        (bar) => [...bar.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')).find((label) => /\bclaims?\b/i.test(label ?? '')) ?? '',
      );
  }

  it('marks two claims in the PYMNTS article from the palette', async () => {
    await wb.openFile(PYMNTS);
    for (const quote of [SEPTEMBER, MARCH]) {
      await wb.selectText(quote);
      await wb.runCommand('Claims: Mark Selection as Claim');
    }
    await waitFor(async () => (await wb.readWorkspaceJson(`${PYMNTS}.claims.json`)).claims.length === 2, { message: 'two claims in the sidecar' });
  });

  it('gives the status bar item a sentence as its aria-label, while its text keeps the icons', async () => {
    const label = await waitFor(
      async () => {
        const current = await statusBarLabel();
        return current.startsWith('2 claims: 2 unverified') && current;
      },
      { message: 'the status bar item to count two claims' },
    );
    assert.equal(label, '2 claims: 2 unverified. Show the Claim Explorer.');
    assert.doesNotMatch(label, CODICON);
    const icons = await wb.page.locator('.part.statusbar').evaluate((bar) => bar.querySelectorAll('.codicon-checklist').length);
    assert.ok(icons > 0, 'the visible item still draws its icon');
  });

  it('reads the claims and the file in the Claim Explorer as sentences', async () => {
    await wb.showViewContainer('Claims');
    const claimRow = await wb.waitForTreeRow('Claim Explorer', SEPTEMBER.slice(0, 40));
    assert.equal(claimRow.label, `Unverified claim: “${SEPTEMBER}”`);
    const fileRow = await wb.waitForTreeRow('Claim Explorer', PYMNTS);
    assert.equal(fileRow.label, `${PYMNTS}, 2 claims: 2 unverified`);
    for (const row of await wb.readTreeRows('Claim Explorer')) {
      assert.doesNotMatch(row.label, CODICON, `row ${JSON.stringify(row.text)} reads ${JSON.stringify(row.label)}`);
    }
    await wb.parkMouse();
    await wb.screenshot('explorer-aria');
  });

  it('counts in the sentence follow a status change', async () => {
    await wb.clickText('$1.25 billion investment');
    await wb.startCommand('Claims: Set Claim Status');
    const offered = await wb.pickQuickInputRow('Set Claim Status', 'Disputed');
    for (const label of offered) assert.doesNotMatch(label, CODICON, `the status picker row reads ${JSON.stringify(label)}`);
    const label = await waitFor(
      async () => {
        const current = await statusBarLabel();
        return current.includes('1 disputed') && current;
      },
      { message: 'the status bar sentence to count the disputed claim' },
    );
    assert.equal(label, '2 claims: 1 unverified, 1 disputed. Show the Claim Explorer.');
    const claimRow = await wb.waitForTreeRow('Claim Explorer', 'Disputed claim:');
    assert.equal(claimRow.label, `Disputed claim: “${SEPTEMBER}”`);
  });
});
