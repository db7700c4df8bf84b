// Builds dist/cli.js from the current sources, exactly as esbuild.mjs does for the CLI entry, so the tests
// that spawn the executable never run a stale bundle. Built once per test run.
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CLI_PATH = path.join(REPO_ROOT, 'dist', 'cli.js');

let building: Promise<string> | undefined;

export function buildCli(): Promise<string> {
  building ??= esbuild
    .build({
      entryPoints: [path.join(REPO_ROOT, 'src', 'cli.ts')],
      outfile: CLI_PATH,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
      external: ['vscode'],
      banner: { js: '#!/usr/bin/env node' },
    })
    .then(() => {
      fs.chmodSync(CLI_PATH, 0o755);
      return CLI_PATH;
    });
  return building;
}
