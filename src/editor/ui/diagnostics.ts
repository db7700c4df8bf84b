// Problems entries: uncited claims (information), open conflicts and orphans (warnings) on the article,
// invalid sidecars (errors at their location) on the sidecar. Each kind can be turned off in settings.
import path from 'node:path';
import * as vscode from 'vscode';
import type { ClaimsContext } from '../context';
import type { ArticleEntry } from '../../store/claimStore';
import { changedSinceCheckedMessage, describeWordChange } from '../../core/anchoring/claimWords';
import { FINDING_SEVERITY, findingsFor, type FindingCode, type Severity } from '../../core/app/findings';
import { conflictPartnerArticle } from '../../core/app/conflictPartner';
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
        // A note pointing into the changed article may now dangle, or no longer: recheck the articles holding one.
        for (const entry of ctx.store.entries()) {
          const pointsHere = entry.sidecar?.claims.some((claim) =>
            claim.conflicts.some((c) => conflictPartnerArticle(entry.articlePath, c) === change.articlePath),
          );
          if (pointsHere) this.schedule(entry.articlePath);
        }
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
    const { text, error } = entry.sidecar && entry.articleExists ? this.ctx.articles.read(entry.articlePath) : {};
    const findings = findingsFor({
      articlePath: entry.articlePath,
      sidecar: entry.sidecar,
      issues: entry.issues,
      text,
      articleProblem: entry.articleExists ? error : 'missing',
      // The store follows claims through edits; its positions and orphans are the truth for open documents.
      locate: (claim) => (entry.orphaned.has(claim.id) ? undefined : claim.position),
      partner: (articlePath) => {
        const other = this.ctx.store.entry(articlePath);
        return other?.sidecar ? { exists: other.articleExists, claims: new Map(other.sidecar.claims.map((c) => [c.id, c.quote.exact])) } : undefined;
      },
    });
    const sidecarDiagnostics: vscode.Diagnostic[] = [];
    const articleDiagnostics: vscode.Diagnostic[] = [];
    const lines = text !== undefined ? new PositionIndex(text) : undefined;
    for (const finding of findings) {
      if (!shown(config, finding.code)) continue;
      const severity = SEVERITY[FINDING_SEVERITY[finding.code]];
      const diagnostic = (range: vscode.Range, message: string) => {
        const made = new vscode.Diagnostic(range, message, severity);
        made.source = 'claims';
        made.code = finding.code;
        return made;
      };
      if (finding.code === 'invalid-sidecar') {
        const { issue } = finding;
        const at = new vscode.Position(Math.max(0, issue.line - 1), Math.max(0, issue.column - 1));
        sidecarDiagnostics.push(
          diagnostic(new vscode.Range(at, at.translate(0, Math.max(1, issue.length))), vscode.l10n.t('Invalid sidecar: {0}', issue.message)),
        );
        continue;
      }
      if (finding.code === 'missing-article') {
        const start = new vscode.Position(0, 0);
        sidecarDiagnostics.push(
          diagnostic(
            new vscode.Range(start, start),
            vscode.l10n.t('The article {0} is missing, so its claims cannot be shown.', path.basename(entry.articlePath)),
          ),
        );
        continue;
      }
      // Reading refusals (too large, binary) are reported when the article is opened; nothing to place here.
      if (finding.code === 'unreadable-article' || !lines) continue;
      const { claim } = finding;
      // An orphaned claim is shown where it last was, so the user sees what to re-attach.
      const where = finding.range ?? claim.position;
      const range = lines.range(where.start, where.end);
      const quote = shorten(claim.quote.exact, 60);
      switch (finding.code) {
        case 'orphaned-claim':
          articleDiagnostics.push(diagnostic(range, vscode.l10n.t('Orphaned claim: “{0}” is no longer in the article; re-attach it to a selection.', quote)));
          break;
        case 'changed-since-checked': {
          const what = changedSinceCheckedMessage(claim);
          articleDiagnostics.push(
            diagnostic(
              range,
              vscode.l10n.t(
                '{0}: {1} in “{2}”. Review the verdict, then run Accept New Wording.',
                what.charAt(0).toUpperCase() + what.slice(1),
                describeWordChange(finding.checkedWords, claim.quote.exact, 60),
                quote,
              ),
            ),
          );
          break;
        }
        case 'merge-conflict':
          articleDiagnostics.push(
            diagnostic(range, vscode.l10n.t('Unresolved merge conflict in the claim “{0}”: its sidecar still holds <<<<<<< and >>>>>>> markers.', quote)),
          );
          break;
        case 'open-conflict': {
          const { conflict, partnerWords } = finding;
          const where = finding.sameArticle ? vscode.l10n.t('another claim in this article') : conflict.other.article;
          // The other claim by its words where they are known (its article is loaded), as the report names it.
          const other =
            partnerWords !== undefined
              ? vscode.l10n.t('“{0}” in {1}', shorten(partnerWords, 60), finding.sameArticle ? vscode.l10n.t('this article') : conflict.other.article)
              : where;
          articleDiagnostics.push(
            diagnostic(
              range,
              vscode.l10n.t(
                'Open conflict ({0}): “{1}” vs “{2}” ({3})',
                describeConflictKind(conflict.kind),
                shorten(conflict.thisValue, 40),
                shorten(conflict.otherValue, 40),
                other,
              ),
            ),
          );
          break;
        }
        case 'dangling-conflict':
          articleDiagnostics.push(
            diagnostic(
              range,
              finding.partnerArticleExists
                ? vscode.l10n.t('A conflict note on “{0}” points at a claim that {1} no longer has.', quote, finding.conflict.other.article)
                : vscode.l10n.t('A conflict note on “{0}” points at {1}, which does not exist.', quote, finding.conflict.other.article),
            ),
          );
          break;
        case 'uncited-claim':
          articleDiagnostics.push(diagnostic(range, vscode.l10n.t('Uncited claim: “{0}”', quote)));
          break;
      }
    }
    this.collection.set(vscode.Uri.file(entry.sidecarPath), sidecarDiagnostics);
    this.collection.set(vscode.Uri.file(entry.articlePath), articleDiagnostics);
  }
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** Whether the claims.problems settings show a finding; changed words and merge markers are always shown. */
function shown(config: ClaimsContext['config'], code: FindingCode): boolean {
  switch (code) {
    case 'invalid-sidecar':
      return config.problems('invalidSidecars');
    case 'missing-article':
    case 'orphaned-claim':
      return config.problems('orphans');
    case 'uncited-claim':
      return config.problems('uncited');
    case 'open-conflict':
    case 'dangling-conflict':
      return config.problems('openConflicts');
    default:
      // A verdict on words that have since changed, or a half-merged claim, must not be published unseen.
      return true;
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
