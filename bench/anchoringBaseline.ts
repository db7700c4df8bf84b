// The reference point for anchoring quality and speed: the Hypothesis web annotator's text anchoring, rebuilt on
// the same approx-string-match package it uses. It mirrors hypothesis/client src/annotator/anchoring/html.ts
// (the TextPositionSelector first, accepted only if the text there equals the quote, then the TextQuoteSelector)
// and match-quote.ts (Myers search allowing min(256, quote length / 2) errors; each best match scored 50/20/20/2
// on quote, prefix, suffix and position; the best one taken, with no minimum score).
import approxSearch from 'approx-string-match';
import type { AnchorSelector } from '../src/core/anchoring/anchoring';

interface Match {
  start: number;
  end: number;
  errors: number;
}

function search(text: string, str: string, maxErrors: number): Match[] {
  const exactMatches: Match[] = [];
  for (let at = text.indexOf(str); at !== -1; at = text.indexOf(str, at + 1)) exactMatches.push({ start: at, end: at + str.length, errors: 0 });
  if (exactMatches.length > 0) return exactMatches;
  return approxSearch(text, str, maxErrors);
}

function textMatchScore(text: string, str: string): number {
  if (str.length === 0 || text.length === 0) return 0;
  const matches = search(text, str, str.length);
  return 1 - matches[0].errors / str.length;
}

export function matchQuote(
  text: string,
  quote: string,
  context: { prefix?: string; suffix?: string; hint?: number } = {},
): { start: number; end: number; score: number } | null {
  if (quote.length === 0) return null;
  const maxErrors = Math.min(256, quote.length / 2);
  const matches = search(text, quote, maxErrors);
  if (matches.length === 0) return null;
  const scoreMatch = (match: Match): number => {
    const quoteWeight = 50;
    const prefixWeight = 20;
    const suffixWeight = 20;
    const posWeight = 2;
    const quoteScore = 1 - match.errors / quote.length;
    const prefixScore = context.prefix ? textMatchScore(text.slice(Math.max(0, match.start - context.prefix.length), match.start), context.prefix) : 1.0;
    const suffixScore = context.suffix ? textMatchScore(text.slice(match.end, match.end + context.suffix.length), context.suffix) : 1.0;
    let posScore = 1.0;
    if (typeof context.hint === 'number') posScore = 1.0 - Math.abs(match.start - context.hint) / text.length;
    const rawScore = quoteWeight * quoteScore + prefixWeight * prefixScore + suffixWeight * suffixScore + posWeight * posScore;
    return rawScore / (quoteWeight + prefixWeight + suffixWeight + posWeight);
  };
  const scored = matches.map((m) => ({ start: m.start, end: m.end, score: scoreMatch(m) }));
  scored.sort((a, b) => b.score - a.score);
  return scored[0];
}

/** Hypothesis' order: the position (if the quote is still there), then the quote with the position as hint. */
export function hypothesisAnchor(text: string, selector: AnchorSelector): { start: number; end: number; score: number } | null {
  const { start, end, exact } = selector;
  if (start !== undefined && end !== undefined && text.slice(start, end) === exact) return { start, end, score: 1 };
  return matchQuote(text, exact, { prefix: selector.prefix, suffix: selector.suffix, hint: start });
}
