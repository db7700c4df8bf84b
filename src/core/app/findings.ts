// What is wrong or unfinished in one article's claims, decided once for `claims check` and the editor's Problems
// panel: an invalid sidecar, a missing article, orphaned claims, claims whose words changed since they were
// checked, merge markers, open conflict notes, notes pointing at claims that do not exist, claims without
// citations. The adapters only word the findings and place them (a line and column, or a Problems range).
import { anchor } from '../anchoring/anchoring';
import { changedSinceChecked, claimAsNow } from '../anchoring/claimWords';
import { hasConflictMarkers } from '../sidecar/merge';
import type { Claim, Conflict, Sidecar } from '../sidecar/schema';
import type { SidecarIssue } from '../sidecar/sidecar';
import { conflictPartnerArticle, isSameArticlePartner } from './conflictPartner';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type FindingCode =
  | 'invalid-sidecar'
  | 'missing-article'
  | 'unreadable-article'
  | 'orphaned-claim'
  | 'changed-since-checked'
  | 'merge-conflict'
  | 'open-conflict'
  | 'dangling-conflict'
  | 'uncited-claim';

/** How serious each finding is, on every surface. */
export const FINDING_SEVERITY: Readonly<Record<FindingCode, Severity>> = {
  'invalid-sidecar': 'error',
  'merge-conflict': 'error',
  'missing-article': 'warning',
  'unreadable-article': 'warning',
  'orphaned-claim': 'warning',
  'changed-since-checked': 'warning',
  'open-conflict': 'warning',
  'dangling-conflict': 'warning',
  'uncited-claim': 'info',
};

interface ClaimFindingBase {
  /** The claim as it reads now (its words in the current text when it was found). */
  claim: Claim;
  /** Its index in the sidecar's claims, to place a finding in the sidecar when it is not in the article. */
  claimIndex: number;
  /** Where the claim is in the article's current text; undefined when the article is missing or it is orphaned. */
  range?: { start: number; end: number };
}

export type Finding =
  | { code: 'invalid-sidecar'; issue: SidecarIssue }
  | { code: 'missing-article'; claimCount: number }
  | { code: 'unreadable-article'; problem: string; claimCount: number }
  | (ClaimFindingBase & { code: 'orphaned-claim' | 'merge-conflict' | 'uncited-claim' })
  | (ClaimFindingBase & { code: 'changed-since-checked'; checkedWords: string })
  | (ClaimFindingBase & {
      code: 'open-conflict';
      conflict: Conflict;
      sameArticle: boolean;
      /** The other claim's words, when its article is known: a reader knows a claim by its words, not its id. */
      partnerWords?: string;
    })
  | (ClaimFindingBase & { code: 'dangling-conflict'; conflict: Conflict; partnerArticleExists: boolean });

/** What is known about the article on the other side of a conflict note. */
export interface PartnerArticle {
  exists: boolean;
  /** Its claims' words by id (none when it has no sidecar). */
  claims: ReadonlyMap<string, string>;
}

export interface ArticleForFindings {
  articlePath: string;
  /** The sidecar, or undefined when it is invalid (see issues). */
  sidecar?: Sidecar;
  issues?: readonly SidecarIssue[];
  /** The article's current text; undefined when it is missing or cannot be read (see articleProblem). */
  text?: string;
  /** 'missing', or why the article cannot be read. */
  articleProblem?: string;
  /**
   * Where a claim is now, for a caller that already follows claims through edits (the editor's store);
   * by default each claim is re-anchored in `text`. Undefined means orphaned.
   */
  locate?: (claim: Claim) => { start: number; end: number } | undefined;
  /** The article a conflict note points at (an absolute path); undefined when that cannot be known. */
  partner?: (articlePath: string) => PartnerArticle | undefined;
}

function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, out);
  return out;
}

/**
 * The findings of one article, in order: the sidecar's or the article's problem, then each claim's in sidecar
 * order. An orphaned claim reports being orphaned, and merge markers or dangling notes in it, but not what is
 * about its words (citations, open conflicts, changed words): those wait until it is re-attached, as they would
 * point at text that is no longer there.
 */
export function findingsFor(article: ArticleForFindings): Finding[] {
  const findings: Finding[] = [];
  const { sidecar, text } = article;
  if (!sidecar) {
    for (const issue of article.issues ?? []) findings.push({ code: 'invalid-sidecar', issue });
    return findings;
  }
  if (text === undefined) {
    const claimCount = sidecar.claims.length;
    if (article.articleProblem === undefined || article.articleProblem === 'missing') findings.push({ code: 'missing-article', claimCount });
    else findings.push({ code: 'unreadable-article', problem: article.articleProblem, claimCount });
  }
  const locate =
    article.locate ??
    ((claim: Claim) => (text === undefined ? undefined : anchor(text, { ...claim.quote, start: claim.position.start, end: claim.position.end })));
  sidecar.claims.forEach((recorded, claimIndex) => {
    const found = text === undefined ? undefined : locate(recorded);
    const range = found ? { start: found.start, end: found.end } : undefined;
    const claim = found && text !== undefined ? claimAsNow(recorded, text, found.start, found.end) : recorded;
    const base = { claim, claimIndex, range };
    const orphaned = text !== undefined && !found;
    if (orphaned) findings.push({ ...base, code: 'orphaned-claim' });
    else if (found) {
      const checkedWords = changedSinceChecked(claim);
      if (checkedWords !== undefined) findings.push({ ...base, code: 'changed-since-checked', checkedWords });
    }
    if (stringsIn(recorded).some(hasConflictMarkers)) findings.push({ ...base, code: 'merge-conflict' });
    for (const conflict of recorded.conflicts) {
      const partner = article.partner?.(conflictPartnerArticle(article.articlePath, conflict));
      if (conflict.state === 'open' && !orphaned) {
        const partnerWords = partner?.claims.get(conflict.other.claim);
        findings.push({
          ...base,
          code: 'open-conflict',
          conflict,
          sameArticle: isSameArticlePartner(article.articlePath, conflict),
          ...(partnerWords !== undefined ? { partnerWords } : {}),
        });
      }
      if (partner && !partner.claims.has(conflict.other.claim)) {
        findings.push({ ...base, code: 'dangling-conflict', conflict, partnerArticleExists: partner.exists });
      }
    }
    if (!orphaned && recorded.citations.length === 0) findings.push({ ...base, code: 'uncited-claim' });
  });
  return findings;
}
