// Builds dist/cli.js from the current sources with esbuild.mjs's own CLI entry, so the tests
// that spawn the executable never run a stale bundle. Built once per test run.
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CLI_PATH = path.join(REPO_ROOT, 'dist', 'cli.js');

let building: Promise<string> | undefined;

export function buildCli(): Promise<string> {
  building ??= import(path.join(REPO_ROOT, 'esbuild.mjs')).then((build: { buildEntry: (name: string) => Promise<string> }) => build.buildEntry('cli'));
  return building;
}
