// Problems entries: uncited claims (information), open conflicts and orphans (warnings) on the article,
// invalid sidecars (errors at their location) on the sidecar. Each kind can be turned off in settings.
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimsContext } from '../context';
import type { ArticleEntry } from '../../store/claimStore';
import { changedSinceChecked, changedSinceCheckedMessage, describeWordChange } from '../../core/anchoring/claimWords';
import { describeConflictKind, shorten } from './presentation';
import { LineIndex } from '../../core/sidecar/jsonLocation';

const REFRESH_DELAY_MS = 150;

export class ClaimDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('claims');
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly ctx: ClaimsContext) {
    this.disposables.push(
      ctx.store.onDidChange((change) => {
        if (change.kind === 'removed') this.clear(change.articlePath);
        this.schedule(change.articlePath);
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (ctx.config.affects(event, 'problems')) for (const entry of ctx.store.entries()) this.schedule(entry.articlePath);
      }),
    );
    for (const entry of ctx.store.entries()) this.schedule(entry.articlePath);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private schedule(articlePath: string): void {
    this.pending.add(articlePath);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), REFRESH_DELAY_MS);
  }

  private flush(): void {
    for (const articlePath of this.pending) {
      const entry = this.ctx.store.entry(articlePath);
      if (!entry) this.clear(articlePath);
      else this.update(entry);
    }
    this.pending.clear();
  }

  private clear(articlePath: string): void {
    this.collection.delete(vscode.Uri.file(articlePath));
    this.collection.delete(vscode.Uri.file(articlePath + '.claims.json'));
  }

  private update(entry: ArticleEntry): void {
    const { config } = this.ctx;
    const sidecarDiagnostics: vscode.Diagnostic[] = [];
    if (config.problems('invalidSidecars')) {
      for (const issue of entry.issues) {
        const at = new vscode.Position(Math.max(0, issue.line - 1), Math.max(0, issue.column - 1));
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(at, at.translate(0, Math.max(1, issue.length))),
          vscode.l10n.t('Invalid sidecar: {0}', issue.message),
          vscode.DiagnosticSeverity.Error,
        );
        diagnostic.source = 'claims';
        diagnostic.code = 'invalid-sidecar';
        sidecarDiagnostics.push(diagnostic);
      }
    }
    this.collection.set(vscode.Uri.file(entry.sidecarPath), sidecarDiagnostics);

    const articleDiagnostics: vscode.Diagnostic[] = [];
    const claims = entry.sidecar?.claims ?? [];
    if (claims.length > 0 && entry.articleExists) {
      const { text } = this.ctx.articles.read(entry.articlePath);
      if (text !== undefined) {
        const lines = new PositionIndex(text);
        for (const claim of claims) {
          const range = lines.range(claim.position.start, claim.position.end);
          const quote = shorten(claim.quote.exact, 60);
          const add = (message: string, severity: vscode.DiagnosticSeverity, code: string) => {
            const diagnostic = new vscode.Diagnostic(range, message, severity);
            diagnostic.source = 'claims';
            diagnostic.code = code;
            articleDiagnostics.push(diagnostic);
          };
          if (entry.orphaned.has(claim.id)) {
            if (config.problems('orphans')) {
              add(vscode.l10n.t('Orphaned claim: “{0}” is no longer in the article; re-attach it to a selection.', quote), vscode.DiagnosticSeverity.Warning, 'orphaned-claim');
            }
            continue;
          }
          const checkedWords = changedSinceChecked(claim);
          if (checkedWords !== undefined) {
            // Always shown: a verdict on words that have since changed must not be published unseen.
            const what = changedSinceCheckedMessage(claim);
            add(
              vscode.l10n.t('{0}: {1} in “{2}”. Review the verdict, then run Accept New Wording.', what.charAt(0).toUpperCase() + what.slice(1), describeWordChange(checkedWords, claim.quote.exact, 60), quote),
              vscode.DiagnosticSeverity.Warning,
              'changed-since-checked',
            );
          }
          if (config.problems('uncited') && claim.citations.length === 0) {
            add(vscode.l10n.t('Uncited claim: “{0}”', quote), vscode.DiagnosticSeverity.Information, 'uncited-claim');
          }
          if (config.problems('openConflicts')) {
            for (const conflict of claim.conflicts.filter((c) => c.state === 'open')) {
              add(
                vscode.l10n.t(
                  'Open conflict ({0}): “{1}” vs “{2}” ({3})',
                  describeConflictKind(conflict.kind),
                  shorten(conflict.thisValue, 40),
                  shorten(conflict.otherValue, 40),
                  path.resolve(path.dirname(entry.articlePath), conflict.other.article) === entry.articlePath
                    ? vscode.l10n.t('another claim in this article')
                    : conflict.other.article,
                ),
                vscode.DiagnosticSeverity.Warning,
                'open-conflict',
              );
            }
          }
        }
      }
    }
    this.collection.set(vscode.Uri.file(entry.articlePath), articleDiagnostics);
  }
}

/** Offsets to line/character positions for text that may not be open in an editor, by the core's LineIndex. */
class PositionIndex {
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  position(offset: number): vscode.Position {
    const { line, column } = this.lines.at(Math.max(0, Math.min(offset, this.text.length)));
    return new vscode.Position(line - 1, column - 1);
  }

  range(start: number, end: number): vscode.Range {
    return new vscode.Range(this.position(start), this.position(end));
  }
}
