// Spotting check-worthy sentences as candidates, and promoting or dismissing them. Candidates are drawn
// faintly and listed under "Candidates"; a dismissal is remembered in the sidecar so it does not return.
import * as vscode from 'vscode';
import { newId } from '../../core/sidecar/ids';
import { rankedCandidates } from '../../core/spotting/spotter';
import { type ClaimsContext, UserFacingError } from '../context';
import type { Candidate } from '../../store/claimStore';
import { displayPath } from '../ui/presentation';
import { pluralForm } from '../../core/text/plural';

/**
 * Spots one article's text and hands the candidates to the store: the article's budget of top-scoring
 * sentences (claims.spotShare), highest score first. Returns how many were found.
 */
export async function spotArticle(ctx: ClaimsContext, articlePath: string, text: string): Promise<number> {
  await ctx.store.open(articlePath);
  const entry = ctx.store.entry(articlePath);
  const dismissed = new Set(entry?.sidecar?.dismissed?.candidates ?? []);
  const claimed = entry?.sidecar?.claims.filter((c) => !entry.orphaned.has(c.id)).map((c) => c.position) ?? [];
  const spotted = rankedCandidates(text, {
    threshold: ctx.config.spotThreshold,
    share: ctx.config.spotShare,
    // The budget goes to sentences still to triage, not to ones already claimed or dismissed.
    isHandled: (s) => dismissed.has(s.text) || claimed.some((c) => c.start < s.end && s.start < c.end),
  });
  ctx.store.setCandidates(
    articlePath,
    spotted.map((s) => ({ start: s.start, end: s.end, text: s.text, score: s.score, type: s.type, evidence: s.evidence })),
  );
  return ctx.store.entry(articlePath)?.candidates.length ?? 0;
}

export const spotClaimsCommand = (ctx: ClaimsContext) => async () => {
  const editor = ctx.activeArticleEditor(vscode.l10n.t('spot the claims in it'));
  const articlePath = editor.document.uri.fsPath;
  const count = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Spotting check-worthy sentences…') },
    () => spotArticle(ctx, articlePath, editor.document.getText()),
  );
  ctx.prompts.notify(
    'info',
    count === 0
      ? vscode.l10n.t('No new check-worthy sentences found in {0}.', displayPath(articlePath))
      : pluralForm(
          count,
          vscode.l10n.t('1 candidate claim found in {0}; promote or dismiss it from the Claim Explorer or the lightbulb.', displayPath(articlePath)),
          vscode.l10n.t(
            '{0} candidate claims found in {1}; promote or dismiss them from the Claim Explorer or the lightbulb.',
            String(count),
            displayPath(articlePath),
          ),
        ),
  );
  return count;
};

/** The candidate a tree item or code action refers to, else the one under the cursor. */
function resolveCandidate(ctx: ClaimsContext, arg: unknown, action: string): { articlePath: string; candidate: Candidate } {
  const node = arg as { articlePath?: string; start?: number; end?: number } | undefined;
  if (node?.articlePath !== undefined && typeof node.start === 'number' && typeof node.end === 'number') {
    const candidate = ctx.store.entry(node.articlePath)?.candidates.find((c) => c.start === node.start && c.end === node.end);
    if (!candidate) throw new UserFacingError(vscode.l10n.t('That candidate is gone; spot claims again.'));
    return { articlePath: node.articlePath, candidate };
  }
  const editor = ctx.activeArticleEditor(action);
  const articlePath = editor.document.uri.fsPath;
  const offset = editor.document.offsetAt(editor.selection.active);
  const candidate = ctx.store.entry(articlePath)?.candidates.find((c) => c.start <= offset && offset <= c.end);
  if (!candidate) {
    throw new UserFacingError(vscode.l10n.t('Put the cursor in a spotted candidate (dotted underline) first, or run "Spot Claims in Article".'));
  }
  return { articlePath, candidate };
}

export const promoteCandidate = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const { articlePath, candidate } = resolveCandidate(ctx, arg, vscode.l10n.t('promote a candidate to a claim'));
  const { text } = ctx.articles.read(articlePath);
  if (text === undefined || text.slice(candidate.start, candidate.end) !== candidate.text) {
    throw new UserFacingError(vscode.l10n.t('The candidate text has changed; spot claims again.'));
  }
  const claim = await ctx.store.addClaim(articlePath, text, candidate.start, candidate.end, { origin: 'spotted' }, newId());
  const entry = ctx.store.entry(articlePath);
  ctx.store.setCandidates(articlePath, entry?.candidates.filter((c) => c !== candidate) ?? []);
  void ctx.explorer.revealClaim(articlePath, claim.id);
  return claim.id;
};

export const dismissCandidate = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const { articlePath, candidate } = resolveCandidate(ctx, arg, vscode.l10n.t('dismiss a candidate'));
  await ctx.store.update(articlePath, (sidecar) => {
    sidecar.dismissed ??= { candidates: [], conflicts: [] };
    if (sidecar.dismissed.candidates.includes(candidate.text)) return false;
    sidecar.dismissed.candidates.push(candidate.text);
  });
  const entry = ctx.store.entry(articlePath);
  ctx.store.setCandidates(articlePath, entry?.candidates ?? []);
};
