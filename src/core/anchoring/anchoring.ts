// Re-anchoring a claim by content after its article changed outside the editor (git pull, another editor).
//
// Order (design.md, "Anchoring"): (1) the position hint, if the quote is still there; (2) an exact search,
// preferring the occurrence whose prefix/suffix agree, then the one nearest the hint; (3) approximate matching
// with Myers' bit-parallel algorithm (./fuzzyMatch), scored on quote, prefix, suffix and distance from the hint;
// (4) below a minimum score the claim is orphaned: never moved silently to a look-alike.
//
// Why the score is not a plain weighted sum of quote similarity first (as in the Hypothesis annotator): a
// near-duplicate elsewhere in the article ("raised $4 billion" / "raised $2 billion") is as similar to the quote as
// a lightly edited claim is. What tells them apart is the surrounding text. So an inexact match must earn its
// place through agreeing context, and only a verbatim quote long enough to be distinctive may stand on its own
// when its surroundings changed (a moved sentence).
//
// The claim's place is first looked for by its context near the hint: where the recorded prefix and suffix still
// fit, what lies between them decides (the edited claim, or nothing: deleted or replaced). Only when the context
// is not found there does approximate matching search the article, and then only in a few windows where
// 8-character pieces of the quote and its context occur verbatim (located with the native indexOf), best
// supported first, stopping as soon as a confident match turns up. That keeps re-anchoring several times faster
// than one Myers scan of the whole article, and the gap grows with the article.
import { alignStart, bestAlignment, BitPattern, bestMatchEnds, distanceTo } from './fuzzyMatch';

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
 * The minimum score for anchoring. Tuned on the seeded evaluation in bench/anchoring.bench.ts (tuning corpus built
 * from CheckThat! train sentences; the figures are reported on a separate corpus), where it anchors lightly edited
 * claims and keeps false anchors of deleted or replaced claims, also with a near-duplicate left elsewhere, near 0%.
 */
export const MIN_ANCHOR_SCORE = 0.73;

/** The least quote similarity (1 - edits / length) the approximate search looks for. */
const MIN_QUOTE_SIMILARITY = 0.5;

/** Score weights (summing to 1): quote similarity, context agreement, proximity to the hint. */
const QUOTE_WEIGHT = 0.45;
const CONTEXT_WEIGHT = 0.45;
const PROXIMITY_WEIGHT = 0.1;

/**
 * A verbatim quote of this many code units or more counts as its own context: a moved sentence is recognised
 * even though its neighbours changed. Shorter verbatim quotes need proportionally more context.
 */
const SELF_EVIDENT_QUOTE_LENGTH = 32;

/**
 * A match that looks this much like the claim's old neighbour (its recorded suffix starts there, or its prefix ends
 * there) gets credit only for its weaker side of context: after a claim is deleted, a near-duplicate that stood
 * next to it inherits the claim's context on one side.
 */
const NEIGHBOUR_LIKENESS = 0.7;

/**
 * A quote whose own words are nearly intact is evidence by itself, however much its neighbours changed: its score is
 * at least its similarity, with each edit counting QUOTE_ALONE_ERROR_COST times, scaled by its length up to
 * QUOTE_ALONE_LENGTH code units (a short phrase with a changed word could be anywhere; a long sentence with one
 * changed word is that sentence). Chosen as the setting with the best recall on the "tune" half of the
 * real-revision development corpus (bench/revisionAnchoring.bench.ts) among those keeping false anchors of deleted
 * claims at or under 2 % on the seeded tuning corpus (bench/anchoring.bench.ts --tuning, CheckThat! train), whose
 * near-duplicate sentences differ by one short word: an error cost of 1.5 anchored 4.3 % of its deleted claims,
 * 3 anchored 2.7 %, 6 anchored 1.8 %. So only a quote with at most about 4 % of it edited stands alone.
 */
const QUOTE_ALONE_LENGTH = 60;
const QUOTE_ALONE_ERROR_COST = 6;

/** The most edits a quote of `length` may have and still score `good` on its own; negative when it cannot. */
function quoteAloneErrors(length: number, good: number): number {
  const lengthFactor = Math.min(1, length / QUOTE_ALONE_LENGTH);
  if (lengthFactor < good) return -1;
  return Math.floor((length * (1 - good / lengthFactor)) / QUOTE_ALONE_ERROR_COST);
}

/** The score a match earns on its quote alone (see QUOTE_ALONE_LENGTH). */
export function quoteAloneScore(quoteSimilarity: number, quoteLength: number): number {
  return Math.max(0, Math.min(1, quoteLength / QUOTE_ALONE_LENGTH) * (1 - (1 - quoteSimilarity) * QUOTE_ALONE_ERROR_COST));
}

/**
 * The least quote similarity any anchored match has, whatever its context. Chosen on the "tune" half of the
 * real-revision development corpus: the one false anchor of a deleted claim the context-fitting stage made there
 * kept 43 % of the quote's characters, while all but one edited claim anchored there kept 45 % or more.
 */
const QUOTE_FLOOR = 0.45;

/** How far (in code units) a match may be from the hint before proximity counts for half. */
const PROXIMITY_HALF_DISTANCE = 1000;

/** How much an article edge counts as context, in code units, when the recorded prefix or suffix is empty. */
const ARTICLE_EDGE_WEIGHT = 8;

/** Context fitting with at most this share of its characters edited is taken to mark the claim's place. */
const CONTEXT_FIT = 0.25;

/** A match at least this good ends the search early; a better one elsewhere is not worth the time. */
const CONFIDENT_SCORE = 0.9;

/** Length of the pieces of quote and context whose verbatim occurrences vote for where the claim is. */
const PIECE = 8;
/** Pieces taken from the quote, and from each side of context, at most. */
const QUOTE_PIECES = 4;
const CONTEXT_PIECES = 1;
/** A piece occurring more often than this is too common to locate anything. */
const MAX_PIECE_HITS = 32;
/** Different pieces that must agree on a region before it is verified. */
const MIN_AGREEING_PIECES = 2;
/** How far from the hint (in code units) the claim's context is looked for first. */
const LOCAL_REACH = 2048;
/** Places near the hint checked for the claim's context, at most. */
const MAX_LOCAL_SLOTS = 6;
/** Voted regions verified with the bit-parallel matcher, at most. */
const MAX_VOTED_WINDOWS = 3;

export interface AnchorCandidate {
  start: number;
  end: number;
  method: AnchorResult['method'];
  /** 1 - edits / the longer of quote and match. */
  quoteSimilarity: number;
  /** Agreement of the text around the match with the recorded prefix and suffix, in [0, 1]. */
  prefixSimilarity: number;
  suffixSimilarity: number;
  /**
   * How much the match looks like the claim's old neighbour instead: the recorded suffix found at its start, or the
   * recorded prefix at its end. That is what a deleted claim's near-duplicate neighbour looks like.
   */
  neighbourSimilarity: number;
  proximity: number;
  score: number;
}

/** Finds the claim's text in `text`, or returns null when no match is good enough (the claim is orphaned). */
export function anchor(text: string, selector: AnchorSelector, options: AnchorOptions = {}): AnchorResult | null {
  const minScore = options.minScore ?? MIN_ANCHOR_SCORE;
  if (!selector.prefix && !selector.suffix && validOffset(selector.start) === undefined && selector.exact) {
    // A selector with nothing but the quote (a bare library call, another tool's annotation): its only
    // evidence is the quote itself, so a single verbatim occurrence is the answer and several are ambiguous.
    const first = text.indexOf(selector.exact);
    if (first < 0 || text.indexOf(selector.exact, first + 1) >= 0) return null;
    return { ...snapToCharacters(text, first, first + selector.exact.length), score: 1, method: 'exact' };
  }
  if (longestRun(selector.exact) > MAX_SEARCHED_RUN) return anchorDegenerate(text, selector);
  const search = new AnchorSearch(text, selector);
  const best = findBestCandidate(search, minScore);
  const found: AnchorResult | null =
    best && best.score >= minScore
      ? { start: best.start, end: best.end, score: best.score, method: best.method }
      : anchorIgnoringLineWrap(text, selector, minScore);
  if (!found || found.method !== 'fuzzy') return found;
  // The quote as written, where the text holds it exactly once, outranks an approximate match that differs from it
  // in more than plain white space, when the quote is short (one character more or less in a few is a look-alike,
  // not an edit) or the difference is only characters nobody sees (a byte order mark, NUL, a direction mark). Found
  // by the grapheme property test in oddText.test.ts. A match differing only in plain white space is left alone: a
  // sentence re-wrapped at its own place is the claim, even where a copy of it stands elsewhere; but a short quote's
  // only verbatim occurrence is the claim when as much of its recorded context stands around it as around the
  // re-wrapped match (" M" at its place rather than "\r\nM" further on, ".\n" rather than the ". " of an inserted
  // sentence: more counterexamples of the property test).
  // The string tests come first: the scan of the whole text for the quote runs only where they pass.
  const matched = text.slice(found.start, found.end);
  const short = selector.exact.length < SHORT_QUOTE;
  const sameWords = plainWords(matched) === plainWords(selector.exact);
  const lookAlike = sameWords ? short && matched !== selector.exact : short || visibleText(matched) === visibleText(selector.exact);
  const verbatim = lookAlike ? text.indexOf(selector.exact) : -1;
  const placedAsWell = (): boolean => {
    if (!sameWords) return true;
    const context = new AnchorSearch(text, selector);
    return context.verbatimContext(verbatim, verbatim + selector.exact.length) >= context.verbatimContext(found.start, found.end);
  };
  if (verbatim >= 0 && verbatim !== found.start && text.indexOf(selector.exact, verbatim + 1) < 0 && placedAsWell()) {
    return { ...snapToCharacters(text, verbatim, verbatim + selector.exact.length), score: found.score, method: 'exact' };
  }
  const start = sentenceStart(text, selector, found.start);
  return { ...found, ...wholeSentence(text, selector.exact, start, found.end) };
}

/**
 * A quote holding a run of one character longer than this (2,000 spaces, a row of dashes) is not searched: every
 * offset in a run of that character would match it, and scanning them costs time quadratic in the run (issue 20:
 * 2.6 s per claim in a 1 MB run of spaces, on the extension host's thread as the article opens). Such a claim is
 * kept only where it was recorded, or where its recorded context still brackets it; otherwise it is orphaned.
 */
const MAX_SEARCHED_RUN = 64;

/** Occurrences of a verbatim quote examined at most (the first in the article; a claim whose position shifted is
 * also looked for by its context near the hint). */
const MAX_EXACT_OCCURRENCES = 256;

function longestRun(value: string): number {
  let longest = value.length > 0 ? 1 : 0;
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    run = value.charCodeAt(i) === value.charCodeAt(i - 1) ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Anchoring for a quote with a long run of one character: by position, or between its verbatim context. */
function anchorDegenerate(text: string, selector: AnchorSelector): AnchorResult | null {
  const { exact } = selector;
  const hint = validOffset(selector.start);
  if (hint !== undefined && text.startsWith(exact, hint)) return { ...snapToCharacters(text, hint, hint + exact.length), score: 1, method: 'position' };
  const prefix = selector.prefix ?? '';
  const suffix = selector.suffix ?? '';
  if (prefix.length < PIECE || suffix.length < PIECE || longestRun(prefix) > PIECE || longestRun(suffix) > PIECE) return null;
  // The recorded context, verbatim, once in the article, with the quote verbatim between: the claim moved as a whole.
  const before = text.indexOf(prefix);
  if (before < 0 || text.indexOf(prefix, before + 1) >= 0) return null;
  const start = before + prefix.length;
  if (!text.startsWith(exact, start) || !text.startsWith(suffix, start + exact.length)) return null;
  return { ...snapToCharacters(text, start, start + exact.length), score: 1, method: 'exact' };
}

const SENTENCE_END = /[.!?]["'’”)\]*_`]*$/;
const NEXT_SENTENCE_END = /[.!?]["'’”)\]*_`]*(?=\s|$)/g;
/** The share of an edited match that may be words of the next sentence, cut off at the sentence end before them. */
const NEXT_SENTENCE_CAUGHT = 0.2;
/** How far past an edited match the end of its sentence is looked for (in code units). */
const SENTENCE_REACH = 100;

/** Whether `at` begins a sentence: the text's start, or after a paragraph break or a sentence's end. */
function beginsSentence(before: string): boolean {
  return /(^|\n[ \t]*\n|[.!?]["'’”)\]*_`]*\s)\s*$/.test(before);
}

/**
 * The start of the sentence an edited match lies in, when the claim began a sentence: words added at its start
 * ("Amazon, the retailer, made ...") are aligned as edits of its first words, so the match starts mid-sentence.
 */
function sentenceStart(text: string, selector: AnchorSelector, start: number): number {
  const prefix = selector.prefix ?? '';
  if (!/^[A-Z0-9"'‘“([*_`]/.test(selector.exact) || (prefix.length > 0 && !beginsSentence(prefix))) return start;
  // Only a match that begins inside a word was cut short; one beginning at a word is taken as it is.
  if (start === 0 || !/[\p{L}\p{N}]/u.test(text[start - 1] ?? '')) return start;
  const from = Math.max(0, start - SENTENCE_REACH);
  const before = text.slice(from, start);
  const ends = [...before.matchAll(/(\n[ \t]*\n|[.!?]["'’”)\]*_`]*\s)\s*/g)];
  const last = ends[ends.length - 1];
  if (last) return from + last.index + last[0].length;
  return from === 0 ? before.length - before.trimStart().length : start;
}

/**
 * A claim that was a whole sentence stays a whole sentence: when words were added to its end ("... error handling
 * and how you can write readable code."), the match of the old words stops where they stop, so it is extended to
 * the sentence's end, within the paragraph. A match's trailing white space is dropped.
 */
function wholeSentence(text: string, exact: string, start: number, end: number): { start: number; end: number } {
  let e = end;
  if (!/\s$/.test(exact)) while (e > start + 1 && /\s/.test(text[e - 1] ?? '')) e--;
  if (!SENTENCE_END.test(exact) || SENTENCE_END.test(text.slice(start, e))) return { start, end: e };
  // The match may have caught the first word or two of the next sentence ("… file. Otherwise"): a sentence end
  // inside it, near its end, is where the claim ends.
  const matched = text.slice(start, e);
  let inside = -1;
  for (const m of matched.matchAll(/[.!?]["'’”)\]*_`]*(?=\s)/g)) inside = m.index + m[0].length;
  if (inside > 0 && matched.length - inside <= NEXT_SENTENCE_CAUGHT * matched.length) return { start, end: start + inside };
  const stop = /^[.!?]["'’”)\]*_`]*/.exec(text.slice(e, e + 8));
  if (stop) return { start, end: e + stop[0].length };
  const reach = text.slice(e, e + SENTENCE_REACH);
  // The paragraph ends at a blank line, or at a line opening another Markdown block (a list item, a heading, a
  // quote, a fence or a table row): a question in a list is not continued into the next item.
  const paragraphEnd = reach.search(/\n[ \t]*(?:\n|[-*+>#|:`~]|\d+[.)]\s)/);
  NEXT_SENTENCE_END.lastIndex = 0;
  const next = NEXT_SENTENCE_END.exec(paragraphEnd < 0 ? reach : reach.slice(0, paragraphEnd));
  return next ? snapToCharacters(text, start, e + next.index + next[0].length) : { start, end: e };
}

/**
 * The second try for a claim not found as written: the same search over the text with every run of white space
 * read as one space. Markdown prose is hard-wrapped, and a one-word edit re-flows the paragraph: the claim's words
 * are all still there, but its line breaks moved, which costs an edit per break and can sink a long quote and its
 * context below the minimum score. Offsets found are mapped back to the article as it is.
 */
function anchorIgnoringLineWrap(text: string, selector: AnchorSelector, minScore: number): AnchorResult | null {
  // Only the stretch around the hint is reflowed, so a large article costs no more than a small one.
  const hintAt = validOffset(selector.start) ?? 0;
  const from = Math.max(0, Math.min(text.length, hintAt) - REFLOW_REACH);
  const to = Math.min(text.length, hintAt + selector.exact.length + REFLOW_REACH);
  const local = from === 0 && to === text.length ? text : text.slice(from, to);
  // Nothing to gain where neither the quote nor the text around it is wrapped (a line break inside a paragraph).
  if (!/\S[ \t]*\r?\n[ \t]*\S/.test(local) && !/\s\s|[^ \S]/.test(selector.exact)) return null;
  const flowed = reflowed(local);
  const exact = collapseSpace(selector.exact);
  const prefix = collapseSpace(selector.prefix ?? '');
  const suffix = collapseSpace(selector.suffix ?? '');
  if (!flowed.changed && exact === selector.exact && prefix === (selector.prefix ?? '') && suffix === (selector.suffix ?? '')) return null;
  // Only ordinary line wrapping: a quote that shrinks much when its white space is collapsed is not prose.
  if (exact.trim().length === 0 || exact.length < 0.8 * selector.exact.length) return null;
  const hint = validOffset(selector.start);
  const start = hint === undefined ? undefined : flowed.toFlowed(Math.max(0, hint - from));
  const search = new AnchorSearch(flowed.text, { exact, prefix, suffix, start, end: start === undefined ? undefined : start + exact.length });
  // Near the hint only: the voted windows over the whole article were searched in the first pass.
  const best = findBestCandidate(search, minScore, true);
  if (!best || best.score < minScore || best.end <= best.start) return null;
  const span = snapToCharacters(text, from + flowed.toOriginal[best.start]!, from + flowed.toOriginal[best.end - 1]! + 1);
  // A run of white space maps back whole: a quote that starts with one space, matched where two now stand, would
  // take both. Only the white space the quote does not have is dropped.
  const matched = text.slice(span.start, span.end);
  if (matched.length > selector.exact.length && matched.endsWith(selector.exact) && matched.slice(0, matched.length - selector.exact.length).trim() === '') {
    return { start: span.end - selector.exact.length, end: span.end, score: best.score, method: 'fuzzy' };
  }
  return { start: span.start, end: span.end, score: best.score, method: 'fuzzy' };
}

/** Whether two texts have the same numbers in the same order. */
function sameNumbers(a: string, b: string): boolean {
  const numbers = (value: string) => (value.match(/\d+/g) ?? []).join(' ');
  return numbers(a) === numbers(b);
}

/** How far around the hint (in code units) the second, line-wrap-insensitive try looks. */
const REFLOW_REACH = 8192;

/**
 * A run of white space, with any blockquote markers (">") after a line break in it: Markdown re-wraps and
 * re-quotes prose ("> " before each line of a callout, then none), and the words read the same either way. Only
 * after a line break, so a quote of verbatim text that starts with ">" still maps back onto exactly that text.
 */
const SPACE_RUN = /\s*\n[ \t]*>[>\s]*|\s+/g;

/** Quotes shorter than this are little evidence on their own (the property tests let them be orphaned). */
const SHORT_QUOTE = 32;

// Control characters are what this pattern is for.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\s\u0000-\u001f\u007f\u200b-\u200f\u2060\ufeff]+/g;

/** The text with runs of spaces, tabs and line breaks (no other white space) read as one space, trimmed. */
function plainWords(value: string): string {
  // Not String.prototype.trim, which also drops a byte order mark and other white space.
  return value.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
}

/** The characters a reader sees: white space, control characters and zero-width marks removed. */
function visibleText(value: string): string {
  return value.replace(INVISIBLE, '');
}

function collapseSpace(value: string): string {
  return value.replace(SPACE_RUN, ' ');
}

interface ReflowedText {
  text: string;
  /** Whether any run of white space was other than one space. */
  changed: boolean;
  /** For each code unit of `text`, the offset of the code unit it stands for in the article. */
  toOriginal: Int32Array;
  toFlowed(offset: number): number;
}

/** The last article reflowed: every claim of an article is re-anchored against the same text. */
let lastReflowed: { source: string; result: ReflowedText } | undefined;

function reflowed(source: string): ReflowedText {
  if (lastReflowed && lastReflowed.source === source) return lastReflowed.result;
  const toOriginal = new Int32Array(source.length + 1);
  const parts: string[] = [];
  let n = 0;
  let changed = false;
  let runStart = 0;
  const pattern = new RegExp(SPACE_RUN.source, 'g');
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    for (let i = runStart; i < m.index; i++) toOriginal[n++] = i;
    parts.push(source.slice(runStart, m.index), ' ');
    toOriginal[n++] = m.index;
    if (m[0] !== ' ') changed = true;
    runStart = m.index + m[0].length;
  }
  for (let i = runStart; i < source.length; i++) toOriginal[n++] = i;
  parts.push(source.slice(runStart));
  toOriginal[n] = source.length;
  const mapped = toOriginal.subarray(0, n + 1);
  const result: ReflowedText = {
    text: parts.join(''),
    changed,
    toOriginal: mapped,
    toFlowed(offset: number): number {
      // The first reflowed code unit standing for `offset` or a later one (binary search: the map is increasing).
      let low = 0;
      let high = n;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (mapped[mid]! < offset) low = mid + 1;
        else high = mid;
      }
      return low;
    },
  };
  lastReflowed = { source, result };
  return result;
}

/**
 * Every candidate the anchoring considers, best first, with the parts of its score: for diagnostics (why was a
 * claim orphaned?) and tuning. Unlike `anchor`, it never stops early.
 */
export function anchorCandidates(text: string, selector: AnchorSelector): AnchorCandidate[] {
  const search = new AnchorSearch(text, selector);
  const position = search.positionCandidate();
  const all = [...(position ? [position] : []), ...search.exactCandidates(), ...search.placeAtHint(0).candidates];
  for (const window of search.windows()) all.push(...search.verify(window, 0));
  const unique = new Map(all.map((c) => [`${c.start}:${c.end}:${c.method}`, c]));
  return [...unique.values()].sort((a, b) => b.score - a.score);
}

function findBestCandidate(search: AnchorSearch, minScore: number, nearHintOnly = false): AnchorCandidate | undefined {
  const confident = Math.max(minScore, CONFIDENT_SCORE);
  const atPosition = search.positionCandidate();
  if (atPosition) return atPosition;
  let best: AnchorCandidate | undefined;
  const consider = (candidates: AnchorCandidate[]): boolean => {
    for (const candidate of candidates) if (!best || ranksAbove(candidate, best)) best = candidate;
    return best !== undefined && best.score >= confident;
  };
  if (consider(search.exactCandidates())) return best;
  // Context fitting on both sides near the hint marks the claim's place. What is there now decides: the claim
  // (edited or not), or nothing (its words were deleted or replaced). Searching on would meet look-alikes: a
  // near-duplicate sentence left elsewhere scores like a moved, edited claim, and orphaning is the safe answer.
  // (A caller asking for a lower minimum gets the search.)
  const atHint = search.placeAtHint(minScore);
  consider(atHint.candidates);
  if ((atHint.found && minScore >= MIN_ANCHOR_SCORE) || atHint.candidates.some((c) => c.score >= minScore) || nearHintOnly) return best;
  for (const window of search.windows()) if (consider(search.verify(window, minScore))) return best;
  return best;
}

/**
 * Scores this close are a tie, and a tie goes to the place whose words are more like the quote: an exact occurrence
 * of "\nש" is not outranked by a lone "ש" elsewhere whose context happens to agree (found by the grapheme
 * property test in oddText.test.ts).
 */
const SCORE_TIE = 0.005;

function ranksAbove(candidate: AnchorCandidate, best: AnchorCandidate): boolean {
  if (Math.abs(candidate.score - best.score) <= SCORE_TIE && candidate.quoteSimilarity !== best.quoteSimilarity) {
    return candidate.quoteSimilarity > best.quoteSimilarity;
  }
  return candidate.score > best.score;
}

interface SearchWindow {
  from: number;
  to: number;
  /** Where the quote would start if this region holds it. */
  expectedStart: number;
}

class AnchorSearch {
  readonly exact: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly hint: number | undefined;
  readonly hintEnd: number | undefined;
  /** Errors allowed in approximate matches of the quote. */
  readonly maxErrors: number;
  /** Windows already searched for the quote, not to be searched again. */
  private readonly verified: SearchWindow[] = [];
  /** Quote, prefix and suffix compiled forwards and reversed, on first use. */
  private readonly patterns: Array<BitPattern | undefined> = new Array(6);

  constructor(
    readonly text: string,
    selector: AnchorSelector,
  ) {
    this.exact = selector.exact;
    this.prefix = selector.prefix ?? '';
    this.suffix = selector.suffix ?? '';
    this.hint = validOffset(selector.start);
    this.hintEnd = validOffset(selector.end);
    this.maxErrors = Math.floor(this.exact.length * (1 - MIN_QUOTE_SIMILARITY));
  }

  private compiled(which: 'quote' | 'prefix' | 'suffix', reversed: boolean): BitPattern {
    const slot = (which === 'quote' ? 0 : which === 'prefix' ? 2 : 4) + (reversed ? 1 : 0);
    let pattern = this.patterns[slot];
    if (!pattern) {
      const source = which === 'quote' ? this.exact : which === 'prefix' ? this.prefix : this.suffix;
      this.patterns[slot] = pattern = new BitPattern(source, reversed);
    }
    return pattern;
  }

  positionCandidate(): AnchorCandidate | undefined {
    const { text, exact, hint } = this;
    if (exact.length === 0 || hint === undefined) return undefined;
    if (this.hintEnd !== undefined && this.hintEnd - hint !== exact.length) return undefined;
    if (!text.startsWith(exact, hint)) return undefined;
    const { start, end } = snapToCharacters(text, hint, hint + exact.length);
    return {
      start,
      end,
      method: 'position',
      quoteSimilarity: 1,
      prefixSimilarity: 1,
      suffixSimilarity: 1,
      neighbourSimilarity: 0,
      proximity: 1,
      score: 1,
    };
  }

  exactCandidates(): AnchorCandidate[] {
    const { text, exact } = this;
    if (exact.length === 0) return [];
    // A cheap first pass over every occurrence: how many characters of context agree verbatim at each side, then
    // nearness to the hint. Only the few best get the full (edit-distance) context score.
    const ranked: Array<{ at: number; agreement: number; distance: number }> = [];
    for (let at = text.indexOf(exact); at !== -1 && ranked.length < MAX_EXACT_OCCURRENCES; at = text.indexOf(exact, at + 1)) {
      ranked.push({ at, agreement: this.verbatimContext(at, at + exact.length), distance: this.distanceFromHint(at) });
    }
    ranked.sort((a, b) => b.agreement - a.agreement || a.distance - b.distance);
    return ranked.slice(0, 3).map(({ at }) => this.score(at, at + exact.length, 0, 'exact'));
  }

  /**
   * The claim's place found by its context near the hint: the cheap answer for a claim edited or deleted in place
   * while text before it changed. The pieces of context next to the quote are looked up from a little before the
   * hint, so only the stretch up to their first occurrences past it is read. `found` says whether the context fits
   * anywhere there, even with nothing left between prefix and suffix.
   */
  placeAtHint(good: number): { found: boolean; candidates: AnchorCandidate[] } {
    const { text, prefix, suffix, exact, hint, maxErrors } = this;
    const candidates: AnchorCandidate[] = [];
    if (hint === undefined || exact.length === 0) return { found: false, candidates };
    const m = exact.length;
    const from = Math.max(0, hint - LOCAL_REACH);
    const to = hint + m + LOCAL_REACH;
    // Where the context's nearest pieces occur verbatim, nearest the hint first; then the hint itself. The search
    // runs over a copy of the stretch, as indexOf on the whole text would read on to the next occurrence anywhere.
    const starts: number[] = [];
    const stretch = text.slice(from, to + PIECE);
    const collect = (piece: string, offset: number): void => {
      for (let at = stretch.indexOf(piece); at !== -1 && starts.length < MAX_LOCAL_SLOTS; at = stretch.indexOf(piece, at + 1)) {
        starts.push(from + at - offset);
      }
    };
    if (prefix.length >= PIECE) collect(prefix.slice(-PIECE), -PIECE);
    if (suffix.length >= PIECE) collect(suffix.slice(0, PIECE), m);
    starts.sort((a, b) => Math.abs(a - hint) - Math.abs(b - hint));
    const pieceFound = starts.length > 0;
    starts.push(hint);
    let found = false;
    const tried: number[] = [];
    for (const start of starts) {
      if (tried.some((t) => Math.abs(t - start) <= maxErrors)) continue;
      tried.push(start);
      const slot = this.betweenContext(start);
      if (!slot) continue;
      found = true;
      if (slot === 'empty') continue;
      const candidate = this.score(slot.start, slot.end, slot.errors, 'fuzzy');
      candidates.push(candidate);
      if (candidate.score >= CONFIDENT_SCORE) break;
    }
    if (!found && pieceFound) {
      // Only one side of the context is still there (the nearest piece found verbatim): look for the quote next to it.
      const start = starts[0]!;
      const window = { from: Math.max(0, start - maxErrors - PIECE), to: Math.min(text.length, start + m + maxErrors + PIECE), expectedStart: start };
      this.verified.push(window);
      candidates.push(...this.verify(window, good, false));
    }
    return { found, candidates };
  }

  /**
   * Regions for approximate matching, in the order worth trying: where most pieces of the claim and its context
   * still occur, then (only if nothing occurs anywhere) around the hint.
   */
  *windows(): Generator<SearchWindow> {
    const { text, exact, hint, maxErrors } = this;
    if (exact.length === 0 || text.length === 0) return;
    const voted = this.votedWindows();
    for (const window of voted) {
      if (!this.verified.some((done) => window.from >= done.from && window.to <= done.to)) yield window;
    }
    if (voted.length === 0 && hint !== undefined) {
      const slack = maxErrors + exact.length;
      yield { from: Math.max(0, hint - slack), to: Math.min(text.length, hint + exact.length + slack), expectedStart: hint };
    }
  }

  /**
   * Approximate matches in one window. When the recorded prefix and suffix both still fit here, the text between
   * them is the claim's place (or, if nothing is left between them, the claim was deleted here). Otherwise the
   * quote's best match is found and its edges fitted to the context, unless no match in the window could score
   * `good` even with a perfect quote.
   */
  verify(window: SearchWindow, good: number, tryContext = true): AnchorCandidate[] {
    const { text, maxErrors } = this;
    const m = this.exact.length;
    const slot = tryContext ? this.betweenContext(window.expectedStart) : undefined;
    if (slot === 'empty') return [];
    if (slot) return [this.score(slot.start, slot.end, slot.errors, 'fuzzy')];
    // Without context that could lift it to `good`, only a quote standing alone can: then it may have only the
    // few edits that leaves it (a far cheaper search).
    let allowed = maxErrors;
    if (QUOTE_WEIGHT + CONTEXT_WEIGHT * this.bestContextIn(window) + PROXIMITY_WEIGHT < good) {
      allowed = quoteAloneErrors(m, good);
      if (allowed < 0) return [];
    }
    const ends = bestMatchEnds(this.compiled('quote', false), text, allowed, window.from, window.to);
    if (!ends) return [];
    const expectedEnd = window.expectedStart + m;
    let end = ends.ends[0]!;
    for (const e of ends.ends) if (Math.abs(e - expectedEnd) < Math.abs(end - expectedEnd)) end = e;
    const aligned = alignStart(this.compiled('quote', true), text, end, maxErrors);
    const refined = this.alignWithContext(aligned.start, end, aligned.errors);
    return [this.score(refined.start, refined.end, refined.errors, 'fuzzy')];
  }

  /** The best context agreement any match inside the window could have (an upper bound for its score). */
  private bestContextIn(window: SearchWindow): number {
    const { text, prefix, suffix } = this;
    let prefixSimilarity = 1;
    if (prefix.length > 0) {
      const from = Math.max(0, window.from - 2 * prefix.length);
      prefixSimilarity = 1 - bestAlignment(this.compiled('prefix', false), text, from, window.to, false).errors / prefix.length;
    }
    let suffixSimilarity = 1;
    if (suffix.length > 0) {
      const to = Math.min(text.length, window.to + 2 * suffix.length);
      suffixSimilarity = 1 - bestAlignment(this.compiled('suffix', true), text, to, window.from, false).errors / suffix.length;
    }
    return weightedContext(prefix.length, prefixSimilarity, suffix.length, suffixSimilarity);
  }

  /**
   * Where pieces of the quote and of its context occur verbatim (found with the native indexOf, far faster than any
   * scan in JavaScript), each occurrence voting for where the quote would start. Regions where at least two
   * different pieces agree come first, most supported first, then nearest the hint.
   */
  private votedWindows(): SearchWindow[] {
    const { text, prefix, exact, suffix, maxErrors } = this;
    const m = exact.length;
    const pieces: Array<{ piece: string; offset: number }> = [];
    addPieces(pieces, exact, 0, QUOTE_PIECES);
    addPieces(pieces, prefix, -prefix.length, CONTEXT_PIECES);
    addPieces(pieces, suffix, m, CONTEXT_PIECES);

    const starts: number[] = [];
    const pieceOf: number[] = [];
    pieces.forEach(({ piece, offset }, index) => {
      const first = starts.length;
      for (let at = text.indexOf(piece); at !== -1; at = text.indexOf(piece, at + 1)) {
        // A piece this common says nothing about where the claim is.
        if (starts.length - first === MAX_PIECE_HITS) {
          starts.length = pieceOf.length = first;
          return;
        }
        starts.push(at - offset);
        pieceOf.push(index);
      }
    });
    const order = starts.map((_, i) => i).sort((a, b) => starts[a]! - starts[b]!);

    // Votes pool into regions no wider than a quote with its allowed errors.
    const reach = maxErrors + PIECE;
    const widest = m + 2 * maxErrors;
    const regions: Array<{ first: number; last: number; pieceSet: number; agreeing: number; starts: number[] }> = [];
    for (const i of order) {
      const start = starts[i]!;
      const bit = 1 << pieceOf[i]!;
      const current = regions[regions.length - 1];
      if (current && start - current.last <= reach && start - current.first <= widest) {
        current.last = start;
        current.starts.push(start);
        if ((current.pieceSet & bit) === 0) current.agreeing++;
        current.pieceSet |= bit;
      } else {
        regions.push({ first: start, last: start, pieceSet: bit, agreeing: 1, starts: [start] });
      }
    }
    const enough = Math.min(MIN_AGREEING_PIECES, pieces.length);
    return regions
      .filter((r) => r.agreeing >= enough)
      .map((r) => ({ region: r, expectedStart: r.starts[r.starts.length >> 1] ?? r.first }))
      .sort((a, b) => b.region.agreeing - a.region.agreeing || this.distanceFromHint(a.expectedStart) - this.distanceFromHint(b.expectedStart))
      .slice(0, MAX_VOTED_WINDOWS)
      .map(({ region, expectedStart }) => ({
        from: Math.max(0, region.first - maxErrors),
        to: Math.min(text.length, region.last + m + maxErrors),
        expectedStart,
      }));
  }

  /**
   * The text between where the recorded prefix ends and the recorded suffix begins, near `expectedStart`: the claim
   * located by its surroundings, for when its own words changed too much to be found by themselves.
   */
  private betweenContext(expectedStart: number): { start: number; end: number; errors: number } | 'empty' | undefined {
    const { text, prefix, suffix, exact } = this;
    if (prefix.trim().length === 0 || suffix.trim().length === 0) return undefined;
    const start = this.bestPrefixEnd(expectedStart, text.length);
    if (start.errors > prefix.length * CONTEXT_FIT) return undefined;
    const end = this.bestSuffixStart(start.at + exact.length, start.at);
    if (end.errors > suffix.length * CONTEXT_FIT) return undefined;
    if (end.at <= start.at) return 'empty';
    return { start: start.at, end: end.at, errors: distanceTo(this.compiled('quote', false), text, start.at, end.at) };
  }

  /**
   * Moves the edges of an approximate match to where the recorded context best fits, when that explains the
   * text around it with fewer edits overall (prefix + quote + suffix). Aligning the quote alone cuts a match
   * short when words were inserted or replaced at its edge, and then its context looks wrong too.
   */
  private alignWithContext(start: number, end: number, errors: number): { start: number; end: number; errors: number } {
    const bestStart = this.prefix.length > 0 ? this.bestPrefixEnd(start, end).at : start;
    const bestEnd = this.suffix.length > 0 ? this.bestSuffixStart(end, Math.max(bestStart, end - this.maxErrors)).at : end;
    if (bestStart === start && bestEnd === end) return { start, end, errors };
    const current = errors + this.prefixErrors(start) + this.suffixErrors(end);
    const quoteErrors = distanceTo(this.compiled('quote', false), this.text, bestStart, bestEnd);
    const refined = quoteErrors + this.prefixErrors(bestStart) + this.suffixErrors(bestEnd);
    return refined < current ? { start: bestStart, end: bestEnd, errors: quoteErrors } : { start, end, errors };
  }

  /** Where the recorded prefix fits best, ending within maxErrors (plus its length) of `near`, not after `limit`. */
  private bestPrefixEnd(near: number, limit: number): { at: number; errors: number } {
    const from = Math.max(0, near - this.maxErrors - 2 * this.prefix.length);
    const to = Math.min(limit, near + this.maxErrors);
    const best = bestAlignment(this.compiled('prefix', false), this.text, from, to, false, near - from);
    return { at: from + best.length, errors: best.errors };
  }

  /** Where the recorded suffix fits best, starting from `lowest` to maxErrors (plus its length) after `near`. */
  private bestSuffixStart(near: number, lowest: number): { at: number; errors: number } {
    const to = Math.min(this.text.length, near + this.maxErrors + 2 * this.suffix.length);
    const best = bestAlignment(this.compiled('suffix', true), this.text, to, lowest, false, to - near);
    return { at: to - best.length, errors: best.errors };
  }

  private score(rawStart: number, rawEnd: number, errors: number, method: AnchorResult['method']): AnchorCandidate {
    const { start, end } = snapToCharacters(this.text, rawStart, rawEnd);
    const m = this.exact.length;
    if (method === 'exact' && end - start === m) {
      // A verbatim quote that is long enough to be its own context, or that has its whole recorded context around
      // it, scores full marks but for proximity: measuring the surroundings could not change that.
      const { prefix, suffix } = this;
      const agreement = this.verbatimContext(start, end);
      const wholeContext = prefix.length > 0 && suffix.length > 0 && agreement === prefix.length + suffix.length;
      if (m >= SELF_EVIDENT_QUOTE_LENGTH || wholeContext) {
        const proximity = this.proximity(start);
        const share = agreement / Math.max(1, prefix.length + suffix.length);
        const score = QUOTE_WEIGHT + CONTEXT_WEIGHT + PROXIMITY_WEIGHT * proximity;
        return { start, end, method, quoteSimilarity: 1, prefixSimilarity: share, suffixSimilarity: share, neighbourSimilarity: 0, proximity, score };
      }
    }
    // Normalised by the longer of quote and match, so inserted words count like characters not kept.
    const quoteSimilarity = Math.max(0, 1 - errors / Math.max(m, end - start));
    const prefixSimilarity = this.prefixSimilarity(start);
    const suffixSimilarity = this.suffixSimilarity(end);
    const neighbourSimilarity = this.neighbourSimilarity(start, end);
    let context = weightedContext(this.prefix.length, prefixSimilarity, this.suffix.length, suffixSimilarity);
    if (neighbourSimilarity >= NEIGHBOUR_LIKENESS) context = Math.min(context, prefixSimilarity, suffixSimilarity);
    if (errors === 0 && end - start === m) context = Math.max(context, Math.min(1, m / SELF_EVIDENT_QUOTE_LENGTH));
    const proximity = this.proximity(start);
    // Numbers are what a fact-checker checks: a look-alike with other figures ("$2 billion" for "$1.25 billion") is
    // another claim, so a quote whose numbers changed must earn its place through its context.
    const alone = sameNumbers(this.exact, this.text.slice(start, end)) ? quoteAloneScore(quoteSimilarity, m) : 0;
    let score = Math.max(QUOTE_WEIGHT * quoteSimilarity + CONTEXT_WEIGHT * context + PROXIMITY_WEIGHT * proximity, alone);
    // However well its context fits, a place whose words are mostly others is not the claim: a deleted claim's
    // neighbours stay, and what now lies between them is another sentence.
    if (quoteSimilarity < QUOTE_FLOOR) score = Math.min(score, quoteSimilarity);
    return { start, end, method, quoteSimilarity, prefixSimilarity, suffixSimilarity, neighbourSimilarity, proximity, score };
  }

  /** Edits between the recorded prefix and the text ending at `start` (its far end free). */
  private prefixErrors(start: number): number {
    const n = this.prefix.length;
    if (n === 0) return 0;
    return bestAlignment(this.compiled('prefix', true), this.text, start, start - 2 * n, true).errors;
  }

  /** Edits between the recorded suffix and the text starting at `end` (its far end free). */
  private suffixErrors(end: number): number {
    const n = this.suffix.length;
    if (n === 0) return 0;
    return bestAlignment(this.compiled('suffix', false), this.text, end, end + 2 * n, true).errors;
  }

  // An empty prefix (suffix) means the claim began (ended) the article, which is context too.
  private prefixSimilarity(start: number): number {
    if (this.prefix.length === 0) return onlySpaceBetween(this.text, start, -1) ? 1 : 0;
    return 1 - this.prefixErrors(start) / this.prefix.length;
  }

  private suffixSimilarity(end: number): number {
    if (this.suffix.length === 0) return onlySpaceBetween(this.text, end, 1) ? 1 : 0;
    return 1 - this.suffixErrors(end) / this.suffix.length;
  }

  private neighbourSimilarity(start: number, end: number): number {
    const { prefix, suffix } = this;
    const successor = suffix.trim().length > 0 ? 1 - this.suffixErrors(start) / suffix.length : 0;
    const predecessor = prefix.trim().length > 0 ? 1 - this.prefixErrors(end) / prefix.length : 0;
    return Math.max(successor, predecessor);
  }

  /** Characters of recorded context that agree verbatim right next to [start, end). */
  /** How many characters of the recorded prefix and suffix stand verbatim around [start, end). */
  verbatimContext(start: number, end: number): number {
    const { text, prefix, suffix } = this;
    let before = 0;
    while (before < prefix.length && start - before > 0 && text.charCodeAt(start - before - 1) === prefix.charCodeAt(prefix.length - before - 1)) before++;
    let after = 0;
    while (after < suffix.length && end + after < text.length && text.charCodeAt(end + after) === suffix.charCodeAt(after)) after++;
    return before + after;
  }

  private proximity(start: number): number {
    return this.hint === undefined ? 0.5 : 1 / (1 + Math.abs(start - this.hint) / PROXIMITY_HALF_DISTANCE);
  }

  private distanceFromHint(at: number): number {
    return this.hint === undefined ? 0 : Math.abs(at - this.hint);
  }
}

/**
 * How rare each code unit is in English prose, higher is rarer: lower-case letters by frequency (the space
 * commonest), capitals and digits among the rarest, other punctuation and anything beyond ASCII treated as common.
 * It decides where the short pieces start because indexOf over a two-byte string (any article with a curly quote)
 * skips ahead to a short search string's first character and pays for every false start: a piece starting with
 * "e" can cost thirty times one starting with "x". Curly quotes themselves are common, and to V8's search they
 * look like spaces. (Long search strings, like a whole quote, are searched with skips and need no such care.)
 */
const RARITY = (() => {
  const table = new Uint8Array(128).fill(10);
  [...' etaoinshrdlcumwfgypbvkjxqz'].forEach((c, i) => (table[c.charCodeAt(0)] = i));
  for (let c = 0x41; c <= 0x5a; c++) table[c] = 22;
  for (let c = 0x30; c <= 0x39; c++) table[c] = 22;
  return table;
})();

function rarity(code: number): number {
  return code < 128 ? RARITY[code]! : 5;
}

/** Cuts up to `count` pieces of PIECE code units from `source`, one per equal stretch, each at its rarest character. */
function addPieces(pieces: Array<{ piece: string; offset: number }>, source: string, offset: number, count: number): void {
  const stretches = Math.min(count, Math.floor(source.length / PIECE));
  if (stretches <= 0) return;
  const stretch = source.length / stretches;
  for (let n = 0; n < stretches; n++) {
    const first = Math.floor(n * stretch);
    const last = Math.min(source.length - PIECE, Math.floor((n + 1) * stretch) - 1);
    let at = first;
    for (let i = first + 1; i <= last; i++) if (rarity(source.charCodeAt(i)) > rarity(source.charCodeAt(at))) at = i;
    pieces.push({ piece: source.slice(at, at + PIECE), offset: offset + at });
  }
}

/** Whether nothing but white space lies between `at` and the article's start (direction -1) or end (+1). */
function onlySpaceBetween(text: string, at: number, direction: -1 | 1): boolean {
  for (let i = direction < 0 ? at - 1 : at; i >= 0 && i < text.length; i += direction) {
    if (!/\s/.test(text[i] ?? '')) return false;
  }
  return true;
}

function weightedContext(prefixLength: number, prefixSimilarity: number, suffixLength: number, suffixSimilarity: number): number {
  const prefixWeight = Math.max(prefixLength, ARTICLE_EDGE_WEIGHT);
  const suffixWeight = Math.max(suffixLength, ARTICLE_EDGE_WEIGHT);
  return (prefixWeight * prefixSimilarity + suffixWeight * suffixSimilarity) / (prefixWeight + suffixWeight);
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
  // Below U+0300 there are no combining marks, surrogates or joiners.
  if (here < 0x300 && before < 0x300) return false;
  if (isLowSurrogate(here) && isHighSurrogate(before)) return true;
  if (here === ZERO_WIDTH_JOINER || before === ZERO_WIDTH_JOINER) return true;
  const codePoint = text.codePointAt(at);
  return codePoint !== undefined && COMBINING_MARK.test(String.fromCodePoint(codePoint));
}

/**
 * Adjusts [start, end) so that it neither starts nor ends inside a character or a grapheme: it widens over
 * surrogate pairs, combining marks and joiners, and narrows off a line break's half, since VS Code has no offset
 * between the "\r" and "\n" of a CRLF and a claim's text does not include a line break at its edge.
 */
export function snapToCharacters(text: string, start: number, end: number): { start: number; end: number } {
  let s = clamp(start, 0, text.length);
  let e = clamp(end, s, text.length);
  if (e - s > 1 && splitsLineBreak(text, s)) s++;
  if (e - s > 1 && splitsLineBreak(text, e)) e--;
  while (s > 0 && splitsCharacter(text, s)) s--;
  while (e < text.length && e > s && splitsCharacter(text, e)) e++;
  return { start: s, end: e };
}

function splitsLineBreak(text: string, at: number): boolean {
  return at > 0 && at < text.length && text.charCodeAt(at - 1) === 0x0d && text.charCodeAt(at) === 0x0a;
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
