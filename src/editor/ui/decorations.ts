// Draws claims in visible editors, coloured by status, with marks in the overview ruler. Colours are
// theme colours contributed in package.json (light, dark and high-contrast defaults).
import * as vscode from 'vscode';
import { CLAIM_STATUSES, type ClaimStatus } from '../../core/sidecar/schema';
import type { ClaimStore, StoreChange } from '../../store/claimStore';

const REDRAW_AFTER_TYPING_MS = 250;

export class ClaimDecorations implements vscode.Disposable {
  private readonly byStatus: Record<ClaimStatus, vscode.TextEditorDecorationType>;
  private readonly candidate: vscode.TextEditorDecorationType;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly typingTimers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Claims rated on a scale whose label has a colour are drawn in it; one decoration type per colour. */
  private readonly byColor = new Map<string, vscode.TextEditorDecorationType>();

  constructor(
    private readonly store: ClaimStore,
    /** The colours of an article's verdict labels on its scale; asked once per redraw, not per claim. */
    private readonly verdictColors: (articlePath: string) => ReadonlyMap<string, string> = () => new Map(),
  ) {
    this.byStatus = Object.fromEntries(
      CLAIM_STATUSES.map((status) => [
        status,
        vscode.window.createTextEditorDecorationType({
          backgroundColor: new vscode.ThemeColor(`claims.${status}Background`),
          border: '1px solid',
          borderColor: new vscode.ThemeColor(`claims.${status}Border`),
          borderRadius: '2px',
          overviewRulerColor: new vscode.ThemeColor(`claims.${status}Ruler`),
          overviewRulerLane: vscode.OverviewRulerLane.Right,
          // The same edge rule as the store's edit tracking: typing at a claim's edge does not grow it, so the
          // editor's own movement of decorations between redraws agrees with the store.
          rangeBehavior: vscode.DecorationRangeBehavior.OpenOpen,
        }),
      ]),
    ) as Record<ClaimStatus, vscode.TextEditorDecorationType>;
    this.candidate = vscode.window.createTextEditorDecorationType({
      textDecoration: 'underline dotted',
      borderColor: new vscode.ThemeColor('claims.candidateUnderline'),
      border: '0 0 1px 0; border-bottom-style: dotted',
      overviewRulerColor: new vscode.ThemeColor('claims.candidateRuler'),
      overviewRulerLane: vscode.OverviewRulerLane.Center,
    });
    this.disposables.push(
      ...Object.values(this.byStatus),
      this.candidate,
      store.onDidChange((change) => this.storeChanged(change)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  dispose(): void {
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
    for (const type of this.byColor.values()) type.dispose();
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.refresh(editor);
  }

  private storeChanged(change: StoreChange): void {
    if (change.kind === 'positions') {
      // While typing, the editor already moves decorations with the text by the same rule as the store;
      // redraw once typing pauses instead of on every keystroke.
      clearTimeout(this.typingTimers.get(change.articlePath));
      this.typingTimers.set(
        change.articlePath,
        setTimeout(() => {
          this.typingTimers.delete(change.articlePath);
          this.refreshArticle(change.articlePath);
        }, REDRAW_AFTER_TYPING_MS),
      );
      return;
    }
    this.refreshArticle(change.articlePath);
  }

  private refreshArticle(articlePath: string): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.uri.scheme === 'file' && editor.document.uri.fsPath === articlePath) this.refresh(editor);
    }
  }

  private colorType(color: string): vscode.TextEditorDecorationType {
    let type = this.byColor.get(color);
    if (!type) {
      // The scale's colour at low opacity behind the text, full strength on the border and in the ruler.
      const background = color.length === 7 ? `${color}33` : color;
      type = vscode.window.createTextEditorDecorationType({
        backgroundColor: background,
        border: '1px solid',
        borderColor: color,
        borderRadius: '2px',
        overviewRulerColor: color,
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        rangeBehavior: vscode.DecorationRangeBehavior.OpenOpen,
      });
      this.byColor.set(color, type);
    }
    return type;
  }

  /** Only visible editors are decorated; hidden ones are drawn when they become visible. */
  private refresh(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme !== 'file') return;
    const entry = this.store.entry(editor.document.uri.fsPath);
    const ranges: Record<ClaimStatus, vscode.Range[]> = { unverified: [], supported: [], disputed: [], refuted: [] };
    const colored = new Map<string, vscode.Range[]>();
    const candidates: vscode.Range[] = [];
    const document = editor.document;
    // The end offset without getText(), which would rebuild the whole text after every edit.
    const length = document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    if (entry?.sidecar) {
      const colors = entry.sidecar.claims.some((c) => c.verdict) ? this.verdictColors(entry.articlePath) : new Map<string, string>();
      for (const claim of entry.sidecar.claims) {
        if (entry.orphaned.has(claim.id) || claim.position.end > length) continue;
        const range = new vscode.Range(document.positionAt(claim.position.start), document.positionAt(claim.position.end));
        const color = claim.verdict ? colors.get(claim.verdict.label) : undefined;
        if (color) colored.set(color, [...(colored.get(color) ?? []), range]);
        else ranges[claim.status].push(range);
      }
    }
    for (const candidate of entry?.candidates ?? []) {
      candidates.push(new vscode.Range(document.positionAt(candidate.start), document.positionAt(candidate.end)));
    }
    for (const status of CLAIM_STATUSES) editor.setDecorations(this.byStatus[status], ranges[status]);
    for (const color of colored.keys()) this.colorType(color);
    for (const [color, type] of this.byColor) editor.setDecorations(type, colored.get(color) ?? []);
    editor.setDecorations(this.candidate, candidates);
  }
}
