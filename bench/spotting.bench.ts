// spotClaims throughput (sentence split + score) on prose, next to a plain regex cue scan over the same text.
// Target: at least 5 MB/s on one core.   npx tsx bench/spotting.bench.ts
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spotClaims } from '../src/core/spotter';
import { type BenchResult, median } from './harness';

const repoRoot = path.resolve(import.meta.dirname, '..');

function sampleArticles(): string[] {
  for (const dir of [path.join(repoRoot, 'test/fixtures/articles')]) {
    if (!fs.existsSync(dir)) continue;
    const files = fs.readdirSync(dir).filter((f) => /\.(?:txt|md|markdown)$/.test(f)).sort();
    if (files.length > 0) return files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  }
  throw new Error('no sample articles in test/fixtures/articles');
}

/** About `bytes` of prose: the sample articles, repeated with their paragraphs in a varying order. */
function corpus(bytes: number): string {
  const paragraphs = sampleArticles().flatMap((text) => text.split(/\n\s*\n/));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const paragraph = paragraphs[(i * 7) % paragraphs.length];
    parts.push(paragraph);
    size += Buffer.byteLength(paragraph) + 2;
  }
  return parts.join('\n\n');
}

/** The baseline: one pass of the cue regexes over the text, no splitting and no model. */
const CUE_SCAN = /[$€£]\s?\d|\d+(?:\.\d+)?\s?%|\b(?:said|reported|according to|billion|million|January|February|March|April|May|June|July|August|September|October|November|December)\b|\d/g;
function cueScan(text: string): number {
  let count = 0;
  CUE_SCAN.lastIndex = 0;
  while (CUE_SCAN.exec(text)) count++;
  return count;
}

/**
 * CPU time of the process per run (and wall time beside it). The code is single-threaded, so CPU time is the
 * time on one core, and it stays meaningful when other work shares the machine; wall time is reported too.
 */
function time(fn: () => unknown, runs: number): { cpu: number[]; wall: number[] } {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const usage = process.cpuUsage();
    const started = performance.now();
    fn();
    wall.push(performance.now() - started);
    const used = process.cpuUsage(usage);
    cpu.push((used.user + used.system) / 1000);
  }
  return { cpu, wall };
}

export async function run(): Promise<BenchResult[]> {
  const text = corpus(10 * 1024 * 1024);
  const megabytes = Buffer.byteLength(text) / (1024 * 1024);
  spotClaims(text.slice(0, 200_000));
  let sentences = 0;
  const spotTimes = time(() => (sentences = spotClaims(text).length), 5);
  const scanTimes = time(() => cueScan(text), 5);
  const medianMs = median(spotTimes.cpu);
  const baselineMs = median(scanTimes.cpu);
  const rate = megabytes / (medianMs / 1000);
  return [
    {
      figure: `spotClaims throughput (${megabytes.toFixed(1)} MB of news prose)`,
      medianMs: Number(medianMs.toFixed(1)),
      baselineMs: Number(baselineMs.toFixed(1)),
      target: '>= 5 MB/s',
      pass: rate >= 5,
      details: {
        timing: 'CPU time of one thread (median of 5 runs); wall time beside it',
        megabytesPerSecond: Number(rate.toFixed(2)),
        wallMedianMs: Number(median(spotTimes.wall).toFixed(1)),
        wallMegabytesPerSecond: Number((megabytes / (median(spotTimes.wall) / 1000)).toFixed(2)),
        baselineMegabytesPerSecond: Number((megabytes / (baselineMs / 1000)).toFixed(2)),
        sentences,
        baseline: 'one regex cue scan over the same text',
      },
    },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then((results) => console.log(JSON.stringify(results, null, 2)));
}
