// Hovers on claims: status, note, citations (as links) and conflicts (with a link that reveals the other
// claim). Sidecar text is escaped; the only command links are ones we build, to our own commands.
import { conflictPartnerArticle } from '../../core/app/conflictPartner';
import path from 'node:path';
import * as vscode from 'vscode';
import { changedSinceChecked, changedSinceCheckedMessage, wordChanges } from '../../core/anchoring/claimWords';
import { escapeMarkdownText } from '../../core/interchange/exporters';
import { citationLink } from '../../core/interchange/links';
import type { ClaimsContext } from '../context';
import type { Candidate } from '../../store/claimStore';
import { appendEarlierFactChecks } from './factCheckHover';
import { clip, describeCandidateReason, describeConflictKind, describeVerdictInFull, scoreBar, statusCodicon } from './presentation';
import { overlappingClaims } from '../../core/text/claimRanges';

/**
 * Sidecar text is cut before it is escaped: VS Code's hover rendering grows quadratically with Markdown size,
 * and a stranger's 200 KB note must not freeze the editor.
 */
const MAX_HOVER_TEXT = 1000;

function escapeMarkdown(text: string): string {
  return escapeMarkdownText(clip(text, MAX_HOVER_TEXT));
}

const LINKABLE_COMMANDS = ['claims.revealClaim', 'claims.setStatus', 'claims.addCitation', 'claims.acceptNewWording'];

export class ClaimHoverProvider implements vscode.HoverProvider {
  constructor(private readonly ctx: ClaimsContext) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (document.uri.scheme !== 'file') return undefined;
    const entry = this.ctx.store.entry(document.uri.fsPath);
    const offset = document.offsetAt(position);
    const candidate = entry?.candidates.find((c) => c.start <= offset && offset < c.end);
    if (!entry?.sidecar) return candidate ? candidateHover(document, candidate) : undefined;
    // Every claim over the character, innermost first: the one commands at the cursor act on leads.
    const live = entry.sidecar.claims.filter((c) => !entry.orphaned.has(c.id));
    const claims = overlappingClaims(live, { start: offset, end: offset + 1 }).map(({ claim }) => claim);
    if (claims.length === 0) return candidate ? candidateHover(document, candidate) : undefined;
    const markdown = new vscode.MarkdownString('', true);
    // Only our own commands may run from a hover link; sidecar text is escaped so it cannot add links.
    markdown.isTrusted = { enabledCommands: LINKABLE_COMMANDS };
    markdown.supportHtml = false;
    for (const claim of claims) {
      const ref = { articlePath: entry.articlePath, claimId: claim.id };
      // The icon renders as an empty element, so what a screen reader says is the sentence after it: "Disputed
      // claim", or the verdict with its place on the scale ("Misleading (2 on 1–4)").
      const heading = claim.verdict ? describeVerdictInFull(claim) : vscode.l10n.t('{0} claim', describeVerdictInFull(claim));
      markdown.appendMarkdown(`**${statusCodicon(claim.status)} ${escapeMarkdown(heading)}** · `);
      markdown.appendMarkdown(`[${escapeMarkdown(vscode.l10n.t('Set status'))}](${commandUri('claims.setStatus', ref)}) · `);
      markdown.appendMarkdown(`[${escapeMarkdown(vscode.l10n.t('Add citation'))}](${commandUri('claims.addCitation', ref)})\n\n`);
      const checkedWords = changedSinceChecked(claim);
      if (checkedWords !== undefined) {
        // The diff as struck-out old words and bold new ones; each piece escaped on its own, so sidecar text
        // cannot open or close the emphasis.
        const diff = wordChanges(clip(checkedWords, MAX_HOVER_TEXT), clip(claim.quote.exact, MAX_HOVER_TEXT))
          .map((piece) => {
            const text = escapeMarkdownText(piece.text.replace(/\s+/g, ' ').trim());
            if (!text) return piece.text;
            const spaced = (inner: string) => `${/^\s/.test(piece.text) ? ' ' : ''}${inner}${/\s$/.test(piece.text) ? ' ' : ''}`;
            return piece.kind === 'same' ? spaced(text) : spaced(piece.kind === 'removed' ? `~~${text}~~` : `**${text}**`);
          })
          .join('');
        markdown.appendMarkdown(
          `$(warning) **${escapeMarkdown(vscode.l10n.t('Text changed since checked'))}** (${escapeMarkdown(changedSinceCheckedMessage(claim))}) · `,
        );
        markdown.appendMarkdown(`[${escapeMarkdown(vscode.l10n.t('Accept new wording'))}](${commandUri('claims.acceptNewWording', ref)})\n\n`);
        markdown.appendMarkdown(`> ${diff.replace(/\s+/g, ' ')}\n\n`);
      }
      if (claim.note) markdown.appendMarkdown(`${escapeMarkdown(claim.note)}\n\n`);
      if (claim.review?.explanation) markdown.appendMarkdown(`*${escapeMarkdown(vscode.l10n.t('Why'))}:* ${escapeMarkdown(claim.review.explanation)}\n\n`);
      if (claim.citations.length > 0) {
        markdown.appendMarkdown(`**${escapeMarkdown(vscode.l10n.t('Citations'))}**\n\n`);
        for (const citation of claim.citations) {
          const label = escapeMarkdown(citation.title || citation.url || citation.doi || vscode.l10n.t('(untitled)'));
          const link = citationLink(citation);
          const byline = [citation.author || citation.publisher, citation.issued].filter(Boolean).join(', ');
          markdown.appendMarkdown(`- ${link ? `[${label}](${link})` : label}`);
          if (byline) markdown.appendMarkdown(` — ${escapeMarkdown(byline)}`);
          markdown.appendMarkdown('\n');
        }
        markdown.appendMarkdown('\n');
      }
      if (claim.conflicts.length > 0) {
        markdown.appendMarkdown(`**${escapeMarkdown(vscode.l10n.t('Conflicts'))}**\n\n`);
        for (const conflict of claim.conflicts) {
          const otherPath = conflictPartnerArticle(entry.articlePath, conflict);
          const state = conflict.state === 'resolved' ? vscode.l10n.t('resolved') : vscode.l10n.t('open');
          const values = `${escapeMarkdown(conflict.thisValue || '?')} ≠ ${escapeMarkdown(conflict.otherValue || '?')}`;
          const reveal = commandUri('claims.revealClaim', { articlePath: otherPath, claimId: conflict.other.claim });
          markdown.appendMarkdown(
            `- ${escapeMarkdown(describeConflictKind(conflict.kind))} (${escapeMarkdown(state)}): ${values} — [${escapeMarkdown(path.basename(otherPath))}](${reveal})`,
          );
          if (conflict.note) markdown.appendMarkdown(`: ${escapeMarkdown(conflict.note)}`);
          if (conflict.state === 'resolved' && conflict.resolution) markdown.appendMarkdown(` (${escapeMarkdown(conflict.resolution)})`);
          markdown.appendMarkdown('\n');
        }
      }
      appendEarlierFactChecks(markdown, this.ctx.factChecks?.checkedBefore(claim.quote.exact) ?? []);
      markdown.appendMarkdown('\n---\n\n');
    }
    const first = claims[0];
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(first.position.start), document.positionAt(first.position.end)));
  }
}

/** Why a spotted sentence is a candidate: its type, the words that show it, and its score. */
function candidateHover(document: vscode.TextDocument, candidate: Candidate): vscode.Hover {
  const markdown = new vscode.MarkdownString('', true);
  markdown.supportHtml = false;
  const reason = describeCandidateReason(candidate.type ?? 'other', candidate.evidence ?? '');
  markdown.appendMarkdown(`**$(lightbulb) ${escapeMarkdown(vscode.l10n.t('Candidate claim'))}** · ${escapeMarkdown(scoreBar(candidate.score))}\n\n`);
  markdown.appendMarkdown(escapeMarkdown(vscode.l10n.t('Flagged as {0}.', reason)));
  return new vscode.Hover(markdown, new vscode.Range(document.positionAt(candidate.start), document.positionAt(candidate.end)));
}

function commandUri(command: string, arg: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
}
