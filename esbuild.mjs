// One build for everything that ships or runs in a host: the extension, the CLI, the vscode-free core
// library, the host test suite, the spotting model beside the bundles, and the JSON Schema generated from the
// zod sidecar schema. Tests import `buildEntry` so they build exactly what ships.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

function common(production) {
  return {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
    external: ['vscode'],
  };
}

export const ENTRIES = {
  extension: { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  cli: { entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  core: { entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
  citationsWorker: { entryPoints: ['src/editor/citationsWorker.ts'], outfile: 'dist/citationsWorker.js' },
  hostTests: { entryPoints: ['test/host/index.ts'], outfile: 'out/test/host/index.js', external: ['vscode', 'mocha'] },
};

/**
 * Files the bundles read at run time rather than inlining: the spotting model (1.4 MB) loads only when a
 * user first spots claims, which keeps extension.js small and activation fast.
 */
export const RUNTIME_ASSETS = [['src/core/spotting/spotterModel.json', 'dist/spotterModel.json']];

export function copyRuntimeAssets() {
  for (const [from, to] of RUNTIME_ASSETS) {
    fs.mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
    fs.copyFileSync(path.join(root, from), path.join(root, to));
  }
}

/** Builds one entry (see ENTRIES) exactly as the full build does. */
export async function buildEntry(name, { production = false } = {}) {
  const entry = ENTRIES[name];
  await esbuild.build({ ...common(production), ...entry, external: entry.external ?? ['vscode'] });
  copyRuntimeAssets();
  if (name === 'cli') fs.chmodSync(path.join(root, entry.outfile), 0o755);
  return path.join(root, entry.outfile);
}

async function writeJsonSchema() {
  // The zod schema is the single source of truth; the JSON Schema for jsonValidation is generated from it.
  const tmp = path.join(root, 'out/schema-gen.cjs');
  await esbuild.build({ ...common(false), sourcemap: false, entryPoints: ['src/core/sidecar/schema.ts'], outfile: tmp });
  const { sidecarJsonSchema } = await import(pathToFileURL(tmp).href);
  fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(root, 'dist/sidecar.schema.json'), JSON.stringify(sidecarJsonSchema(), null, 2) + '\n');
}

async function main() {
  const production = process.argv.includes('--production');
  const names = Object.keys(ENTRIES).filter((name) => !(production && name === 'hostTests'));
  if (process.argv.includes('--watch')) {
    copyRuntimeAssets();
    for (const name of names) {
      const ctx = await esbuild.context({ ...common(production), ...ENTRIES[name] });
      await ctx.watch();
    }
    return;
  }
  await Promise.all(names.map((name) => buildEntry(name, { production })));
  await writeJsonSchema();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
