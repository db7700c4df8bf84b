// Hovers on claims: status, note, citations (as links) and conflicts (with a link that reveals the other
// claim). Sidecar text is escaped; the only command links are ones we build, to our own commands.
import path from 'node:path';
import * as vscode from 'vscode';
import { escapeMarkdownText } from '../core/exporters';
import { citationLink } from '../core/links';
import type { ClaimsContext } from '../context';
import { clip, describeConflictKind, describeStatus, statusCodicon } from './presentation';

/**
 * Sidecar text is cut before it is escaped: VS Code's hover rendering grows quadratically with Markdown size,
 * and a stranger's 200 KB note must not freeze the editor.
 */
const MAX_HOVER_TEXT = 1000;

function escapeMarkdown(text: string): string {
  return escapeMarkdownText(clip(text, MAX_HOVER_TEXT));
}

const LINKABLE_COMMANDS = ['claims.revealClaim', 'claims.setStatus', 'claims.addCitation'];

export class ClaimHoverProvider implements vscode.HoverProvider {
  constructor(private readonly ctx: ClaimsContext) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (document.uri.scheme !== 'file') return undefined;
    const entry = this.ctx.store.entry(document.uri.fsPath);
    if (!entry?.sidecar) return undefined;
    const offset = document.offsetAt(position);
    const claims = entry.sidecar.claims.filter(
      (c) => !entry.orphaned.has(c.id) && c.position.start <= offset && offset < c.position.end,
    );
    if (claims.length === 0) return undefined;
    const markdown = new vscode.MarkdownString('', true);
    // Only our own commands may run from a hover link; sidecar text is escaped so it cannot add links.
    markdown.isTrusted = { enabledCommands: LINKABLE_COMMANDS };
    markdown.supportHtml = false;
    for (const claim of claims) {
      const ref = { articlePath: entry.articlePath, claimId: claim.id };
      // The icon renders as an empty element, so what a screen reader says is the sentence after it.
      markdown.appendMarkdown(`**${statusCodicon(claim.status)} ${escapeMarkdown(vscode.l10n.t('{0} claim', describeStatus(claim.status)))}** · `);
      markdown.appendMarkdown(`[${escapeMarkdown(vscode.l10n.t('Set status'))}](${commandUri('claims.setStatus', ref)}) · `);
      markdown.appendMarkdown(`[${escapeMarkdown(vscode.l10n.t('Add citation'))}](${commandUri('claims.addCitation', ref)})\n\n`);
      if (claim.note) markdown.appendMarkdown(`${escapeMarkdown(claim.note)}\n\n`);
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
          const otherPath = path.resolve(path.dirname(entry.articlePath), conflict.other.article);
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
      markdown.appendMarkdown('\n---\n\n');
    }
    const first = claims[0];
    return new vscode.Hover(
      markdown,
      new vscode.Range(document.positionAt(first.position.start), document.positionAt(first.position.end)),
    );
  }
}

function commandUri(command: string, arg: unknown): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify([arg]))}`;
}
