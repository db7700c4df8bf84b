// Publishing commands: fill a claim's review fields (what a ClaimReview needs beyond the verdict), and import
// other newsrooms' ClaimReview markup into the workspace archive of known fact-checks.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { pluralForm } from '../../core/text/plural';
import { compactReview, importClaimReviews, isPartialDate, reviewDefaults } from '../../core/interchange/claimReview';
import { appendToArchive } from '../../core/factChecks/factCheckArchive';
import { safeWebUrl } from '../../core/interchange/links';
import type { Review } from '../../core/sidecar/schema';
import { type ClaimsContext, UserFacingError } from '../context';
import { writeFileAtomically } from '../../store/atomicFile';
import { displayPath } from '../ui/presentation';

const STEPS = 8;

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function validDate(value: string): string | undefined {
  return value.trim() === '' || isPartialDate(value.trim()) ? undefined : vscode.l10n.t('Enter a date such as 2024, 2024-11 or 2024-11-07, or leave it empty.');
}

function validUrls(value: string): string | undefined {
  const bad = value
    .split(/[\s,]+/)
    .filter(Boolean)
    .find((u) => !safeWebUrl(u));
  return bad ? vscode.l10n.t('"{0}" is not an http(s) address.', bad) : undefined;
}

/** The reviewer most recently entered on any claim, so a desk does not type its name for every claim. */
function lastReviewer(ctx: ClaimsContext): string | undefined {
  let best: { reviewer: string; updated: string } | undefined;
  for (const { claim } of ctx.allClaims()) {
    const reviewer = claim.review?.reviewer;
    if (reviewer && (!best || claim.updated > best.updated)) best = { reviewer, updated: claim.updated };
  }
  return best?.reviewer;
}

export const editReview = (ctx: ClaimsContext) => async (arg?: unknown) => {
  const title = vscode.l10n.t('Fill Review Fields');
  const ref = await ctx.resolveClaim(arg, title);
  if (!ref) return;
  const found = ctx.findClaim(ref);
  if (!found) throw new UserFacingError(vscode.l10n.t('That claim no longer exists.'));
  const articleText = found.entry.articleExists ? ctx.articles.read(ref.articlePath).text : undefined;
  const start = reviewDefaults(found.claim, articleText, today());
  if (start.reviewer === undefined) start.reviewer = lastReviewer(ctx);

  // Each question starts from what the claim has, else from the quote, the article and its citations. Escape
  // at any step keeps nothing: a half-filled review is not saved behind the user's back.
  const ask = async (step: number, prompt: string, value: string | undefined, validate?: (v: string) => string | undefined) =>
    ctx.prompts.input({ title, prompt, value: value ?? '', step, totalSteps: STEPS, validate });
  const claimReviewed = await ask(
    1,
    vscode.l10n.t('The claim in short, normalised words (shown by search engines; under 75 characters reads best)'),
    start.claimReviewed,
    (v) => (v.trim() === '' ? vscode.l10n.t('A published fact-check needs the claim it reviews.') : undefined),
  );
  if (claimReviewed === undefined) return;
  const claimant = await ask(2, vscode.l10n.t('Who made the claim (a person or an organisation)'), start.claimant);
  if (claimant === undefined) return;
  const claimDate = await ask(3, vscode.l10n.t('When the claim was made (YYYY-MM-DD)'), start.claimDate, validDate);
  if (claimDate === undefined) return;
  const appearances = await ask(4, vscode.l10n.t('Where the claim appeared: web addresses, separated by spaces'), start.appearances?.join(' '), validUrls);
  if (appearances === undefined) return;
  const reviewer = await ask(5, vscode.l10n.t('Who publishes the review (your newsroom or fact-checker)'), start.reviewer);
  if (reviewer === undefined) return;
  const reviewDate = await ask(6, vscode.l10n.t('When the review is published (YYYY-MM-DD)'), start.reviewDate, validDate);
  if (reviewDate === undefined) return;
  const explanation = await ask(7, vscode.l10n.t('Why the verdict is what it is (one or two sentences)'), start.explanation);
  if (explanation === undefined) return;
  const url = await ask(8, vscode.l10n.t("The published fact-check's web address"), start.url, (v) =>
    v.trim() === '' || safeWebUrl(v) ? undefined : vscode.l10n.t('"{0}" is not an http(s) address.', v.trim()),
  );
  if (url === undefined) return;
  const filled: Review = {
    claimReviewed: claimReviewed.trim(),
    claimant: claimant.trim(),
    claimDate: claimDate.trim(),
    appearances: appearances.split(/[\s,]+/).filter(Boolean),
    reviewer: reviewer.trim(),
    reviewDate: reviewDate.trim(),
    explanation: explanation.trim(),
    url: url.trim(),
  };
  const review = compactReview({ ...(found.claim.review ?? {}), ...filled });
  await ctx.store.updateClaim(ref.articlePath, ref.claimId, (claim) => {
    if (JSON.stringify(claim.review) === JSON.stringify(review)) return false;
    if (review) claim.review = review;
    else delete claim.review;
  });
  return review;
};

/** The archive file imports go to: the first of `claims.factChecks.archives`, in the first workspace folder. */
function archivePath(ctx: ClaimsContext): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new UserFacingError(vscode.l10n.t('Open a folder first: the fact-check archive is a file in the workspace.'));
  const relative = ctx.config.factCheckArchives(folder.uri)[0]!;
  const full = path.resolve(folder.uri.fsPath, relative);
  if (path.relative(folder.uri.fsPath, full).startsWith('..')) {
    throw new UserFacingError(vscode.l10n.t('The archive "{0}" in claims.factChecks.archives lies outside the workspace folder.', relative));
  }
  return full;
}

export const importClaimReview = (ctx: ClaimsContext) => async (fileArg?: vscode.Uri) => {
  const uri =
    fileArg instanceof vscode.Uri
      ? fileArg
      : await ctx.prompts.openFile({
          title: vscode.l10n.t('Import ClaimReview markup'),
          filters: { 'ClaimReview (HTML, JSON-LD, JSON)': ['html', 'htm', 'json', 'jsonld'] },
        });
  if (!uri) return;
  const text = await fs.promises.readFile(uri.fsPath, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UserFacingError(vscode.l10n.t('{0} cannot be read: {1}', uri.fsPath, error.code ?? error.message));
  });
  let found: ReturnType<typeof importClaimReviews>;
  try {
    found = importClaimReviews(text, displayPath(uri.fsPath));
  } catch (error) {
    throw new UserFacingError((error as Error).message);
  }
  if (found.records.length === 0) {
    throw new UserFacingError(
      found.skipped.length > 0
        ? vscode.l10n.t(
            'No fact-check could be imported from {0}: {1}',
            displayPath(uri.fsPath),
            found.skipped.map((s) => `${s.where}: ${s.reason}`).join('; '),
          )
        : vscode.l10n.t('{0} holds no ClaimReview markup.', displayPath(uri.fsPath)),
    );
  }
  const archive = archivePath(ctx);
  const existing = await fs.promises.readFile(archive, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new UserFacingError(vscode.l10n.t('{0} cannot be read: {1}', archive, error.code ?? error.message));
  });
  let appended: ReturnType<typeof appendToArchive>;
  try {
    appended = appendToArchive(existing, found.records, displayPath(archive));
  } catch (error) {
    throw new UserFacingError((error as Error).message);
  }
  if (appended.text) {
    await fs.promises.mkdir(path.dirname(archive), { recursive: true });
    writeFileAtomically(archive, existing + appended.text);
  }
  const skipped =
    found.skipped.length > 0 ? ' ' + vscode.l10n.t('{0} not imported: {1}', String(found.skipped.length), found.skipped.map((s) => s.reason).join('; ')) : '';
  ctx.prompts.notify(
    'info',
    pluralForm(
      appended.added.length,
      vscode.l10n.t('{0}: added 1 fact-check, {1} already there.', displayPath(archive), String(appended.existing)),
      vscode.l10n.t('{0}: added {1} fact-checks, {2} already there.', displayPath(archive), String(appended.added.length), String(appended.existing)),
    ) + skipped,
  );
  return { archive, added: appended.added.length, existing: appended.existing };
};
