// Context keys that keep the editor's context menu honest: Add Citation and Set Status show only with the
// cursor in a claim, Re-attach only with a selection in an article that has orphaned claims. The commands
// themselves still run from the palette and explain what is missing.
import * as vscode from 'vscode';
import type { ClaimStore } from '../../store/claimStore';

export const CONTEXT_KEYS = {
  /** The cursor of the active editor is inside (or at the edge of) an anchored claim. */
  cursorInClaim: 'claims.cursorInClaim',
  /** The active editor's article has claims whose text is gone (Re-attach has something to attach). */
  hasOrphans: 'claims.hasOrphans',
} as const;

export type ContextKeyValues = Record<keyof typeof CONTEXT_KEYS, boolean>;

export class EditorContextKeys implements vscode.Disposable {
  private current: ContextKeyValues | undefined;
  private readonly disposables: vscode.Disposable[];

  /** `cursorInClaim` says whether the active editor's cursor is in an anchored claim (the rule commands use). */
  constructor(
    private readonly store: ClaimStore,
    private readonly cursorInClaim: () => boolean,
  ) {
    // No delay: a right-click moves the cursor and opens the menu at once, and the menu reads these keys.
    this.disposables = [
      vscode.window.onDidChangeTextEditorSelection(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      store.onDidChange(() => this.update()),
    ];
    this.update();
  }

  /** The values last sent to VS Code. */
  get values(): ContextKeyValues {
    return this.current ?? this.compute();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  private compute(): ContextKeyValues {
    const document = vscode.window.activeTextEditor?.document;
    const entry = document?.uri.scheme === 'file' ? this.store.entry(document.uri.fsPath) : undefined;
    return { cursorInClaim: this.cursorInClaim(), hasOrphans: (entry?.orphaned.size ?? 0) > 0 };
  }

  private update(): void {
    const next = this.compute();
    for (const key of Object.keys(CONTEXT_KEYS) as Array<keyof typeof CONTEXT_KEYS>) {
      // setContext crosses to the renderer: only changes are sent, so cursor moves inside one claim cost nothing.
      if (this.current?.[key] !== next[key]) void vscode.commands.executeCommand('setContext', CONTEXT_KEYS[key], next[key]);
    }
    this.current = next;
  }
}
