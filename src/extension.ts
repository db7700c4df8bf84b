// Activation only: build the context, wire the parts, hand back a small API for tests.
import * as vscode from 'vscode';
import { registerCommands } from './editor/commands';
import { spotArticle } from './editor/commands/spottingCommands';
import { ClaimsContext } from './editor/context';
import type { Prompts } from './editor/prompts';
import { ClaimCodeActions } from './editor/ui/codeActions';
import { ClaimDecorations } from './editor/ui/decorations';
import { verdictColors } from './editor/verdictScales';
import { ClaimDiagnostics } from './editor/ui/diagnostics';
import { ClaimHoverProvider } from './editor/ui/hover';
import { CursorReveal } from './editor/ui/cursorReveal';

export interface ClaimAnnotatorApi {
  readonly context: ClaimsContext;
  /** Milliseconds spent in activate(), measured inside the host. */
  readonly activationMs: number;
  /** Replaces the prompt layer (host tests answer quick picks and input boxes by script). */
  setPrompts(prompts: Prompts): void;
}

function spotOnOpen(ctx: ClaimsContext, document: vscode.TextDocument): void {
  if (!ctx.config.spotOnOpen || ctx.articles.whyNotAnArticle(document)) return;
  void spotArticle(ctx, document.uri.fsPath, document.getText()).catch((error) => ctx.reportError(error));
}

export async function activate(extension: vscode.ExtensionContext): Promise<ClaimAnnotatorApi> {
  const started = performance.now();
  // VS Code disposes the subscriptions after deactivate(): that is the context's one and only dispose.
  const ctx = new ClaimsContext(extension, { articleOpened: spotOnOpen });
  extension.subscriptions.push(ctx);
  ctx.push(new ClaimDecorations(ctx.store, (articlePath) => verdictColors(ctx.config, articlePath)));
  ctx.push(new ClaimDiagnostics(ctx));
  ctx.push(new CursorReveal(ctx));
  // Articles are any files matching claims.articleGlobs; providers answer only where the store has claims.
  const articleSelector: vscode.DocumentSelector = [{ scheme: 'file' }];
  ctx.push(vscode.languages.registerHoverProvider(articleSelector, new ClaimHoverProvider(ctx)));
  ctx.push(
    vscode.languages.registerCodeActionsProvider(articleSelector, new ClaimCodeActions(ctx), {
      providedCodeActionKinds: ClaimCodeActions.kinds,
    }),
  );
  registerCommands(ctx);
  // Articles already open are anchored in the background; activation itself stays short.
  void ctx.sync
    .openAll()
    .then(() => ctx.sync.indexWorkspace())
    .catch((error) => ctx.reportError(error));
  // Archives are read and indexed after activation, in the background (up to a second for 20,000 fact-checks).
  setTimeout(() => ctx.factChecks.start(), 0);
  const activationMs = performance.now() - started;
  ctx.output.info(`activated in ${activationMs.toFixed(1)} ms`);
  return {
    context: ctx,
    activationMs,
    setPrompts: (prompts) => {
      ctx.prompts = prompts;
    },
  };
}

/** Nothing to do here: VS Code disposes `extension.subscriptions`, the context among them, right after. */
export function deactivate(): void {}
