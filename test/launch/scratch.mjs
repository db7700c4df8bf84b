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
