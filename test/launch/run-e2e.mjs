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
import { runBrowserSuite, screenshotsDir } from './browserSuite.mjs';
import { prepareHost } from './prerequisites.mjs';
import { repoRoot, testResultsDir } from './scratch.mjs';

const { values: options } = parseArgs({
  options: {
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

async function main() {
  if (!fs.existsSync(path.join(repoRoot, 'dist', 'extension.js'))) {
    console.error('[e2e] dist/extension.js is missing; run `npm run build` first');
    return 1;
  }
  if (!prepareHost('e2e', { browser: true })) return 1;
  fs.rmSync(screenshotsDir, { recursive: true, force: true });
  return runBrowserSuite({
    tag: 'e2e',
    suiteName: 'e2e',
    specsDir: path.join(repoRoot, 'test', 'e2e'),
    specSuffix: '.e2e.mjs',
    artifactsDir: path.join(testResultsDir, 'e2e'),
    grep: options.grep,
    keep: options.keep,
  });
}

process.exit(await main());
