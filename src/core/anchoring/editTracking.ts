// Claim ranges follow the editor's change events exactly, so a claim stays on its words while the user types.
//
// The rules, for a claim [start, end) and a change replacing [a, b) with new text:
// - a change ending at or before the claim's start shifts it (an insertion exactly at the start stays outside);
// - a change starting at or after the claim's end leaves it alone (an insertion exactly at the end stays outside);
// - a change that replaces or inserts text strictly within the claim grows or shrinks it; a replacement of
//   claim text that touches an edge from the inside (retyping the first word) keeps the new text in the claim;
// - a change that deletes text on both sides of an edge clips the claim to what remains of its own text, and
//   the new text goes outside;
// - a change that removes all of the claim's text orphans it (null): its words are gone, and the caller keeps
//   the claim with its last quote so that content re-anchoring (or undo) can bring it back.

/** One edit, in the shape of VS Code's `TextDocumentContentChangeEvent`: offsets in UTF-16 code units. */
export interface TextChange {
  rangeOffset: number;
  rangeLength: number;
  text: string;
}

export interface OffsetRange {
  start: number;
  end: number;
}

const ORPHANED = -1;

/**
 * Maps [start, end) through one change, writing the result into `out` (index `at`); returns false when the
 * claim's text was deleted entirely. Shared by the object and the typed-array APIs.
 */
function mapInto(start: number, end: number, a: number, b: number, inserted: number, out: Int32Array | Float64Array, at: number): boolean {
  const delta = inserted - (b - a);
  if (a === b) {
    // A pure insertion joins the claim only strictly inside it.
    if (a <= start) {
      out[at] = start + inserted;
      out[at + 1] = end + inserted;
    } else if (a < end) {
      out[at] = start;
      out[at + 1] = end + inserted;
    } else {
      out[at] = start;
      out[at + 1] = end;
    }
    return true;
  }
  if (b <= start) {
    out[at] = start + delta;
    out[at + 1] = end + delta;
  } else if (a >= end) {
    out[at] = start;
    out[at + 1] = end;
  } else if (a <= start && b >= end) {
    return false;
  } else if (a < start) {
    // Deletes across the start edge: the claim keeps its remaining text, which now follows the new text.
    out[at] = a + inserted;
    out[at + 1] = end + delta;
  } else if (b > end) {
    // Deletes across the end edge: the claim keeps [start, a) and the new text follows it.
    out[at] = start;
    out[at + 1] = a;
  } else {
    out[at] = start;
    out[at + 1] = end + delta;
  }
  return true;
}

/** Maps one range through one change; null when the change removed all of the range's text. */
export function mapRange(range: OffsetRange, change: TextChange): OffsetRange | null {
  const out = new Float64Array(2);
  const a = change.rangeOffset;
  const ok = mapInto(range.start, range.end, a, a + change.rangeLength, change.text.length, out, 0);
  return ok ? { start: out[0]!, end: out[1]! } : null;
}

/**
 * Tracks many ranges in place through change events, without allocating per range: positions live in one
 * typed array, so a change event over ten thousand claims costs a single pass of integer compares.
 */
export class RangeTracker {
  /** start, end pairs; an orphaned range has start = -1. */
  private readonly bounds: Float64Array;
  readonly size: number;

  constructor(ranges: ReadonlyArray<OffsetRange | null>) {
    this.size = ranges.length;
    this.bounds = new Float64Array(ranges.length * 2);
    ranges.forEach((range, i) => {
      if (range && range.start >= 0 && range.end >= range.start) {
        this.bounds[2 * i] = range.start;
        this.bounds[2 * i + 1] = range.end;
      } else {
        this.bounds[2 * i] = ORPHANED;
        this.bounds[2 * i + 1] = ORPHANED;
      }
    });
  }

  /** Applies changes in array order, each relative to the document as left by the ones before it. */
  apply(changes: readonly TextChange[]): void {
    const bounds = this.bounds;
    for (const change of changes) {
      const a = change.rangeOffset;
      const b = a + change.rangeLength;
      const inserted = change.text.length;
      if (a === b && inserted === 0) continue;
      for (let at = 0; at < bounds.length; at += 2) {
        const start = bounds[at]!;
        if (start === ORPHANED) continue;
        const end = bounds[at + 1]!;
        // The common case by far: the change is after the claim. (An insertion at an empty range moves it.)
        if (a > end || (a === end && (start < end || a < b))) continue;
        if (!mapInto(start, end, a, b, inserted, bounds, at)) {
          bounds[at] = ORPHANED;
          bounds[at + 1] = ORPHANED;
        }
      }
    }
  }

  isOrphaned(index: number): boolean {
    return this.bounds[2 * index] === ORPHANED;
  }

  start(index: number): number {
    return this.bounds[2 * index]!;
  }

  end(index: number): number {
    return this.bounds[2 * index + 1]!;
  }

  get(index: number): OffsetRange | null {
    const start = this.bounds[2 * index]!;
    return start === ORPHANED ? null : { start, end: this.bounds[2 * index + 1]! };
  }

  toArray(): Array<OffsetRange | null> {
    const result: Array<OffsetRange | null> = new Array(this.size);
    for (let i = 0; i < this.size; i++) result[i] = this.get(i);
    return result;
  }
}

/**
 * Maps ranges through the changes of one event, applied in array order (each change is relative to the document
 * after the previous ones, the order VS Code reports multi-cursor edits in). A null range stays null; a range whose
 * text was deleted entirely becomes null.
 */
export function applyChanges(ranges: ReadonlyArray<OffsetRange | null>, changes: readonly TextChange[]): Array<OffsetRange | null> {
  const tracker = new RangeTracker(ranges);
  tracker.apply(changes);
  return tracker.toArray();
}
