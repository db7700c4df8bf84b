// One build for everything that ships or runs in a host: the extension, the CLI, the vscode-free core
// library, the host test suite, and the JSON Schema generated from the zod sidecar schema.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Keep the sidecar model JSON etc. inlined; only the VS Code API comes from the host.
  external: ['vscode'],
};

const builds = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js' },
];
if (!production) {
  builds.push({
    entryPoints: ['test/host/index.ts'],
    outfile: 'out/test/host/index.js',
    external: ['vscode', 'mocha'],
  });
}

async function writeJsonSchema() {
  // The zod schema is the single source of truth; the JSON Schema for jsonValidation is generated from it.
  const tmp = 'out/schema-gen.cjs';
  await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: ['src/core/schema.ts'], outfile: tmp });
  const { sidecarJsonSchema } = await import(pathToFileURL(path.resolve(tmp)).href);
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync('dist/sidecar.schema.json', JSON.stringify(sidecarJsonSchema(), null, 2) + '\n');
}

if (watch) {
  for (const build of builds) {
    const ctx = await esbuild.context({ ...common, ...build });
    await ctx.watch();
  }
} else {
  await Promise.all(builds.filter((b) => fs.existsSync(b.entryPoints[0])).map((b) => esbuild.build({ ...common, ...b })));
  if (fs.existsSync('dist/cli.js')) fs.chmodSync('dist/cli.js', 0o755);
  await writeJsonSchema();
}
