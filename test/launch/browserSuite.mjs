// The launcher shared by the browser suites (run-e2e.mjs, run-vsix-e2e.mjs): one code-server and one Debian
// Chromium for the whole run, mocha over the specs, and on failure a screenshot of every open workbench plus
// the server's and VS Code's logs kept for the reader.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import { startCodeServer } from './codeServer.mjs';
import { launchChromium } from './browser.mjs';
import { WORKBENCH_SETTINGS, createScratch, keepServerLogs, repoRoot, testResultsDir } from './scratch.mjs';
import { installHarness, liveWorkbenches } from '../e2e/harness.mjs';

export const screenshotsDir = path.join(testResultsDir, 'screenshots');

/**
 * Runs the specs in `specsDir` whose names end in `specSuffix` and resolves to the process exit code.
 *
 * `tag` prefixes the log lines and names the scratch folder; `suiteName` is what the summary counts.
 * `prepare(scratchDir, say)` runs first inside the same failure handling as the tests (so its errors keep the
 * logs too) and may return `extensionsDir` for code-server and `harness`, extra fields for the specs' harness.
 */
export async function runBrowserSuite({ tag, suiteName, specsDir, specSuffix, artifactsDir, grep, keep, prepare }) {
  const say = (...args) => console.log(`[${tag}]`, ...args);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

  const started = Date.now();
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  const scratch = createScratch(tag);
  const logDir = path.join(scratch.dir, 'logs');
  fs.mkdirSync(path.join(scratch.dir, 'workspaces'), { recursive: true });
  let server;
  let browser;
  let stats = { passes: 0, failures: 0, pending: 0 };
  let failure;
  try {
    const prepared = (await prepare?.(scratch.dir, say)) ?? {};
    server = await startCodeServer({
      scratchDir: path.join(scratch.dir, 'server'),
      folder: path.join(scratch.dir, 'workspaces'),
      extensionsDir: prepared.extensionsDir,
      // Wrapped lines keep whole sentences on screen, so screenshots and decorations can be read.
      settings: { ...WORKBENCH_SETTINGS, 'editor.wordWrap': 'on' },
    });
    say(`code-server ${server.url} (pid group ${server.pid})`);
    browser = await launchChromium(scratch.dir);
    installHarness({ server, browser, scratchDir: scratch.dir, screenshotsDir, logDir, ...prepared.harness });

    const mocha = new Mocha({
      ui: 'bdd',
      reporter: 'spec',
      color: false,
      timeout: 90_000,
      rootHooks: {
        async afterEach() {
          if (this.currentTest?.state !== 'failed') return;
          const title = this.currentTest.fullTitle().replace(/[^\w.-]+/g, '-').slice(0, 80);
          for (const workbench of liveWorkbenches()) await workbench.screenshot(`FAILED-${title}`).catch(() => {});
        },
      },
    });
    if (grep) mocha.grep(grep);
    const specs = fs.readdirSync(specsDir).filter((f) => f.endsWith(specSuffix)).sort();
    if (specs.length === 0) throw new Error(`no *${specSuffix} specs in ${path.relative(repoRoot, specsDir)}`);
    for (const spec of specs) mocha.addFile(path.join(specsDir, spec));
    await mocha.loadFilesAsync();
    stats = await new Promise((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats));
    });
    if (stats.failures > 0) failure = `${stats.failures} ${suiteName} test(s) failed`;
    else if (stats.passes === 0) failure = grep ? `no ${suiteName} test matched --grep ${JSON.stringify(grep)}` : `no ${suiteName} tests ran`;
  } catch (error) {
    failure = error instanceof Error ? error.stack ?? error.message : String(error);
  } finally {
    for (const workbench of liveWorkbenches()) await workbench.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
    if (failure) {
      keepServerLogs(server, artifactsDir);
      if (fs.existsSync(logDir)) fs.cpSync(logDir, artifactsDir, { recursive: true });
    }
    if (!keep) scratch.remove();
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failure) {
    console.error(`[${tag}] FAILED: ${failure}`);
    console.error(`[${tag}] logs: ${path.relative(repoRoot, artifactsDir)}/, screenshots: ${path.relative(repoRoot, screenshotsDir)}/`);
  }
  console.log(`${suiteName}: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} pending in ${seconds} s`);
  return failure ? 1 : 0;
}
