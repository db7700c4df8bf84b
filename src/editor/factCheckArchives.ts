// The workspace's archives of published fact-checks (claims.factChecks.archives), read and indexed in the
// background, re-read when a file or the setting changes. Hovers, the explorer and Find Earlier Fact-Checks ask it
// for matches; until the index is built they get none rather than waiting.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { countOf, pluralForm } from '../core/text/plural';
import { type ArchiveProblem, describeArchiveProblems, type FactCheck, parseFactCheckArchive } from '../core/factChecks/factCheckArchive';
import { FactCheckIndex, type FactCheckMatch, MATCH_THRESHOLD } from '../core/factChecks/factCheckMatcher';
import type { ClaimsConfig } from './config';
import type { Prompts } from './prompts';

/** Archive files change in bursts (an import writes many lines): wait this long for the burst to end. */
const RELOAD_DELAY_MS = 300;
/** An archive this large is almost certainly not one (PolitiFact's 19,250 checks are 9 MB without their text). */
const MAX_ARCHIVE_BYTES = 200 * 1024 * 1024;
/** Matches shown in a hover, at most. */
export const HOVER_MATCHES = 3;

interface ArchiveFile {
  path: string;
  /** The setting's entry it came from, for messages. */
  relative: string;
}

export class FactCheckArchives implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  /** Fires when an index has been built (or dropped because no archive is left). */
  readonly onDidChange = this.changeEmitter.event;
  private current?: FactCheckIndex;
  private loading: Promise<void> = Promise.resolve();
  private reloadTimer?: ReturnType<typeof setTimeout>;
  private pending?: { after: Promise<void>; resolve: () => void };
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** Best matches above the threshold per claim text, for hovers and badges; cleared when the index changes. */
  private readonly checkedBeforeCache = new Map<string, FactCheckMatch[]>();
  /** The files and their modification times behind the current index: unchanged files are not re-indexed. */
  private signature = '';
  private disposed = false;
  private readonly outsideWarned = new Set<string>();

  constructor(
    private readonly config: ClaimsConfig,
    private readonly output: vscode.LogOutputChannel,
    private readonly prompts: () => Prompts,
  ) {
    this.disposables.push(
      this.changeEmitter,
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (config.affects(event, 'factChecks.archives')) this.start();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.start()),
    );
  }

  /** Starts watching and loading in the background (after activation: building takes up to a second). */
  start(): void {
    this.watch();
    this.scheduleReload(0);
  }

  /** The index when one is built; undefined while loading or when the workspace has no archive. */
  get index(): FactCheckIndex | undefined {
    return this.current;
  }

  /** Resolves when the load under way (if any) has finished. */
  async whenReady(): Promise<void> {
    let seen: Promise<void> | undefined;
    while (seen !== this.loading) {
      seen = this.loading;
      await seen;
    }
  }

  /** Earlier fact-checks scoring at least the threshold, best first; none while no index is built. */
  checkedBefore(text: string): FactCheckMatch[] {
    const index = this.current;
    if (!index) return [];
    let found = this.checkedBeforeCache.get(text);
    if (!found) {
      found = index.match({ text }, { top: HOVER_MATCHES, minScore: MATCH_THRESHOLD });
      if (this.checkedBeforeCache.size > 5000) this.checkedBeforeCache.clear();
      this.checkedBeforeCache.set(text, found);
    }
    return found;
  }

  private files(): ArchiveFile[] {
    const files: ArchiveFile[] = [];
    const seen = new Set<string>();
    const outside = new Set(this.config.factCheckArchives());
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') continue;
      for (const relative of this.config.factCheckArchives()) {
        const full = path.resolve(folder.uri.fsPath, relative);
        // Workspace settings can come with a cloned repository: they may name files in the workspace, nothing else.
        const inside = path.relative(folder.uri.fsPath, full);
        if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) continue;
        outside.delete(relative);
        if (!seen.has(full)) {
          seen.add(full);
          files.push({ path: full, relative });
        }
      }
    }
    for (const relative of files.length > 0 || vscode.workspace.workspaceFolders?.length ? outside : []) {
      if (this.outsideWarned.has(relative)) continue;
      this.outsideWarned.add(relative);
      this.output.warn(`claims.factChecks.archives: "${relative}" is not a file inside a workspace folder, so it is not read`);
    }
    return files;
  }

  private watch(): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
    for (const file of this.files()) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file.path)), path.basename(file.path)));
      const reload = () => this.scheduleReload(RELOAD_DELAY_MS);
      this.watchers.push(watcher, watcher.onDidCreate(reload), watcher.onDidChange(reload), watcher.onDidDelete(reload));
    }
  }

  private scheduleReload(delay: number): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    // `loading` stands for the pending reload too, so whenReady() waits for a change that was just seen; a burst
    // of changes shares one pending reload, which runs after any reload still under way.
    if (!this.pending) {
      const after = this.loading;
      let resolve!: () => void;
      this.loading = new Promise<void>((done) => (resolve = done));
      this.pending = { after, resolve };
    }
    this.reloadTimer = setTimeout(() => {
      const { after, resolve } = this.pending!;
      this.pending = undefined;
      this.reloadTimer = undefined;
      void after
        .then(() => this.reload())
        .catch((error) => this.output.error(`fact-check archives: ${error instanceof Error ? error.message : String(error)}`))
        .finally(resolve);
    }, delay);
  }

  private async reload(): Promise<void> {
    if (this.disposed) return;
    const texts: Array<{ file: ArchiveFile; text: string; mtime: number }> = [];
    for (const file of this.files()) {
      try {
        const stat = await fs.promises.stat(file.path);
        if (!stat.isFile()) continue;
        if (stat.size > MAX_ARCHIVE_BYTES) {
          const message = vscode.l10n.t(
            '{0} is {1} MB; fact-check archives larger than {2} MB are not read.',
            vscode.workspace.asRelativePath(file.path),
            (stat.size / 1048576).toFixed(0),
            String(MAX_ARCHIVE_BYTES / 1048576),
          );
          this.output.warn(message);
          this.prompts().notify('warning', message);
          continue;
        }
        texts.push({ file, text: await fs.promises.readFile(file.path, 'utf8'), mtime: stat.mtimeMs });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') this.output.warn(`${file.path}: cannot be read (${code ?? String(error)})`);
      }
    }
    const signature = JSON.stringify(texts.map(({ file, text, mtime }) => [file.path, mtime, text.length]));
    if (signature === this.signature) return;
    this.signature = signature;
    const entries: FactCheck[] = [];
    const ids = new Map<string, string>();
    const warnings: string[] = [];
    for (const { file, text } of texts) {
      const parsed = parseFactCheckArchive(text);
      const problems: ArchiveProblem[] = [...parsed.problems];
      let skipped = 0;
      for (const entry of parsed.entries) {
        const earlier = ids.get(entry.id);
        if (earlier !== undefined) {
          skipped++;
          continue;
        }
        ids.set(entry.id, file.relative);
        entries.push(entry);
      }
      const display = vscode.workspace.asRelativePath(file.path);
      const described = describeArchiveProblems(display, problems);
      if (skipped > 0) {
        described.push(
          pluralForm(
            skipped,
            vscode.l10n.t('{0}: 1 fact-check skipped: its id is used by an earlier archive', display),
            vscode.l10n.t('{0}: {1} fact-checks skipped: their ids are used by an earlier archive', display, String(skipped)),
          ),
        );
      }
      for (const line of described) this.output.warn(line);
      if (described.length > 0) {
        warnings.push(
          pluralForm(
            problems.length + skipped,
            vscode.l10n.t('{0}: 1 line skipped: {1}', display, described[0]!),
            vscode.l10n.t('{0}: {1} lines skipped; the first: {2}', display, String(problems.length + skipped), described[0]!),
          ),
        );
      }
    }
    const started = performance.now();
    this.current =
      entries.length > 0
        ? await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Indexing earlier fact-checks…') }, async () =>
            FactCheckIndex.build(entries),
          )
        : undefined;
    this.checkedBeforeCache.clear();
    if (this.current) {
      this.output.info(
        `indexed ${entries.length} earlier fact-checks from ${countOf(texts.length, 'archive file')} in ${(performance.now() - started).toFixed(0)} ms`,
      );
    }
    if (warnings.length > 0) this.prompts().notify('warning', vscode.l10n.t('Fact-check archive: {0} (details in the output panel)', warnings.join('; ')));
    this.changeEmitter.fire();
  }

  dispose(): void {
    this.disposed = true;
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.pending?.resolve();
    for (const watcher of this.watchers) watcher.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
