// Size of the production bundle dist/extension.js. Target (issue 9): at most 1 MB.
//
// The bundle is built in memory with esbuild, with the options esbuild.mjs uses for `--production` (keep the two
// in step), so the dev build in dist/ that others are using is left alone. Also reported: the gzipped size, the
// largest inputs, and how long Node takes to load (evaluate) the bundle, which VS Code counts as the
// extension's code-loading time, before activate() runs.
//   npx tsx bench/bundleSize.bench.ts
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';
import { type BenchOptions, type BenchResult, measure, plan, REPO_ROOT, round, scratchDir } from './harness';

const TARGET_BYTES = 1024 * 1024;

/** Mirrors `common` in esbuild.mjs with production = true. */
const PRODUCTION: esbuild.BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  minify: true,
  logLevel: 'error',
  external: ['vscode'],
};

async function buildProduction(entry: string): Promise<{ code: string; metafile: esbuild.Metafile }> {
  const built = await esbuild.build({
    ...PRODUCTION,
    absWorkingDir: REPO_ROOT,
    entryPoints: [entry],
    outfile: path.join(REPO_ROOT, 'dist', path.basename(entry).replace(/\.ts$/, '.js')),
    write: false,
    metafile: true,
  });
  const output = built.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!output) throw new Error(`esbuild produced no JavaScript for ${entry}`);
  return { code: output.text, metafile: built.metafile };
}

/** The biggest contributors by bundled bytes: packages by name, our own code by file. */
function largestInputs(metafile: esbuild.Metafile, count: number): Array<{ input: string; kB: number }> {
  const sizes = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const key = pkg ? `npm:${pkg}` : input;
      sizes.set(key, (sizes.get(key) ?? 0) + bytesInOutput);
    }
  }
  return [...sizes.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([input, bytes]) => ({ input, kB: round(bytes / 1024, 1) }));
}

/** Loads the bundle in a fresh module scope, with `vscode` resolving to the benchmark shim. */
async function loadTimeMs(code: string, options?: BenchOptions): Promise<number> {
  const scratch = scratchDir('bundle-load');
  try {
    const shimDir = path.join(scratch.dir, 'node_modules', 'vscode');
    fs.mkdirSync(shimDir, { recursive: true });
    await esbuild.build({
      entryPoints: [path.join(REPO_ROOT, 'bench', 'vscodeShim.ts')],
      outfile: path.join(shimDir, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'error',
    });
    const timing = plan(options, { warmup: 1, runs: 7 });
    let copy = 0;
    // A new file name each time, so every load compiles and evaluates the bundle from scratch.
    return measure(
      (file) => require(file),
      timing,
      () => {
        const file = path.join(scratch.dir, `extension-${copy++}.js`);
        fs.writeFileSync(file, code);
        return file;
      },
    ).medianMs;
  } finally {
    scratch.remove();
  }
}

export async function run(options?: BenchOptions): Promise<BenchResult[]> {
  const started = performance.now();
  const extension = await buildProduction('src/extension.ts');
  const buildMs = performance.now() - started;
  const bytes = Buffer.byteLength(extension.code);
  const gzipBytes = zlib.gzipSync(extension.code, { level: 9 }).length;
  let loadMs: number | string;
  try {
    loadMs = round(await loadTimeMs(extension.code, options), 2);
  } catch (error) {
    // Loading needs the bundle's top level to run against the shim; if it reaches for an API the shim lacks,
    // say so rather than fail the size figure.
    loadMs = `not measured: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
  return [
    {
      figure: 'bundle size of dist/extension.js (production build)',
      // No time here: the figure is a size. medianMs carries the build time so the table stays uniform.
      medianMs: round(buildMs, 1),
      target: `<= ${TARGET_BYTES / 1024 / 1024} MB`,
      pass: bytes <= TARGET_BYTES,
      value: `${formatBytes(bytes)} (${formatBytes(gzipBytes)} gzipped)`,
      details: {
        bytes,
        kB: round(bytes / 1024, 1),
        gzipKB: round(gzipBytes / 1024, 1),
        largestInputs: largestInputs(extension.metafile, 6),
        nodeLoadMs: loadMs,
        medianMsIs: 'the in-memory esbuild production build time, not a target',
      },
    },
  ];
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${Math.round(bytes / 1024)} kB`;
}

if (require.main === module) {
  void run({ quick: process.argv.includes('--quick') }).then((results) => console.log(JSON.stringify(results, null, 2)));
}
