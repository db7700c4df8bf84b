// The fact-check report and the other export formats, built by the same core exporters as `claims export`.
import * as vscode from 'vscode';
import { pluralForm } from '../../core/text/plural';
import { compareArticleNames, markdownReport } from '../../core/app/report';
import { exportCsv, exportW3CJson, type ExportFormat, type W3CArticleClaims } from '../../core/interchange/exporters';
import { claimReviewJson, exportClaimReviews, formatIncomplete } from '../../core/interchange/claimReview';
import { type ClaimsContext, UserFacingError } from '../context';
import { verdictScaleFor } from '../verdictScales';
import { displayPath } from '../ui/presentation';

const LANGUAGE: Record<ExportFormat, string> = { markdown: 'markdown', csv: 'csv', w3c: 'json', claimreview: 'json' };

export const exportReport = (ctx: ClaimsContext) => async (formatArg?: ExportFormat) => {
  let format = formatArg;
  if (!format) {
    const picked = await ctx.prompts.pick(
      [
        {
          label: vscode.l10n.t('Markdown fact-check report'),
          description: vscode.l10n.t('claims by file with status, citations and conflicts'),
          value: 'markdown' as const,
        },
        { label: vscode.l10n.t('CSV'), description: vscode.l10n.t('one row per claim, for spreadsheets'), value: 'csv' as const },
        {
          label: vscode.l10n.t('W3C Web Annotation (JSON-LD)'),
          description: vscode.l10n.t('for Hypothesis and other annotation tools'),
          value: 'w3c' as const,
        },
        {
          label: vscode.l10n.t('ClaimReview (JSON-LD)'),
          description: vscode.l10n.t('published fact-checks, for search engines and fact-check archives'),
          value: 'claimreview' as const,
        },
      ],
      { title: vscode.l10n.t('Export Fact-Check Report'), placeHolder: vscode.l10n.t('Which format?') },
    );
    if (!picked) return;
    format = picked.value;
  }
  const chosen = format;
  const text = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Building the report…') }, async () => {
    const entries: W3CArticleClaims[] = ctx.store
      .entries()
      .filter((entry) => entry.sidecar && entry.sidecar.claims.length > 0)
      .map((entry) => ({
        article: displayPath(entry.articlePath),
        sidecar: entry.sidecar!,
        text: entry.articleExists ? ctx.articles.read(entry.articlePath).text : undefined,
        source: vscode.Uri.file(entry.articlePath).toString(),
      }))
      .sort((a, b) => compareArticleNames(a.article, b.article));
    const pathsByArticle = new Map(ctx.store.entries().map((entry) => [displayPath(entry.articlePath), entry.articlePath]));
    if (entries.length === 0) throw new UserFacingError(vscode.l10n.t('There are no claims to export yet. Mark some claims first.'));
    if (chosen === 'claimreview') {
      // Each article is rated on the scale of its own workspace folder; a bad scale file stops the export.
      const result = exportClaimReviews(entries, (entry) => verdictScaleFor(ctx.config, pathsByArticle.get(entry.article)!));
      if (result.incomplete.length > 0) {
        for (const item of result.incomplete) ctx.output.warn(formatIncomplete(item));
        ctx.output.show(true);
        ctx.prompts.notify(
          'warning',
          pluralForm(
            result.incomplete.length,
            vscode.l10n.t(
              '1 reviewed claim was not exported because fields are missing (listed in the Output panel): {0}',
              formatIncomplete(result.incomplete[0]!),
            ),
            vscode.l10n.t(
              '{0} reviewed claims were not exported because fields are missing (listed in the Output panel), for example: {1}',
              String(result.incomplete.length),
              formatIncomplete(result.incomplete[0]!),
            ),
          ),
        );
      }
      if (result.records.length === 0) {
        throw new UserFacingError(
          result.incomplete.length > 0
            ? vscode.l10n.t('No claim is ready to publish yet. Fill the review fields with "Fill Review Fields" first.')
            : vscode.l10n.t("No claim has a verdict or review yet. Set a claim's verdict and fill its review fields first."),
        );
      }
      return claimReviewJson(result.records);
    }
    if (chosen === 'csv') return exportCsv(entries);
    if (chosen === 'w3c') return exportW3CJson(entries);
    // The same builder as `claims export --format markdown`: the same workspace gives the same report.
    return markdownReport(entries);
  });
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE[chosen], content: text });
  await vscode.window.showTextDocument(document);
  return document;
};
