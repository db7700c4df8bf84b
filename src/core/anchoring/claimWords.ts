// The claim's words follow the article, and a checked claim whose words changed says so.
//
// When a claim is re-anchored to text that changed (an outside edit, a save after typing), its recorded quote,
// prefix and suffix become the current text, so every surface and export shows the same words. If the claim was
// already checked (a status other than unverified, or citations), the words it had when it was checked are kept
// in `checkedQuote` until the user accepts the new wording: a verdict on words that have since changed is what a
// fact-checker must not publish unseen.
import { quoteSelector } from './anchoring';
import type { Claim } from '../sidecar/schema';

export interface FollowedSelector {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

/** Whether a claim carries a fact-checker's judgement on its words. */
export function isChecked(claim: Claim): boolean {
  return claim.status !== 'unverified' || claim.citations.length > 0;
}

/**
 * Records the claim's current words, context and position from `selector`. The first time a checked claim's words
 * change, its words as checked are kept in `checkedQuote`; when they change back, it is cleared. Returns whether
 * anything changed, and whether the words themselves did.
 */
export function followWords(claim: Claim, selector: FollowedSelector): { changed: boolean; wordsChanged: boolean } {
  const { quote, position } = claim;
  const wordsChanged = quote.exact !== selector.exact;
  const changed =
    wordsChanged || quote.prefix !== selector.prefix || quote.suffix !== selector.suffix || position.start !== selector.start || position.end !== selector.end;
  if (!changed) return { changed, wordsChanged };
  if (wordsChanged) {
    if (claim.checkedQuote === undefined) {
      if (isChecked(claim)) claim.checkedQuote = quote.exact;
    } else if (claim.checkedQuote === selector.exact) {
      delete claim.checkedQuote;
    }
  }
  claim.quote = { ...quote, exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix };
  claim.position = { ...position, start: selector.start, end: selector.end };
  return { changed, wordsChanged };
}

/**
 * The claim as it reads in `text` where it was anchored to [start, end): itself when its words are unchanged, else a
 * copy with the words (and context) there now, and a checked claim's old words in `checkedQuote`. For readers that
 * do not write (reports, `claims check`).
 */
export function claimAsNow(claim: Claim, text: string, start: number, end: number): Claim {
  if (text.slice(start, end) === claim.quote.exact) return claim;
  const copy = structuredClone(claim);
  followWords(copy, quoteSelector(text, start, end));
  return copy;
}

/** The words the claim had when it was checked, when they differ from its words now. */
export function changedSinceChecked(claim: Claim): string | undefined {
  return claim.checkedQuote !== undefined && claim.checkedQuote !== claim.quote.exact ? claim.checkedQuote : undefined;
}

/** Accepts the claim's current words as the ones checked. Returns whether there was anything to accept. */
export function acceptNewWording(claim: Claim): boolean {
  if (claim.checkedQuote === undefined) return false;
  delete claim.checkedQuote;
  return true;
}

/** The warning shown for a claim whose words changed since it was checked (Problems, `claims check`). */
export function changedSinceCheckedMessage(claim: Claim): string {
  const since = claim.status !== 'unverified' ? `it was marked ${claim.status}` : 'its citations were attached';
  return `claim text changed since ${since}`;
}

export interface WordChange {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** Longest quotes compared word by word; longer ones are shown as a whole removed and a whole added. */
const MAX_DIFF_TOKENS = 2000;

/**
 * A word-level diff from the checked words to the current ones (white space kept with the word before it), for
 * the hover. Longest common subsequence of the tokens, trimmed of their common start and end first.
 */
export function wordChanges(before: string, after: string): WordChange[] {
  const a = before.match(/\S+\s*|\s+/g) ?? [];
  const b = after.match(/\S+\s*|\s+/g) ?? [];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const out: WordChange[] = [];
  const push = (kind: WordChange['kind'], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  push('same', a.slice(0, head).join(''));
  if (midA.length * midB.length > (MAX_DIFF_TOKENS * MAX_DIFF_TOKENS) / 4 || midA.length > MAX_DIFF_TOKENS || midB.length > MAX_DIFF_TOKENS) {
    push('removed', midA.join(''));
    push('added', midB.join(''));
  } else {
    const n = midA.length;
    const m = midB.length;
    const lcs = new Uint16Array((n + 1) * (m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * (m + 1) + j] = midA[i] === midB[j] ? lcs[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(lcs[(i + 1) * (m + 1) + j]!, lcs[i * (m + 1) + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        push('same', midA[i++]!);
        j++;
      } else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j]! >= lcs[i * (m + 1) + j + 1]!)) push('removed', midA[i++]!);
      else push('added', midB[j++]!);
    }
  }
  push('same', a.slice(a.length - tail).join(''));
  return out;
}

/** A one-line account of what changed, for plain-text surfaces: `"upped" became "raised"`. */
export function describeWordChange(before: string, after: string, maxLength = 80): string {
  const changes = wordChanges(before, after);
  const side = (kind: WordChange['kind']) => {
    const text = changes
      .filter((c) => c.kind === kind)
      .map((c) => c.text.replace(/\s+/g, ' ').trim())
      .join(' … ');
    return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
  };
  const removed = side('removed');
  const added = side('added');
  if (!removed) return `"${added}" was added`;
  if (!added) return `"${removed}" was removed`;
  return `"${removed}" became "${added}"`;
}
