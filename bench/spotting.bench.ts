// spotClaims throughput (sentence split + score) on prose, next to a plain regex cue scan over the same text
// (target: at least 5 MB/s on one core); and on news prose, what a user sees by default: the share of sentences
// shown as candidates on the news-clusters corpus (NEWS_CLUSTERS_DIR, skipped when unset or absent; target at
// most 30 %) and the precision of those shown on our labelled news sentences (data/news-spotting, report half;
// target at least 0.8).   npx tsx bench/spotting.bench.ts
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { spotClaims } from '../src/core/spotting/spotter';
import { type BenchOptions, type BenchResult, median } from './harness';

const repoRoot = path.resolve(import.meta.dirname, '..');

function sampleArticles(): string[] {
  for (const dir of [path.join(repoRoot, 'test/fixtures/articles')]) {
    if (!fs.existsSync(dir)) continue;
    const files = fs
      .readdirSync(dir)
      .filter((f) => /\.(?:txt|md|markdown)$/.test(f))
      .sort();
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
const CUE_SCAN =
  /[$€£]\s?\d|\d+(?:\.\d+)?\s?%|\b(?:said|reported|according to|billion|million|January|February|March|April|May|June|July|August|September|October|November|December)\b|\d/g;
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

function articleFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...articleFiles(full));
    else if (/\.(?:txt|md|markdown)$/.test(entry.name)) found.push(full);
  }
  return found;
}

/** The share of sentences shown by default over a corpus of articles, each article with its own budget. */
function newsShare(quick: boolean): BenchResult {
  const figure = 'news: share of sentences shown as candidates by default (news-clusters corpus)';
  const dir = process.env.NEWS_CLUSTERS_DIR;
  if (!dir || !fs.existsSync(dir)) {
    const why = dir
      ? `NEWS_CLUSTERS_DIR=${dir} does not exist`
      : 'set NEWS_CLUSTERS_DIR to a folder of the news-clusters corpus (kept outside the repository) to measure it';
    console.error(`spotting bench: news share skipped: ${why}`);
    return { figure, medianMs: 0, target: '<= 30 %', pass: false, skipped: why };
  }
  const files = articleFiles(dir).slice(0, quick ? 20 : undefined);
  let sentences = 0;
  let shown = 0;
  let checkWorthy = 0;
  let bytes = 0;
  let mostInOneArticle = 0;
  const started = performance.now();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    const spotted = spotClaims(text);
    const inArticle = spotted.filter((s) => s.shown).length;
    sentences += spotted.length;
    shown += inArticle;
    checkWorthy += spotted.filter((s) => s.checkWorthy).length;
    mostInOneArticle = Math.max(mostInOneArticle, inArticle);
  }
  const share = shown / Math.max(1, sentences);
  return {
    figure,
    medianMs: Number((performance.now() - started).toFixed(1)),
    value: `${(share * 100).toFixed(1)} %`,
    target: '<= 30 %',
    pass: share <= 0.3,
    details: {
      articles: files.length,
      megabytes: Number((bytes / 1e6).toFixed(2)),
      sentences,
      shown,
      aboveThresholdBeforeBudget: checkWorthy,
      shareAboveThresholdBeforeBudget: Number((checkWorthy / Math.max(1, sentences)).toFixed(3)),
      mostShownInOneArticle: mostInOneArticle,
    },
  };
}

interface LabelledSentence {
  split: 'tune' | 'report';
  article: string;
  start: number;
  end: number;
  yes: boolean;
  text: string;
}

export function readNewsLabels(dir = path.join(repoRoot, 'data/news-spotting')): LabelledSentence[] {
  const file = path.join(dir, 'labels.tsv');
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '');
  return lines.map((line, i) => {
    const [split, article, start, end, label, text] = line.split('\t');
    if ((split !== 'tune' && split !== 'report') || (label !== 'Yes' && label !== 'No') || text === undefined) {
      throw new Error(`${file}:${i + 2}: expected split (tune|report), article, start, end, label (Yes|No), text`);
    }
    return { split, article, start: Number(start), end: Number(end), yes: label === 'Yes', text };
  });
}

/**
 * Precision at the default on the labelled news sentences: of the sentences each article shows by default,
 * the share labelled check-worthy. `split` picks the half; the bench reports the 'report' half only.
 */
export function newsPrecision(split: 'tune' | 'report', dir = path.join(repoRoot, 'data/news-spotting')) {
  const labels = readNewsLabels(dir).filter((l) => l.split === split);
  const byArticle = new Map<string, LabelledSentence[]>();
  for (const label of labels) byArticle.set(label.article, [...(byArticle.get(label.article) ?? []), label]);
  let shown = 0;
  let shownYes = 0;
  let yes = 0;
  let unmatched = 0;
  for (const [article, sentences] of byArticle) {
    const text = fs.readFileSync(path.join(dir, 'articles', article), 'utf8');
    const spotted = spotClaims(text);
    yes += sentences.filter((s) => s.yes).length;
    for (const s of spotted.filter((x) => x.shown)) {
      const label = sentences.find((l) => l.start === s.start && l.end === s.end) ?? sentences.find((l) => l.text === s.text.replace(/\s+/g, ' '));
      if (!label) {
        unmatched++;
        continue;
      }
      shown++;
      if (label.yes) shownYes++;
    }
  }
  return {
    articles: byArticle.size,
    sentences: labels.length,
    labelledYes: yes,
    shown,
    shownYes,
    unmatched,
    precision: shown === 0 ? 0 : shownYes / shown,
    recall: yes === 0 ? 0 : shownYes / yes,
  };
}

function newsPrecisionResult(): BenchResult {
  const started = performance.now();
  const result = newsPrecision('report');
  return {
    figure: 'news: precision of the candidates shown by default (our labelled news sentences, report half)',
    medianMs: Number((performance.now() - started).toFixed(1)),
    value: `${result.precision.toFixed(3)} (${result.shownYes}/${result.shown})`,
    target: '>= 0.8',
    pass: result.precision >= 0.8 && result.unmatched === 0,
    details: { ...result, data: 'data/news-spotting/labels.tsv, split "report" (12 articles, never used for a choice)' },
  };
}

export async function run(options: BenchOptions = { quick: process.env.CLAIMS_BENCH_QUICK === '1' }): Promise<BenchResult[]> {
  const news = [newsShare(options.quick), newsPrecisionResult()];
  const text = corpus(options.quick ? 512 * 1024 : 10 * 1024 * 1024);
  // The target is in MB/s as the issue states it: 10^6 bytes (the figure divided by 2^20 bytes is 4.6 % lower; both are
  // reported).
  const megabytes = Buffer.byteLength(text) / 1e6;
  const mebibytes = Buffer.byteLength(text) / (1024 * 1024);
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
        mebibytesPerSecond: Number((mebibytes / (medianMs / 1000)).toFixed(2)),
        wallMedianMs: Number(median(spotTimes.wall).toFixed(1)),
        wallMegabytesPerSecond: Number((megabytes / (median(spotTimes.wall) / 1000)).toFixed(2)),
        baselineMegabytesPerSecond: Number((megabytes / (baselineMs / 1000)).toFixed(2)),
        sentences,
        baseline: 'one regex cue scan over the same text',
      },
    },
    ...news,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then((results) => console.log(JSON.stringify(results, null, 2)));
}
