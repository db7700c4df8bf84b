// The entry point VS Code loads as `extensionTestsPath`: it runs every host test inside the real extension
// host and resolves (exit 0) or rejects (exit 1). Both launchers use it unchanged:
// test/launch/run-host-tests.mjs (code-server) and test/launch/run-host-tests-electron.mjs (desktop VS Code).
//
// HOW TO ADD A HOST TEST: create test/host/<name>.test.ts and write ordinary mocha BDD code at the top level
// (describe/it/before/after as globals, `import * as vscode from 'vscode'`, `node:assert/strict`). Then
// `npm run build` (`npm test` builds first; `npm run test:host` runs what was last built). Nothing needs
// registering here. A test whose full title contains "multi-root" runs only when the workspace has several
// folders (the launcher's multi-root run, test/host/multiRoot.test.ts), and every other test only when it has one,
// so neither run counts a test it did not really run.
//
// Why this works with a bundle: esbuild bundles this file into out/test/host/index.js, so there are no test
// files on disk for mocha's addFile/loadFiles. Instead:
//   1. the template-literal import below makes esbuild bundle every test/host/*.test.ts, each as a lazily
//      evaluated module that runs only when imported;
//   2. run() first emits mocha's 'pre-require', which installs describe/it/... on globalThis, and only then
//      imports the test modules, so their top-level describe() calls register with this mocha instance;
//   3. the list of test files comes from the source folder (the extension is always loaded from the working
//      tree), so a test file missing from a stale bundle is reported instead of silently skipped.
//
// Output: while the suite runs, everything written to console.* (mocha's spec reporter and the tests' own
// logs) carries HOST_OUTPUT_MARK, an invisible character. The code-server launcher receives the workbench's
// whole log through one channel and prints only marked lines; the rest goes to a log file.
//
// Environment (set by the launchers on the server or VS Code process, inherited by the extension host):
//   CLAIMS_TEST_GREP     only run tests whose full title matches this string;
//   CLAIMS_TEST_ALLOW_EMPTY=1  no matching test is not an error (a --grep over both runs may match only one);
//   CLAIMS_TEST_RESULTS  write a JSON summary here, which the launcher checks against the exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Keep in sync with test/launch/run-host-tests.mjs. */
const HOST_OUTPUT_MARK = '\u2063';

/** Tests with this in their full title need a multi-root workspace; the others assume a single folder. */
const MULTI_ROOT_TITLE = 'multi-root';

const loadBundledTest = (name: string): Promise<unknown> => import(`./${name}.test.ts`);

export interface HostTestResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
  vscodeVersion: string;
  appHost: string;
  remoteName: string | null;
  durationMs: number;
  error?: string;
}

function hostTestNames(): string[] {
  // __dirname is out/test/host in the bundle; the sources sit at test/host in the same working tree.
  const sourceDir = path.resolve(__dirname, '..', '..', '..', 'test', 'host');
  return fs
    .readdirSync(sourceDir)
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => file.slice(0, -'.test.ts'.length))
    .sort();
}

/**
 * Marks console output until the returned function restores the original. VS Code locks the methods of the
 * extension host's console object (their setters are no-ops), so the global `console` binding is replaced by
 * an object that inherits from the original and prefixes the mark.
 */
function markConsoleOutput(): () => void {
  const original = globalThis.console;
  const marked = Object.create(original) as Console;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const write = original[level].bind(original);
    const markedWrite = (...data: unknown[]) => {
      const [first, ...rest] = data;
      if (typeof first === 'string') write(HOST_OUTPUT_MARK + first, ...rest);
      else write(HOST_OUTPUT_MARK, ...data);
    };
    // Plain assignment would hit the inherited no-op setter, hence an own property.
    Object.defineProperty(marked, level, { value: markedWrite, configurable: true, writable: true });
  }
  globalThis.console = marked;
  // Mocha's reporters captured console.log when mocha was loaded.
  const reporterLog = Mocha.reporters.Base.consoleLog;
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => marked.log(...data);
  return () => {
    globalThis.console = original;
    Mocha.reporters.Base.consoleLog = reporterLog;
  };
}

export async function run(): Promise<void> {
  const started = Date.now();
  const restoreConsole = markConsoleOutput();
  try {
    await runSuite(started);
  } finally {
    restoreConsole();
  }
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * One regular expression for mocha's single grep slot: lookaheads require `only` and forbid `exclude` anywhere
 * in the full title, and `grep` must occur too. Undefined when nothing filters.
 */
function titleMatcher({ grep, only, exclude }: { grep?: string; only?: string; exclude?: string }): RegExp | undefined {
  if (!grep && !only && !exclude) return undefined;
  const require = only ? `(?=.*${escapeRegExp(only)})` : '';
  const forbid = exclude ? `(?!.*${escapeRegExp(exclude)})` : '';
  return new RegExp(`^${require}${forbid}.*${grep ? escapeRegExp(grep) : ''}`, 's');
}

async function runSuite(started: number): Promise<void> {
  console.log(
    `[host] VS Code ${vscode.version} · appHost ${vscode.env.appHost} · remoteName ${vscode.env.remoteName ?? '(none)'}` +
      ` · uiKind ${vscode.UIKind[vscode.env.uiKind]} · Node ${process.version}`,
  );
  const results: HostTestResults = {
    passed: 0,
    failed: 0,
    pending: 0,
    failures: [],
    vscodeVersion: vscode.version,
    appHost: vscode.env.appHost,
    remoteName: vscode.env.remoteName ?? null,
    durationMs: 0,
  };
  const grep = process.env.CLAIMS_TEST_GREP;
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const only = multiRoot ? MULTI_ROOT_TITLE : undefined;
  const exclude = multiRoot ? undefined : MULTI_ROOT_TITLE;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000 });
  const titleFilter = titleMatcher({ grep, only, exclude });
  if (titleFilter) {
    mocha.grep(titleFilter);
    console.log(
      `[host] titles: ${[grep && `matching ${JSON.stringify(grep)}`, only && `containing ${JSON.stringify(only)}`, exclude && `without ${JSON.stringify(exclude)}`].filter(Boolean).join(', ')}`,
    );
  }

  try {
    mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
    for (const name of hostTestNames()) {
      try {
        await loadBundledTest(name);
      } catch (error) {
        throw new Error(`cannot load test/host/${name}.test.ts from the bundle (run \`npm run build\`): ${String(error)}`, { cause: error });
      }
    }
    mocha.suite.emit('post-require', globalThis, 'bundle', mocha);

    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => {
        results.passed += 1;
      });
      runner.on('pending', () => {
        results.pending += 1;
      });
      runner.on('fail', (test, error: unknown) => {
        results.failed += 1;
        results.failures.push({
          title: test.fullTitle(),
          message: error instanceof Error ? error.message : String(error),
        });
      });
    });
  } catch (error) {
    results.failed += 1;
    results.error = error instanceof Error ? error.message : String(error);
    console.error(`[host] ${results.error}`);
  }

  results.durationMs = Date.now() - started;
  const resultsFile = process.env.CLAIMS_TEST_RESULTS;
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  if (results.failed > 0) throw new Error(`${results.failed} host test(s) failed`);
  if (results.passed === 0 && process.env.CLAIMS_TEST_ALLOW_EMPTY !== '1') {
    throw new Error(grep ? `no host test matched grep ${JSON.stringify(grep)}` : 'no host tests ran');
  }
}
