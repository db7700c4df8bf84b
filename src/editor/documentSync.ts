// Keeps the store in step with the editor and the disk: positions follow typing, claims re-anchor by
// content when an article is opened or changed outside the editor, quotes refresh on save, and sidecar
// changes made elsewhere (git pull, the CLI, another window) are reloaded and reconciled.
import fs from 'node:fs';
import * as vscode from 'vscode';
import { articlePathFor } from '../core/sidecar/sidecar';
import { SIDECAR_SUFFIX } from '../core/sidecar/schema';
import type { Articles } from './articles';
import type { ClaimStore } from '../store/claimStore';

const ORPHAN_RECOVERY_DELAY_MS = 250;
/** Above this many sidecars, indexing the workspace shows a progress notification. */
const LARGE_WORKSPACE = 200;
/** How often articles with claims are checked for deletion behind the file watcher's back. */
const EXISTENCE_SWEEP_MS = 5000;

export class DocumentSync implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly orphanTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Open articles over claims.maxArticleSizeMB: neither anchored nor tracked (checked on open and save). */
  private readonly oversized = new Set<string>();
  /** Each open article's file as it was when it was opened, saved or reloaded (see fileStamp). */
  private readonly diskStamps = new Map<string, string>();

  constructor(
    private readonly store: ClaimStore,
    private readonly articles: Articles,
    private readonly reportError: (error: unknown) => void,
    private readonly articleOpened: (document: vscode.TextDocument) => void = () => undefined,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => void this.opened(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.changed(event)),
      vscode.workspace.onDidSaveTextDocument((document) => void this.saved(document)),
      vscode.workspace.onDidCloseTextDocument((document) => void this.closed(document)),
      vscode.workspace.onDidRenameFiles((event) => void this.renamed(event)),
      vscode.workspace.onDidDeleteFiles((event) => this.deleted(event.files)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`);
    this.disposables.push(
      watcher,
      watcher.onDidChange((uri) => void this.sidecarChangedOnDisk(uri)),
      watcher.onDidCreate((uri) => void this.sidecarChangedOnDisk(uri)),
      watcher.onDidDelete((uri) => this.sidecarDeletedOnDisk(uri)),
    );
    // Articles deleted outside VS Code (git checkout, a terminal) leave their sidecar behind: show them missing.
    const articleWatcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    const existenceChanged = (uri: vscode.Uri) => {
      if (uri.scheme === 'file' && this.store.entry(uri.fsPath)) this.store.articleExistenceChanged(uri.fsPath);
    };
    this.disposables.push(articleWatcher, articleWatcher.onDidDelete(existenceChanged), articleWatcher.onDidCreate(existenceChanged));
    // File watchers can drop events when a restarting or busy watcher misses them; a slow sweep (one stat
    // per article with claims) and a sweep whenever the window regains focus catch what they missed.
    const sweep = () => {
      for (const entry of this.store.entries()) this.store.articleExistenceChanged(entry.articlePath);
    };
    const timer = setInterval(sweep, EXISTENCE_SWEEP_MS);
    this.disposables.push(
      { dispose: () => clearInterval(timer) },
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) sweep();
      }),
    );
  }

  /** Loads and anchors every article that is already open when the extension activates. */
  async openAll(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments.map((document) => this.opened(document)));
  }

  /**
   * Builds the index of every sidecar in every workspace folder, after activation and in the background.
   * Large workspaces get a progress notification; the Claim Explorer shows progress either way.
   */
  async indexWorkspace(): Promise<number> {
    const sidecars = await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, '**/{node_modules,.git}/**');
    const load = async (progress?: vscode.Progress<{ message?: string; increment?: number }>) => {
      let done = 0;
      for (const uri of sidecars) {
        const articlePath = articlePathFor(uri.fsPath);
        if (articlePath && !this.store.entry(articlePath)) {
          try {
            await this.store.open(articlePath);
          } catch (error) {
            this.reportError(error);
          }
        }
        done++;
        if (progress && done % 50 === 0) {
          progress.report({ message: `${done}/${sidecars.length}`, increment: (50 / sidecars.length) * 100 });
        }
      }
    };
    await vscode.window.withProgress({ location: { viewId: 'claims.explorer' } }, () =>
      sidecars.length > LARGE_WORKSPACE
        ? vscode.window.withProgress(
            { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Claim Annotator: reading {0} sidecar files', String(sidecars.length)) },
            (progress) => load(progress),
          )
        : load(),
    );
    return sidecars.length;
  }

  dispose(): void {
    for (const timer of this.orphanTimers.values()) clearTimeout(timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async opened(document: vscode.TextDocument): Promise<void> {
    if (!this.articles.isArticle(document.uri)) return;
    try {
      const path = document.uri.fsPath;
      await this.store.open(path);
      if (this.articles.whyNotAnArticle(document)) {
        this.oversized.add(path);
        return;
      }
      this.oversized.delete(path);
      if (!document.isDirty) this.rememberDiskStamp(path);
      this.store.reanchor(path, document.getText());
      this.store.reanchorCandidates(path, document.getText());
      this.articleOpened(document);
    } catch (error) {
      this.reportError(error);
    }
  }

  private changed(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (event.contentChanges.length === 0 || !this.articles.isArticle(document.uri)) return;
    const path = document.uri.fsPath;
    const entry = this.store.entry(path);
    // An article with candidates but no sidecar yet still needs its candidates to follow the text.
    if (!entry || (!entry.sidecar && entry.candidates.length === 0) || this.oversized.has(path)) return;
    // A document reloaded from disk (git pull, another editor) arrives as line edits, which would clip claims on
    // changed lines and drop candidates there, so it is re-anchored by content instead of trusting the edit
    // mapping. The sign of a reload is a clean document that now matches the disk. Clean alone is not enough:
    // VS Code reports the first keystroke after every save as clean too (auto save makes that every pause), and
    // re-anchoring a claim by content while its edge is being typed could move it onto the next word.
    const reloaded = event.reason === undefined && !document.isDirty && this.reloadedFromDisk(document);
    const candidatesBefore = reloaded ? entry.candidates : undefined;
    this.store.trackEdits(
      path,
      event.contentChanges.map((c) => ({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, text: c.text })),
    );
    if (reloaded) {
      this.store.reanchor(path, document.getText());
      this.store.reanchorCandidates(path, document.getText(), candidatesBefore);
    } else if (entry.orphaned.size > 0) {
      this.scheduleOrphanRecovery(document);
    }
  }

  /**
   * Whether a clean document's change was a reload: its file changed since it was opened, saved or reloaded, and
   * now holds the document's text. With auto save the first keystroke after every pause comes from a clean
   * document, so the common answer ("the file is as we saw it") costs one stat, not a read of the whole article.
   */
  private reloadedFromDisk(document: vscode.TextDocument): boolean {
    const path = document.uri.fsPath;
    const stamp = fileStamp(path);
    if (stamp !== undefined && stamp === this.diskStamps.get(path)) return false;
    const matches = this.articles.readFromDisk(path).text === document.getText();
    if (matches && stamp !== undefined) this.diskStamps.set(path, stamp);
    return matches;
  }

  private rememberDiskStamp(path: string): void {
    const stamp = fileStamp(path);
    if (stamp === undefined) this.diskStamps.delete(path);
    else this.diskStamps.set(path, stamp);
  }

  /** Undo that restores a deleted claim's text brings the claim back, found again by its quote. */
  private scheduleOrphanRecovery(document: vscode.TextDocument): void {
    const path = document.uri.fsPath;
    clearTimeout(this.orphanTimers.get(path));
    this.orphanTimers.set(
      path,
      setTimeout(() => {
        this.orphanTimers.delete(path);
        if (!document.isClosed) this.store.reanchor(path, document.getText(), { onlyOrphans: true });
      }, ORPHAN_RECOVERY_DELAY_MS),
    );
  }

  private async saved(document: vscode.TextDocument): Promise<void> {
    if (!this.articles.isArticle(document.uri)) return;
    this.rememberDiskStamp(document.uri.fsPath);
    if (!this.store.entry(document.uri.fsPath)?.sidecar) return;
    if (this.articles.whyNotAnArticle(document)) {
      this.oversized.add(document.uri.fsPath);
      return;
    }
    this.oversized.delete(document.uri.fsPath);
    try {
      await this.store.refreshQuotes(document.uri.fsPath, document.getText());
    } catch (error) {
      this.reportError(error);
    }
  }

  private async closed(document: vscode.TextDocument): Promise<void> {
    this.diskStamps.delete(document.uri.fsPath);
    // Unsaved edits were discarded with the editor: anchor again against what is on disk.
    if (!this.articles.isArticle(document.uri) || !this.store.entry(document.uri.fsPath)?.sidecar) return;
    const { text } = this.articles.read(document.uri.fsPath);
    if (text !== undefined) {
      this.store.reanchor(document.uri.fsPath, text);
      this.store.reanchorCandidates(document.uri.fsPath, text);
    }
  }

  private async renamed(event: vscode.FileRenameEvent): Promise<void> {
    for (const { oldUri, newUri } of event.files) {
      if (oldUri.scheme !== 'file' || newUri.scheme !== 'file' || oldUri.fsPath.endsWith(SIDECAR_SUFFIX)) continue;
      try {
        await this.store.moveArticle(oldUri.fsPath, newUri.fsPath);
      } catch (error) {
        this.reportError(error);
      }
    }
  }

  private deleted(files: readonly vscode.Uri[]): void {
    for (const uri of files) if (uri.scheme === 'file') this.store.articleExistenceChanged(uri.fsPath);
  }

  private async sidecarChangedOnDisk(uri: vscode.Uri): Promise<void> {
    const articlePath = articlePathFor(uri.fsPath);
    if (!articlePath) return;
    try {
      // Our own write (the watcher reports it too) changes nothing: re-anchoring then would search an article being
      // typed in by content, where its live positions are exact, and could move a claim the user is editing.
      if (!(await this.store.reloadFromDisk(articlePath))) return;
      const { text } = this.articles.read(articlePath);
      if (text !== undefined) this.store.reanchor(articlePath, text);
    } catch (error) {
      this.reportError(error);
    }
  }

  private sidecarDeletedOnDisk(uri: vscode.Uri): void {
    const articlePath = articlePathFor(uri.fsPath);
    if (articlePath) this.store.sidecarDeleted(articlePath);
  }
}

/**
 * The file's identity and last change (inode, size, modification and status-change times); undefined when it cannot
 * be read. A change time moves on every write or rename, so an equal stamp means the same bytes as before.
 */
function fileStamp(path: string): string | undefined {
  try {
    const stat = fs.statSync(path);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  } catch {
    return undefined;
  }
}
