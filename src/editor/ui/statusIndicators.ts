// Small, always-visible signals: a status bar item with the current article's counts (click focuses the
// Claim Explorer) and a badge on article files in VS Code's Explorer (claim count; coloured when a claim
// has an open conflict).
import * as vscode from 'vscode';
import type { ClaimStore } from '../../store/claimStore';
import type { Articles } from '../articles';
import { claimsSummary, openConflictsOf } from './spokenSummary';

export class ClaimStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('claims.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(
    private readonly store: ClaimStore,
    private readonly articles: Articles,
  ) {
    this.item.name = vscode.l10n.t('Claims');
    this.item.command = 'claims.explorer.focus';
    this.disposables.push(
      store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
    );
    this.update();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !this.articles.isArticle(document.uri)) {
      this.item.hide();
      return;
    }
    const entry = this.store.entry(document.uri.fsPath);
    const claims = entry?.sidecar?.claims ?? [];
    const unverified = claims.filter((c) => c.status === 'unverified').length;
    const conflicts = openConflictsOf(claims);
    const orphans = entry?.orphaned.size ?? 0;
    const parts = [`$(checklist) ${claims.length}`];
    if (unverified) parts.push(`$(circle-large-outline) ${unverified}`);
    if (conflicts) parts.push(`$(git-compare) ${conflicts}`);
    if (orphans) parts.push(`$(debug-disconnect) ${orphans}`);
    this.item.text = parts.join('  ');
    // The text is icons and numbers; screen readers get the same counts as a sentence instead.
    const summary = claimsSummary(claims, orphans);
    this.item.tooltip = entry?.readOnlyReason
      ? vscode.l10n.t('Claims are read-only: {0}', entry.readOnlyReason)
      : vscode.l10n.t('{0}. Click to show the Claim Explorer.', summary);
    this.item.accessibilityInformation = {
      label: entry?.readOnlyReason
        ? vscode.l10n.t('{0}. Read-only: {1}', summary, entry.readOnlyReason)
        : vscode.l10n.t('{0}. Show the Claim Explorer.', summary),
      role: 'button',
    };
    this.item.show();
  }
}

export class ClaimFileBadges implements vscode.FileDecorationProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.changeEmitter.event;
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];

  constructor(private readonly store: ClaimStore) {
    this.disposables.push(
      vscode.window.registerFileDecorationProvider(this),
      store.onDidChange((change) => {
        if (change.kind !== 'positions') this.changeEmitter.fire(vscode.Uri.file(change.articlePath));
      }),
      // The badge steps aside while Problems badges the file (see provideFileDecoration).
      vscode.languages.onDidChangeDiagnostics((event) => {
        const articles = event.uris.filter((uri) => uri.scheme === 'file' && store.entry(uri.fsPath)?.sidecar);
        if (articles.length) this.changeEmitter.fire(articles);
      }),
    );
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== 'file') return undefined;
    const claims = this.store.entry(uri.fsPath)?.sidecar?.claims;
    if (!claims || claims.length === 0) return undefined;
    const entry = this.store.entry(uri.fsPath);
    const openConflicts = openConflictsOf(claims) > 0;
    return {
      // VS Code joins every provider's badge into one ("2, 3" on a tab). Problems badges a file with its
      // warning and error count, so while it does, the claim count moves to the tooltip and colour alone.
      badge: this.problemsBadgeShown(uri) ? undefined : claims.length > 99 ? '99' : String(claims.length),
      tooltip: claimsSummary(claims, entry?.orphaned.size ?? 0),
      color: openConflicts ? new vscode.ThemeColor('claims.disputedRuler') : undefined,
      propagate: false,
    };
  }

  private problemsBadgeShown(uri: vscode.Uri): boolean {
    if (!vscode.workspace.getConfiguration('problems', uri).get<boolean>('decorations.enabled', true)) return false;
    return vscode.languages.getDiagnostics(uri).some((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
  }
}
