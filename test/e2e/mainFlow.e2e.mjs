import fs from 'node:fs';
import { openWorkbench, waitFor } from './workbench.mjs';
describe('explore', function () {
  let wb;
  before(async () => { wb = await openWorkbench('explore'); });
  after(async () => { await wb?.close(); });
  it('dom', async () => {
    await wb.openFile('amazon-anthropic-pymnts.txt');
    await wb.selectText('initial $1.25 billion investment in Anthropic in September 2023');
    await wb.runCommand('Claims: Mark Selection as Claim');
    await wb.startCommand("Claims: Add Citation");
    await new Promise(r => setTimeout(r, 1500));
    fs.writeFileSync('/tmp/e2e-explore/qi.html', await wb.page.locator('.quick-input-widget').evaluate(e => e.outerHTML));
    await wb.page.keyboard.press('Escape');
    await wb.startCommand("Claims: Set Claim Status");
    await new Promise(r => setTimeout(r, 1500));
    fs.writeFileSync('/tmp/e2e-explore/qp.html', await wb.page.locator('.quick-input-widget').evaluate(e => e.outerHTML));
    await wb.page.keyboard.press('Escape');
    await wb.press('Control+Shift+M');
    await new Promise(r => setTimeout(r, 1500));
    fs.writeFileSync('/tmp/e2e-explore/panel.html', await wb.page.locator('.part.panel').evaluate(e => e.outerHTML));
    await wb.screenshot('explore');
  });
});
