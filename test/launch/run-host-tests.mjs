// Runs the compiled host suite (out/test/host/index.js) inside a real VS Code extension host: code-server
// from the npm registry, driven by Debian's Chromium. Exit code 0 only if the suite ran and nothing failed.
//
//   node test/launch/run-host-tests.mjs [--grep <pattern>] [--timeout <seconds>] [--keep] [--verbose]
//
// --grep is passed to the suite's mocha through CLAIMS_TEST_GREP; --keep keeps the scratch folder;
// --verbose also prints the workbench's own log, which otherwise goes to a file.
// On failure the server's and VS Code's logs and a screenshot are kept under test-results/host/.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs, format } from 'node:util';
import { startCodeServer } from './codeServer.mjs';
import { launchChromium, openPage, workbenchUrl } from './browser.mjs';
import { WORKBENCH_SETTINGS, copyFixtures, createScratch, keepServerLogs, repoRoot, testResultsDir } from './scratch.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    timeout: { type: 'string', default: process.env.CLAIMS_HOST_TIMEOUT ?? '300' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const timeoutMs = Number(options.timeout) * 1000;
const testsIndex = path.join(repoRoot, 'out', 'test', 'host', 'index.js');
const artifactsDir = path.join(testResultsDir, 'host');
const say = (...args) => console.log('[host-tests]', ...args);
// The workbench's whole log (renderer and extension host) arrives through codeAutomationLog; test/host/index.ts
// marks what the suite writes with this invisible character. Keep in sync with HOST_OUTPUT_MARK there.
const HOST_OUTPUT_MARK = '\u2063';

// Ctrl-C or a CI cancel must still run the exit hooks that kill the server's process group.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));

async function main() {
  if (!fs.existsSync(testsIndex)) {
    console.error(`[host-tests] ${path.relative(repoRoot, testsIndex)} is missing; run \`npm run build\` first`);
    return 1;
  }
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  const started = Date.now();
  const scratch = createScratch('host');
  const workspace = copyFixtures(path.join(scratch.dir, 'workspace'));
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
      folder: workspace,
      settings: WORKBENCH_SETTINGS,
      // The extension host inherits the server's environment: the second channel into the suite.
      env: { CLAIMS_TEST_RESULTS: resultsFile, CLAIMS_TEST_GREP: options.grep ?? '' },
    });
    say(`code-server ${server.url} (pid group ${server.pid}), workspace ${path.relative(repoRoot, workspace)}`);
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
    await page.goto(workbenchUrl(server, {
      folder: workspace,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsIndex,
    }));

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
    } else if (results.passed === 0) {
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
    console.error(`[host-tests] FAILED: ${failure}`);
    console.error(`[host-tests] logs and screenshot: ${path.relative(repoRoot, artifactsDir)}/`);
  }
  console.log(`host: ${results?.passed ?? 0} passed, ${results?.failed ?? 0} failed, ${results?.pending ?? 0} pending${where} in ${seconds} s`);
  return failure ? 1 : 0;
}

process.exit(await main());
