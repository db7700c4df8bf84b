// A conflict note names the claim on its other side by the other article's path relative to this article's
// folder (so a sidecar holds no absolute path and survives a clone) and the claim's id. Every surface that
// follows a note to its other side resolves it here.
import path from 'node:path';
import type { Conflict } from '../sidecar/schema';

export interface ClaimAddress {
  articlePath: string;
  claimId: string;
}

/** The absolute path of the article on the other side of a note kept in `articlePath`'s sidecar. */
export function conflictPartnerArticle(articlePath: string, conflict: Pick<Conflict, 'other'>): string {
  return path.resolve(path.dirname(articlePath), conflict.other.article);
}

/** The claim on the other side of a note kept in `articlePath`'s sidecar. */
export function conflictPartner(articlePath: string, conflict: Pick<Conflict, 'other'>): ClaimAddress {
  return { articlePath: conflictPartnerArticle(articlePath, conflict), claimId: conflict.other.claim };
}

/** How a note in `from`'s sidecar names `to`: relative to `from`'s folder, with "/" on every platform. */
export function partnerArticleReference(from: string, to: string): string {
  return path.relative(path.dirname(from), to).split(path.sep).join('/');
}

/** Whether a note in `articlePath`'s sidecar links to another claim of the same article. */
export function isSameArticlePartner(articlePath: string, conflict: Pick<Conflict, 'other'>): boolean {
  return conflictPartnerArticle(articlePath, conflict) === path.resolve(articlePath);
}
