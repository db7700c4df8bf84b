// Approximate string matching with Myers' bit-parallel algorithm (G. Myers, "A fast bit-vector algorithm for
// approximate string matching based on dynamic programming", JACM 46(3), 1999), in its block-based form so
// patterns of any length work: the pattern is cut into 32-row blocks and each text character advances one
// block per 32-bit word, with a horizontal delta carried from block to block. Searches use Ukkonen's cut-off
// (only the blocks whose scores can still reach the error limit are computed), so a scan costs about
// (maxErrors / 32 + 1) word operations per text character instead of pattern.length.
//
// Offsets are UTF-16 code units, like every offset in Claim Annotator.

const WORD = 32;
const ASCII = 128;

/**
 * A pattern compiled into Myers' match masks. `reversed` compiles the pattern back to front, for scans that
 * walk the text backwards (finding where a match starts, comparing a claim's prefix with the text before it).
 */
export class BitPattern {
  readonly length: number;
  readonly blocks: number;
  /** Masks for code units below 128, `blocks` words per code unit, kept flat so the hot loop does no lookups. */
  private readonly asciiMasks: Int32Array;
  private readonly otherMasks = new Map<number, Int32Array>();
  private readonly noMatch: Int32Array;
  /** The bit of the pattern's last row inside the last block. */
  readonly lastRowBit: number;
  /** Scratch state for scans, reused so that scanning allocates nothing. */
  readonly column: Column;

  constructor(
    readonly pattern: string,
    readonly reversed = false,
  ) {
    const m = pattern.length;
    this.length = m;
    this.blocks = Math.max(1, Math.ceil(m / WORD));
    this.asciiMasks = new Int32Array(ASCII * this.blocks);
    this.noMatch = new Int32Array(this.blocks);
    this.lastRowBit = 1 << ((m - 1) % WORD);
    this.column = new Column(this.blocks);
    for (let row = 0; row < m; row++) {
      const code = pattern.charCodeAt(reversed ? m - 1 - row : row);
      const block = (row / WORD) | 0;
      const bit = 1 << (row % WORD);
      if (code < ASCII) {
        this.asciiMasks[code * this.blocks + block]! |= bit;
      } else {
        let masks = this.otherMasks.get(code);
        if (!masks) this.otherMasks.set(code, (masks = new Int32Array(this.blocks)));
        masks[block]! |= bit;
      }
    }
  }

  /** The array holding a code unit's match masks, one word per block from index `maskBase(code)` on. */
  masksFor(code: number): Int32Array {
    return code < ASCII ? this.asciiMasks : (this.otherMasks.get(code) ?? this.noMatch);
  }

  maskBase(code: number): number {
    return code < ASCII ? code * this.blocks : 0;
  }
}

/**
 * The state of one text column: Myers' vertical delta vectors (Pv, Mv) of every block and the score at each block's
 * last row. One per compiled pattern, reused by every scan, so scans allocate nothing.
 */
class Column {
  readonly plus: Int32Array;
  readonly minus: Int32Array;
  readonly score: Int32Array;

  constructor(blocks: number) {
    this.plus = new Int32Array(blocks);
    this.minus = new Int32Array(blocks);
    this.score = new Int32Array(blocks);
  }

  /** Resets a block to the first column of the matrix: every vertical delta +1. */
  resetBlock(block: number, rowsAbove: number, rowsInBlock: number): void {
    this.plus[block] = -1;
    this.minus[block] = 0;
    this.score[block] = rowsAbove + rowsInBlock;
  }

  /**
   * Advances one block by one text character (Myers 1999, Fig. 8) given the horizontal delta entering its top
   * row, and returns the horizontal delta leaving its bottom row (+1, 0 or -1).
   */
  advance(block: number, match: number, carryIn: number, bottomBit: number): number {
    const pv = this.plus[block]!;
    const mv = this.minus[block]!;
    const eq = carryIn < 0 ? match | 1 : match;
    const xv = eq | mv;
    const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
    let ph = mv | ~(xh | pv);
    let mh = pv & xh;
    const carryOut = ph & bottomBit ? 1 : mh & bottomBit ? -1 : 0;
    ph <<= 1;
    mh <<= 1;
    if (carryIn < 0) mh |= 1;
    else if (carryIn > 0) ph |= 1;
    this.plus[block] = mh | ~(xv | ph);
    this.minus[block] = ph & xv;
    return carryOut;
  }
}

function rowsInBlock(pattern: BitPattern, block: number): number {
  return block === pattern.blocks - 1 ? pattern.length - block * WORD : WORD;
}

function bottomBitOf(pattern: BitPattern, block: number): number {
  return block === pattern.blocks - 1 ? pattern.lastRowBit : 1 << 31;
}

export interface MatchEnds {
  /** The fewest edits (insertions, deletions, substitutions) turning the pattern into a text substring. */
  errors: number;
  /** Every end offset (exclusive) of a substring reaching that many errors, in increasing order. */
  ends: number[];
}

/**
 * Where the pattern matches best in text[from, to): the lowest error count, if it is at most `maxErrors`, and
 * every end offset where a substring within text[from, to) reaches it. The error limit tightens as better
 * matches are found, which also shrinks the work left.
 */
export function bestMatchEnds(pattern: BitPattern | string, text: string, maxErrors: number, from = 0, to = text.length): MatchEnds | null {
  const pat = typeof pattern === 'string' ? new BitPattern(pattern) : pattern;
  if (pat.reversed) throw new Error('bestMatchEnds scans forwards; compile the pattern unreversed');
  const m = pat.length;
  if (m === 0) return null;
  let limit = Math.min(Math.floor(maxErrors), m);
  if (limit < 0) return null;
  const last = pat.blocks - 1;
  const column = pat.column;
  const { score } = column;
  // Blocks 0..active are computed; rows below hold values that cannot be within the limit.
  let active = Math.min(last, Math.max(0, Math.ceil(limit / WORD) - 1));
  for (let b = 0; b <= active; b++) column.resetBlock(b, b * WORD, rowsInBlock(pat, b));
  let best = limit + 1;
  let ends: number[] = [];
  const start = Math.max(0, from);
  const stop = Math.min(text.length, to);
  for (let j = start; j < stop; j++) {
    const code = text.charCodeAt(j);
    const masks = pat.masksFor(code);
    const base = pat.maskBase(code);
    let carry = 0;
    for (let b = 0; b <= active; b++) {
      carry = column.advance(b, masks[base + b]!, carry, bottomBitOf(pat, b));
      score[b]! += carry;
    }
    if (score[active]! - carry <= limit && active < last && ((masks[base + active + 1]! & 1) !== 0 || carry < 0)) {
      // The bottom active block is within reach of the limit: bring the next block into the band.
      active++;
      const rows = rowsInBlock(pat, active);
      column.plus[active] = -1;
      column.minus[active] = 0;
      score[active] = score[active - 1]! + rows - carry + column.advance(active, masks[base + active]!, carry, bottomBitOf(pat, active));
    } else {
      while (active > 0 && score[active]! >= limit + WORD) active--;
    }
    if (active === last && score[last]! <= limit) {
      const errors = score[last]!;
      if (errors < best) {
        best = errors;
        ends = [];
        limit = errors;
      }
      ends.push(j + 1);
    }
  }
  return ends.length > 0 ? { errors: best, ends } : null;
}

/**
 * Runs the pattern over text read from `origin` towards `limit` (backwards when the pattern is compiled reversed)
 * and works out, for each count i of characters read (0..|origin - limit|), the edit distance of the whole pattern
 * against them. It records each in `profile[i]` when given, keeps the least (the one whose length is nearest
 * `best.preferred` among equals) in `best` when given, and returns the value after the last character. `anchored`
 * makes the text start at `origin` (global alignment on that side); otherwise the pattern may begin anywhere in
 * the text read (a search).
 */
function scan(
  pattern: BitPattern,
  text: string,
  origin: number,
  limit: number,
  anchored: boolean,
  profile: Int32Array | undefined,
  best: { length: number; errors: number; preferred: number } | undefined,
): number {
  const m = pattern.length;
  const backwards = pattern.reversed;
  const count = Math.max(0, backwards ? origin - Math.max(0, limit) : Math.min(text.length, limit) - origin);
  const step = backwards ? -1 : 1;
  const first = backwards ? origin - 1 : origin;
  // With an anchored start the top row of the matrix grows by one per character (D[0][j] = j); a free start
  // keeps it at zero.
  const topDelta = anchored ? 1 : 0;
  let bestErrors = m;
  let bestLength = 0;
  const preferred = best ? best.preferred : 0;
  if (profile) profile[0] = m;
  let value = m;
  if (m === 0) {
    value = anchored ? count : 0;
    if (profile) for (let i = 1; i <= count; i++) profile[i] = anchored ? i : 0;
    if (!anchored && count > 0) bestLength = Math.min(count, Math.max(0, preferred));
  } else if (pattern.blocks === 1) {
    // The common case (claim contexts are 32 code units): one word, all state in locals.
    const bottomBit = pattern.lastRowBit;
    let pv = -1;
    let mv = 0;
    for (let i = 0; i < count; i++) {
      const code = text.charCodeAt(first + i * step);
      const eq = pattern.masksFor(code)[pattern.maskBase(code)]!;
      const xv = eq | mv;
      const xh = ((((eq & pv) + pv) | 0) ^ pv) | eq;
      let ph = mv | ~(xh | pv);
      const mh = (pv & xh) << 1;
      if (ph & bottomBit) value++;
      else if (pv & xh & bottomBit) value--;
      ph = (ph << 1) | topDelta;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
      if (profile) profile[i + 1] = value;
      if (value < bestErrors || (value === bestErrors && Math.abs(i + 1 - preferred) < Math.abs(bestLength - preferred))) {
        bestErrors = value;
        bestLength = i + 1;
      }
    }
  } else {
    const column = pattern.column;
    for (let b = 0; b < pattern.blocks; b++) column.resetBlock(b, b * WORD, rowsInBlock(pattern, b));
    const last = pattern.blocks - 1;
    for (let i = 0; i < count; i++) {
      const code = text.charCodeAt(first + i * step);
      const masks = pattern.masksFor(code);
      const base = pattern.maskBase(code);
      let carry = topDelta;
      for (let b = 0; b <= last; b++) carry = column.advance(b, masks[base + b]!, carry, bottomBitOf(pattern, b));
      value += carry;
      if (profile) profile[i + 1] = value;
      if (value < bestErrors || (value === bestErrors && Math.abs(i + 1 - preferred) < Math.abs(bestLength - preferred))) {
        bestErrors = value;
        bestLength = i + 1;
      }
    }
  }
  if (best) {
    best.errors = bestErrors;
    best.length = bestLength;
  }
  return value;
}

/**
 * Edit distances of the whole pattern against text read from `origin` towards `limit` (backwards when the
 * pattern is compiled reversed): entry i is the distance to the i characters read, for i = 0..|origin-limit|.
 * `anchored` makes the text start at `origin` (global alignment on that side); otherwise the pattern may begin
 * anywhere in the text read, and entry i is the best distance of a match ending after i characters.
 */
export function distanceProfile(pattern: BitPattern, text: string, origin: number, limit: number, anchored: boolean): Int32Array {
  const count = Math.max(0, pattern.reversed ? origin - Math.max(0, limit) : Math.min(text.length, limit) - origin);
  const profile = new Int32Array(count + 1);
  scan(pattern, text, origin, limit, anchored, profile, undefined);
  return profile;
}

/**
 * The entry of `distanceProfile` with the fewest errors, the one whose length is nearest `preferredLength` among
 * equals, without building the profile.
 */
export function bestAlignment(
  pattern: BitPattern,
  text: string,
  origin: number,
  limit: number,
  anchored: boolean,
  preferredLength = 0,
): { length: number; errors: number } {
  const best = { length: 0, errors: 0, preferred: preferredLength };
  scan(pattern, text, origin, limit, anchored, undefined, best);
  return { length: best.length, errors: best.errors };
}

/** Edit distance (Levenshtein) between a compiled pattern and text[from, to), bit-parallel. */
export function distanceTo(pattern: BitPattern, text: string, from: number, to: number): number {
  if (pattern.reversed) throw new Error('distanceTo reads forwards; compile the pattern unreversed');
  return scan(pattern, text, from, Math.max(from, to), true, undefined, undefined);
}

/** Plain edit distance (Levenshtein) between two strings, bit-parallel. */
export function editDistance(a: string, b: string): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  return distanceTo(new BitPattern(a), b, 0, b.length);
}

/**
 * Where an approximate match ending at `end` most plausibly starts: the start within
 * [end - pattern.length - maxExtra, end] with the fewest errors, and among those the one whose length is
 * closest to the pattern's. `reversedPattern` must be the pattern compiled with `reversed = true`.
 */
export function alignStart(reversedPattern: BitPattern, text: string, end: number, maxExtra: number): { start: number; errors: number } {
  if (!reversedPattern.reversed) throw new Error('alignStart needs the pattern compiled reversed');
  const m = reversedPattern.length;
  const lowest = Math.max(0, end - m - Math.max(0, maxExtra));
  const best = bestAlignment(reversedPattern, text, end, lowest, true, m);
  return { start: end - best.length, errors: best.errors };
}
