// Re-anchoring a claim by content after its article changed outside the editor (git pull, another editor).
//
// Order (design.md, "Anchoring"): (1) the position hint, if the quote is still there; (2) an exact search,
// preferring the occurrence whose prefix/suffix agree, then the one nearest the hint; (3) approximate matching
// with Myers' bit-parallel algorithm (./fuzzyMatch), scored on quote, prefix, suffix and distance from the hint;
// (4) below a minimum score the claim is orphaned: never moved silently to a look-alike.
//
// Why the score is not a plain weighted sum (as in the Hypothesis annotator): a near-duplicate elsewhere in the
// article ("raised $4 billion" / "raised $2 billion") is as similar to the quote as a lightly edited claim is.
// What tells them apart is the surrounding text. So an inexact match must earn its place through agreeing
// context, and only a verbatim quote long enough to be distinctive may stand on its own when its surroundings
// changed (a moved sentence).
import { alignStart, BitPattern, bestMatchEnds, distanceProfile } from './fuzzyMatch';

export interface AnchorSelector {
  /** The claim's text as last recorded. */
  exact: string;
  /** Text just before and after the claim when it was recorded (about 32 characters each). */
  prefix?: string;
  suffix?: string;
  /** Where the claim was, in UTF-16 code units of the older text. */
  start?: number;
  end?: number;
}

export interface AnchorResult {
  start: number;
  end: number;
  /** Confidence in [0, 1]; 1 for the quote found verbatim at its recorded position. */
  score: number;
  method: 'position' | 'exact' | 'fuzzy';
}

export interface AnchorOptions {
  /** Matches scoring below this are not anchored (the claim is orphaned). Defaults to MIN_ANCHOR_SCORE. */
  minScore?: number;
}

/**
 * The minimum score for anchoring. Tuned on the seeded evaluation in bench/anchoring.bench.ts (tuning corpus:
 * CheckThat! train sentences), where it keeps false anchors of deleted claims, including deleted claims with a
 * near-duplicate left elsewhere, under 2% while finding lightly edited claims.
 */
export const MIN_ANCHOR_SCORE = 0.7;

/** The least quote similarity (1 - edits / length) an approximate match may have at all. */
const MIN_QUOTE_SIMILARITY = 0.5;

/** Score weights: quote similarity, context agreement, proximity to the hint. */
const QUOTE_WEIGHT = 0.4;
const CONTEXT_WEIGHT = 0.5;
const PROXIMITY_WEIGHT = 0.1;

/**
 * A verbatim quote of this many code units or more counts as its own context: a moved sentence is recognised
 * even though its neighbours changed. Shorter verbatim quotes need proportionally more context.
 */
const SELF_EVIDENT_QUOTE_LENGTH = 48;

/** An exact match at least this good is taken without looking for approximate ones. */
const CONFIDENT_SCORE = 0.9;

/** How far (in code units) the hint may be off before proximity counts for half. */
const PROXIMITY_HALF_DISTANCE = 2000;

/** Candidate regions verified with the bit-parallel matcher, at most. */
const MAX_WINDOWS = 8;
/** A seed occurring more often than this carries no location information and is skipped. */
const MAX_SEED_HITS = 128;

export interface AnchorCandidate {
  start: number;
  end: number;
  method: AnchorResult['method'];
  /** 1 - edits / quote length. */
  quoteSimilarity: number;
  /** Agreement of the text around the match with the recorded prefix and suffix, in [0, 1]; -1 if none was recorded. */
  prefixSimilarity: number;
  suffixSimilarity: number;
  proximity: number;
  score: number;
}

/** Finds the claim's text in `text`, or returns null when no match is good enough (the claim is orphaned). */
export function anchor(text: string, selector: AnchorSelector, options: AnchorOptions = {}): AnchorResult | null {
  const minScore = options.minScore ?? MIN_ANCHOR_SCORE;
  const best = findBestCandidate(new AnchorSearch(text, selector), minScore);
  if (!best || best.score < minScore) return null;
  return { start: best.start, end: best.end, score: best.score, method: best.method };
}

/**
 * Every candidate the anchoring considered, best first, with the parts of its score. For diagnostics (why was
 * a claim orphaned?) and for tuning.
 */
export function anchorCandidates(text: string, selector: AnchorSelector): AnchorCandidate[] {
  const search = new AnchorSearch(text, selector);
  const all = [...search.positionCandidates(), ...search.exactCandidates(), ...search.fuzzyCandidates()];
  return all.sort((a, b) => b.score - a.score);
}

function findBestCandidate(search: AnchorSearch, minScore: number): AnchorCandidate | undefined {
  const atPosition = search.positionCandidates();
  if (atPosition.length > 0) return atPosition[0];
  let best: AnchorCandidate | undefined;
  for (const candidate of search.exactCandidates()) if (!best || candidate.score > best.score) best = candidate;
  if (best && best.score >= Math.max(minScore, CONFIDENT_SCORE)) return best;
  for (const candidate of search.fuzzyCandidates()) if (!best || candidate.score > best.score) best = candidate;
  return best;
}

class AnchorSearch {
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly hint: number | undefined;
  readonly hintEnd: number | undefined;
  private reversedPrefix: BitPattern | undefined;
  private forwardSuffix: BitPattern | undefined;

  constructor(
    readonly text: string,
    selector: AnchorSelector,
  ) {
    this.exact = selector.exact;
    this.prefix = selector.prefix ?? '';
    this.suffix = selector.suffix ?? '';
    this.hint = validOffset(selector.start);
    this.hintEnd = validOffset(selector.end);
  }

  positionCandidates(): AnchorCandidate[] {
    const { text, exact, hint } = this;
    if (exact.length === 0 || hint === undefined) return [];
    if (this.hintEnd !== undefined && this.hintEnd - hint !== exact.length) return [];
    if (!text.startsWith(exact, hint)) return [];
    const { start, end } = snapToCharacters(text, hint, hint + exact.length);
    return [
      {
        start,
        end,
        method: 'position',
        quoteSimilarity: 1,
        prefixSimilarity: -1,
        suffixSimilarity: -1,
        proximity: 1,
        score: 1,
      },
    ];
  }

  exactCandidates(): AnchorCandidate[] {
    const { text, exact } = this;
    if (exact.length === 0) return [];
    // Cheap first pass over every occurrence: how many characters of context agree verbatim at each side, then
    // nearness to the hint. Only the few best get the full (edit-distance) context score.
    const ranked: Array<{ at: number; agreement: number; distance: number }> = [];
    for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
      ranked.push({ at, agreement: this.verbatimContext(at, at + exact.length), distance: this.distanceFromHint(at) });
    }
    ranked.sort((a, b) => b.agreement - a.agreement || a.distance - b.distance);
    return ranked.slice(0, 3).map(({ at }) => this.score(at, at + exact.length, 0, 'exact'));
  }

  fuzzyCandidates(): AnchorCandidate[] {
    const { text, exact } = this;
    const m = exact.length;
    if (m === 0 || text.length === 0) return [];
    const maxErrors = Math.floor(m * (1 - MIN_QUOTE_SIMILARITY));
    const pattern = new BitPattern(exact);
    const reversed = new BitPattern(exact, true);
    const candidates: AnchorCandidate[] = [];
    const seen = new Set<string>();
    for (const window of this.candidateWindows(maxErrors)) {
      const found = bestMatchEnds(pattern, text, maxErrors, window.from, window.to);
      if (!found) continue;
      const expectedEnd = window.expectedStart + m;
      let end = found.ends[0];
      for (const e of found.ends) if (Math.abs(e - expectedEnd) < Math.abs(end - expectedEnd)) end = e;
      const aligned = alignStart(reversed, text, end, maxErrors);
      const key = `${aligned.start}:${end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      candidates.push(this.score(aligned.start, end, aligned.errors, 'fuzzy'));
    }
    return candidates;
  }

  /**
   * Regions worth verifying: around the hint, and wherever pieces of the quote or of its context occur verbatim.
   * Each piece votes for where the quote would start; the regions with most votes are verified.
   */
  private candidateWindows(maxErrors: number): Array<{ from: number; to: number; expectedStart: number }> {
    const { text, exact, prefix, suffix } = this;
    const m = exact.length;
    const seeds: Array<{ piece: string; offset: number }> = [];
    const quotePiece = clamp(Math.round(m / 12), 5, 12);
    addPieces(seeds, exact, 0, quotePiece, 24);
    addPieces(seeds, prefix, -prefix.length, 8, 4, true);
    addPieces(seeds, suffix, m, 8, 4);

    const votes: Array<{ start: number; seed: number }> = [];
    seeds.forEach(({ piece, offset }, seed) => {
      const hits: number[] = [];
      for (let at = text.indexOf(piece); at !== -1 && hits.length <= MAX_SEED_HITS; at = text.indexOf(piece, at + 1)) hits.push(at);
      if (hits.length > MAX_SEED_HITS) return;
      for (const at of hits) votes.push({ start: at - offset, seed });
    });
    votes.sort((a, b) => a.start - b.start);

    const gap = Math.max(8, maxErrors);
    const clusters: Array<{ first: number; last: number; seeds: Set<number>; nearHint: number }> = [];
    for (const vote of votes) {
      const current = clusters[clusters.length - 1];
      if (current && vote.start - current.last <= gap && vote.start - current.first <= m + 2 * gap) {
        current.last = vote.start;
        current.seeds.add(vote.seed);
      } else {
        clusters.push({ first: vote.start, last: vote.start, seeds: new Set([vote.seed]), nearHint: 0 });
      }
    }
    for (const cluster of clusters) cluster.nearHint = this.distanceFromHint((cluster.first + cluster.last) / 2);
    clusters.sort((a, b) => b.seeds.size - a.seeds.size || a.nearHint - b.nearHint);

    const windows: Array<{ from: number; to: number; expectedStart: number }> = [];
    if (this.hint !== undefined) {
      const slack = maxErrors + m;
      windows.push({ from: this.hint - slack, to: this.hint + m + slack, expectedStart: this.hint });
    }
    for (const cluster of clusters.slice(0, MAX_WINDOWS)) {
      windows.push({
        from: cluster.first - maxErrors,
        to: cluster.last + m + maxErrors,
        expectedStart: Math.round((cluster.first + cluster.last) / 2),
      });
    }
    return windows.map((w) => ({ from: Math.max(0, w.from), to: Math.min(text.length, w.to), expectedStart: w.expectedStart }));
  }

  private score(rawStart: number, rawEnd: number, errors: number, method: AnchorResult['method']): AnchorCandidate {
    const { start, end } = snapToCharacters(this.text, rawStart, rawEnd);
    const m = this.exact.length;
    const quoteSimilarity = Math.max(0, 1 - errors / m);
    const prefixSimilarity = this.prefixSimilarity(start);
    const suffixSimilarity = this.suffixSimilarity(end);
    let context = weightedContext(this.prefix.length, prefixSimilarity, this.suffix.length, suffixSimilarity);
    if (errors === 0) context = Math.max(context, Math.min(1, m / SELF_EVIDENT_QUOTE_LENGTH));
    const proximity = this.hint === undefined ? 0.5 : 1 / (1 + Math.abs(start - this.hint) / PROXIMITY_HALF_DISTANCE);
    const score = QUOTE_WEIGHT * quoteSimilarity + CONTEXT_WEIGHT * context + PROXIMITY_WEIGHT * proximity;
    return { start, end, method, quoteSimilarity, prefixSimilarity, suffixSimilarity, proximity, score };
  }

  /** 1 - edit distance between the recorded prefix and the text ending at `start` (free far end). */
  private prefixSimilarity(start: number): number {
    const n = this.prefix.length;
    if (n === 0) return -1;
    this.reversedPrefix ??= new BitPattern(this.prefix, true);
    const profile = distanceProfile(this.reversedPrefix, this.text, start, start - 2 * n, true);
    return 1 - Math.min(...profile) / n;
  }

  private suffixSimilarity(end: number): number {
    const n = this.suffix.length;
    if (n === 0) return -1;
    this.forwardSuffix ??= new BitPattern(this.suffix);
    const profile = distanceProfile(this.forwardSuffix, this.text, end, end + 2 * n, true);
    return 1 - Math.min(...profile) / n;
  }

  /** Characters of recorded context that agree verbatim right next to [start, end). */
  private verbatimContext(start: number, end: number): number {
    const { text, prefix, suffix } = this;
    let before = 0;
    while (before < prefix.length && start - before > 0 && text.charCodeAt(start - before - 1) === prefix.charCodeAt(prefix.length - before - 1)) before++;
    let after = 0;
    while (after < suffix.length && end + after < text.length && text.charCodeAt(end + after) === suffix.charCodeAt(after)) after++;
    return before + after;
  }

  private distanceFromHint(at: number): number {
    return this.hint === undefined ? 0 : Math.abs(at - this.hint);
  }
}

function weightedContext(prefixLength: number, prefixSimilarity: number, suffixLength: number, suffixSimilarity: number): number {
  const total = prefixLength + suffixLength;
  if (total === 0) return 0.5;
  return (prefixLength * Math.max(0, prefixSimilarity) + suffixLength * Math.max(0, suffixSimilarity)) / total;
}

function addPieces(seeds: Array<{ piece: string; offset: number }>, source: string, offset: number, length: number, most: number, fromEnd = false): void {
  const count = Math.min(most, Math.floor(source.length / length));
  if (count === 0) return;
  const step = Math.floor(source.length / count);
  for (let i = 0; i < count; i++) {
    // Context pieces nearest the quote say most about where it is, so prefix pieces are cut from its end.
    const at = fromEnd ? source.length - length - i * step : i * step;
    seeds.push({ piece: source.slice(at, at + length), offset: offset + at });
  }
}

function validOffset(value: number | undefined): number | undefined {
  return value !== undefined && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

const COMBINING_MARK = /\p{M}/u;
const ZERO_WIDTH_JOINER = 0x200d;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Whether a boundary at `at` would fall inside a character or a grapheme (surrogate pair, combining mark, ZWJ). */
function splitsCharacter(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return false;
  const here = text.charCodeAt(at);
  const before = text.charCodeAt(at - 1);
  if (isLowSurrogate(here) && isHighSurrogate(before)) return true;
  if (here === ZERO_WIDTH_JOINER || before === ZERO_WIDTH_JOINER) return true;
  const codePoint = text.codePointAt(at);
  return codePoint !== undefined && COMBINING_MARK.test(String.fromCodePoint(codePoint));
}

/** Widens [start, end) so that it neither starts nor ends inside a character or a grapheme. */
export function snapToCharacters(text: string, start: number, end: number): { start: number; end: number } {
  let s = clamp(start, 0, text.length);
  let e = clamp(end, s, text.length);
  while (s > 0 && splitsCharacter(text, s)) s--;
  while (e < text.length && e > s && splitsCharacter(text, e)) e++;
  return { start: s, end: e };
}

/**
 * The selector stored for a claim on text[start, end): the quote and up to `contextLength` code units of context
 * on each side (widened so that no surrogate pair is cut), and the position.
 */
export function quoteSelector(
  text: string,
  start: number,
  end: number,
  contextLength = 32,
): { exact: string; prefix: string; suffix: string; start: number; end: number } {
  const s = clamp(Math.floor(start), 0, text.length);
  const e = clamp(Math.floor(end), s, text.length);
  let prefixStart = Math.max(0, s - contextLength);
  if (prefixStart > 0 && isLowSurrogate(text.charCodeAt(prefixStart)) && isHighSurrogate(text.charCodeAt(prefixStart - 1))) prefixStart--;
  let suffixEnd = Math.min(text.length, e + contextLength);
  if (suffixEnd < text.length && isLowSurrogate(text.charCodeAt(suffixEnd)) && isHighSurrogate(text.charCodeAt(suffixEnd - 1))) suffixEnd++;
  return { exact: text.slice(s, e), prefix: text.slice(prefixStart, s), suffix: text.slice(e, suffixEnd), start: s, end: e };
}
