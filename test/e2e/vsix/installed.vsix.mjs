// What a user gets from the .vsix: the package holds only what runs, the workbench lists it as installed, the
// "Get started" walkthrough opens with every step's text, button and image, the main flow works (open a
// sample, select text, "Claims: Mark Selection as Claim", then the highlight, the explorer row and the
// sidecar), spotting finds its model beside the bundle, and the walkthrough checks off the steps just done.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ENTRIES, RUNTIME_ASSETS } from '../../../esbuild.mjs';
import { waitFor } from '../workbench.mjs';
import { installedExtension, openInstalledWorkbench } from './installedWorkbench.mjs';

const ARTICLE = 'amazon-anthropic-maginative.txt';
const SIDECAR = `${ARTICLE}.claims.json`;
const QUOTE = 'Amazon previously committed up to $4 billion in funding to Anthropic';
const INSIDE_QUOTE = 'previously committed';

const isClaimHighlight = (element) => /\bced-/.test(element.className) && !/^(transparent|rgba\(0, 0, 0, 0\))$/.test(element.backgroundColor);

/** Every file under `dir`, relative, with "/" separators. */
function filesUnder(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

describe('the extension installed from the .vsix', function () {
  this.bail(true);
  let wb;
  let installed;
  let manifest;
  let nls;

  before(async () => {
    installed = installedExtension();
    manifest = JSON.parse(fs.readFileSync(path.join(installed.folder, 'package.json'), 'utf8'));
    nls = JSON.parse(fs.readFileSync(path.join(installed.folder, 'package.nls.json'), 'utf8'));
    wb = await openInstalledWorkbench('vsix');
  });

  after(async () => {
    await wb?.close();
  });

  it('holds only what runs: the bundles, the schema, media, l10n, the manifest and the docs', () => {
    const files = filesUnder(installed.folder);
    console.log(`      ${files.length} files in ${path.basename(installed.folder)}: ${files.join(', ')}`);
    const bundles = Object.entries(ENTRIES)
      .filter(([name]) => name !== 'hostTests')
      .map(([, entry]) => entry.outfile);
    const required = [...bundles, ...RUNTIME_ASSETS.map(([, to]) => to), 'dist/sidecar.schema.json', 'l10n/bundle.l10n.json', 'media/icon.png'];
    const allowed = [
      ...required.map((file) => new RegExp(`^${file.replace(/[.]/g, '\\.')}$`)),
      /^\.vsixmanifest$/,
      /^package\.json$/,
      /^package\.nls\.json$/,
      /^readme\.md$/i,
      /^changelog\.md$/i,
      /^LICENSE(\.txt)?$/,
      /^l10n\/bundle\.l10n\.[\w-]+\.json$/,
      /^media\/claims\.svg$/,
      /^media\/walkthrough\/[\w-]+\.(png|svg|md)$/,
    ];
    assert.deepEqual(
      files.filter((file) => !allowed.some((pattern) => pattern.test(file))),
      [],
      'files that do not belong in the package',
    );
    assert.deepEqual(
      required.filter((file) => !files.includes(file)),
      [],
      'missing from the package',
    );
    const extension = fs.readFileSync(path.join(installed.folder, 'dist', 'extension.js'), 'utf8');
    assert.doesNotMatch(extension, /sourceMappingURL=/, 'dist/extension.js is a development build (it points at a source map)');
    assert.equal(manifest.version, installed.version);
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('is listed among the installed extensions', async () => {
    await wb.runCommand('Extensions: Show Installed Extensions');
    const displayName = nls[manifest.displayName.replace(/^%|%$/g, '')] ?? manifest.displayName;
    const row = await waitFor(
      async () => {
        const rows = await wb.page.locator('.part.sidebar .extensions-list .monaco-list-row').allInnerTexts();
        return rows.find((text) => text.includes(displayName));
      },
      { timeout: 30_000, message: `an installed-extensions row for ${displayName}` },
    );
    console.log(`      ${row.replace(/\s+/g, ' ').slice(0, 100)}`);
    await wb.screenshot('1-installed');
  });

  it('opens the "Get started" walkthrough with every step, its text, command button and image', async () => {
    await openWalkthrough();

    for (const [index, step] of walkthrough().steps.entries()) {
      const button = await expandStep(step);
      // No bracket inside the label: a step's text may name keys such as Ctrl+Alt+[ before its link.
      const commandLink = /\[([^[\]]+)\]\(command:/.exec(text(step.description))[1];
      await button.getByText(commandLink, { exact: true }).first().waitFor();
      const image = walkthroughPage().locator('.getting-started-media img').first();
      const loaded = await waitFor(
        async () => {
          const info = await image.evaluate((img) => ({ src: img.currentSrc || img.src, width: img.naturalWidth, alt: img.alt }));
          return info.width > 0 && info.src.includes(path.basename(step.media.image)) ? info : undefined;
        },
        { message: `the image ${step.media.image} of step "${text(step.title)}" to load` },
      );
      assert.equal(loaded.alt, text(step.media.altText));
      await wb.screenshot(`2-walkthrough-${index + 1}-${step.id}`);
    }
    assert.deepEqual(await completedSteps(), [], 'no step is done before the user did it');
  });

  it('marks a selection as a claim: highlight, explorer row and sidecar', async () => {
    await wb.openFile(ARTICLE);
    await wb.selectText(QUOTE);
    await wb.runCommand('Claims: Mark Selection as Claim');
    const sidecar = await wb.readWorkspaceJson(SIDECAR);
    assert.equal(sidecar.claims.length, 1);
    assert.equal(sidecar.claims[0].quote.exact, QUOTE);
    assert.equal(sidecar.claims[0].status, 'unverified');
    await wb.press('Control+Home');
    await waitFor(async () => ((await wb.decorationsOver(INSIDE_QUOTE))?.found ?? []).some(isClaimHighlight), {
      message: `a claim highlight under ${JSON.stringify(INSIDE_QUOTE)}`,
    });
    await wb.showViewContainer('Claims');
    const fileRow = await wb.waitForTreeRow('Claim Explorer', ARTICLE);
    const claimRow = await wb.waitForTreeRow('Claim Explorer', QUOTE.slice(0, 30));
    assert.ok(claimRow.level > fileRow.level, 'the claim is listed under its file');
    await wb.screenshot('3-marked');
  });

  it('spots candidate claims with the model shipped beside the bundle', async () => {
    await wb.runCommand('Claims: Spot Claims in Article');
    const message = await wb.waitForNotification(/candidate claims? found|cannot be read|spotting model/i, { timeout: 30_000 });
    assert.match(message, /^\d+ candidate claims? found in amazon-anthropic-maginative\.txt/, message);
    await wb.waitForTreeRow('Claim Explorer', 'Candidates');
    await wb.screenshot('4-spotted');
  });

  it('checks off the walkthrough steps the user has done', async () => {
    // Through the command again: the Welcome tab may come back on its overview rather than on the walkthrough.
    await openWalkthrough();
    const done = await waitFor(
      async () => {
        const steps = await completedSteps();
        return steps.includes('markClaim') && steps.includes('openArticle') && steps;
      },
      { message: 'the "Open an article" and "Mark a claim" steps to be checked off' },
    );
    assert.deepEqual(done, ['openArticle', 'markClaim']);
    await wb.screenshot('5-walkthrough-progress');
  });

  function walkthrough() {
    return manifest.contributes.walkthroughs[0];
  }

  /** A manifest string as the workbench shows it. */
  function text(value) {
    return nls[value.replace(/^%|%$/g, '')] ?? value;
  }

  /** Opens the walkthrough as a user would: "Welcome: Open Walkthrough...", then its title. */
  async function openWalkthrough() {
    const title = text(walkthrough().title);
    const row = await wb.withQuickInput('F1', 'Welcome: Open Walkthrough', 'Welcome: Open Walkthrough');
    await row.click();
    const pick = await waitFor(
      async () => {
        const candidate = wb.page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
        return (await candidate.count()) > 0 && candidate;
      },
      { message: `the walkthrough "${title}" in the list of walkthroughs` },
    );
    await pick.click();
    await walkthroughPage().locator('.category-title').filter({ hasText: title }).first().waitFor();
  }

  function walkthroughPage() {
    return wb.page.locator('.gettingStartedContainer');
  }

  async function expandStep(step) {
    const button = walkthroughPage()
      .locator('.getting-started-step')
      .filter({ hasText: text(step.title) })
      .first();
    await button.waitFor();
    if (!(await button.evaluate((element) => element.classList.contains('expanded')))) await button.click();
    await waitFor(() => button.evaluate((element) => element.classList.contains('expanded')), { message: `step "${text(step.title)}" to expand` });
    return button;
  }

  /** The ids of the steps the walkthrough shows as done, in order. */
  async function completedSteps() {
    const done = [];
    for (const step of walkthrough().steps) {
      const button = walkthroughPage()
        .locator('.getting-started-step')
        .filter({ hasText: text(step.title) })
        .first();
      if ((await button.getAttribute('aria-checked')) === 'true') done.push(step.id);
    }
    return done;
  }
});
