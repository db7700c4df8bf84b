// Where a new mark begins and ends, and how it sits against the claims already in the article.
//
// A claim is a statement, so its edges fall between words: a drag that stops two letters into a word is snapped
// outwards to whole words. Word edges come from Unicode word segmentation (Intl.Segmenter, UAX #29 with ICU's
// dictionaries), so "1.25", "don't" and "U.S" are one word each and Chinese or Thai text, written without spaces,
// is cut at its real words rather than swallowed up to the next punctuation mark. A selection that lies inside a
// single word is kept as it is: the user picked exactly those letters.
//
// Claims may nest (a figure inside the sentence that states it); commands that act on "the claim at the cursor"
// take the innermost one, so a nested claim is never shadowed by the claim around it.

export interface Span {
  start: number;
  end: number;
}

/** How a selection sits against an existing claim. */
export type Overlap =
  /** No character in common (touching edges do not count). */
  | 'none'
  /** Exactly the claim's text. */
  | 'same'
  /** Within the claim: marking it makes a nested claim. */
  | 'inside'
  /** Encloses the claim: marking it makes a claim with this one nested inside. */
  | 'around'
  /** Starts inside the claim and ends outside it, or the other way round. */
  | 'across';

/** Text this far either side of an edge is enough to find the word the edge falls in. */
const WORD_WINDOW = 256;

let wordSegmenter: Intl.Segmenter | undefined;

/** The word-like segment of `text` that `offset` falls strictly inside, if any (an edge between words gives none). */
function wordAround(text: string, offset: number): Span | undefined {
  if (offset <= 0 || offset >= text.length) return undefined;
  const from = Math.max(0, offset - WORD_WINDOW);
  const to = Math.min(text.length, offset + WORD_WINDOW);
  wordSegmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  const segment = wordSegmenter.segment(text.slice(from, to)).containing(offset - from);
  if (!segment?.isWordLike) return undefined;
  const start = from + segment.index;
  const end = start + segment.segment.length;
  return start < offset && offset < end ? { start, end } : undefined;
}

/** Whether a mark's edge at `offset` would cut a word in two. */
export function cutsWord(text: string, offset: number): boolean {
  return wordAround(text, offset) !== undefined;
}

/**
 * The span a selection [start, end) marks: widened to whole words where an edge cuts a word, unless the whole
 * selection lies inside one word. An empty or inverted span is returned as it is.
 */
export function snapToWords(text: string, start: number, end: number): Span {
  if (end <= start) return { start, end };
  const startWord = wordAround(text, start);
  const endWord = wordAround(text, end);
  if (startWord && endWord && startWord.start === endWord.start) return { start, end };
  // The selection may hold a single word and reach into it from one side only ("nthropic"): still one word.
  const onlyWord = startWord ?? endWord;
  if (onlyWord && onlyWord.start <= start && end <= onlyWord.end) return { start, end };
  return { start: startWord?.start ?? start, end: endWord?.end ?? end };
}

/** How `selection` sits against `claim`. */
export function overlapOf(selection: Span, claim: Span): Overlap {
  if (selection.start === claim.start && selection.end === claim.end) return 'same';
  if (selection.end <= claim.start || claim.end <= selection.start) return 'none';
  if (claim.start <= selection.start && selection.end <= claim.end) return 'inside';
  if (selection.start <= claim.start && claim.end <= selection.end) return 'around';
  return 'across';
}

/** The claims a selection overlaps (not `none`), innermost (shortest) first, then in document order. */
export function overlappingClaims<C extends { position: Span }>(claims: readonly C[], selection: Span): Array<{ claim: C; overlap: Overlap }> {
  return claims
    .map((claim) => ({ claim, overlap: overlapOf(selection, claim.position) }))
    .filter(({ overlap }) => overlap !== 'none')
    .sort((a, b) => length(a.claim.position) - length(b.claim.position) || a.claim.position.start - b.claim.position.start);
}

/**
 * The innermost claim under `offset`. With `at: 'caret'` (the default) a claim's end counts as inside it, since a
 * caret after its last letter is still in it; with `at: 'character'` (a hover over the character at `offset`) it
 * does not. Among claims of the same length, the one starting later wins: a caret on the edge between two
 * adjacent claims is taken to be at the start of the one ahead of it.
 */
export function innermostClaimAt<C extends { position: Span }>(claims: readonly C[], offset: number, at: 'caret' | 'character' = 'caret'): C | undefined {
  let best: C | undefined;
  for (const claim of claims) {
    const { start, end } = claim.position;
    const inside = at === 'caret' ? start <= offset && offset <= end : start <= offset && offset < end;
    if (!inside) continue;
    if (
      best === undefined ||
      length(claim.position) < length(best.position) ||
      (length(claim.position) === length(best.position) && start > best.position.start)
    ) {
      best = claim;
    }
  }
  return best;
}

function length(span: Span): number {
  return span.end - span.start;
}
