// The CheckThat! 2021 task 2B (English) data and its measures, shared by the matching benchmark and the tuning
// script. The data stays outside the repository (8.7 MB): its folder comes from --fact-check-data DIR or the
// environment variable CLAIMS_FACT_CHECK_DATA; see bench/factCheckMatching.bench.ts.
import fs from 'node:fs';
import path from 'node:path';
import { type FactCheck, parseFactCheckArchive } from '../src/core/factChecks/factCheckArchive';
import type { MatchQuery } from '../src/core/factChecks/factCheckMatcher';

export const DATA_ENV = 'CLAIMS_FACT_CHECK_DATA';

export interface EvalQuery extends MatchQuery {
  id: string;
  relevant: Set<string>;
}

export interface CheckThatData {
  archive: FactCheck[];
  archiveBytes: number;
  archiveText: string;
  train: EvalQuery[];
  dev: EvalQuery[];
}

/** The data folder from the flag or the environment, or undefined (and why) when it is not there. */
export function dataFolder(argv: readonly string[] = process.argv): { dir?: string; why?: string } {
  const flag = argv.findIndex((a) => a === '--fact-check-data' || a.startsWith('--fact-check-data='));
  const given = flag >= 0 ? (argv[flag]!.includes('=') ? argv[flag]!.split('=')[1] : argv[flag + 1]) : process.env[DATA_ENV];
  if (!given) return { why: `set ${DATA_ENV} (or pass --fact-check-data DIR) to the CheckThat! 2021 task 2B folder` };
  const dir = path.resolve(given);
  for (const file of ['politifact-vclaims.jsonl', 'iclaims.queries', 'train.tsv', 'dev.tsv']) {
    if (!fs.existsSync(path.join(dir, file))) return { why: `${dir} has no ${file}` };
  }
  return { dir };
}

// Who speaks at an event whose name says so ("20170822_Trump_phoenix"): what an article about it would name.
const SPEAKERS: Array<[RegExp, string]> = [
  [/trum[po]|tump/i, 'Donald Trump'],
  [/obama/i, 'Barack Obama'],
  [/sanders/i, 'Bernie Sanders'],
  [/cruz/i, 'Ted Cruz'],
  [/kasich/i, 'John Kasich'],
  [/hillary/i, 'Hillary Clinton'],
];

/** The date and, where the event's name gives one, the speaker of a query, from its id "YYYYMMDD_event_NNNN". */
export function contextOf(queryId: string): { date?: string; speaker?: string } {
  const match = /^(\d{4})(\d{2})(\d{2})_(.*)_\d+$/.exec(queryId);
  if (!match) return {};
  const speakers = SPEAKERS.filter(([pattern]) => pattern.test(match[4]!));
  return { date: `${match[1]}-${match[2]}-${match[3]}`, speaker: speakers.length === 1 ? speakers[0]![1] : undefined };
}

function readQrels(file: string): Map<string, Set<string>> {
  const qrels = new Map<string, Set<string>>();
  for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const [queryId, , docId, relevance] = line.split('\t');
    if (!queryId || !docId || relevance?.trim() !== '1') continue;
    if (!qrels.has(queryId)) qrels.set(queryId, new Set());
    qrels.get(queryId)!.add(docId);
  }
  return qrels;
}

export function loadCheckThat(dir: string): CheckThatData {
  const archiveText = fs.readFileSync(path.join(dir, 'politifact-vclaims.jsonl'), 'utf8');
  const parsed = parseFactCheckArchive(archiveText);
  if (parsed.problems.length > 0) throw new Error(`politifact-vclaims.jsonl:${parsed.problems[0]!.line}: ${parsed.problems[0]!.message}`);
  const texts = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(dir, 'iclaims.queries'), 'utf8').split(/\r?\n/)) {
    const tab = line.indexOf('\t');
    if (tab > 0) texts.set(line.slice(0, tab), line.slice(tab + 1));
  }
  const split = (file: string): EvalQuery[] =>
    [...readQrels(path.join(dir, file))].map(([id, relevant]) => {
      const text = texts.get(id);
      if (text === undefined) throw new Error(`${file}: query ${id} is not in iclaims.queries`);
      return { id, text, relevant };
    });
  return { archive: parsed.entries, archiveBytes: Buffer.byteLength(archiveText), archiveText, train: split('train.tsv'), dev: split('dev.tsv') };
}

export interface Measures {
  map1: number;
  map5: number;
  mrr: number;
  queries: number;
}

/** The task's measures: AP@k divides by all relevant fact-checks (as the CheckThat! scorer does); MRR over the list given. */
export function measure(queries: readonly EvalQuery[], rank: (query: EvalQuery) => string[]): Measures {
  let map1 = 0;
  let map5 = 0;
  let mrr = 0;
  for (const query of queries) {
    const ranked = rank(query);
    const ap = (k: number) => {
      let correct = 0;
      let sum = 0;
      ranked.slice(0, k).forEach((id, i) => {
        if (query.relevant.has(id)) sum += ++correct / (i + 1);
      });
      return sum / query.relevant.size;
    };
    map1 += ap(1);
    map5 += ap(5);
    const first = ranked.findIndex((id) => query.relevant.has(id));
    if (first >= 0) mrr += 1 / (first + 1);
  }
  const n = queries.length;
  return { map1: map1 / n, map5: map5 / n, mrr: mrr / n, queries: n };
}
