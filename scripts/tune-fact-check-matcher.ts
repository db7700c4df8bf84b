// Tunes the fact-check matcher's re-ranking weights on the CheckThat! 2021 task 2B TRAIN split only, by coordinate
// ascent on MAP@5; the dev split is never scored here (bench/factCheckMatching.bench.ts reports it).
//   CLAIMS_FACT_CHECK_DATA=DIR npx tsx scripts/tune-fact-check-matcher.ts [--with-context]
// --with-context gives each sentence the date and speaker its event's name carries, as an article would.
import { contextOf, dataFolder, loadCheckThat, measure, type EvalQuery } from '../bench/factCheckEval';
import { type CandidateFeatures, DEFAULT_WEIGHTS, FactCheckIndex, type RerankWeights } from '../src/core/factChecks/factCheckMatcher';

const { dir, why } = dataFolder();
if (!dir) {
  console.error(why);
  process.exit(2);
}
const data = loadCheckThat(dir);
const withContext = process.argv.includes('--with-context');
const index = FactCheckIndex.build(data.archive, { baseline: true });
const train: EvalQuery[] = withContext ? data.train.map((q) => ({ ...q, ...contextOf(q.id) })) : data.train;
// Retrieval does not depend on the weights: compute each query's candidates once.
const candidates = new Map<EvalQuery, CandidateFeatures[]>(train.map((q) => [q, index.candidates(q)]));
const evaluate = (weights: RerankWeights) => measure(train, (q) => index.rank(candidates.get(q)!, weights).map((r) => index.entries[r.entry]!.id));
console.log(
  'train plain BM25 baseline',
  measure(train, (q) => index.baseline(q.text, 50).map((e) => e.id)),
);
const zero: RerankWeights = {
  bm25: 1,
  queryCoverage: 0,
  entryCoverage: 0,
  numbers: 0,
  entities: 0,
  phrases: 0,
  speaker: 0,
  date: 0,
  dateScaleDays: 30,
  sameDay: 0,
  later: 0,
};
console.log('train retrieval only', evaluate(zero));
let best: RerankWeights = { ...DEFAULT_WEIGHTS };
if (!withContext) best.speaker = best.date = best.sameDay = best.later = 0;
let bestMap = evaluate(best).map5;
console.log('start', bestMap.toFixed(4));
const contextKeys = new Set(['speaker', 'date', 'dateScaleDays', 'sameDay', 'later']);
const keys = (Object.keys(best) as Array<keyof RerankWeights>).filter((k) => withContext || !contextKeys.has(k));
for (let round = 0; round < 4; round++) {
  let improved = false;
  for (const key of keys) {
    for (const value of [0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 5].map((v) => (key === 'dateScaleDays' ? v * 20 || 1 : v))) {
      const trial = { ...best, [key]: value };
      const map = evaluate(trial).map5;
      if (map > bestMap + 1e-4) {
        bestMap = map;
        best = trial;
        improved = true;
        console.log(`round ${round} ${key}=${value} MAP@5 ${map.toFixed(4)}`);
      }
    }
  }
  if (!improved) break;
}
console.log('best on train', evaluate(best));
console.log(JSON.stringify(best));
if (withContext) {
  const textOnly = new Map<EvalQuery, CandidateFeatures[]>(data.train.map((q) => [q, index.candidates({ text: q.text })]));
  console.log(
    'the same weights, sentences without context',
    measure(data.train, (q) => index.rank(textOnly.get(q)!, best).map((r) => index.entries[r.entry]!.id)),
  );
}
