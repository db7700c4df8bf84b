// The benchmark harness: runs every bench/*.bench.ts module, each in its own Node process (so one module's heap
// and JIT state cannot skew the next), prints one table and writes it as JSON.
//
//   npm run bench                       every figure, full size; writes bench/results.json
//   npm run bench -- --quick            smoke mode: tiny inputs, one run, timings not judged;
//                                       exit 0 only if every module ran and returned well-formed rows
//   npm run bench -- --only explorer    only modules whose file name contains "explorer" (-> results.partial.json)
//   npm run bench -- --host             first measure activation in the real host (runs the host suite's
//                                       "activation time" test three times; needs `npm run build`)
//   npm run bench -- --profile          also write a V8 CPU profile per module to test-results/bench-profiles/
//   npm run bench -- --markdown         also print the table as Markdown (for the README)
//   npm run bench -- --strict           exit 1 when a figure misses its target, too
//
// A module exports `run(options?: { quick: boolean }): Promise<BenchResult[]>` (see bench/harness.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type BenchModule,
  type BenchResult,
  describeMachine,
  type Machine,
  markdownTable,
  ratioOf,
  REPO_ROOT,
  round,
  scratchDir,
  textTable,
  toRow,
  validateResults,
} from './harness';

/** Modules run in this order (issue 9's table); any other bench/*.bench.ts runs after them. */
const ORDER = ['sidecar', 'editFollowing', 'anchoring', 'spotting', 'conflicts', 'explorerTree', 'activation', 'bundleSize'];
const BENCH_DIR = path.join(REPO_ROOT, 'bench');
const PROFILE_DIR = path.join(REPO_ROOT, 'test-results', 'bench-profiles');
const MODULE_TIMEOUT_MS = { quick: 5 * 60_000, full: 30 * 60_000 };

interface ModuleOutcome {
  module: string;
  seconds: number;
  results?: BenchResult[];
  error?: string;
}

export interface BenchReport {
  mode: 'full' | 'quick';
  startedAt: string;
  seconds: number;
  machine: Machine;
  results: Array<BenchResult & { module: string }>;
  failures: Array<{ module: string; error: string }>;
}

function discoverModules(only: string | undefined): string[] {
  const names = fs
    .readdirSync(BENCH_DIR)
    .filter((file) => file.endsWith('.bench.ts'))
    .map((file) => file.slice(0, -'.bench.ts'.length));
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  return names.filter((name) => !only || name.toLowerCase().includes(only.toLowerCase())).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** In the child process: run one module and write its validated rows to `resultFile`. */
async function runChild(name: string, resultFile: string, quick: boolean): Promise<void> {
  const loaded = (await import(path.join(BENCH_DIR, `${name}.bench.ts`))) as Partial<BenchModule> & { default?: Partial<BenchModule> };
  const run = loaded.run ?? loaded.default?.run;
  if (typeof run !== 'function') throw new Error(`bench/${name}.bench.ts does not export run()`);
  const results = validateResults(await run({ quick }));
  fs.writeFileSync(resultFile, JSON.stringify(results));
}

function runModule(name: string, options: { quick: boolean; profile: boolean }): ModuleOutcome {
  const scratch = scratchDir('run');
  const resultFile = path.join(scratch.dir, `${name}.json`);
  const started = performance.now();
  try {
    const nodeArgs = [...process.execArgv];
    if (options.profile) {
      fs.mkdirSync(PROFILE_DIR, { recursive: true });
      nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, `--cpu-prof-name=${name}.${Date.now()}.cpuprofile`);
    }
    const child = spawnSync(process.execPath, [...nodeArgs, __filename, '--child', name, '--result', resultFile, ...(options.quick ? ['--quick'] : [])], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: options.quick ? MODULE_TIMEOUT_MS.quick : MODULE_TIMEOUT_MS.full,
      env: { ...process.env, CLAIMS_BENCH_QUICK: options.quick ? '1' : '' },
    });
    const seconds = round((performance.now() - started) / 1000, 1);
    if (child.error) return { module: name, seconds, error: child.error.message };
    if (child.signal) return { module: name, seconds, error: `killed by ${child.signal}` };
    if (child.status !== 0) return { module: name, seconds, error: `exited with ${child.status} (its output is above)` };
    if (!fs.existsSync(resultFile)) return { module: name, seconds, error: 'wrote no results' };
    return { module: name, seconds, results: validateResults(JSON.parse(fs.readFileSync(resultFile, 'utf8'))) };
  } finally {
    scratch.remove();
  }
}

const HOST_SAMPLES = 3;

/** Adds samples to test-results/bench/activation.json by running the host suite's activation-time test. */
function measureActivationInHost(): void {
  for (let i = 1; i <= HOST_SAMPLES; i++) {
    console.log(`[bench] activation in the real host, sample ${i}/${HOST_SAMPLES} (node test/launch/run-host-tests.mjs --grep "activation time")`);
    const host = spawnSync(process.execPath, ['test/launch/run-host-tests.mjs', '--grep', 'activation time'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      timeout: 10 * 60_000,
    });
    if (host.status !== 0) throw new Error(`the host run failed (exit ${host.status ?? host.signal}); run \`npm run build\` first`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      host: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      out: { type: 'string' },
      child: { type: 'string' },
      result: { type: 'string' },
    },
  });
  if (values.child) {
    if (!values.result) throw new Error('--child needs --result');
    await runChild(values.child, values.result, values.quick);
    return 0;
  }

  const quick = values.quick;
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const machine = describeMachine();
  console.log(
    `[bench] ${quick ? 'smoke run (tiny inputs, one run, timings not judged)' : 'full run'} on ${machine.cores} cores (${machine.cpu}), ` +
      `Node ${machine.node}, load average ${machine.loadAverage}`,
  );
  if (values.host) measureActivationInHost();

  const modules = discoverModules(values.only);
  if (modules.length === 0) throw new Error(`no bench module matches ${JSON.stringify(values.only)}`);
  const outcomes: ModuleOutcome[] = [];
  for (const name of modules) {
    console.log(`[bench] ${name} ...`);
    const outcome = runModule(name, { quick, profile: values.profile });
    console.log(`[bench] ${name}: ${outcome.error ? `FAILED (${outcome.error})` : `${outcome.results!.length} figure(s)`} in ${outcome.seconds} s`);
    outcomes.push(outcome);
  }

  const report: BenchReport = {
    mode: quick ? 'quick' : 'full',
    startedAt,
    seconds: round((performance.now() - started) / 1000, 1),
    machine,
    results: outcomes.flatMap((o) => (o.results ?? []).map((r) => ({ module: o.module, ...r, ratio: ratioOf(r) }))),
    failures: outcomes.filter((o) => o.error).map((o) => ({ module: o.module, error: o.error! })),
  };
  // A partial run (--only) must not overwrite the full table.
  const defaultOut = quick ? 'bench/results.quick.json' : values.only ? 'bench/results.partial.json' : 'bench/results.json';
  const outFile = path.resolve(REPO_ROOT, values.out ?? defaultOut);
  fs.writeFileSync(outFile, JSON.stringify(report, null, 2) + '\n');

  const rows = report.results.map((r) => toRow(r, quick));
  console.log(`\n${textTable(rows)}\n`);
  if (values.markdown) {
    console.log(`${markdownTable(rows)}\n`);
    console.log(
      `Measured with \`npm run bench\` on ${machine.cores} cores (${machine.cpu}), ${Math.round(machine.memoryGB)} GB, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverage} at the start.\n`,
    );
  }
  for (const failure of report.failures) console.error(`[bench] ${failure.module} FAILED: ${failure.error}`);
  const misses = quick ? [] : report.results.filter((r) => !r.pass && !r.skipped && !r.reportOnly);
  console.log(
    `[bench] ${report.results.length} figure(s) from ${outcomes.length - report.failures.length}/${outcomes.length} module(s)` +
      (quick ? '' : `, ${misses.length} miss(es)`) +
      ` in ${report.seconds} s; written to ${path.relative(REPO_ROOT, outFile)}`,
  );
  if (report.failures.length > 0) return 1;
  if (values.strict && misses.length > 0) return 1;
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 2;
  },
);
