// The fact-check report, built once for the editor's Export Fact-Check Report and `claims export --format
// markdown`: the same workspace gives the same text on both. Articles are in name order and claims in document
// order; the line under the title comes from the claims themselves (when they last changed), not from the
// clock, so a report can be compared, diffed and committed.
import { exportMarkdown, type ArticleClaims } from '../interchange/exporters';
import { compareClaimsByPosition } from '../sidecar/sidecar';
import type { Claim } from '../sidecar/schema';
import { countOf } from '../text/plural';

/** Claims in the order they appear in their article, as the sidecar keeps them and the tree shows them. */
export function claimsInDocumentOrder(claims: readonly Claim[]): Claim[] {
  return claims.slice().sort(compareClaimsByPosition);
}

/** Article names compared the same way on every machine and surface (not by the locale). */
export function compareArticleNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "2 articles, last changed 2024-11-07 09:00 UTC"; without the date when no claim has a valid one. */
export function reportSubtitle(articles: readonly ArticleClaims[]): string {
  let latest = Number.NEGATIVE_INFINITY;
  for (const { sidecar } of articles) {
    for (const claim of sidecar.claims) {
      const time = Date.parse(claim.updated);
      if (Number.isFinite(time) && time > latest) latest = time;
    }
  }
  const count = countOf(articles.length, 'article');
  return Number.isFinite(latest) ? `${count}, last changed ${new Date(latest).toISOString().slice(0, 16).replace('T', ' ')} UTC` : count;
}

/**
 * The Markdown fact-check report of the articles that have claims, each named as the caller names it (relative,
 * with "/"). An article whose sidecar holds no claims (only dismissals) has nothing to report.
 */
export function markdownReport(articles: readonly ArticleClaims[]): string {
  const ordered = articles.filter((a) => a.sidecar.claims.length > 0).sort((a, b) => compareArticleNames(a.article, b.article));
  return exportMarkdown(ordered, { subtitle: reportSubtitle(ordered) });
}
