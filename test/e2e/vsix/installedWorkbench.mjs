// Opens the workbench for the .vsix specs: the same Workbench driver as the other e2e specs, but the URL
// carries no extensionDevelopmentPath, so the only Claim Annotator the workbench can load is the one that
// test/launch/run-vsix-e2e.mjs installed from the package.
import path from 'node:path';
import { openPage, workbenchUrl } from '../../launch/browser.mjs';
import { copyFixtures } from '../../launch/scratch.mjs';
import { harness } from '../harness.mjs';
import { Workbench } from '../workbench.mjs';

/** What the launcher installed: { vsix, extensionsDir, folder, extensionId, version }. */
export function installedExtension() {
  const { installed } = harness();
  if (!installed) throw new Error('the .vsix specs need an installed package: start them with `npm run test:vsix`');
  return installed;
}

/** A workbench on a fresh scratch copy of the sample articles, with the installed extension only. */
export async function openInstalledWorkbench(name) {
  installedExtension();
  const { server, browser, scratchDir, screenshotsDir, logDir } = harness();
  const workspace = copyFixtures(path.join(scratchDir, 'workspaces', name));
  const page = await openPage(browser, { browserLogFile: path.join(logDir, `${name}.browser-console.log`) });
  const workbench = new Workbench(page, workspace, name, screenshotsDir);
  const url = workbenchUrl(server, { folder: workspace });
  if (url.includes('extensionDevelopmentPath')) throw new Error(`the workbench URL loads a development build: ${url}`);
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.part.statusbar').waitFor({ timeout: 60_000 });
  await workbench.activityBarItem('Claims').waitFor({ timeout: 60_000 });
  return workbench;
}
