// The "Checked before" part of a claim's hover: earlier fact-checks from the workspace archive, each as
// "PolitiFact, 2012: 'Says Mitt Romney…' — barely true" linking to the fact-check. Archive files come from outside,
// so their text is clipped and escaped, and only http(s) links are made.
import * as vscode from 'vscode';
import { escapeMarkdownText } from '../../core/interchange/exporters';
import { describeSource } from '../../core/factChecks/factCheckArchive';
import type { FactCheckMatch } from '../../core/factChecks/factCheckMatcher';
import { citationLink } from '../../core/interchange/links';
import { clip } from './presentation';

/** Claims are quoted short: the hover points to the fact-check, it does not reproduce it. */
const MAX_CLAIM_CHARS = 160;

/** One match as Markdown: source and year, the claim as checked (linked when its URL is http(s)), the verdict. */
export function describeEarlierFactCheck(match: FactCheckMatch): string {
  const { entry } = match;
  const source = describeSource(entry);
  const claim = `'${clip(entry.claim.replace(/\s+/g, ' '), MAX_CLAIM_CHARS)}'`;
  const link = citationLink({ url: entry.url });
  const quoted = link ? `[${escapeMarkdownText(claim)}](${link})` : escapeMarkdownText(claim);
  const verdict = entry.verdict ? ` — ${escapeMarkdownText(clip(entry.verdict, 60))}` : '';
  return `${source ? `${escapeMarkdownText(clip(source, 80))}: ` : ''}${quoted}${verdict}`;
}

export function appendEarlierFactChecks(markdown: vscode.MarkdownString, matches: readonly FactCheckMatch[]): void {
  if (matches.length === 0) return;
  markdown.appendMarkdown(`**${escapeMarkdownText(vscode.l10n.t('Checked before'))}**\n\n`);
  for (const match of matches) markdown.appendMarkdown(`- ${describeEarlierFactCheck(match)}\n`);
  markdown.appendMarkdown('\n');
}
