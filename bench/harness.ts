// Shared timing tools for the benchmarks: a seeded PRNG so inputs are the same on every run, warm-up before
// timing, the median of several runs (robust to the odd slow run on a busy shared machine), and candidate and
// baseline timed alternately so both see the same machine state.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One row of the benchmark table. `details` holds whatever else a figure needs to be read correctly. */
export interface BenchResult {
  figure: string;
  medianMs: number;
  baselineMs?: number;
  /**
   * How ours compares with the baseline. Absent: the harness shows ours / baseline (lower is better).
   * A module whose target is "n x faster" gives baseline / ours here, with a label that says so.
   */
  ratio?: { value: number; label: string };
  target: string;
  pass: boolean;
  /** What the table shows instead of the median time, for figures that are not times (e.g. a size). */
  value?: string;
  /** Set when the figure could not be measured in this run, with the reason; neither a pass nor a miss. */
  skipped?: string;
  /** A figure shown for information, without a target of its own: neither a pass nor a miss. */
  reportOnly?: boolean;
  details?: object;
}

export interface BenchOptions {
  /** Smoke mode: tiny inputs and a single run, so the harness cannot rot. Timings mean nothing then. */
  quick: boolean;
}

export type BenchModule = { run(options?: BenchOptions): Promise<BenchResult[]> };

export const REPO_ROOT = path.resolve(__dirname, '..');

/** Mulberry32: small, fast and good enough to generate benchmark inputs deterministically. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [low, high). */
  int(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(0, items.length)]!;
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The value below which `share` (0..1) of the values fall, by nearest rank. */
export function percentile(values: readonly number[], share: number): number {
  if (values.length === 0) throw new Error('percentile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1));
  return sorted[rank]!;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export interface TimingPlan {
  warmup: number;
  runs: number;
}

/** Warm-up and run counts: several of each normally, one of each in smoke mode. */
export function plan(options: BenchOptions | undefined, full: TimingPlan): TimingPlan {
  return options?.quick ? { warmup: 1, runs: 1 } : full;
}

export interface Timing {
  /** Median CPU time of this thread's process per run (see `clock`). */
  medianMs: number;
  timesMs: number[];
  wallMedianMs: number;
  wallTimesMs: number[];
}

/**
 * Why CPU time: the machine is shared, and while another process holds the core, wall time grows but the work
 * done does not. The code measured is single-threaded, so its CPU time is its time on one core (the process's
 * GC and compiler threads count too, which errs on the slow side). Wall time is always reported beside it.
 */
export const CLOCK = 'CPU time of the process per run (wall time in details)';

function cpuNow(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Runs `task` once and returns [cpu ms, wall ms]. */
function timeOnce(task: () => unknown): [number, number] {
  const cpu = cpuNow();
  const wall = performance.now();
  task();
  const wallMs = performance.now() - wall;
  return [cpuNow() - cpu, wallMs];
}

/**
 * Times `task` `runs` times after `warmup` untimed calls. `prepare`, if given, runs untimed before every call
 * (to reset state the task consumes); its result is passed to the task.
 */
export function measure<T = void>(task: (prepared: T) => unknown, timing: TimingPlan, prepare?: () => T): Timing {
  for (let i = 0; i < timing.warmup; i++) task(prepare ? prepare() : (undefined as T));
  const timesMs: number[] = [];
  const wallTimesMs: number[] = [];
  for (let i = 0; i < timing.runs; i++) {
    const prepared = prepare ? prepare() : (undefined as T);
    const [cpu, wall] = timeOnce(() => task(prepared));
    timesMs.push(cpu);
    wallTimesMs.push(wall);
  }
  return { medianMs: median(timesMs), timesMs, wallMedianMs: median(wallTimesMs), wallTimesMs };
}

export interface Comparison {
  medianMs: number;
  baselineMs: number;
  wallMedianMs: number;
  wallBaselineMs: number;
  timesMs: number[];
  baselineTimesMs: number[];
}

/** Times ours and the baseline alternately, so a burst of load on the machine hits both alike. */
export function compare(ours: () => unknown, baseline: () => unknown, timing: TimingPlan): Comparison {
  for (let i = 0; i < timing.warmup; i++) {
    ours();
    baseline();
  }
  const timesMs: number[] = [];
  const baselineTimesMs: number[] = [];
  const wall: number[] = [];
  const baselineWall: number[] = [];
  for (let i = 0; i < timing.runs; i++) {
    const [baseCpu, baseWall] = timeOnce(baseline);
    baselineTimesMs.push(baseCpu);
    baselineWall.push(baseWall);
    const [cpu, wallMs] = timeOnce(ours);
    timesMs.push(cpu);
    wall.push(wallMs);
  }
  return {
    medianMs: median(timesMs),
    baselineMs: median(baselineTimesMs),
    wallMedianMs: median(wall),
    wallBaselineMs: median(baselineWall),
    timesMs,
    baselineTimesMs,
  };
}

/** A scratch folder under the OS temp dir, removed by the returned function. */
export function scratchDir(name: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `claims-bench-${name}-`));
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGB: number;
  node: string;
  v8: string;
  platform: string;
  /** 1-minute load average when the run started: above the core count, figures are inflated. */
  loadAverage: number;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGB: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    loadAverage: round(os.loadavg()[0] ?? 0, 2),
  };
}

/** ours / baseline, unless the module supplied its own ratio (e.g. "x faster"). */
export function ratioOf(result: BenchResult): { value: number; label: string } | undefined {
  if (result.ratio) return result.ratio;
  if (result.baselineMs === undefined || result.baselineMs <= 0) return undefined;
  return { value: result.medianMs / result.baselineMs, label: 'x baseline time' };
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(ms >= 1 ? 2 : 3)} ms`;
}

export interface Row {
  figure: string;
  median: string;
  baseline: string;
  ratio: string;
  target: string;
  result: string;
}

export function toRow(result: BenchResult, quick: boolean): Row {
  const ratio = ratioOf(result);
  return {
    figure: result.figure,
    median: result.skipped ? '—' : (result.value ?? formatMs(result.medianMs)),
    baseline: result.baselineMs === undefined ? '—' : formatMs(result.baselineMs),
    ratio: ratio ? `${ratio.value >= 10 ? ratio.value.toFixed(0) : ratio.value.toFixed(2)}${ratio.label}` : '—',
    target: result.target,
    result: result.skipped ? `skipped: ${result.skipped}` : quick ? 'ran (not judged)' : result.reportOnly ? 'report' : result.pass ? 'pass' : 'MISS',
  };
}

const COLUMNS: Array<[keyof Row, string]> = [
  ['figure', 'figure'],
  ['median', 'median'],
  ['baseline', 'baseline'],
  ['ratio', 'ratio'],
  ['target', 'target'],
  ['result', 'result'],
];

export function textTable(rows: Row[]): string {
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...rows.map((r) => r[key].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS.map(([, title]) => title)), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(COLUMNS.map(([key]) => r[key])))].join('\n');
}

export function markdownTable(rows: Row[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  return [
    `| ${COLUMNS.map(([, title]) => title).join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${COLUMNS.map(([key]) => escape(r[key])).join(' | ')} |`),
  ].join('\n');
}

/** Checks that a module returned well-formed rows; a malformed row is as much a failure as a throw. */
export function validateResults(value: unknown): BenchResult[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error('run() must resolve to a non-empty array of results');
  value.forEach((row: unknown, i) => {
    const r = row as Partial<BenchResult>;
    const where = `result ${i}${typeof r?.figure === 'string' ? ` (${r.figure})` : ''}`;
    if (typeof r !== 'object' || r === null) throw new Error(`${where} is not an object`);
    if (typeof r.figure !== 'string' || r.figure.length === 0) throw new Error(`${where}: figure must be a non-empty string`);
    if (typeof r.medianMs !== 'number' || !Number.isFinite(r.medianMs) || r.medianMs < 0) {
      throw new Error(`${where}: medianMs must be a finite number >= 0, got ${String(r.medianMs)}`);
    }
    if (r.baselineMs !== undefined && (typeof r.baselineMs !== 'number' || !Number.isFinite(r.baselineMs))) {
      throw new Error(`${where}: baselineMs must be a finite number when present`);
    }
    if (typeof r.target !== 'string') throw new Error(`${where}: target must be a string`);
    if (typeof r.pass !== 'boolean') throw new Error(`${where}: pass must be a boolean`);
    if (r.value !== undefined && typeof r.value !== 'string') throw new Error(`${where}: value must be a string when present`);
    if (r.skipped !== undefined && typeof r.skipped !== 'string') throw new Error(`${where}: skipped must be a string when present`);
    if (r.reportOnly !== undefined && typeof r.reportOnly !== 'boolean') throw new Error(`${where}: reportOnly must be a boolean when present`);
  });
  return value as BenchResult[];
}

/**
 * Bundles `entryCode` (TypeScript, resolved from the repo root) with esbuild, with `vscode` replaced by
 * bench/vscodeShim.ts, and loads it. This runs the real UI adapters in plain Node; the entry should re-export
 * the shim (`export * as vscode from 'vscode'`) so the bench can drive the very instance the adapters use.
 */
export async function loadWithVscodeShim<T>(name: string, entryCode: string): Promise<T> {
  const esbuild = await import('esbuild');
  const shim = path.join(REPO_ROOT, 'bench', 'vscodeShim.ts');
  const built = await esbuild.build({
    stdin: { contents: entryCode, resolveDir: REPO_ROOT, loader: 'ts', sourcefile: `bench-${name}-entry.ts` },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
    plugins: [
      {
        name: 'vscode-shim',
        setup(build) {
          build.onResolve({ filter: /^vscode$/ }, () => ({ path: shim }));
        },
      },
    ],
  });
  const scratch = scratchDir(`shim-${name}`);
  try {
    const file = path.join(scratch.dir, `${name}.cjs`);
    fs.writeFileSync(file, built.outputFiles[0]!.text);
    return require(file) as T;
  } finally {
    scratch.remove();
  }
}

/** Sentences of real prose: the sample articles and the CheckThat! train sentences (data/checkworthy). */
export function proseSentences(): string[] {
  const sentences: string[] = [];
  for (const dir of [path.join(REPO_ROOT, 'test/fixtures/articles')]) {
    if (!fs.existsSync(dir)) continue;
    for (const file of fs
      .readdirSync(dir)
      .filter((f) => /\.(?:txt|md|markdown)$/.test(f))
      .sort()) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const line of text.split(/\n+/)) {
        for (const sentence of line.split(/(?<=[.!?])\s+(?=[A-Z“"])/)) {
          const trimmed = sentence.replace(/^\s*[•*-]\s*/, '').trim();
          if (trimmed.length >= 30) sentences.push(trimmed);
        }
      }
    }
    break;
  }
  const checkThat = path.join(REPO_ROOT, 'data/checkworthy/CT24_checkworthy_english_train.tsv');
  {
    for (const line of fs.readFileSync(checkThat, 'utf8').split(/\r?\n/).slice(1)) {
      const text = line
        .split('\t')[1]
        ?.trim()
        .replace(/^"(.*)"$/, '$1')
        .replace(/""/g, '"');
      if (text && text.length >= 30 && text.length <= 320) sentences.push(text);
    }
  }
  if (sentences.length === 0) throw new Error('no prose found in test/fixtures/articles');
  return sentences;
}

export interface GeneratedArticle {
  text: string;
  /** Every sentence's [start, end), in order. */
  sentences: Array<{ start: number; end: number }>;
}

/**
 * An article of about `length` UTF-16 code units: paragraphs of 3-6 sentences, one paragraph per line and a
 * blank line between paragraphs, as Markdown articles are usually written.
 */
export function generateArticle(length: number, random: Random, pool = proseSentences()): GeneratedArticle {
  const parts: string[] = [];
  const sentences: Array<{ start: number; end: number }> = [];
  let at = 0;
  while (at < length) {
    const count = random.int(3, 7);
    for (let i = 0; i < count; i++) {
      const sentence = random.pick(pool);
      if (i > 0) {
        parts.push(' ');
        at += 1;
      }
      parts.push(sentence);
      sentences.push({ start: at, end: at + sentence.length });
      at += sentence.length;
    }
    parts.push('\n\n');
    at += 2;
  }
  return { text: parts.join(''), sentences };
}
