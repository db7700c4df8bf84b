// Tests what users install: the packaged .vsix, installed into a clean code-server with --install-extension,
// then driven in the browser like the development build (test/e2e/vsix/*.vsix.mjs). No extensionDevelopmentPath
// anywhere: the workbench loads the extension from the scratch extensions folder, as it would for a user.
//
//   npm run package && node test/launch/run-vsix-e2e.mjs [--vsix <file>] [--grep <pattern>] [--keep]
//
// Without --vsix it takes <name>-<version>.vsix from the repo root (what `npm run package` writes) and refuses
// one older than package.json or the sources, so a stale package is never what passes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Mocha from 'mocha';
import { provisionCodeServer, startCodeServer } from './codeServer.mjs';
import { launchChromium } from './browser.mjs';
import { WORKBENCH_SETTINGS, createScratch, keepServerLogs, repoRoot, testResultsDir } from './scratch.mjs';
import { installHarness, liveWorkbenches } from '../e2e/harness.mjs';

const { values: options } = parseArgs({
  options: {
    vsix: { type: 'string' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${manifest.publisher}.${manifest.name}`.toLowerCase();
const specsDir = path.join(repoRoot, 'test', 'e2e', 'vsix');
const artifactsDir = path.join(testResultsDir, 'vsix');
const screenshotsDir = path.join(testResultsDir, 'screenshots');
const say = (...args) => console.log('[vsix]', ...args);

for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

/** Newest modification time under `dir` (files only), or 0. */
function newestIn(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function findVsix() {
  if (options.vsix) {
    const file = path.resolve(options.vsix);
    if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
    return file;
  }
  const file = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
  if (!fs.existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing; run \`npm run package\` first`);
  const built = fs.statSync(file).mtimeMs;
  const inputs = ['package.json', 'package.nls.json'].map((f) => fs.statSync(path.join(repoRoot, f)).mtimeMs);
  const shipped = ['src', 'l10n', 'media/walkthrough'].map((dir) => newestIn(path.join(repoRoot, dir)));
  const newest = Math.max(...inputs, ...shipped);
  if (newest > built) {
    throw new Error(`${path.relative(repoRoot, file)} is older than the sources or the manifest; run \`npm run package\` again`);
  }
  return file;
}

/** Installs the .vsix the way a user's `code --install-extension` does, into an empty extensions folder. */
function installVsix(vsix, scratchDir) {
  const { nodeBinary, entry } = provisionCodeServer();
  const extensionsDir = path.join(scratchDir, 'extensions');
  const result = spawnSync(
    nodeBinary,
    [entry, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--user-data-dir', path.join(scratchDir, 'install-user-data')],
    {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: path.join(scratchDir, 'install-xdg-config'), XDG_DATA_HOME: path.join(scratchDir, 'install-xdg-data') },
    },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension failed (exit ${result.status}):\n${output}`);
  }
  const folder = path.join(extensionsDir, `${extensionId}-${manifest.version}`);
  if (!fs.existsSync(path.join(folder, 'package.json'))) {
    throw new Error(`the installed extension is not where expected: ${folder}\n${fs.readdirSync(extensionsDir).join('\n')}`);
  }
  return { extensionsDir, folder };
}

async function main() {
  const started = Date.now();
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  const scratch = createScratch('vsix');
  const logDir = path.join(scratch.dir, 'logs');
  fs.mkdirSync(path.join(scratch.dir, 'workspaces'), { recursive: true });
  let server;
  let browser;
  let stats = { passes: 0, failures: 0, pending: 0 };
  let failure;
  try {
    const vsix = findVsix();
    say(`${path.relative(repoRoot, vsix)} (${(fs.statSync(vsix).size / 1024 / 1024).toFixed(2)} MB)`);
    const installed = installVsix(vsix, scratch.dir);
    say(`installed into ${path.relative(repoRoot, installed.folder)}`);
    server = await startCodeServer({
      scratchDir: path.join(scratch.dir, 'server'),
      folder: path.join(scratch.dir, 'workspaces'),
      extensionsDir: installed.extensionsDir,
      settings: { ...WORKBENCH_SETTINGS, 'editor.wordWrap': 'on' },
    });
    say(`code-server ${server.url} (pid group ${server.pid})`);
    browser = await launchChromium(scratch.dir);
    installHarness({
      server, browser, scratchDir: scratch.dir, screenshotsDir, logDir,
      installed: { ...installed, vsix, extensionId, version: manifest.version },
    });

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
    if (options.grep) mocha.grep(options.grep);
    const specs = fs.readdirSync(specsDir).filter((f) => f.endsWith('.vsix.mjs')).sort();
    if (specs.length === 0) throw new Error(`no *.vsix.mjs specs in ${path.relative(repoRoot, specsDir)}`);
    for (const spec of specs) mocha.addFile(path.join(specsDir, spec));
    await mocha.loadFilesAsync();
    stats = await new Promise((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats));
    });
    if (stats.failures > 0) failure = `${stats.failures} vsix e2e test(s) failed`;
    else if (stats.passes === 0) failure = options.grep ? `no vsix e2e test matched --grep ${JSON.stringify(options.grep)}` : 'no vsix e2e tests ran';
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
    console.error(`[vsix] FAILED: ${failure}`);
    console.error(`[vsix] logs: ${path.relative(repoRoot, artifactsDir)}/, screenshots: ${path.relative(repoRoot, screenshotsDir)}/`);
  }
  console.log(`vsix e2e: ${stats.passes} passed, ${stats.failures} failed, ${stats.pending} pending in ${seconds} s`);
  return failure ? 1 : 0;
}

process.exit(await main());
