// Takes the walkthrough's images (media/walkthrough/*.png) from the real workbench: code-server with the
// extension from the working tree, driven through the same Workbench driver as the e2e specs, on a scratch copy
// of the sample articles. Run it after a UI change that the images show:
//
//   npm run build && node scripts/capture-walkthrough.mjs [--keep]
//
// Each image is a crop around what its step teaches, so it stays readable in the walkthrough's narrow column.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer } from '../test/launch/codeServer.mjs';
import { launchChromium } from '../test/launch/browser.mjs';
import { WORKBENCH_SETTINGS, createScratch, repoRoot } from '../test/launch/scratch.mjs';
import { installHarness } from '../test/e2e/harness.mjs';
import { openWorkbench, waitFor } from '../test/e2e/workbench.mjs';

const { values: options } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const outDir = path.join(repoRoot, 'media', 'walkthrough');
const MAGINATIVE = 'amazon-anthropic-maginative.txt';
const PYMNTS = 'amazon-anthropic-pymnts.txt';
const COMMITTED = 'Amazon previously committed up to $4 billion in funding to Anthropic';
const SEPTEMBER = 'initial $1.25 billion investment in Anthropic in September 2023';
const MARCH = 'its initial $4 billion deal from March 27';
const CITATION = [
  'https://www.aboutamazon.com/news/company-news/amazon-aws-anthropic-ai',
  'Amazon and Anthropic announce strategic collaboration to advance generative AI',
  'Amazon',
  '2023-09-25',
  '', // the access date keeps its default, today
  'Amazon will invest up to $4 billion in Anthropic and have a minority ownership position in the company.',
  '',
];

const say = (...args) => console.log('[walkthrough]', ...args);

/** The window below the title bar, which only names the scratch folder. */
async function belowTitleBar(wb) {
  const viewport = wb.page.viewportSize();
  const titlebar = await wb.page.locator('.part.titlebar').boundingBox();
  const top = titlebar ? titlebar.y + titlebar.height : 0;
  return { x: 0, y: top, width: viewport.width, height: viewport.height - top };
}

async function save(wb, name, { wholeWindow = false } = {}) {
  const file = path.join(outDir, name);
  await wb.page.screenshot({ path: file, clip: wholeWindow ? undefined : await belowTitleBar(wb) });
  say(`wrote ${path.relative(repoRoot, file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KB)`);
}

/** Answers the steps of a multi-step input box in order, waiting for each step's "(n/total)" title. */
async function answerSteps(wb, answers) {
  for (const [index, answer] of answers.entries()) {
    const title = wb.page.locator('.quick-input-widget .quick-input-title');
    await waitFor(async () => (await title.innerText()).includes(`(${index + 1}/${answers.length})`), {
      message: `step ${index + 1} of the input`,
    });
    const input = wb.page.locator('.quick-input-widget input').first();
    if (answer) await input.fill(answer);
    await wb.press('Enter');
  }
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

async function markClaim(wb, quote) {
  // A tab's tooltip under a mouse left over the tab bar would take the click that selectText starts with.
  const editor = await wb.page.locator('.part.editor').boundingBox();
  await wb.page.mouse.move(editor.x + editor.width / 2, editor.y + editor.height - 20);
  await wb.page
    .locator('.workbench-hover-container')
    .waitFor({ state: 'detached', timeout: 5_000 })
    .catch(() => {});
  // selectText clicks near the top of the text layer, which must then be on screen: scroll to the top first.
  await wb.press('Control+Home');
  await wb.selectText(quote);
  await wb.runCommand('Claims: Mark Selection as Claim');
  await wb.waitForTreeRow('Claim Explorer', quote.slice(0, 25));
}

async function capture(wb) {
  await wb.openFile(MAGINATIVE);
  await wb.showViewContainer('Claims');
  await wb.page.locator('.part.sidebar .welcome-view-content').first().waitFor();
  await save(wb, 'open-article.png');

  await markClaim(wb, COMMITTED);
  await waitFor(async () => ((await wb.decorationsOver('previously committed'))?.found ?? []).some((e) => /\bced-/.test(e.className)), {
    message: 'the highlight',
  });
  await wb.page.keyboard.press('Control+Home');
  await save(wb, 'mark-claim.png');

  const over = await wb.decorationsOver('previously committed');
  await wb.page.mouse.click(over.rect.x + over.rect.width / 2, over.rect.y + over.rect.height / 2);
  // Not runCommand: the palette hands over to the citation's input box, so the quick input never closes.
  await (await wb.withQuickInput('F1', 'Claims: Add Citation', 'Claims: Add Citation')).click();
  await answerSteps(wb, CITATION);
  await waitFor(
    () => {
      try {
        return JSON.parse(wb.readWorkspaceFile(`${MAGINATIVE}.claims.json`)).claims[0].citations.length === 1;
      } catch {
        return false; // not written yet, or caught between the temporary file and the rename
      }
    },
    { message: 'the citation in the sidecar' },
  );
  await wb.hoverAt('previously committed');
  await save(wb, 'add-citation.png');
  await wb.page.mouse.move(1, 1);
  await wb.press('Escape');

  await wb.openFile(PYMNTS);
  await markClaim(wb, SEPTEMBER);
  await markClaim(wb, MARCH);
  await (await wb.withQuickInput('F1', 'Claims: Find Conflicting Claims', 'Claims: Find Conflicting Claims')).click();
  // Off the quick input, which opens again under the mouse and would show its tooltip.
  await wb.page.mouse.move(900, 560);
  const row = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first();
  await row.waitFor();
  // The quick pick fades in; a screenshot during the fade shows the editor through it.
  await waitFor(() => wb.page.locator('.quick-input-widget').evaluate((e) => getComputedStyle(e).opacity === '1'), { message: 'the quick pick to be opaque' });
  await wb.page.waitForTimeout(300);
  // The quick pick sits over the title bar, so this one is the whole window.
  await save(wb, 'find-conflicts.png', { wholeWindow: true });
  await wb.press('Escape');
}

async function main() {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) throw new Error('run `npm run build` first');
  fs.mkdirSync(outDir, { recursive: true });
  const scratch = createScratch('walkthrough');
  fs.mkdirSync(path.join(scratch.dir, 'workspaces'), { recursive: true });
  let server;
  let browser;
  let wb;
  try {
    server = await startCodeServer({
      scratchDir: path.join(scratch.dir, 'server'),
      folder: path.join(scratch.dir, 'workspaces'),
      settings: {
        ...WORKBENCH_SETTINGS,
        'editor.wordWrap': 'on',
        'editor.minimap.enabled': false,
        // The word under the cursor and its twins would be highlighted too, and look like claims.
        'editor.occurrencesHighlight': 'off',
        'editor.selectionHighlight': false,
      },
    });
    browser = await launchChromium(scratch.dir);
    const logDir = path.join(scratch.dir, 'logs');
    installHarness({ server, browser, scratchDir: scratch.dir, screenshotsDir: path.join(scratch.dir, 'screenshots'), logDir });
    wb = await openWorkbench('walkthrough');
    // Small enough that the images stay legible in the walkthrough's column, large enough for whole sentences.
    await wb.page.setViewportSize({ width: 1000, height: 620 });
    await capture(wb).catch(async (error) => {
      const shot = path.join(scratch.dir, 'failed.png');
      await wb.page.screenshot({ path: shot }).catch(() => {});
      throw new Error(`capturing failed; the screen is in ${path.relative(repoRoot, shot)}`, { cause: error });
    });
  } finally {
    await wb?.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    if (!options.keep && process.exitCode === undefined) scratch.remove();
    else say(`kept ${path.relative(repoRoot, scratch.dir)}`);
  }
}

await main();
