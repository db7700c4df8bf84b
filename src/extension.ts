// Activation only: build the context, wire the parts, hand back a small API for tests.
import * as vscode from 'vscode';
import { registerCommands } from './editor/commands';
import { spotArticle } from './editor/commands/spottingCommands';
import { ClaimsContext } from './editor/context';
import { DocumentSync } from './editor/documentSync';
import { FactCheckArchives } from './editor/factCheckArchives';
import type { Prompts } from './editor/prompts';
import { ClaimCodeActions } from './editor/ui/codeActions';
import { ClaimDecorations } from './editor/ui/decorations';
import { verdictColors } from './editor/verdictScales';
import { ClaimDiagnostics } from './editor/ui/diagnostics';
import { ClaimExplorer } from './editor/ui/explorer';
import { ClaimHoverProvider } from './editor/ui/hover';
import { ClaimFileBadges, ClaimStatusBar } from './editor/ui/statusIndicators';
import { CursorReveal } from './editor/ui/cursorReveal';
import { EditorContextKeys } from './editor/ui/editorContextKeys';

export interface ClaimAnnotatorApi {
  readonly context: ClaimsContext;
  /** Milliseconds spent in activate(), measured inside the host. */
  readonly activationMs: number;
  /** Replaces the prompt layer (host tests answer quick picks and input boxes by script). */
  setPrompts(prompts: Prompts): void;
}

let active: ClaimsContext | undefined;

function spotOnOpen(ctx: ClaimsContext, document: vscode.TextDocument): void {
  if (!ctx.config.spotOnOpen || ctx.articles.whyNotAnArticle(document)) return;
  void spotArticle(ctx, document.uri.fsPath, document.getText()).catch((error) => ctx.reportError(error));
}

export async function activate(extension: vscode.ExtensionContext): Promise<ClaimAnnotatorApi> {
  const started = performance.now();
  const ctx = new ClaimsContext(extension);
  active = ctx;
  extension.subscriptions.push(ctx);
  ctx.explorer = ctx.push(new ClaimExplorer(ctx.store, ctx.config));
  ctx.push(new ClaimDecorations(ctx.store, (articlePath) => verdictColors(ctx.config, articlePath)));
  ctx.push(new ClaimDiagnostics(ctx));
  ctx.statusBar = ctx.push(new ClaimStatusBar(ctx));
  ctx.fileBadges = ctx.push(new ClaimFileBadges(ctx));
  ctx.push(new CursorReveal(ctx));
  ctx.contextKeys = ctx.push(new EditorContextKeys(ctx));
  // Articles are any files matching claims.articleGlobs; providers answer only where the store has claims.
  const articleSelector: vscode.DocumentSelector = [{ scheme: 'file' }];
  ctx.push(vscode.languages.registerHoverProvider(articleSelector, new ClaimHoverProvider(ctx)));
  ctx.push(
    vscode.languages.registerCodeActionsProvider(articleSelector, new ClaimCodeActions(ctx), {
      providedCodeActionKinds: ClaimCodeActions.kinds,
    }),
  );
  const sync = (ctx.sync = ctx.push(
    new DocumentSync(ctx.store, ctx.articles, (error) => ctx.reportError(error), (document) => spotOnOpen(ctx, document)),
  ));
  const factChecks = (ctx.factChecks = ctx.push(new FactCheckArchives(ctx.config, ctx.output, () => ctx.prompts)));
  ctx.explorer.checkedBefore = (text) => factChecks.checkedBefore(text).length > 0;
  ctx.push(factChecks.onDidChange(() => ctx.explorer.refresh()));
  registerCommands(ctx);
  // Articles already open are anchored in the background; activation itself stays short.
  void sync.openAll().then(() => sync.indexWorkspace()).catch((error) => ctx.reportError(error));
  // Archives are read and indexed after activation, in the background (up to a second for 20,000 fact-checks).
  setTimeout(() => factChecks.start(), 0);
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

export function deactivate(): void {
  active?.dispose();
  active = undefined;
}
