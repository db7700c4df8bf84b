// Candidates (spotted sentences) are found again after the article changed outside the editor, the way
// claims are: a sentence that only moved keeps its candidate; one that was rewritten or deleted loses it
// (spotting again finds the new wording). A candidate is its exact sentence text, so a verbatim search is
// enough; among several copies the one nearest the old place wins.

export interface AnchoredSentence {
  start: number;
  end: number;
  text: string;
}

/** The candidates at their place in `text`, in text order; each occurrence is given to one candidate only. */
export function reanchorCandidates<T extends AnchoredSentence>(text: string, candidates: readonly T[]): T[] {
  const taken = new Set<number>();
  const found: T[] = [];
  // Candidates still in place claim their spot first, so a moved copy cannot take an unmoved one's place.
  const inPlace = (c: T) => c.text.length > 0 && text.startsWith(c.text, c.start);
  for (const candidate of candidates) {
    if (inPlace(candidate) && !taken.has(candidate.start)) {
      taken.add(candidate.start);
      found.push(candidate);
    }
  }
  for (const candidate of candidates) {
    if (candidate.text.length === 0 || found.includes(candidate)) continue;
    const at = nearestOccurrence(text, candidate.text, candidate.start, taken);
    if (at < 0) continue;
    taken.add(at);
    found.push({ ...candidate, start: at, end: at + candidate.text.length });
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

function nearestOccurrence(text: string, needle: string, near: number, taken: ReadonlySet<number>): number {
  let best = -1;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (!taken.has(at) && (best < 0 || Math.abs(at - near) < Math.abs(best - near))) best = at;
  }
  return best;
}
