// Runs the browser end-to-end specs (test/e2e/*.e2e.mjs) against the real workbench: one code-server and one
// Debian Chromium for the whole run, a fresh workbench page and scratch workspace per spec.
//
//   node test/launch/run-e2e.mjs [--grep <pattern>] [--keep]
//
// Screenshots go to test-results/screenshots/ (the specs take some on purpose; a failing test adds one of
// every open workbench). On failure the server's and VS Code's logs go to test-results/e2e/.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import { startCodeServer } from './codeServer.mjs';
import { launchChromium } from './browser.mjs';
import { WORKBENCH_SETTINGS, createScratch, keepServerLogs, repoRoot, testResultsDir } from './scratch.mjs';
import { installHarness, liveWorkbenches } from '../e2e/harness.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const specsDir = path.join(repoRoot, 'test', 'e2e');
const artifactsDir = path.join(testResultsDir, 'e2e');
const screenshotsDir = path.join(testResultsDir, 'screenshots');
const say = (...args) => console.log('[e2e]', ...args);

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

async function main() {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    console.error('[e2e] dist/extension.js is missing; run `npm run build` first');
    return 1;
  }
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.rmSync(screenshotsDir, { recursive: true, force: true });
  const started = Date.now();
  const scratch = createScratch('e2e');
  const logDir = path.join(scratch.dir, 'logs');
  fs.mkdirSync(path.join(scratch.dir, 'workspaces'), { recursive: true });
  let server;
  let browser;
  let stats = { passes: 0, failures: 0, pending: 0 };
  let failure;
  try {
    server = await startCodeServer({
      scratchDir: path.join(scratch.dir, 'server'),
      folder: path.join(scratch.dir, 'workspaces'),
      // Wrapped lines keep whole sentences on screen, so screenshots and decorations can be read.
      settings: { ...WORKBENCH_SETTINGS, 'editor.wordWrap': 'on' },
    });
    say(`code-server ${server.url} (pid group ${server.pid})`);
    browser = await launchChromium(scratch.dir);
    installHarness({ server, browser, scratchDir: scratch.dir, screenshotsDir, logDir });

    const mocha = new Mocha({
      ui: 'bdd',
      reporter: 'spec',
      color: false,
      timeout: 90_000,
      rootHooks: {
        async afterEach() {
          if (this.currentTest?.state !== 'failed') return;
          const title = this.currentTest.fullTitle().replace(/[^\w.-]+/g, '-').slice(0, 80);
          for (const workbench of liveWorkbenches()) {
            await workbench.screenshot(`FAILED-${title}`).catch(() => {});
          }
        },
      },
    });
    if (options.grep) mocha.grep(options.grep);
    const specs = fs.readdirSync(specsDir).filter((f) => f.endsWith('.e2e.mjs')).sort();
    if (specs.length === 0) throw new Error(`no *.e2e.mjs specs in ${path.relative(repoRoot, specsDir)}`);
    for (const spec of specs) mocha.addFile(path.join(specsDir, spec));
    await mocha.loadFilesAsync();
    stats = await new Promise((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats));
    });
    if (stats.failures > 0) failure = `${stats.failures} e2e test(s) failed`;
    else if (stats.passes === 0) failure = options.grep ? `no e2e test matched --grep ${JSON.stringify(options.grep)}` : 'no e2e tests ran';
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
    if (!options.keep) scratch.remove();
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failure) {
    console.error(`[e2e] FAILED: ${failure}`);
    console.error(`[e2e] logs: ${path.relative(repoRoot, artifactsDir)}/, screenshots: ${path.relative(repoRoot, screenshotsDir)}/`);
  }
  console.log(`e2e: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} pending in ${seconds} s`);
  return failure ? 1 : 0;
}

process.exit(await main());
