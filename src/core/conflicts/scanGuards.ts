// Cheap character tests that spare the conflict finder a slice, a regex or a normalisation where they cannot
// change the result: reading a claim runs them for every step of every value's role search. Each is checked
// against the regex it stands in for, on every sentence in the repository, by test/unit/conflictGuards.test.ts.

/** A clause boundary in the gap before a value's role word: a clause mark, or a comma and a conjunction. */
export const CLAUSE_BREAK = /[;:—–()]|,\s*(?:and|but|while|which|who|where|as)\b/;
/** A conjunction, which ends a value's role words. */
export const CONJUNCTION = /^(?:and|but|while|whereas|or)$/i;

export const NO_MARK = 0;
export const COMMA = 1;
export const CLAUSE_MARK = 2;
export type GapMarks = typeof NO_MARK | typeof COMMA | typeof CLAUSE_MARK;

/**
 * What text[from, to) holds: a clause mark (;:—–()), else a comma, else neither. CLAUSE_BREAK can match only
 * where this is not NO_MARK, and matches wherever it is CLAUSE_MARK.
 */
export function gapMarks(text: string, from: number, to: number): GapMarks {
  let marks: typeof NO_MARK | typeof COMMA = NO_MARK;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 59 || c === 58 || c === 0x2014 || c === 0x2013 || c === 40 || c === 41) return CLAUSE_MARK;
    if (c === 44) marks = COMMA;
  }
  return marks;
}

/** CLAUSE_BREAK on text[from, to), sliced and run only when the gap holds a comma and no clause mark. */
export function isClauseBreak(text: string, from: number, to: number): boolean {
  const marks = gapMarks(text, from, to);
  return marks === CLAUSE_MARK || (marks === COMMA && CLAUSE_BREAK.test(text.slice(from, to)));
}

/** CONJUNCTION on text[start, end), sliced only when its length is one of theirs (2, 3, 5 or 7 letters). */
export function isConjunction(text: string, start: number, end: number): boolean {
  const length = end - start;
  return (length === 2 || length === 3 || length === 5 || length === 7) && CONJUNCTION.test(text.slice(start, end));
}

/** Whether every character is ASCII, which NFKC leaves as it is. */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}
