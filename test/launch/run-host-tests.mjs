// Runs the compiled host suite (out/test/host/index.js) inside a real VS Code extension host: code-server
// from the npm registry, driven by Debian's Chromium. Exit code 0 only if the suite ran and nothing failed.
//
//   node test/launch/run-host-tests.mjs [--mode both|single|multi-root] [--grep <pattern>] [--timeout <seconds>] [--keep] [--verbose]
//
// Two runs, one after the other (--mode picks one): "single" opens a scratch copy of test/fixtures/articles as
// one folder; "multi-root" opens a `.code-workspace` with two folders (createMultiRootWorkspace in scratch.mjs).
// The suite (test/host/index.ts) runs the tests titled "multi-root" only in the second, all others only in the first.
// --grep is passed to the suite's mocha through CLAIMS_TEST_GREP; with both runs it may match tests of only
// one of them, and fails only when it matches none at all. --keep keeps the scratch folders;
// --verbose also prints the workbench's own log, which otherwise goes to a file.
// On failure the server's and VS Code's logs and a screenshot are kept under test-results/host/.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, format } from 'node:util';
import { startCodeServer } from './codeServer.mjs';
import { prepareHost } from './prerequisites.mjs';
import { launchChromium, openPage, workbenchUrl } from './browser.mjs';
import { createRequire } from 'node:module';
import {
  WORKBENCH_SETTINGS, copyFixtures, createMultiRootWorkspace, createScratch, keepServerLogs, repoRoot, testResultsDir,
} from './scratch.mjs';

const { values: options } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    grep: { type: 'string' },
    timeout: { type: 'string', default: process.env.CLAIMS_HOST_TIMEOUT ?? '300' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const timeoutMs = Number(options.timeout) * 1000;
const testsIndex = path.join(repoRoot, 'out', 'test', 'host', 'index.js');
const coreLibrary = path.join(repoRoot, 'dist', 'core.js');
const artifactsRoot = path.join(testResultsDir, 'host');
const MODES = { both: ['single', 'multi-root'], single: ['single'], 'multi-root': ['multi-root'] };
// The workbench's whole log (renderer and extension host) arrives through codeAutomationLog; test/host/index.ts
// marks what the suite writes with this invisible character. Keep in sync with HOST_OUTPUT_MARK there.
const HOST_OUTPUT_MARK = '\u2063';

// Ctrl-C or a CI cancel must still run the exit hooks that kill the server's process group.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

async function main() {
  const modes = MODES[options.mode];
  if (!modes) {
    console.error(`[host-tests] --mode must be one of ${Object.keys(MODES).join(', ')}, not ${JSON.stringify(options.mode)}`);
    return 2;
  }
  for (const built of [testsIndex, coreLibrary]) {
    if (!fs.existsSync(built)) {
      console.error(`[host-tests] ${path.relative(repoRoot, built)} is missing; run \`npm run build\` first`);
      return 1;
    }
  }
  if (!prepareHost('host-tests', { browser: true })) return 1;
  fs.rmSync(artifactsRoot, { recursive: true, force: true });
  // A --grep over both runs may select tests of one run only; what must not happen is that it selects none.
  const allowEmpty = Boolean(options.grep) && modes.length > 1;
  const outcomes = [];
  for (const mode of modes) outcomes.push(await runHostSuite(mode, { allowEmpty }));
  if (allowEmpty && outcomes.every((o) => o.passed === 0 && o.exitCode === 0)) {
    console.error(`[host-tests] FAILED: no host test matched --grep ${JSON.stringify(options.grep)} in either run`);
    return 1;
  }
  return outcomes.some((o) => o.exitCode !== 0) ? 1 : 0;
}

/** Lays out the workspace of one run and says how the workbench opens it (the suite picks its tests from that). */
function prepareWorkspace(mode, scratchDir) {
  if (mode === 'multi-root') {
    const core = createRequire(import.meta.url)(coreLibrary);
    const workspaceFile = createMultiRootWorkspace(path.join(scratchDir, 'workspace'), core);
    return { open: { workspace: workspaceFile }, shown: workspaceFile };
  }
  const folder = copyFixtures(path.join(scratchDir, 'workspace'));
  return { open: { folder }, shown: folder };
}

/** The workbench URL for a folder, or for a `.code-workspace` file through ?workspace= instead of ?folder=. */
function urlFor(server, open) {
  const url = new URL(workbenchUrl(server, {
    folder: open.folder ?? path.dirname(open.workspace),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsIndex,
  }));
  if (open.workspace) {
    url.searchParams.delete('folder');
    url.searchParams.set('workspace', path.resolve(open.workspace));
  }
  return url.toString();
}

async function runHostSuite(mode, { allowEmpty }) {
  const say = (...args) => console.log(`[host-tests ${mode}]`, ...args);
  const artifactsDir = path.join(artifactsRoot, mode);
  const started = Date.now();
  const scratch = createScratch(`host-${mode}`);
  const { open, shown } = prepareWorkspace(mode, scratch.dir);
  const resultsFile = path.join(scratch.dir, 'host-results.json');
  const browserLogFile = path.join(scratch.dir, 'browser-console.log');
  const workbenchLogFile = path.join(scratch.dir, 'workbench.log');
  let server;
  let browser;
  let page;
  let failure;
  let results;
  try {
    server = await startCodeServer({
      scratchDir: path.join(scratch.dir, 'server'),
      folder: open.folder ?? open.workspace,
      settings: WORKBENCH_SETTINGS,
      // The extension host inherits the server's environment: the second channel into the suite.
      env: {
        CLAIMS_TEST_RESULTS: resultsFile,
        CLAIMS_TEST_GREP: options.grep ?? '',
        CLAIMS_TEST_ALLOW_EMPTY: allowEmpty ? '1' : '',
      },
    });
    say(`code-server ${server.url} (pid group ${server.pid}), workspace ${path.relative(repoRoot, shown)}`);
    browser = await launchChromium(scratch.dir);

    let reportExit;
    const exited = new Promise((resolve) => { reportExit = resolve; });
    page = await openPage(browser, {
      browserLogFile,
      onLog: (type, args) => {
        const text = format(...args);
        if (text.includes(HOST_OUTPUT_MARK)) {
          process.stdout.write(`${text.replaceAll(HOST_OUTPUT_MARK, '')}\n`);
          return;
        }
        fs.appendFileSync(workbenchLogFile, `[${type}] ${text}\n`);
        // Activation errors and the like are logged by the workbench, not the suite; show those about us.
        if (options.verbose || /claim-annotator/i.test(text)) process.stdout.write(`[workbench ${type}] ${text}\n`);
      },
      onExit: (code) => reportExit(code),
    });
    page.on('crash', () => reportExit('page crashed'));
    await page.goto(urlFor(server, open));

    let timer;
    const outcome = await Promise.race([
      exited,
      new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); }),
    ]);
    clearTimeout(timer);
    // The last console lines can trail the exit call by a moment.
    await new Promise((r) => setTimeout(r, 300));

    if (fs.existsSync(resultsFile)) results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
    if (outcome === 'timeout') {
      failure = `the host suite did not call codeAutomationExit within ${timeoutMs / 1000} s`;
    } else if (typeof outcome === 'string') {
      failure = outcome;
    } else if (!results) {
      failure = `the host suite exited with ${outcome} but wrote no results to CLAIMS_TEST_RESULTS`;
    } else if (outcome !== 0 || results.failed > 0) {
      failure = `the host suite exited with ${outcome}; ${results.failed} test(s) failed${results.error ? `: ${results.error}` : ''}`;
    } else if (results.passed === 0 && !allowEmpty) {
      failure = options.grep ? `no host test matched --grep ${JSON.stringify(options.grep)}` : 'no host tests ran';
    }
  } catch (error) {
    failure = error instanceof Error ? error.stack ?? error.message : String(error);
  } finally {
    if (failure && page) {
      fs.mkdirSync(artifactsDir, { recursive: true });
      await page.screenshot({ path: path.join(artifactsDir, 'failure.png') }).catch(() => {});
    }
    await browser?.close().catch(() => {});
    await server?.stop();
    if (failure) {
      keepServerLogs(server, artifactsDir);
      for (const file of [browserLogFile, workbenchLogFile]) {
        if (fs.existsSync(file)) fs.copyFileSync(file, path.join(artifactsDir, path.basename(file)));
      }
    }
    if (!options.keep) scratch.remove();
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const where = results ? ` (VS Code ${results.vscodeVersion}, appHost ${results.appHost})` : '';
  if (failure) {
    console.error(`[host-tests ${mode}] FAILED: ${failure}`);
    console.error(`[host-tests ${mode}] logs and screenshot: ${path.relative(repoRoot, artifactsDir)}/`);
  }
  console.log(`host (${mode}): ${results?.passed ?? 0} passed, ${results?.failed ?? 0} failed, ${results?.pending ?? 0} pending${where} in ${seconds} s`);
  return { exitCode: failure ? 1 : 0, passed: results?.passed ?? 0 };
}

process.exit(await main());
