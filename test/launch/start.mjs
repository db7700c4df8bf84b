// `npm start`: the real VS Code (code-server) on a scratch copy of the sample articles, or on a folder of your
// own, with the extension installed from the working tree, until Ctrl-C. The npm script has already built dist/.
// `npm start -- --help` prints the usage below.
//
// The extension is "installed" by a symlink from the server's extensions folder to the working tree, so a
// plain URL works. After `npm run build`, "Developer: Reload Window" runs the new code; a changed
// package.json needs a restart of `npm start`, which rescans the extensions folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCodeServer } from './codeServer.mjs';
import { prepareHost } from './prerequisites.mjs';
import { launchChromium, openPage } from './browser.mjs';
import { WORKBENCH_SETTINGS, copyFixtures, createScratch, repoRoot, testResultsDir } from './scratch.mjs';
import { Workbench, waitFor } from '../e2e/workbench.mjs';

const USAGE = `Usage: npm start [-- [folder] [options]]

Opens a real VS Code (code-server, in your browser) with Claim Annotator loaded from this working tree.

  folder        the folder of articles to open (default: a copy of the sample articles in .scratch/demo/workspace,
                which keeps your claims between runs). Your own folder is opened in place: claims you make are
                saved as sidecars beside your articles.
  --port <n>    serve on this port of 127.0.0.1 (default: a free one; also CLAIMS_PORT)
  --fresh       start again from clean copies of the samples
  --check       do not wait for Ctrl-C: open the URL in headless Chromium, check that the extension is loaded
                and answers a command, save a screenshot, exit 0 or 1 (on a throw-away copy of the samples)
  --desktop     use a local desktop VS Code (\`code\` on PATH) instead of code-server
  -h, --help    this text

Needs Node 20+, and on a cold cache the Debian packages make, g++, python3 and libkrb5-dev (code-server's
native addons are built once into ~/.cache/claim-annotator, or $CLAIMS_HOST_CACHE); --check also needs chromium.`;

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.CLAIMS_PORT },
      fresh: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
      desktop: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (error) {
  console.error(`[start] ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
const { values: options, positionals } = parsed;
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length > 1) {
  console.error(`[start] one folder at most, not ${positionals.length}\n\n${USAGE}`);
  process.exit(2);
}
if (options.port !== undefined && !/^\d{1,5}$/.test(options.port)) {
  console.error(`[start] --port needs a port number, not ${JSON.stringify(options.port)}`);
  process.exit(2);
}
const userFolder = positionals[0] ? path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]) : undefined;
if (userFolder && !(fs.existsSync(userFolder) && fs.statSync(userFolder).isDirectory())) {
  console.error(`[start] ${userFolder} is not a folder; pass the folder that holds your articles`);
  process.exit(2);
}
// The demo keeps its folder (and the user's claims) between runs; a check never touches it.
const checkScratch = options.check ? createScratch('start-check') : undefined;
const rootDir = checkScratch?.dir ?? path.join(repoRoot, '.scratch', 'demo');
const workspace = checkScratch || !userFolder ? path.join(rootDir, 'workspace') : userFolder;
const say = (...args) => console.log('[start]', ...args);

function prepareWorkspace() {
  if (workspace === userFolder) return workspace;
  if (options.fresh) fs.rmSync(workspace, { recursive: true, force: true });
  if (!fs.existsSync(workspace)) copyFixtures(workspace);
  return workspace;
}

/** Links the working tree into `extensionsDir` under the folder name VS Code gives an installed extension. */
function linkExtension(extensionsDir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
  fs.mkdirSync(extensionsDir, { recursive: true });
  for (const entry of fs.readdirSync(extensionsDir)) {
    if (entry.toLowerCase().startsWith(`${id}-`)) fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
  }
  // extensions.json is VS Code's list of installed extensions; without it the folder is scanned afresh.
  fs.rmSync(path.join(extensionsDir, 'extensions.json'), { force: true });
  fs.symlinkSync(repoRoot, path.join(extensionsDir, `${id}-${manifest.version}`), 'dir');
  return `${id} ${manifest.version}`;
}

function startDesktop() {
  const which = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  const code = which.stdout.trim();
  if (which.status !== 0 || !code) {
    console.error('[start] --desktop needs the `code` command of desktop VS Code on PATH; without it, run `npm start`');
    return 1;
  }
  const folder = prepareWorkspace();
  say(`desktop VS Code: ${code} --extensionDevelopmentPath=${repoRoot} ${folder}`);
  const result = spawnSync(code, ['--new-window', `--extensionDevelopmentPath=${repoRoot}`, folder], { stdio: 'inherit' });
  return result.status ?? 1;
}

/**
 * Opens the plain URL in headless Chromium and checks that VS Code loaded the linked extension: its
 * activity-bar entry and view are shown, and its code answers "Claims: Mark Selection as Claim" run on an
 * article without a selection with its own message (which writes nothing).
 */
async function check(url) {
  const browser = await launchChromium(rootDir);
  const page = await openPage(browser);
  const workbench = new Workbench(page, workspace, 'start-check', path.join(testResultsDir, 'screenshots'));
  try {
    await page.goto(url);
    await workbench.activityBarItem('Claims').waitFor({ timeout: 60_000 });
    await workbench.showViewContainer('Claims');
    await page.locator('.part.sidebar .composite.title', { hasText: 'Claim Explorer' }).waitFor();
    await workbench.openFile(fs.readdirSync(workspace).find((file) => file.endsWith('.txt')));
    await workbench.press('Control+Home');
    await workbench.runCommand('Claims: Mark Selection as Claim');
    const message = await workbench.waitForNotification(/select/i, { timeout: 30_000 });
    const screenshot = await workbench.screenshot('ok');
    say(`check passed: Claims container, Claim Explorer, and the extension answered "${message}" (${path.relative(repoRoot, screenshot)})`);
    return 0;
  } catch (error) {
    const screenshot = await workbench.screenshot('failed').catch(() => '');
    console.error(`[start] check failed: ${error instanceof Error ? error.message : String(error)} ${path.relative(repoRoot, screenshot)}`);
    return 1;
  } finally {
    await browser.close();
  }
}

async function main() {
  if (options.desktop) return startDesktop();
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    console.error('[start] dist/extension.js is missing; run `npm start` (which builds first) or `npm run build`');
    return 1;
  }
  if (!prepareHost('start', { browser: options.check })) return 1;
  const folder = prepareWorkspace();
  const extensionsDir = path.join(rootDir, 'extensions');
  const extension = linkExtension(extensionsDir);
  const server = await startCodeServer({
    scratchDir: path.join(rootDir, 'server'),
    folder,
    extensionsDir,
    settings: { ...WORKBENCH_SETTINGS, 'editor.wordWrap': 'on' },
    port: options.port ? Number(options.port) : undefined,
    // The smoke-test driver is only for the payload route; it also hides every notification toast.
    smokeTestDriver: false,
  });
  const url = `${server.url}/?folder=${encodeURIComponent(folder).replaceAll('%2F', '/')}`;
  say(`${extension} linked from the working tree; ${folder === userFolder ? `opening ${folder}` : `the samples are in ${path.relative(repoRoot, folder)}`}`);
  say(`server log: ${path.relative(repoRoot, server.logFile)}`);

  if (options.check) {
    const status = await check(url);
    await server.stop();
    if (status === 0) checkScratch.remove();
    else say(`kept for a look: ${path.relative(repoRoot, rootDir)}`);
    return status;
  }

  console.log(`\n  Claim Annotator in VS Code: ${url}\n\n  Ctrl-C stops the server.\n`);
  await new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  say('stopping');
  await server.stop();
  return 0;
}

process.exit(await main());
