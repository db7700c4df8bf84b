// Moving the cursor into a claim selects it in the Claim Explorer (when the view is visible), so the
// tree always shows where the writer is.
import * as vscode from 'vscode';
import type { ClaimsContext } from '../context';

const DELAY_MS = 200;

export class CursorReveal implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastClaim: string | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly ctx: ClaimsContext) {
    this.subscription = vscode.window.onDidChangeTextEditorSelection(() => {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reveal(), DELAY_MS);
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
  }

  private reveal(): void {
    if (!this.ctx.config.revealOnCursor || !this.ctx.explorer.view.visible) return;
    const ref = this.ctx.claimAtCursor();
    const key = ref && `${ref.articlePath}#${ref.claimId}`;
    if (!ref || key === this.lastClaim) return;
    this.lastClaim = key;
    void this.ctx.explorer.revealClaim(ref.articlePath, ref.claimId).then(undefined, () => undefined);
  }
}
