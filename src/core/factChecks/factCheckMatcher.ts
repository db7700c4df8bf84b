// "Fact-checked before?": ranks an archive's fact-checks by how likely each checks the same claim as a sentence.
//
// Two stages, in process and without network:
//  1. Retrieval: BM25 (src/core/factChecks/bm25.ts) over the claim as checked, the fact-check's headline and the
//     speaker, on stemmed, stop-word-free terms. It picks CANDIDATES fact-checks.
//  2. Re-ranking: the BM25 score (relative to the best candidate's) plus what the sentence and the fact-check
//     share: numbers ("$4,300", "23 million"), named entities (capitalised names, acronyms), the share of the
//     sentence's key terms (by IDF) the fact-check covers and vice versa, and, when known, the speaker and how
//     close the fact-check's date is to the date the sentence was said.
//
// The weights were tuned on the CheckThat! 2021 task 2B train split only (scripts/tune-fact-check-matcher.ts);
// the dev split reports them (bench/factCheckMatching.bench.ts, README "Earlier fact-checks").
import { stemmer } from 'stemmer';
import { Bm25Index } from './bm25';
import type { FactCheck } from './factCheckArchive';

/** What to match: the sentence, and what the article says about it when known. */
export interface MatchQuery {
  text: string;
  /** Who made the claim, when the article names them. */
  speaker?: string;
  /** When the claim was made (YYYY-MM-DD). */
  date?: string;
}

export interface FactCheckMatch {
  entry: FactCheck;
  /** The re-ranked score: comparable across queries, so one threshold fits all (see MATCH_THRESHOLD). */
  score: number;
}

export interface RerankWeights {
  bm25: number;
  queryCoverage: number;
  entryCoverage: number;
  numbers: number;
  entities: number;
  phrases: number;
  speaker: number;
  date: number;
  /** Days over which the date closeness decays to 1/e. */
  dateScaleDays: number;
  /** For a fact-check of a claim made the same day (give or take one): checkers cover debates and speeches live. */
  sameDay: number;
  /** Against a fact-check of a claim made after the sentence was said: it cannot be the same claim, unless repeated. */
  later: number;
}

/** Tuned on the train split (see the header); never on dev. */
export const DEFAULT_WEIGHTS: RerankWeights = {
  bm25: 0.75,
  queryCoverage: 0,
  entryCoverage: 1,
  numbers: 0.2,
  entities: 0.05,
  phrases: 0.1,
  speaker: 0.3,
  date: 0.5,
  dateScaleDays: 100,
  sameDay: 0.1,
  later: 1,
};

/** Field boosts for retrieval (the headline restates the claim in the checker's words; the speaker is short). */
export const DEFAULT_BOOSTS = { claim: 1, headline: 1, speaker: 0.5 };

/** BM25's own parameters for retrieval. */
export const BM25_PARAMETERS = { k1: 1.2, b: 0.75 };

/**
 * Score from which a match is shown in hovers and badges and counts as a CLI finding: on the train split (sentences
 * alone), the lowest score at which the best match was the right fact-check three times in four (precision 0.75,
 * recall 0.83 of the right ones found first).
 */
export const MATCH_THRESHOLD = 1.3;

/** How many BM25 hits are re-ranked: enough to hold the right one nearly always, few enough to stay fast. */
const CANDIDATES = 50;
/** Fact-checks of claims made this many days either side of a sentence's date join the candidates. */
const SAME_DAY_WINDOW = 1;

// A short English stop-word list: function words, and the reporting verbs fact-check claims start with ("Says").
const STOP_WORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself his ' +
    'how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out ' +
    'over own same she should so some such than that the their theirs them themselves then there these they this those through to too ' +
    'under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    'says said say saying stated claims claimed claim according ' +
    "let us got get going go gonna want know think thing things lot really well yes okay ok oh actually way look just s t don didn doesn isn wasn aren won can't"
  ).split(/\s+/),
);

const stemCache = new Map<string, string>();

/** Forgets the stems seen so far, so a benchmark can time a first (cold) load as the editor's first load is. */
export function clearStemCache(): void {
  stemCache.clear();
}

function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = stemmer(word);
    if (stemCache.size < 200_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

const WORD = /[\p{L}\p{N}]+(?:[.,'’][\p{L}\p{N}]+)*/gu;
/** The same for ASCII text, which most archive lines are: several times faster than the Unicode classes. */
const ASCII_WORD = /[a-z0-9]+(?:[.,'][a-z0-9]+)*/g;
const NON_ASCII = /[^\p{ASCII}]/u;
const SCALE_WORDS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

/** The text's words with typographic variants folded (curly quotes, dashes) and lower-cased. */
function words(text: string): string[] {
  // NFKC only where it can change something: most archive text is ASCII.
  if (!NON_ASCII.test(text)) return text.toLowerCase().match(ASCII_WORD) ?? [];
  return text.normalize('NFKC').toLowerCase().match(WORD) ?? [];
}

/** Stemmed content terms: numbers as written without thousands separators, no stop words. */
export function analyze(text: string): string[] {
  const terms: string[] = [];
  for (let word of words(text)) {
    if (word.includes("'") || word.includes('’')) word = word.replace(/[’']s$/, '').replace(/[’']/g, '');
    const first = word.charCodeAt(0);
    if (first >= 48 && first <= 57 && /^\d[\d,]*(\.\d+)?$/.test(word)) {
      terms.push(word.includes(',') ? word.replace(/,/g, '') : word);
      continue;
    }
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    terms.push(stem(word));
  }
  return terms;
}

/** Numbers in the text as values: "$4,300" -> 4300, "23 million" -> 23000000, "10%" -> 10. */
export function numbersIn(text: string): Set<number> {
  const found = new Set<number>();
  const pattern = /(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion)?/gi;
  for (const match of text.matchAll(pattern)) {
    const value = Number(match[1]!.replace(/,/g, ''));
    if (!Number.isFinite(value)) continue;
    found.add(match[2] ? value * SCALE_WORDS[match[2].toLowerCase()]! : value);
  }
  return found;
}

/**
 * Named entities, roughly: capitalised words and acronyms that are not stop words, stemmed and lower-cased. The
 * first word of a sentence is capitalised anyway, so it counts only when it is an acronym.
 */
export function entitiesIn(text: string): Set<string> {
  const found = new Set<string>();
  const pattern = /[\p{L}][\p{L}'’.-]*/gu;
  let first = true;
  for (const match of text.normalize('NFKC').matchAll(pattern)) {
    const word = match[0].replace(/[’']s$/, '').replace(/[.'’-]+$/, '');
    const isAcronym = word.length >= 2 && word === word.toUpperCase() && /\p{Lu}/u.test(word);
    const capitalised = /^\p{Lu}/u.test(word);
    const lower = word.toLowerCase();
    if ((isAcronym || (capitalised && !first)) && !STOP_WORDS.has(lower) && lower.length > 1) found.add(stem(lower.replace(/\./g, '')));
    first = /[.!?]$/.test(match[0]);
  }
  return found;
}

const NAME = "\\p{Lu}[\\p{L}'’.-]+(?:\\s+\\p{Lu}[\\p{L}'’.-]+){0,2}";
const SAID = '(?:said|says|claimed|claims|told|stated|tweeted|wrote|argued|asserted|insisted|declared)';
const NAME_THEN_SAID = new RegExp(`(${NAME})(?:,[^,.;:!?]{1,60},)?\\s+${SAID}\\b`, 'u');
const SAID_THEN_NAME = new RegExp(`\\b(?:${SAID}|[Aa]ccording to)\\s+(${NAME})`, 'u');
const NOT_NAMES = new Set([
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'the',
  'this',
  'that',
  'a',
  'an',
  'his',
  'her',
  'their',
  'our',
  'officials',
  'critics',
  'experts',
  'some',
  'many',
]);

/**
 * Who the article says made a claim, from the paragraph around it: "Obama said", "said Senator Ted Cruz",
 * "according to Bernie Sanders". Pronouns and generic subjects ("He said", "Officials said") give none.
 */
export function speakerNamedIn(paragraph: string): string | undefined {
  for (const pattern of [NAME_THEN_SAID, SAID_THEN_NAME]) {
    const match = pattern.exec(paragraph);
    const name = match?.[1]?.replace(/[.’'-]+$/, '');
    if (name && !NOT_NAMES.has(name.split(/\s+/)[0]!.toLowerCase())) return name;
  }
  return undefined;
}

/** Name parts that identify a speaker ("Donald Trump" -> trump, donald); "posts", "says" and the like drop out. */
function nameParts(speaker: string): Set<string> {
  return new Set(words(speaker).filter((w) => w.length > 2 && !STOP_WORDS.has(w) && !/^(post|posts|blog|group|ad|ads|viral|image|facebook|tiktok)$/.test(w)));
}

/** `to` minus `from` in days. */
function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

interface EntryFeatures {
  terms: Set<string>;
  numbers: Set<number>;
  entities: Set<string>;
  speaker: Set<string>;
  /** Adjacent term pairs ("border wall"), for shared phrases. */
  pairs: Set<string>;
}

/** What one candidate shares with the query: the inputs of the re-ranking score. */
export interface CandidateFeatures {
  entry: number;
  bm25: number;
  queryCoverage: number;
  entryCoverage: number;
  numbers: number;
  entities: number;
  phrases: number;
  speaker: number;
  /** The entry's date minus the query's, in days; undefined when either is unknown. */
  days?: number;
}

function pairsOf(terms: readonly string[]): Set<string> {
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return pairs;
}

/** The re-ranking score of one candidate; `bestBm25` is the first candidate's BM25 score. */
export function rerankScore(f: CandidateFeatures, bestBm25: number, weights: RerankWeights): number {
  return (
    weights.bm25 * (bestBm25 > 0 ? f.bm25 / bestBm25 : 0) +
    weights.queryCoverage * f.queryCoverage +
    weights.entryCoverage * f.entryCoverage +
    weights.numbers * Math.min(f.numbers, 3) +
    weights.entities * Math.min(f.entities, 3) +
    weights.phrases * Math.min(f.phrases, 3) +
    weights.speaker * f.speaker +
    (f.days === undefined
      ? 0
      : weights.date * Math.exp(-Math.abs(f.days) / weights.dateScaleDays) +
        weights.sameDay * Number(Math.abs(f.days) <= 1) -
        weights.later * Number(f.days > 1))
  );
}

/** An archive, indexed once. Build it off the hot path; queries are then cheap. */
export class FactCheckIndex {
  private readonly retrieval: Bm25Index;
  private readonly plain?: Bm25Index;
  private readonly features: Array<EntryFeatures | undefined>;
  private byDate?: Map<string, number[]>;

  private constructor(
    readonly entries: readonly FactCheck[],
    options: { baseline?: boolean; boosts?: typeof DEFAULT_BOOSTS },
  ) {
    const boost = options.boosts ?? DEFAULT_BOOSTS;
    this.retrieval = new Bm25Index(
      entries.map((entry) => [
        { terms: analyze(entry.claim), weight: boost.claim },
        { terms: analyze(entry.headline ?? ''), weight: boost.headline },
        { terms: analyze(entry.speaker ?? ''), weight: boost.speaker },
      ]),
      BM25_PARAMETERS,
    );
    this.features = new Array<EntryFeatures | undefined>(entries.length);
    if (options.baseline) {
      // The plain BM25 baseline: claim and headline, lower-cased words, no stemming or stop words, no re-ranking.
      this.plain = new Bm25Index(
        entries.map((entry) => [
          { terms: words(entry.claim), weight: 1 },
          { terms: words(entry.headline ?? ''), weight: 1 },
        ]),
      );
    }
  }

  /** Indexes an archive. `baseline` also builds the plain BM25 index the benchmark compares with. */
  static build(entries: readonly FactCheck[], options: { baseline?: boolean; boosts?: typeof DEFAULT_BOOSTS } = {}): FactCheckIndex {
    return new FactCheckIndex(entries, options);
  }

  get size(): number {
    return this.entries.length;
  }

  /** Entries whose claim was made within SAME_DAY_WINDOW days of the date: candidates beside BM25's best. */
  private statedAround(date: string): Set<number> {
    if (!this.byDate) {
      this.byDate = new Map();
      this.entries.forEach((entry, i) => {
        if (!entry.date) return;
        const list = this.byDate!.get(entry.date) ?? [];
        list.push(i);
        this.byDate!.set(entry.date, list);
      });
    }
    const around = new Set<number>();
    const day = Date.parse(`${date}T00:00:00Z`);
    if (Number.isNaN(day)) return around;
    for (let offset = -SAME_DAY_WINDOW; offset <= SAME_DAY_WINDOW; offset++) {
      const key = new Date(day + offset * 86_400_000).toISOString().slice(0, 10);
      for (const i of this.byDate.get(key) ?? []) around.add(i);
    }
    return around;
  }

  private featuresOf(i: number): EntryFeatures {
    let found = this.features[i];
    if (!found) {
      const entry = this.entries[i]!;
      const text = `${entry.claim} ${entry.headline ?? ''}`;
      const claimTerms = analyze(entry.claim);
      const headlineTerms = analyze(entry.headline ?? '');
      found = {
        terms: new Set([...claimTerms, ...headlineTerms]),
        numbers: numbersIn(text),
        entities: entitiesIn(text),
        speaker: nameParts(entry.speaker ?? ''),
        pairs: new Set([...pairsOf(claimTerms), ...pairsOf(headlineTerms)]),
      };
      this.features[i] = found;
    }
    return found;
  }

  /** The BM25 candidates for a query with what each shares with it, in BM25 order. */
  candidates(query: MatchQuery): CandidateFeatures[] {
    const analyzed = analyze(query.text);
    const terms = [...new Set(analyzed)];
    if (terms.length === 0) return [];
    const hits = this.retrieval.search(terms, CANDIDATES, query.date ? this.statedAround(query.date) : undefined);
    const queryIdf = new Map(terms.map((t) => [t, this.retrieval.idf(t)]));
    let queryIdfSum = 0;
    for (const idf of queryIdf.values()) queryIdfSum += idf;
    const queryNumbers = numbersIn(query.text);
    const queryEntities = entitiesIn(query.text);
    const queryPairs = pairsOf(analyzed);
    const querySpeaker = query.speaker ? nameParts(query.speaker) : undefined;
    return hits.map((hit) => {
      const f = this.featuresOf(hit.doc);
      let shared = 0;
      for (const [term, idf] of queryIdf) if (f.terms.has(term)) shared += idf;
      let entryIdfSum = 0;
      for (const term of f.terms) entryIdfSum += queryIdf.get(term) ?? this.retrieval.idf(term);
      let numbers = 0;
      for (const n of queryNumbers) if (f.numbers.has(n)) numbers++;
      let entities = 0;
      for (const e of queryEntities) if (f.entities.has(e) || f.speaker.has(e)) entities++;
      let phrases = 0;
      for (const pair of queryPairs) if (f.pairs.has(pair)) phrases++;
      let speaker = 0;
      if (querySpeaker) for (const part of querySpeaker) if (f.speaker.has(part)) speaker = 1;
      const entry = this.entries[hit.doc]!;
      return {
        entry: hit.doc,
        bm25: hit.score,
        queryCoverage: queryIdfSum > 0 ? shared / queryIdfSum : 0,
        entryCoverage: entryIdfSum > 0 ? shared / entryIdfSum : 0,
        numbers,
        entities,
        phrases,
        speaker,
        days: query.date && entry.date ? daysBetween(query.date, entry.date) : undefined,
      };
    });
  }

  /** Candidates re-ranked, best first (ties in archive order), with their scores. */
  rank(candidates: readonly CandidateFeatures[], weights: RerankWeights = DEFAULT_WEIGHTS): Array<{ entry: number; score: number }> {
    const bestBm25 = candidates[0]?.bm25 ?? 0;
    return candidates.map((f) => ({ entry: f.entry, score: rerankScore(f, bestBm25, weights) })).sort((a, b) => b.score - a.score || a.entry - b.entry);
  }

  /** The best `top` fact-checks for the query (default 5) at or above `minScore`, best first. */
  match(query: MatchQuery | string, options: { top?: number; weights?: RerankWeights; minScore?: number } = {}): FactCheckMatch[] {
    const q = typeof query === 'string' ? { text: query } : query;
    const minScore = options.minScore ?? -Infinity;
    return this.rank(this.candidates(q), options.weights)
      .filter((s) => s.score >= minScore)
      .slice(0, options.top ?? 5)
      .map(({ entry, score }) => ({ entry: this.entries[entry]!, score: Math.round(score * 1e4) / 1e4 }));
  }

  /** Plain BM25 over claim and headline (only when built with `baseline`): the benchmark's comparison. */
  baseline(text: string, top = 5): FactCheck[] {
    if (!this.plain) throw new Error('this index was built without the baseline');
    return this.plain.search(words(text), top).map((hit) => this.entries[hit.doc]!);
  }
}
