// Small, always-visible signals: a status bar item with the current article's counts (click focuses the
// Claim Explorer) and a badge on article files in VS Code's Explorer (claim count; coloured when a claim
// has an open conflict).
import * as vscode from 'vscode';
import type { ClaimsContext } from '../context';

export class ClaimStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('claims.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly ctx: ClaimsContext) {
    this.item.name = vscode.l10n.t('Claims');
    this.item.command = 'claims.explorer.focus';
    this.disposables.push(
      ctx.store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !this.ctx.articles.isArticle(document.uri)) {
      this.item.hide();
      return;
    }
    const entry = this.ctx.store.entry(document.uri.fsPath);
    const claims = entry?.sidecar?.claims ?? [];
    const unverified = claims.filter((c) => c.status === 'unverified').length;
    const conflicts = claims.reduce((n, c) => n + c.conflicts.filter((k) => k.state === 'open').length, 0);
    const orphans = entry?.orphaned.size ?? 0;
    const parts = [`$(checklist) ${claims.length}`];
    if (unverified) parts.push(`$(circle-large-outline) ${unverified}`);
    if (conflicts) parts.push(`$(git-compare) ${conflicts}`);
    if (orphans) parts.push(`$(debug-disconnect) ${orphans}`);
    this.item.text = parts.join('  ');
    this.item.tooltip = entry?.readOnlyReason
      ? vscode.l10n.t('Claims are read-only: {0}', entry.readOnlyReason)
      : vscode.l10n.t('{0} claim(s): {1} unverified, {2} open conflict(s), {3} orphaned. Click to show the Claim Explorer.', String(claims.length), String(unverified), String(conflicts), String(orphans));
    this.item.show();
  }
}

export class ClaimFileBadges implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(private readonly ctx: ClaimsContext) {
    this.disposables.push(
      vscode.window.registerFileDecorationProvider(this),
      ctx.store.onDidChange((change) => {
        if (change.kind !== 'positions') this.changeEmitter.fire(vscode.Uri.file(change.articlePath));
      }),
    );
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== 'file') return undefined;
    const claims = this.ctx.store.entry(uri.fsPath)?.sidecar?.claims;
    if (!claims || claims.length === 0) return undefined;
    const openConflicts = claims.some((c) => c.conflicts.some((k) => k.state === 'open'));
    return {
      badge: claims.length > 99 ? '99' : String(claims.length),
      tooltip: openConflicts
        ? vscode.l10n.t('{0} claim(s), some with open conflicts', String(claims.length))
        : vscode.l10n.t('{0} claim(s)', String(claims.length)),
      color: openConflicts ? new vscode.ThemeColor('claims.disputedRuler') : undefined,
      propagate: false,
    };
  }
}
