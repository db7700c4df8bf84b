// Scratch folders for one launcher run, under the git-ignored .scratch/ of the repo, so tests and the demo
// never write into tracked files. Artifacts worth keeping after a failure go to the git-ignored test-results/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures', 'articles');
export const testResultsDir = path.join(repoRoot, 'test-results');

/** A fresh folder `.scratch/<label>-<time>-<pid>/` for one run. */
export function createScratch(label) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(repoRoot, '.scratch', `${label}-${stamp}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  return {
    dir,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Copies the sample articles into `destination` (created if needed) and makes the copies writable: the
 * samples may arrive read-only, and tests edit articles and write sidecars beside them.
 */
export function copyFixtures(destination, source = fixturesDir) {
  if (!fs.existsSync(source)) throw new Error(`fixtures folder missing: ${source}`);
  fs.mkdirSync(destination, { recursive: true });
  fs.cpSync(source, destination, { recursive: true });
  for (const entry of fs.readdirSync(destination, { recursive: true })) {
    const file = path.join(destination, String(entry));
    const mode = fs.statSync(file).mode;
    fs.chmodSync(file, mode | 0o200);
  }
  return destination;
}

/**
 * Keeps what explains a failed run: the server log and VS Code's own logs (extension host, renderer,
 * server) from the run's user-data folder. Returns the folder they went to.
 */
export function keepServerLogs(server, destination) {
  fs.mkdirSync(destination, { recursive: true });
  if (server?.logFile && fs.existsSync(server.logFile)) {
    fs.copyFileSync(server.logFile, path.join(destination, 'code-server.log'));
  }
  const vscodeLogs = server?.userDataDir && path.join(server.userDataDir, 'logs');
  if (vscodeLogs && fs.existsSync(vscodeLogs)) {
    fs.cpSync(vscodeLogs, path.join(destination, 'vscode-logs'), { recursive: true });
  }
  return destination;
}

/** Workbench settings shared by every launcher: no welcome page, tips, or AI panels covering the editor. */
export const WORKBENCH_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Scratch workspaces live under the repo's .scratch/; the repo itself is not the user's concern here.
  'git.openRepositoryInParentFolders': 'never',
};

/** The multi-root layout: one sample article in each of two folders, opened through a `.code-workspace`. */
export const MULTI_ROOT_FOLDERS = {
  'desk-a': 'amazon-anthropic-pymnts.txt',
  'desk-b': 'amazon-anthropic-maginative.txt',
};
/** Pre-seeded before start in desk-b, so a host test can check it is indexed without its article being opened. */
export const MULTI_ROOT_SEEDED_QUOTE = 'Amazon wants Anthropic to use its custom AI chips';

/**
 * Builds the multi-root workspace under `destination`: `desk-a/` and `desk-b/` with one sample each, a sidecar
 * already beside desk-b's article, and `claims.code-workspace` listing both folders (relative paths, as a
 * user's workspace file would). `core` is the built library (dist/core.js), so the seeded sidecar is exactly
 * what the extension itself writes. Returns the workspace file's path.
 */
export function createMultiRootWorkspace(destination, core) {
  fs.mkdirSync(destination, { recursive: true });
  for (const [folder, article] of Object.entries(MULTI_ROOT_FOLDERS)) {
    const dir = path.join(destination, folder);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, article);
    fs.copyFileSync(path.join(fixturesDir, article), file);
    fs.chmodSync(file, fs.statSync(file).mode | 0o200);
  }
  const seededArticle = path.join(destination, 'desk-b', MULTI_ROOT_FOLDERS['desk-b']);
  const text = fs.readFileSync(seededArticle, 'utf8');
  const start = text.indexOf(MULTI_ROOT_SEEDED_QUOTE);
  if (start < 0) throw new Error(`"${MULTI_ROOT_SEEDED_QUOTE}" is no longer in ${seededArticle}`);
  const { start: s, end: e, ...quote } = core.quoteSelector(text, start, start + MULTI_ROOT_SEEDED_QUOTE.length);
  const sidecar = core.emptySidecar(path.basename(seededArticle));
  const created = '2024-11-08T09:00:00.000Z';
  sidecar.claims.push({
    id: 'seeded-desk-b',
    quote,
    position: { start: s, end: e },
    status: 'supported',
    note: 'Seeded before the workbench started.',
    origin: 'manual',
    citations: [],
    conflicts: [],
    created,
    updated: created,
  });
  fs.writeFileSync(core.sidecarPathFor(seededArticle), core.serializeSidecar(core.SidecarSchema.parse(sidecar)));
  const workspaceFile = path.join(destination, 'claims.code-workspace');
  const folders = Object.keys(MULTI_ROOT_FOLDERS).map((folder) => ({ path: folder }));
  fs.writeFileSync(workspaceFile, `${JSON.stringify({ folders, settings: {} }, null, 2)}\n`);
  return workspaceFile;
}
