// One object owns everything the extension creates. Activation builds it; its constructor builds the long-lived
// parts in dependency order (so none is ever missing when another asks for it), every subscription, provider and
// watcher is pushed onto it, and deactivation is a single dispose, so nothing leaks.
import path from 'node:path';
import * as vscode from 'vscode';
import type { Claim } from '../core/sidecar/schema';
import { innermostClaimAt } from '../core/text/claimRanges';
import { Articles, workspaceRoots } from './articles';
import { ClaimsConfig } from './config';
import { type Prompts, WindowPrompts } from './prompts';
import { type ArticleEntry, ClaimStore, SidecarReadOnlyError } from '../store/claimStore';
import { DocumentSync } from './documentSync';
import { FactCheckArchives } from './factCheckArchives';
import { ClaimExplorer } from './ui/explorer';
import { ClaimFileBadges, ClaimStatusBar } from './ui/statusIndicators';
import { EditorContextKeys } from './ui/editorContextKeys';
import { displayPath } from './ui/presentation';
import { claimPickItems } from './ui/claimPicks';
import { claimsInDocumentOrder } from '../core/app/report';

/** A claim named by its article and id: what tree items, hovers and commands pass around. */
export interface ClaimRef {
  articlePath: string;
  claimId: string;
}

export class UserFacingError extends Error {}

export interface ClaimsContextOptions {
  /** Called for each article document that opens (after it is anchored): activation spots claims there when asked to. */
  articleOpened?: (ctx: ClaimsContext, document: vscode.TextDocument) => void;
}

export class ClaimsContext implements vscode.Disposable {
  /** Disposed in reverse order of creation, so each part goes before what it was built on. */
  private readonly disposables: vscode.Disposable[] = [];
  readonly config = new ClaimsConfig();
  readonly articles = new Articles(this.config);
  readonly store = new ClaimStore({ roots: workspaceRoots });
  readonly output = vscode.window.createOutputChannel('Claim Annotator', { log: true });
  prompts: Prompts = new WindowPrompts();
  readonly explorer: ClaimExplorer;
  readonly sync: DocumentSync;
  readonly statusBar: ClaimStatusBar;
  readonly fileBadges: ClaimFileBadges;
  /** Earlier fact-checks from the workspace's archives (claims.factChecks.archives). */
  readonly factChecks: FactCheckArchives;
  readonly contextKeys: EditorContextKeys;

  constructor(
    readonly extension: vscode.ExtensionContext,
    options: ClaimsContextOptions = {},
  ) {
    this.push(this.output, { dispose: () => this.store.dispose() });
    try {
      this.explorer = this.push(new ClaimExplorer(this.store, this.config));
      this.statusBar = this.push(new ClaimStatusBar(this.store, this.articles));
      this.fileBadges = this.push(new ClaimFileBadges(this.store));
      this.contextKeys = this.push(new EditorContextKeys(this.store, () => this.claimAtCursor() !== undefined));
      const articleOpened = options.articleOpened;
      this.sync = this.push(
        new DocumentSync(this.store, this.articles, (error) => this.reportError(error), articleOpened && ((document) => articleOpened(this, document))),
      );
      const factChecks = (this.factChecks = this.push(new FactCheckArchives(this.config, this.output, () => this.prompts)));
      this.explorer.checkedBefore = (text) => factChecks.checkedBefore(text).length > 0;
      this.push(factChecks.onDidChange(() => this.explorer.refresh()));
    } catch (error) {
      // Nobody holds a half-built context: what was built so far is released here.
      this.dispose();
      throw error;
    }
  }

  push<T extends vscode.Disposable>(first: T, ...rest: vscode.Disposable[]): T {
    this.disposables.push(first, ...rest);
    return first;
  }

  /** Disposes everything pushed so far, once: a second call (or one during disposal) finds nothing left. */
  dispose(): void {
    for (const disposable of this.disposables.splice(0).reverse()) {
      try {
        disposable.dispose();
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** Shows an error the user can act on; unexpected ones also go to the output channel with a stack. */
  reportError(error: unknown): void {
    if (error instanceof UserFacingError) {
      this.prompts.notify('info', error.message);
      return;
    }
    if (error instanceof SidecarReadOnlyError) {
      this.prompts.notify('warning', vscode.l10n.t('{0} is read-only: {1}', displayPath(error.sidecarPath), error.reason));
      return;
    }
    this.output.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    this.prompts.notify('error', vscode.l10n.t('Claim Annotator: {0}', error instanceof Error ? error.message : String(error)));
  }

  /** The active editor if it shows an article that can take claims; otherwise a UserFacingError says why. */
  activeArticleEditor(action: string): vscode.TextEditor {
    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new UserFacingError(vscode.l10n.t('Open an article first, then {0}.', action));
    const why = this.articles.whyNotAnArticle(editor.document);
    if (why) throw new UserFacingError(why);
    return editor;
  }

  findClaim(ref: ClaimRef): { entry: ArticleEntry; claim: Claim } | undefined {
    const entry = this.store.entry(ref.articlePath);
    const claim = entry?.sidecar?.claims.find((c) => c.id === ref.claimId);
    return entry && claim ? { entry, claim } : undefined;
  }

  /** The innermost claim under the cursor in the active editor, if any: the one the Claim Explorer reveals. */
  claimAtCursor(): ClaimRef | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.uri.scheme !== 'file') return undefined;
    const entry = this.store.entry(editor.document.uri.fsPath);
    if (!entry?.sidecar) return undefined;
    const offset = editor.document.offsetAt(editor.selection.active);
    const claim = innermostClaimAt(
      entry.sidecar.claims.filter((c) => !entry.orphaned.has(c.id)),
      offset,
    );
    return claim ? { articlePath: entry.articlePath, claimId: claim.id } : undefined;
  }

  /**
   * Works out which claim a command is about: the tree item or hover link it was invoked from, else the
   * claim under the cursor, else one the user picks. Undefined means the user cancelled the pick.
   */
  async resolveClaim(arg: unknown, action: string): Promise<ClaimRef | undefined> {
    const fromArg = asClaimRef(arg);
    if (fromArg) {
      if (!this.findClaim(fromArg)) throw new UserFacingError(vscode.l10n.t('That claim no longer exists.'));
      return fromArg;
    }
    const atCursor = this.claimAtCursor();
    if (atCursor) return atCursor;
    const all = this.allClaims();
    if (all.length === 0) {
      throw new UserFacingError(vscode.l10n.t('There are no claims yet. Select some text in an article and run "Mark Selection as Claim" first.'));
    }
    const activePath = vscode.window.activeTextEditor?.document.uri.fsPath;
    const ordered = [...all].sort((a, b) => Number(b.entry.articlePath === activePath) - Number(a.entry.articlePath === activePath));
    const picked = await this.prompts.pick(
      claimPickItems(this.articles, ordered, (entry, claim) => ({ articlePath: entry.articlePath, claimId: claim.id })),
      { title: action, placeHolder: vscode.l10n.t('Pick a claim (or put the cursor in one first)') },
    );
    return picked?.value;
  }

  /** Every claim, article by article in path order and in document order within each, as the tree and the report list them. */
  allClaims(): Array<{ entry: ArticleEntry; claim: Claim }> {
    return this.store
      .entries()
      .slice()
      .sort((a, b) => (a.articlePath < b.articlePath ? -1 : a.articlePath > b.articlePath ? 1 : 0))
      .flatMap((entry) => claimsInDocumentOrder(entry.sidecar?.claims ?? []).map((claim) => ({ entry, claim })));
  }

  /** A path for `other` relative to `from`'s folder, with "/" separators, as sidecars store it. */
  relativeArticle(from: string, other: string): string {
    return path.relative(path.dirname(from), other).split(path.sep).join('/');
  }
}

export function asClaimRef(arg: unknown): ClaimRef | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const candidate = arg as Partial<ClaimRef>;
  return typeof candidate.articlePath === 'string' && typeof candidate.claimId === 'string'
    ? { articlePath: candidate.articlePath, claimId: candidate.claimId }
    : undefined;
}
