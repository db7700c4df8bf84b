// Runs the same compiled host suite (out/test/host/index.js) in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code (a developer laptop, GitHub Actions). On machines that reach only
// the npm registry use `npm run test:host` (code-server) instead.
//
//   node test/launch/run-host-tests-electron.mjs [--vscode <stable|insiders|1.100.0>] [--grep <pattern>] [--keep]
//
// On Linux without a display, run it under `xvfb-run -a`.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { cacheRoot } from './codeServer.mjs';
import { copyFixtures, createScratch, repoRoot } from './scratch.mjs';

const { values: options } = parseArgs({
  options: {
    vscode: { type: 'string', default: process.env.CLAIMS_VSCODE_VERSION ?? 'stable' },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const testsIndex = path.join(repoRoot, 'out', 'test', 'host', 'index.js');

async function main() {
  if (!fs.existsSync(testsIndex)) {
    console.error(`${path.relative(repoRoot, testsIndex)} is missing; run \`npm run build\` first`);
    return 1;
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('[electron] no DISPLAY: desktop VS Code needs one; run this under `xvfb-run -a` if it fails to start');
  }

  let vscodeExecutablePath;
  try {
    // Cached outside the clone, next to code-server, so fresh clones do not download it again.
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version: options.vscode,
      cachePath: path.join(cacheRoot(), 'vscode-test'),
    });
  } catch (error) {
    console.error(
      `[electron] cannot download VS Code ${options.vscode}: ${error instanceof Error ? error.message : String(error)}\n` +
        '[electron] this machine cannot reach update.code.visualstudio.com; run the same suite in code-server with `npm run test:host`',
    );
    return 1;
  }

  const scratch = createScratch('electron');
  const workspace = copyFixtures(path.join(scratch.dir, 'workspace'));
  const resultsFile = path.join(scratch.dir, 'host-results.json');
  let exitCode = 1;
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: testsIndex,
      extensionTestsEnv: { CLAIMS_TEST_RESULTS: resultsFile, CLAIMS_TEST_GREP: options.grep ?? '' },
      launchArgs: [
        workspace,
        '--disable-extensions',
        `--user-data-dir=${path.join(scratch.dir, 'user-data')}`,
        `--extensions-dir=${path.join(scratch.dir, 'extensions')}`,
      ],
    });
    exitCode = 0;
  } catch (error) {
    console.error(`[electron] ${error instanceof Error ? error.message : String(error)}`);
  }

  const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : undefined;
  if (!results) {
    console.error('[electron] the host suite wrote no results to CLAIMS_TEST_RESULTS');
    exitCode = 1;
  } else if (results.failed > 0 || results.passed === 0) {
    exitCode = 1;
  }
  console.log(
    `host (electron): ${results?.passed ?? 0} passed, ${results?.failed ?? 0} failed, ${results?.pending ?? 0} pending` +
      (results ? ` (VS Code ${results.vscodeVersion}, appHost ${results.appHost})` : ''),
  );
  if (exitCode === 0 && !options.keep) scratch.remove();
  else console.log(`[electron] scratch kept at ${path.relative(repoRoot, scratch.dir)}`);
  return exitCode;
}

process.exit(await main());
