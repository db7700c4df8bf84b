// The conflict suggestion workflow, written once for `claims conflicts` and the editor's Find Conflicting
// Claims: which statements are compared, which pairs are already linked or dismissed, the suggestions with typed
// references to their two statements, and the bookkeeping of accepting (a note on both claims) or dismissing.
//
// Which statements are compared: every claim found in its article's current text, and candidate sentences
// that are not claims yet and were not dismissed. By default (`claims conflicts`) the candidates are every
// check-worthy sentence, budget aside: a figure that another article contradicts matters even when it is not
// among an article's top-scoring sentences. The editor passes the candidates its articles show instead (after
// Spot Claims, within claims.spotShare): comparing every check-worthy sentence of every loaded article there
// let a few long, repetitive articles in a workspace push common words ("billion", "revenue") over
// findConflicts' term-frequency cut-off and hide real conflicts between other articles (test/host/
// spotting.test.ts in a shared workspace). That cut-off is the place to fix it; until then this is the one
// difference between the surfaces, and it is a parameter of this one function.
import { anchor } from '../anchoring/anchoring';
import { findConflicts, type ConflictOptions, type ConflictSuggestion } from '../conflicts/conflicts';
import { articleDateFrom } from '../conflicts/values';
import type { Conflict, ConflictKind, Sidecar } from '../sidecar/schema';
import { CONFLICT_KINDS } from '../sidecar/schema';
import { checkWorthySentences } from '../spotting/spotter';
import { conflictPartnerArticle, partnerArticleReference, type ClaimAddress } from './conflictPartner';

/** One article as conflict suggestion reads it: its current text and its sidecar (if valid). */
export interface ConflictArticle {
  /** The article's absolute path (the same string for the same file across articles). */
  articlePath: string;
  text: string;
  sidecar?: Sidecar;
  /** The candidate sentences to compare; by default every check-worthy sentence of `text`. */
  candidates?: ReadonlyArray<{ start: number; end: number; text: string }>;
}

/** A statement of a suggestion: an existing claim, or a sentence that becomes a claim when accepted. */
export type StatementRef = { kind: 'claim'; claimId: string } | { kind: 'candidate'; start: number; end: number };

export interface SuggestedStatement {
  article: string;
  ref: StatementRef;
  /** The statement's whole text. */
  text: string;
  /** The value it gives, e.g. "$4 billion". */
  value: string;
  /** Where it is in the article's current text (UTF-16 offsets). */
  start: number;
  end: number;
}

export interface ConflictSuggestionFound extends Omit<ConflictSuggestion, 'a' | 'b'> {
  a: SuggestedStatement;
  b: SuggestedStatement;
}

export interface SuggestOptions extends ConflictOptions {
  /** The score from which a sentence counts as check-worthy (default: the shipped model's threshold). */
  spotThreshold?: number;
}

/** The key of an ordered pair of claims, for the "already linked" rule. */
function pairKey(a: ClaimAddress, b: ClaimAddress): string {
  return `${a.articlePath}\u0000${a.claimId}\u0000${b.articlePath}\u0000${b.claimId}`;
}

/**
 * The statements compared, every conflict suggestion among them, and none that is dismissed (by the key any
 * article's sidecar remembers) or already linked by a conflict note (in either direction, since a note kept on
 * only one side, after a failed write or a merge, still links the pair).
 */
export function suggestConflicts(articles: readonly ConflictArticle[], options: SuggestOptions = {}): ConflictSuggestionFound[] {
  const statements: SuggestedStatement[] = [];
  const inputs: Parameters<typeof findConflicts>[0] = [];
  const dismissed = new Set<string>();
  const linked = new Set<string>();
  for (const { articlePath, text, sidecar, candidates } of articles) {
    const articleDate = articleDateFrom(text);
    const add = (statement: SuggestedStatement) => {
      // The id findConflicts carries is the statement's index: mapped back below, never parsed.
      inputs.push({ article: articlePath, id: String(statements.length), text: statement.text, articleDate });
      statements.push(statement);
    };
    for (const key of sidecar?.dismissed?.conflicts ?? []) dismissed.add(key);
    const claimed: Array<{ start: number; end: number }> = [];
    for (const claim of sidecar?.claims ?? []) {
      for (const conflict of claim.conflicts) {
        const here = { articlePath, claimId: claim.id };
        const there = { articlePath: conflictPartnerArticle(articlePath, conflict), claimId: conflict.other.claim };
        linked.add(pairKey(here, there)).add(pairKey(there, here));
      }
      // Positions in a sidecar are only hints; an orphaned claim has no words in the article to compare.
      const found = anchor(text, { ...claim.quote, start: claim.position.start, end: claim.position.end });
      if (!found) continue;
      claimed.push(found);
      add({ article: articlePath, ref: { kind: 'claim', claimId: claim.id }, text: claim.quote.exact, value: '', start: found.start, end: found.end });
    }
    const dismissedCandidates = new Set(sidecar?.dismissed?.candidates ?? []);
    for (const sentence of candidates ?? checkWorthySentences(text, { threshold: options.spotThreshold })) {
      if (dismissedCandidates.has(sentence.text)) continue;
      if (claimed.some((c) => c.start < sentence.end && sentence.start < c.end)) continue;
      add({
        article: articlePath,
        ref: { kind: 'candidate', start: sentence.start, end: sentence.end },
        text: sentence.text,
        value: '',
        start: sentence.start,
        end: sentence.end,
      });
    }
  }

  const found: ConflictSuggestionFound[] = [];
  for (const suggestion of findConflicts(inputs, options)) {
    if (dismissed.has(suggestion.key)) continue;
    const a = statements[Number(suggestion.a.id)]!;
    const b = statements[Number(suggestion.b.id)]!;
    if (a.ref.kind === 'claim' && b.ref.kind === 'claim') {
      if (linked.has(pairKey({ articlePath: a.article, claimId: a.ref.claimId }, { articlePath: b.article, claimId: b.ref.claimId }))) continue;
    }
    found.push({ ...suggestion, a: { ...a, value: suggestion.a.value }, b: { ...b, value: suggestion.b.value } });
  }
  return found;
}

/** The kind of note a suggestion becomes ("other" for a kind the note schema does not know). */
export function noteKindOf(suggestion: Pick<ConflictSuggestion, 'kind'>): ConflictKind {
  return (CONFLICT_KINDS as readonly string[]).includes(suggestion.kind) ? (suggestion.kind as ConflictKind) : 'other';
}

export interface ConflictNoteFields {
  kind: ConflictKind;
  /** The value the first claim gives. */
  thisValue: string;
  /** The value the second claim gives. */
  otherValue: string;
  note: string;
}

/** The fields of the note a suggestion becomes when accepted: its values, and its explanation as the note. */
export function noteFieldsFor(suggestion: ConflictSuggestionFound): ConflictNoteFields {
  return { kind: noteKindOf(suggestion), thisValue: suggestion.a.value, otherValue: suggestion.b.value, note: suggestion.explanation };
}

/**
 * The two halves of one conflict note, one for each claim, under the same id: each names the other claim by its
 * article's path relative to its own folder, and gives its own value first.
 */
export function conflictNotePair(id: string, first: ClaimAddress, second: ClaimAddress, fields: ConflictNoteFields): [Conflict, Conflict] {
  const half = (from: ClaimAddress, to: ClaimAddress, thisValue: string, otherValue: string): Conflict => ({
    id,
    other: { article: partnerArticleReference(from.articlePath, to.articlePath), claim: to.claimId },
    kind: fields.kind,
    thisValue,
    otherValue,
    note: fields.note,
    state: 'open',
    resolution: '',
  });
  return [half(first, second, fields.thisValue, fields.otherValue), half(second, first, fields.otherValue, fields.thisValue)];
}

/** Remembers a dismissed suggestion in a sidecar (by its text-only key); false when it was remembered already. */
export function rememberDismissal(sidecar: Sidecar, key: string): boolean {
  sidecar.dismissed ??= { candidates: [], conflicts: [] };
  if (sidecar.dismissed.conflicts.includes(key)) return false;
  sidecar.dismissed.conflicts.push(key);
  return true;
}
