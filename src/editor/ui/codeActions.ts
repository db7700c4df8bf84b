// The lightbulb: on a spotted candidate, "Mark as claim"; on a claim, "Add citation" and "Set status".
import * as vscode from 'vscode';
import { changedSinceChecked } from '../../core/anchoring/claimWords';
import type { ClaimsContext } from '../context';
import { innermostClaimAt } from '../../core/text/claimRanges';

export class ClaimCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.Refactor];

  constructor(private readonly ctx: ClaimsContext) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    if (document.uri.scheme !== 'file') return [];
    const entry = this.ctx.store.entry(document.uri.fsPath);
    if (!entry) return [];
    const start = document.offsetAt(range.start);
    const end = document.offsetAt(range.end);
    const touches = (a: number, b: number) => a <= end && start <= b;
    const actions: vscode.CodeAction[] = [];
    for (const candidate of entry.candidates.filter((c) => touches(c.start, c.end))) {
      const action = new vscode.CodeAction(vscode.l10n.t('Mark as claim'), vscode.CodeActionKind.QuickFix);
      action.command = {
        command: 'claims.promoteCandidate',
        title: action.title,
        arguments: [{ articlePath: entry.articlePath, start: candidate.start, end: candidate.end }],
      };
      action.isPreferred = true;
      actions.push(action);
      const dismiss = new vscode.CodeAction(vscode.l10n.t('Dismiss candidate'), vscode.CodeActionKind.QuickFix);
      dismiss.command = {
        command: 'claims.dismissCandidate',
        title: dismiss.title,
        arguments: [{ articlePath: entry.articlePath, start: candidate.start, end: candidate.end }],
      };
      actions.push(dismiss);
    }
    if (!entry.readOnlyReason) {
      const live = (entry.sidecar?.claims ?? []).filter((c) => !entry.orphaned.has(c.id));
      // At a caret, the claim a command there would act on (the innermost); a selection offers every claim it touches.
      const innermost = start === end ? innermostClaimAt(live, start) : undefined;
      const targets = start === end ? (innermost ? [innermost] : []) : live.filter((c) => touches(c.position.start, c.position.end));
      for (const claim of targets) {
        const ref = { articlePath: entry.articlePath, claimId: claim.id };
        const cite = new vscode.CodeAction(vscode.l10n.t('Add citation'), vscode.CodeActionKind.QuickFix);
        cite.command = { command: 'claims.addCitation', title: cite.title, arguments: [ref] };
        const status = new vscode.CodeAction(vscode.l10n.t('Set status'), vscode.CodeActionKind.QuickFix);
        status.command = { command: 'claims.setStatus', title: status.title, arguments: [ref] };
        actions.push(cite, status);
        if (changedSinceChecked(claim) !== undefined) {
          const accept = new vscode.CodeAction(vscode.l10n.t('Accept new wording'), vscode.CodeActionKind.QuickFix);
          accept.command = { command: 'claims.acceptNewWording', title: accept.title, arguments: [ref] };
          accept.isPreferred = true;
          actions.unshift(accept);
        }
      }
    }
    return actions;
  }
}
