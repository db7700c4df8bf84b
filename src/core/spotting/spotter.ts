// Check-worthiness scoring: which sentences state something a fact-checker could verify.
// A linear model over hashed word uni/bigrams, character n-grams and lexical cue features, trained by
// scripts/train-spotter.ts on CLEF CheckThat! 2024 (derived from ClaimBuster).
import fs from 'node:fs';
import path from 'node:path';
import { splitSentences } from './sentences';
import { claimTypeOf, extractFeatures, FeatureBuffer, sentenceCuesAndType, type ClaimType, type ClaimTypeMatch, type FeatureConfig } from './spotterFeatures';

export { CLAIM_TYPES, claimTypeOf, type ClaimType } from './spotterFeatures';

export interface SpotterModel {
  version: 1;
  features: FeatureConfig;
  bias: number;
  /** Decision threshold on the (calibrated) probability, chosen by cross-validation across debates in train. */
  threshold: number;
  /** Weights are int8 values times this scale. */
  scale: number;
  /** Platt scaling of the linear score, fitted on out-of-fold scores: p = sigmoid(slope * z + intercept). */
  calibration?: { slope: number; intercept: number };
  /** Base64 of the int8 weight vector, length 2^bits. */
  weights: string;
}

export interface SentenceScore {
  score: number;
  cues: string[];
}

/**
 * What a sentence is in the article. Only 'body' sentences are candidates, unless the others carry a checkable
 * fact (a figure, a date, a comparison): a headline "Quake kills 42" is worth checking, a headline "A tragedy"
 * or a quote that is pure opinion is not.
 */
export type SentenceRole = 'body' | 'headline' | 'dateline' | 'byline' | 'opinionQuote';

export interface SpottedSentence {
  start: number;
  end: number;
  text: string;
  /** Calibrated check-worthiness, 0..1. */
  score: number;
  /** score >= the threshold. */
  checkWorthy: boolean;
  cues: string[];
  /** The kind of claim, from fact-checkers' cues; 'other' when none shows. */
  type: ClaimType | 'other';
  /** The words that show the type ("23 million Americans"); empty for 'other'. */
  evidence: string;
  role: SentenceRole;
  /** Whether the article's budget lets this sentence be shown as a candidate by default. */
  shown: boolean;
}

export interface SpotOptions {
  /** Score from which a sentence is check-worthy; default: the model's calibrated threshold. */
  threshold?: number;
  /** Largest share of an article's sentences shown as candidates; default DEFAULT_SPOT_SHARE. */
  share?: number;
  /** Most candidates shown per article whatever its length; default MAX_CANDIDATES_PER_ARTICLE. */
  maxCount?: number;
  /**
   * Sentences already handled (claimed or dismissed): never shown, so the budget goes to the next ones; they
   * still count among the article's sentences.
   */
  isHandled?: (sentence: { start: number; end: number; text: string }) => boolean;
}

/** By default at most a quarter of an article's sentences are candidates: enough to cover its figures, few enough to read. */
export const DEFAULT_SPOT_SHARE = 0.25;
/** Never more candidates than this in one article, however long: a list longer than this is not triage. */
export const MAX_CANDIDATES_PER_ARTICLE = 15;

/** Cues worth showing a user as reasons; the others only inform the model. */
const REPORTED_CUES = new Set(['money', 'percent', 'number', 'date', 'comparison', 'attribution']);

export function decodeWeights(model: SpotterModel): Float32Array {
  const quantized = decodeQuantizedWeights(model);
  const weights = new Float32Array(quantized.length);
  for (let i = 0; i < quantized.length; i++) weights[i] = quantized[i]! * model.scale;
  return weights;
}

/** The weights as the model stores them: one signed byte each, to be multiplied by `model.scale`. */
function decodeQuantizedWeights(model: SpotterModel): Int8Array {
  const bytes = Buffer.from(model.weights, 'base64');
  const size = 1 << model.features.bits;
  if (bytes.length !== size) throw new Error(`spotter model: expected ${size} weights, found ${bytes.length}`);
  return Int8Array.from(bytes, (byte) => (byte << 24) >> 24);
}

/** A loaded model: its weights plus a scratch buffer, so scoring allocates nothing per sentence. */
export class Spotter {
  readonly model: SpotterModel;
  // Scoring reads the one-byte weights and applies the scale once per sentence: the 2^20 hashed features are
  // looked up at random, and 1 MB of bytes stays in cache where 4 MB of Float32 did not (spotting ran 1.4× faster).
  private readonly quantized: Int8Array;
  private readonly buffer = new FeatureBuffer();

  constructor(model: SpotterModel) {
    this.model = model;
    this.quantized = decodeQuantizedWeights(model);
  }

  get threshold(): number {
    return this.model.threshold;
  }

  score(sentence: string): SentenceScore {
    const { score, cues } = this.scoreWithAllCues(sentence);
    return { score, cues: cues.filter((cue) => REPORTED_CUES.has(cue)) };
  }

  /** The score, every cue found (the model-only ones included) and the claim type. */
  scoreWithAllCues(sentence: string): SentenceScore & { type: ClaimTypeMatch | undefined } {
    const { cues, type } = sentenceCuesAndType(sentence);
    extractFeatures(sentence, this.model.features, this.buffer, cues);
    const { indices, values, length } = this.buffer;
    const quantized = this.quantized;
    let sum = 0;
    // Indices are masked to the model's size when the features are hashed, so every weight exists.
    for (let i = 0; i < length; i++) sum += quantized[indices[i]!]! * values[i]!;
    let z = this.model.bias + this.model.scale * sum;
    const calibration = this.model.calibration;
    if (calibration) z = calibration.slope * z + calibration.intercept;
    return { score: 1 / (1 + Math.exp(-z)), cues, type };
  }
}

/**
 * The shipped model sits beside the running code: src/core in development, dist/ in the bundles (esbuild.mjs
 * copies it there). It is read on first use, so activating the extension does not pay for 1.4 MB of JSON.
 */
export const SHIPPED_MODEL_FILE = 'spotterModel.json';

let defaultSpotter: Spotter | undefined;
function getDefaultSpotter(): Spotter {
  if (!defaultSpotter) {
    const file = path.join(__dirname, SHIPPED_MODEL_FILE);
    let model: SpotterModel;
    try {
      model = JSON.parse(fs.readFileSync(file, 'utf8')) as SpotterModel;
    } catch (error) {
      throw new Error(`the claim-spotting model ${file} cannot be read: ${(error as Error).message}`, { cause: error });
    }
    defaultSpotter = new Spotter(model);
  }
  return defaultSpotter;
}

/** The check-worthiness of one sentence, 0..1, and the lexical cues that support it. */
export function scoreSentence(sentence: string): SentenceScore {
  return getDefaultSpotter().score(sentence);
}

/** The shipped decision threshold: a sentence scoring at or above it is check-worthy. */
export function spotThreshold(): number {
  return getDefaultSpotter().threshold;
}

/** Claim types that make a headline, dateline, byline or quote worth checking after all. */
const CHECKABLE_TYPES = new Set<ClaimType | 'other'>(['statistic', 'comparison', 'cause', 'rule', 'prediction']);

const BYLINE =
  /^(?:by|posted by|written by|reporting by|reported by|story by|words by|photos? by|edited by|compiled by|additional reporting by|updated|published|posted|last updated)\b/i;
const URL_ONLY = /^(?:<?https?:\/\/|www\.)\S*(?:\s*\.\s*\S+)*>?$/i;
// Each number must end where a non-digit starts, each word where a non-letter starts, so a run of digits or letters splits into
// tokens one way only: "(?:\d{1,4}|…)+" alone backtracks exponentially on a long number that is not a date. A token is also taken
// atomically ("(?=(…))\1" commits to the lookahead's match): "Sept" matches both "sept?" and "[a-z]{2,4}t", and "a.m." may keep or
// leave its last dot for the separator, so without it "Sept.Sept.…Se" tried 2^n splits (100 ms at 20 repeats, found by fuzzing).
const DATE_ONLY =
  /^[\s,.:|()-]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:(?=(\d{1,4}(?!\d)|(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|[ap]\.?m\.?|hrs?|gmt|utc|mon|tue|wed|thu|fri|sat|sun|[a-z]{2,4}t|at|on|updated|published|posted)(?![a-z])))\1|[\s,.:/|()-])+$/i;
/** Datelines, dates and URLs on their own line are short; longer text is never tested against those patterns. */
const MAX_FURNITURE_CHARS = 120;
/** "WASHINGTON (Reuters) -", "LOS ANGELES, May 3 --": a dateline on its own. */
const DATELINE_ONLY = /^[A-Z][A-Z .,'-]{2,40}(?:\([^)]{1,30}\))?\s*[,:]?\s*(?:[A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?:-{1,2}|—|–)?$/;
/** A sentence that is mostly a quotation followed or preceded by who said it. */
const QUOTE_WITH_SPEAKER =
  /^\s*(?:["“”]|``|'')[^]*?(?:["“”]|'')\s*,?\s*(?:[\w.'’-]+\s+){0,4}(?:said|says|added|told|wrote|tweeted|explained|argued|insisted|noted|asked)\b[^]{0,80}$|^[^"“”`]{0,60}\b(?:said|says|added|told|wrote|tweeted)\b[^"“”`]{0,20}[:,]\s*(?:["“”]|``)[^]*$/i;

const HAS_QUOTE_MARK = /["“”]|``|''/;

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/**
 * Whether a sentence is the article's prose or its furniture. A headline is a line standing alone without
 * closing punctuation (or a Markdown heading); a byline or a dateline is recognised by its words; an opinion
 * quote is a quotation with its speaker and no figure in it.
 */
export function sentenceRole(text: string, sentence: { start: number; end: number; text: string }, type: ClaimType | 'other'): SentenceRole {
  const trimmed = sentence.text.trim();
  const { ownLine, heading } = lineAround(text, sentence.start, sentence.end);
  if (ownLine && trimmed.length <= MAX_FURNITURE_CHARS && (URL_ONLY.test(trimmed) || DATE_ONLY.test(trimmed) || DATELINE_ONLY.test(trimmed))) return 'dateline';
  if (BYLINE.test(trimmed) && wordCount(trimmed) <= 14) return 'byline';
  if (ownLine && (heading || (!/[.!?:;"”'’)]$/.test(trimmed) && wordCount(trimmed) <= 25))) return 'headline';
  // The quote pattern is the costliest test here; most sentences hold no quotation mark at all.
  if (HAS_QUOTE_MARK.test(trimmed) && QUOTE_WITH_SPEAKER.test(trimmed) && !CHECKABLE_TYPES.has(quotedType(trimmed) ?? type)) return 'opinionQuote';
  return 'body';
}

const SPACE = /\s/;

/**
 * Whether a sentence stands on a line of its own: before it on its line only white space, or the #s of one
 * Markdown heading; after it only white space. `heading` says the #s were there. The scan goes outward from
 * the sentence and stops at the first other character, so it costs a few characters per sentence: slicing the
 * line made a paragraph on one line quadratic (`claims spot` took 100 s on a 1.2 MB one-line file of 130,000
 * short sentences). The same white space as String.prototype.trim (JavaScript's \s), and \n ends a line.
 */
export function lineAround(text: string, start: number, end: number): { ownLine: boolean; heading: boolean } {
  const isBlank = (at: number) => text[at] !== '\n' && SPACE.test(text[at]!);
  let at = start - 1;
  while (at >= 0 && isBlank(at)) at--;
  let hashes = 0;
  for (; at >= 0 && text[at] === '#'; at--) hashes++;
  if (hashes > 0) while (at >= 0 && isBlank(at)) at--;
  if (at >= 0 && text[at] !== '\n') return { ownLine: false, heading: false };
  let after = end;
  while (after < text.length && isBlank(after)) after++;
  const ownLine = after >= text.length || text[after] === '\n';
  return { ownLine, heading: ownLine && hashes > 0 };
}

/** The claim type of the quoted words alone, if the quote holds one. */
function quotedType(sentence: string): ClaimType | 'other' | undefined {
  const quoted = /(?:["“]|``)([^]*?)(?:["”]|'')/.exec(sentence)?.[1];
  if (quoted === undefined) return undefined;
  return claimTypeOf(quoted)?.type ?? 'other';
}

/** Body sentences are candidates; headlines and quotes only with a checkable fact; datelines and bylines never. */
function isCandidateRole(s: SpottedSentence): boolean {
  if (s.role === 'body') return true;
  if (s.role === 'dateline' || s.role === 'byline') return false;
  return CHECKABLE_TYPES.has(s.type);
}

/** How many candidates an article of `sentenceCount` sentences may show. */
export function candidateBudget(sentenceCount: number, share = DEFAULT_SPOT_SHARE, maxCount = MAX_CANDIDATES_PER_ARTICLE): number {
  if (sentenceCount === 0 || share <= 0) return 0;
  return Math.min(maxCount, Math.max(1, Math.floor(share * sentenceCount)));
}

/**
 * Splits text into sentences and scores each; offsets are UTF-16 indices into `text`. Every sentence is
 * returned, in document order; `shown` marks the ones the article's budget lets through: body sentences (or
 * furniture with a checkable fact) at or above the threshold, highest score first, at most `share` of the
 * article's sentences and never more than `maxCount`.
 */
export function spotClaims(text: string, options: SpotOptions = {}): SpottedSentence[] {
  const spotter = getDefaultSpotter();
  const threshold = options.threshold ?? spotter.threshold;
  const spotted: SpottedSentence[] = splitSentences(text).map((sentence) => {
    const { score, cues: allCues, type: found } = spotter.scoreWithAllCues(sentence.text);
    const cues = allCues.filter((cue) => REPORTED_CUES.has(cue));
    const type = found?.type ?? 'other';
    const role = sentenceRole(text, sentence, type);
    const { start, end, text: words } = sentence;
    return { start, end, text: words, score, checkWorthy: score >= threshold, cues, type, evidence: found?.evidence ?? '', role, shown: false };
  });
  const budget = candidateBudget(spotted.length, options.share ?? DEFAULT_SPOT_SHARE, options.maxCount ?? MAX_CANDIDATES_PER_ARTICLE);
  const eligible = spotted.filter((s) => s.checkWorthy && isCandidateRole(s) && !options.isHandled?.(s));
  for (const s of highestScoring(eligible, budget)) s.shown = true;
  return spotted;
}

/** Highest score first, earlier sentence first on a tie. */
function ranksBefore(a: SpottedSentence, b: SpottedSentence): boolean {
  return a.score > b.score || (a.score === b.score && a.start < b.start);
}

/**
 * The `count` best of `sentences` by ranksBefore. The budget is small (15 by default) while a long document has
 * thousands of eligible sentences, so keeping a short sorted list beats sorting them all (a tenth of spotting's
 * time on 5 MB of news went into that sort).
 */
function highestScoring(sentences: SpottedSentence[], count: number): SpottedSentence[] {
  if (count >= sentences.length) return sentences;
  if (count <= 0) return [];
  if (count > 64) return [...sentences].sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0)).slice(0, count);
  const best: SpottedSentence[] = [];
  for (const sentence of sentences) {
    if (best.length === count && !ranksBefore(sentence, best[count - 1]!)) continue;
    let at = best.length === count ? count - 1 : best.length;
    while (at > 0 && ranksBefore(sentence, best[at - 1]!)) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = sentence;
  }
  return best;
}

/**
 * Every sentence that could be a candidate, budget aside: check-worthy and not a headline, dateline, byline or
 * bare opinion. Conflict suggestion compares these, not only the few an article shows: a figure that another
 * article contradicts matters even when it is not among the top-scoring sentences.
 */
export function checkWorthySentences(text: string, options: SpotOptions = {}): SpottedSentence[] {
  return spotClaims(text, options).filter((s) => s.checkWorthy && isCandidateRole(s));
}

/** The candidates an article shows by default: the `shown` sentences, highest score first. */
export function rankedCandidates(text: string, options: SpotOptions = {}): SpottedSentence[] {
  return spotClaims(text, options)
    .filter((s) => s.shown)
    .sort((a, b) => b.score - a.score || a.start - b.start);
}

/** "a statistic: 23 million Americans": why a sentence was flagged, in plain English (the CLI's wording). */
export function describeReason(type: ClaimType | 'other', evidence: string): string {
  const label = CLAIM_TYPE_LABELS[type];
  return evidence ? `${label}: ${evidence}` : label;
}

export const CLAIM_TYPE_LABELS: Record<ClaimType | 'other', string> = {
  statistic: 'a statistic',
  comparison: 'a comparison',
  cause: 'cause and effect',
  rule: 'a rule or law',
  prediction: 'a prediction',
  quote: 'a quote or attribution',
  date: 'a date or time',
  other: 'a factual statement',
};
