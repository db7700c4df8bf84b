// Re-anchoring on real revisions: the project's anchor() beside the Hypothesis-style baseline, in the same run, on
// pairs of consecutive real revisions of long Markdown documents (scored as in bench/revisionPairs.ts).
//
// The corpora stay outside the repository: give their paths (JSON lines of {id, repo, path, oldText, newText}) in
// CLAIMS_REVISION_PAIRS, several separated by the platform's path delimiter (":" on Linux). Without it the figure
// is skipped with a message. Each corpus is split by document (bench/revisionPairs.ts halfOf): the anchoring was
// tuned on the "tune" half of the development corpus; the "report" half and other corpora were not looked at while
// tuning.
//
//   CLAIMS_REVISION_PAIRS=/path/dev-pairs.jsonl npm run bench -- --only revision
//   npx tsx bench/revisionAnchoring.bench.ts --pairs /path/dev-pairs.jsonl [--half tune|report|all] [--misses]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { anchor } from '../src/core/anchoring/anchoring';
import { hypothesisAnchor } from './anchoringBaseline';
import type { BenchOptions, BenchResult } from './harness';
import { type Anchorer, halfOf, isHit, readPairs, type RevisionPair, score, type Score, type Target, targetsOf } from './revisionPairs';

export const CORPUS_VARIABLE = 'CLAIMS_REVISION_PAIRS';

const ours: Anchorer = (text, selector) => anchor(text, selector);
const baseline: Anchorer = (text, selector) => hypothesisAnchor(text, selector);

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)} %`);

function meetsTargets(s: Score, speedup: number): boolean {
  return s.exact >= 1 && s.modified >= 0.98 && s.moved >= 0.97 && s.falseAnchors <= 0.02 && speedup >= 5;
}

function summary(s: Score): string {
  return `exact ${pct(s.exact)}, modified ${pct(s.modified)}, moved ${pct(s.moved)}, false anchors ${pct(s.falseAnchors)}, wrong ${s.wrong}`;
}

/** Ours and the baseline on the same targets, timed alternately twice (the faster pass kept for each). */
function compareOn(targets: Target[]): { ours: Score; baseline: Score } {
  let best: { ours: Score; baseline: Score } | undefined;
  for (let pass = 0; pass < 2; pass++) {
    const o = score(targets, ours);
    const b = score(targets, baseline);
    if (!best) best = { ours: o, baseline: b };
    else {
      best.ours.msPerAnchor = Math.min(best.ours.msPerAnchor, o.msPerAnchor);
      best.baseline.msPerAnchor = Math.min(best.baseline.msPerAnchor, b.msPerAnchor);
    }
  }
  return best!;
}

function figureFor(label: string, targets: Target[], pairs: number): BenchResult {
  const { ours: o, baseline: b } = compareOn(targets);
  const speedup = b.msPerAnchor / o.msPerAnchor;
  return {
    figure: `real revisions, ${label}: ${summary(o)}`,
    medianMs: o.msPerAnchor,
    baselineMs: b.msPerAnchor,
    ratio: { value: speedup, label: 'x faster' },
    target: 'exact 100 %, modified >= 98 %, moved >= 97 %, false anchors <= 2 %, >= 5x faster',
    pass: meetsTargets(o, speedup),
    details: { pairs, targets: targets.length, classes: o.counts, ours: o, baseline: b, baselineSummary: summary(b) },
  };
}

function corpusPaths(): string[] {
  return (process.env[CORPUS_VARIABLE] ?? '').split(path.delimiter).filter((p) => p.trim().length > 0);
}

export async function run(options?: BenchOptions): Promise<BenchResult[]> {
  const files = corpusPaths();
  if (files.length === 0) {
    const reason = `${CORPUS_VARIABLE} is not set (the path of a revision-pairs JSONL corpus, kept outside the repository)`;
    console.log(`revision anchoring: skipped: ${reason}`);
    return [{ figure: 'real revisions: re-anchoring (corpus not given)', medianMs: 0, target: 'see README', pass: true, skipped: reason }];
  }
  const results: BenchResult[] = [];
  for (const file of files) {
    let pairs = readPairs(file);
    if (options?.quick) pairs = pairs.slice(0, 6);
    const name = path.basename(file);
    const all = pairs.flatMap((pair) => targetsOf(pair));
    const report = all.filter((t) => halfOf(t.pair) === 'report');
    results.push(
      figureFor(
        `${name}, report half (${new Set(report.map((t) => `${t.pair.repo}:${t.pair.path}`)).size} documents)`,
        report,
        pairs.filter((p) => halfOf(p) === 'report').length,
      ),
    );
    results.push(figureFor(`${name}, all ${pairs.length} pairs`, all, pairs.length));
  }
  return results;
}

function printMisses(targets: Target[]): void {
  for (const t of targets) {
    if (t.cls === 'rewritten') continue;
    const r = anchor(t.pair.newText, t.selector);
    const bad = t.cls === 'deleted' ? r !== null : !isHit(t, r);
    if (!bad) continue;
    const shown = (s: number, e: number) => JSON.stringify(t.pair.newText.slice(s, e));
    console.log(`--- ${t.cls} (kept ${(100 * t.keptFrac).toFixed(0)} %) ${t.pair.id} at ${t.selector.start}`);
    console.log(`  quote: ${JSON.stringify(t.selector.exact)}`);
    if (t.truth) console.log(`  truth: ${shown(t.truth.start, t.truth.end)}`);
    console.log(`  got:   ${r ? `${shown(r.start, r.end)} score ${r.score.toFixed(3)} ${r.method}` : 'orphaned'}`);
  }
}

if (require.main === module) {
  const { values } = parseArgs({
    options: { pairs: { type: 'string' }, half: { type: 'string', default: 'tune' }, misses: { type: 'boolean' }, baseline: { type: 'boolean' } },
  });
  const file = values.pairs ?? corpusPaths()[0];
  if (!file) throw new Error(`give --pairs FILE or ${CORPUS_VARIABLE}`);
  const pairs: RevisionPair[] = readPairs(file).filter((p) => values.half === 'all' || halfOf(p) === values.half);
  const targets = pairs.flatMap((pair) => targetsOf(pair));
  const o = score(targets, ours);
  console.log(`${pairs.length} pairs, ${targets.length} targets, classes ${JSON.stringify(o.counts)}`);
  console.log(`ours:     ${summary(o)}, ${o.msPerAnchor.toFixed(4)} ms/anchor`);
  if (values.baseline) {
    const b = score(targets, baseline);
    console.log(`baseline: ${summary(b)}, ${b.msPerAnchor.toFixed(4)} ms/anchor`);
  }
  if (values.misses) printMisses(targets);
}
