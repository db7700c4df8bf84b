// The one reader and writer of sidecar files. Every surface (editor, explorer, CLI import, tests) goes
// through a ClaimStore, so atomic writes, merge-before-write and the read-only rule for invalid or newer
// sidecars are enforced in exactly one place. It uses Node's fs (not vscode) so the CLI and the fault tests
// run the very same code as the extension.
import { conflictPartnerArticle, partnerArticleReference } from '../core/app/conflictPartner';
import fs from 'node:fs';
import path from 'node:path';
import { anchor, quoteSelector } from '../core/anchoring/anchoring';
import { acceptNewWording, followWords, type FollowedSelector } from '../core/anchoring/claimWords';
import { reanchorCandidates } from '../core/anchoring/candidateAnchoring';
import { applyChanges, RangeTracker, type TextChange } from '../core/anchoring/editTracking';
import { mergeSidecars } from '../core/sidecar/merge';
import { countOf } from '../core/text/plural';
import type { Claim, Conflict, Sidecar } from '../core/sidecar/schema';
import type { ClaimType } from '../core/spotting/spotterFeatures';
import { emptySidecar, parseSidecar, serializeSidecar, sidecarPathFor, type SidecarIssue } from '../core/sidecar/sidecar';
import { removeStaleTempFiles, whyFileNotWritable, whyFolderNotWritable, withFileLock, writeFileAtomically } from './atomicFile';
import { Emitter } from './events';
import { locateEncodingProblem } from '../core/text/textEncoding';
import { readRegularFile } from './safeRead';

export interface ArticleEntry {
  readonly articlePath: string;
  readonly sidecarPath: string;
  /** The claims as the editor sees them now: disk content plus live positions that follow typing. */
  sidecar: Sidecar | undefined;
  /** The content as last read from or written to disk: the base of every three-way reconciliation. */
  base: Sidecar | undefined;
  /** The exact bytes last seen on disk, to notice outside changes cheaply. */
  diskText: string | undefined;
  /** Why the sidecar could not be read; non-empty means the article's claims are read-only. */
  issues: SidecarIssue[];
  /** Set when edits are refused (invalid sidecar, newer version, unreadable file). */
  readOnlyReason: string | undefined;
  /** Claims whose text is gone from the article; kept, listed as orphaned, never moved silently. */
  orphaned: Set<string>;
  articleExists: boolean;
  migratedFrom: number | undefined;
  /** Spotted sentences not yet promoted or dismissed. Derived data: shown, never written. */
  candidates: Candidate[];
}

export interface Candidate {
  start: number;
  end: number;
  text: string;
  score: number;
  /** The kind of claim and the words that show it, for the tree and the hover (see core/spotter). */
  type?: ClaimType | 'other';
  evidence?: string;
}

export interface StoreChange {
  readonly articlePath: string;
  /** 'positions' when only live ranges moved (typing); the UI can then skip rebuilding trees. */
  readonly kind: 'content' | 'positions' | 'removed';
}

export class SidecarReadOnlyError extends Error {
  constructor(
    readonly sidecarPath: string,
    readonly reason: string,
  ) {
    super(`${sidecarPath}: ${reason}`);
    this.name = 'SidecarReadOnlyError';
  }
}

export interface ClaimStoreOptions {
  now?: () => Date;
  /** The folders sidecars may really lie in (the workspace); a sidecar reached by a link leaving them is refused. */
  roots?: () => readonly string[];
}

export class ClaimStore {
  private readonly articles = new Map<string, ArticleEntry>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly changeEmitter = new Emitter<StoreChange>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly now: () => Date;
  private readonly cleanedFolders = new Set<string>();
  private readonly roots: () => readonly string[];

  constructor(options: ClaimStoreOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.roots = options.roots ?? (() => []);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  entry(articlePath: string): ArticleEntry | undefined {
    return this.articles.get(path.resolve(articlePath));
  }

  entries(): ArticleEntry[] {
    return [...this.articles.values()];
  }

  timestamp(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  /** Loads an article's sidecar (if any) once; later calls return the cached entry. */
  async open(articlePath: string): Promise<ArticleEntry> {
    const key = path.resolve(articlePath);
    const existing = this.articles.get(key);
    if (existing) return existing;
    return this.serialized(key, async () => {
      const again = this.articles.get(key);
      if (again) return again;
      const entry = this.createEntry(key);
      this.cleanFolderOnce(path.dirname(key));
      this.readFromDisk(entry);
      this.articles.set(key, entry);
      this.fire(key, 'content');
      return entry;
    });
  }

  /**
   * Called when a sidecar may have changed outside the editor (file watcher, git pull, the CLI). Resolves to
   * whether anything changed: not, when the event was for our own write.
   */
  async reloadFromDisk(articlePath: string): Promise<boolean> {
    const key = path.resolve(articlePath);
    return this.serialized(key, async () => {
      let entry = this.articles.get(key);
      if (!entry) {
        entry = this.createEntry(key);
        this.articles.set(key, entry);
      }
      const changed = this.reconcileWithDisk(entry);
      if (changed) this.fire(key, 'content');
      return changed;
    });
  }

  /** Forgets an article whose sidecar was deleted on disk. */
  sidecarDeleted(articlePath: string): void {
    const key = path.resolve(articlePath);
    const entry = this.articles.get(key);
    if (!entry) return;
    if (fs.existsSync(entry.sidecarPath)) return;
    this.articles.delete(key);
    this.fire(key, 'removed');
  }

  /** Re-checks whether an article exists (after a delete or create outside the store's knowledge). */
  articleExistenceChanged(articlePath: string): void {
    const entry = this.entry(articlePath);
    if (!entry) return;
    const exists = fs.existsSync(entry.articlePath);
    if (exists === entry.articleExists) return;
    entry.articleExists = exists;
    this.fire(entry.articlePath, 'content');
  }

  /**
   * Applies a user change and writes the sidecar at once. Under a file lock it first merges whatever
   * changed on disk since we read it, so a concurrent writer's work is kept rather than overwritten.
   * `change` may return false to say nothing changed. Resolves to the article entry after the write.
   */
  async update(articlePath: string, change: (sidecar: Sidecar) => boolean | void): Promise<ArticleEntry> {
    const key = path.resolve(articlePath);
    return this.serialized(key, async () => {
      let entry = this.articles.get(key);
      if (!entry) {
        entry = this.createEntry(key);
        this.readFromDisk(entry);
        this.articles.set(key, entry);
      }
      const target = entry;
      // No lock file can be made in a folder we cannot write to; a change that writes nothing still goes through.
      const folderProblem = whyFolderNotWritable(path.dirname(target.sidecarPath));
      const save = () => {
        this.reconcileWithDisk(target);
        if (target.readOnlyReason) throw new SidecarReadOnlyError(target.sidecarPath, target.readOnlyReason);
        const working = structuredClone(target.sidecar ?? emptySidecar(path.basename(key)));
        if (change(working) === false) return;
        const text = serializeSidecar(working);
        if (text !== target.diskText) {
          const problem = folderProblem ?? whyFileNotWritable(target.sidecarPath);
          if (problem) throw new SidecarReadOnlyError(target.sidecarPath, problem);
          assertSidecarReadable(target.sidecarPath, text);
          writeFileAtomically(target.sidecarPath, text);
        }
        target.sidecar = working;
        target.base = structuredClone(working);
        target.diskText = text;
        target.migratedFrom = undefined;
      };
      if (folderProblem) save();
      else await withFileLock(target.sidecarPath, save);
      this.fire(key, 'content');
      return target;
    });
  }

  /** Adds a claim for `articleText.slice(start, end)`; returns the new claim. */
  async addClaim(
    articlePath: string,
    articleText: string,
    start: number,
    end: number,
    fields: Partial<Pick<Claim, 'status' | 'note' | 'origin'>> = {},
    id: string,
  ): Promise<Claim> {
    const selector = quoteSelector(articleText, start, end);
    const stamp = this.timestamp();
    const claim: Claim = {
      id,
      quote: { exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix },
      position: { start: selector.start, end: selector.end },
      status: fields.status ?? 'unverified',
      note: fields.note ?? '',
      origin: fields.origin ?? 'manual',
      citations: [],
      conflicts: [],
      created: stamp,
      updated: stamp,
    };
    await this.update(articlePath, (sidecar) => {
      sidecar.claims.push(structuredClone(claim));
    });
    this.entry(articlePath)?.orphaned.delete(id);
    return claim;
  }

  /** Changes one claim; `change` may return false to say nothing changed. Stamps `updated`. */
  async updateClaim(articlePath: string, claimId: string, change: (claim: Claim) => boolean | void): Promise<void> {
    await this.update(articlePath, (sidecar) => {
      const claim = sidecar.claims.find((c) => c.id === claimId);
      if (!claim) throw new Error(`${sidecarPathFor(articlePath)}: claim ${claimId} no longer exists`);
      if (change(claim) === false) return false;
      claim.updated = this.timestamp();
      return true;
    });
  }

  async removeClaim(articlePath: string, claimId: string): Promise<void> {
    await this.update(articlePath, (sidecar) => {
      const before = sidecar.claims.length;
      sidecar.claims = sidecar.claims.filter((c) => c.id !== claimId);
      return sidecar.claims.length !== before;
    });
    this.entry(articlePath)?.orphaned.delete(claimId);
  }

  /**
   * Follows an edit in an open article: every claim's live range moves exactly with the change events.
   * Nothing is written; the sidecar is refreshed when the article is saved.
   */
  trackEdits(articlePath: string, changes: readonly TextChange[]): void {
    const entry = this.entry(articlePath);
    if (!entry || changes.length === 0) return;
    let moved = this.trackCandidates(entry, changes);
    if (!entry.sidecar) {
      if (moved) this.fire(entry.articlePath, 'positions');
      return;
    }
    const claims = entry.sidecar.claims;
    // Positions are updated in place through one typed-array tracker: typing with ten thousand claims must
    // not allocate ten thousand objects per keystroke.
    const tracker = new RangeTracker(claims.map((c) => (entry.orphaned.has(c.id) ? null : c.position)));
    tracker.apply(changes);
    let orphansChanged = false;
    for (let i = 0; i < claims.length; i++) {
      const claim = claims[i];
      if (tracker.isOrphaned(i)) {
        if (!entry.orphaned.has(claim.id)) {
          entry.orphaned.add(claim.id);
          orphansChanged = moved = true;
        }
        continue;
      }
      const start = tracker.start(i);
      const end = tracker.end(i);
      if (start !== claim.position.start || end !== claim.position.end) {
        claim.position.start = start;
        claim.position.end = end;
        moved = true;
      }
    }
    if (moved) this.fire(entry.articlePath, orphansChanged ? 'content' : 'positions');
  }

  private trackCandidates(entry: ArticleEntry, changes: readonly TextChange[]): boolean {
    if (entry.candidates.length === 0) return false;
    const mapped = applyChanges(
      entry.candidates.map((c) => ({ start: c.start, end: c.end })),
      changes,
    );
    const before = entry.candidates;
    entry.candidates = [];
    mapped.forEach((range, i) => {
      // A candidate whose sentence was edited is dropped; spotting again finds the new sentence.
      if (range && range.end - range.start === before[i].end - before[i].start) {
        entry.candidates.push({ ...before[i], start: range.start, end: range.end });
      }
    });
    return true;
  }

  /** Replaces the article's candidates (after spotting), leaving out sentences already claimed or dismissed. */
  setCandidates(articlePath: string, candidates: Candidate[]): void {
    const entry = this.entry(articlePath);
    if (!entry) return;
    const dismissed = new Set(entry.sidecar?.dismissed?.candidates ?? []);
    const claimed = entry.sidecar?.claims.filter((c) => !entry.orphaned.has(c.id)) ?? [];
    entry.candidates = candidates.filter(
      (candidate) => !dismissed.has(candidate.text) && !claimed.some((c) => c.position.start < candidate.end && candidate.start < c.position.end),
    );
    this.fire(entry.articlePath, 'content');
  }

  /**
   * Finds the candidates again by their sentence text after the article changed outside the editor (or was
   * reopened): moved sentences keep their candidate. `previous` is the list from before the change, for when
   * edit tracking has already dropped the ones on changed lines.
   */
  reanchorCandidates(articlePath: string, articleText: string, previous?: readonly Candidate[]): void {
    const entry = this.entry(articlePath);
    const from = previous ?? entry?.candidates;
    if (!entry || !from || from.length === 0) return;
    const claimed = entry.sidecar?.claims.filter((c) => !entry.orphaned.has(c.id)) ?? [];
    const next = reanchorCandidates(articleText, from).filter(
      (candidate) => !claimed.some((c) => c.position.start < candidate.end && candidate.start < c.position.end),
    );
    const same = next.length === entry.candidates.length && next.every((c, i) => c.start === entry.candidates[i].start && c.end === entry.candidates[i].end);
    if (same) return;
    entry.candidates = next;
    this.fire(entry.articlePath, 'content');
  }

  /**
   * Re-anchors every claim by content against the article text (on open, or after an outside change).
   * Positions move in memory only, but when a claim's words changed (it was found on edited text), its quote
   * and context follow the article and the sidecar is written (atomically, through `update`), so every surface
   * and export shows the words that are there now; a checked claim keeps its old words in `checkedQuote`.
   * Opening an article whose claims' words are unchanged never rewrites its sidecar. The returned promise settles
   * when that write is done (callers in the editor need not wait: the new words are in memory at once).
   */
  reanchor(articlePath: string, articleText: string, options: { onlyOrphans?: boolean } = {}): Promise<void> {
    const entry = this.entry(articlePath);
    if (!entry?.sidecar) return Promise.resolve();
    let changed = false;
    const followed = new Map<string, FollowedSelector>();
    for (const claim of entry.sidecar.claims) {
      if (options.onlyOrphans && !entry.orphaned.has(claim.id)) continue;
      const found = anchor(articleText, { ...claim.quote, start: claim.position.start, end: claim.position.end });
      if (!found) {
        if (!entry.orphaned.has(claim.id)) changed = true;
        entry.orphaned.add(claim.id);
        continue;
      }
      if (entry.orphaned.delete(claim.id)) changed = true;
      if (found.method !== 'position' && articleText.slice(found.start, found.end) !== claim.quote.exact) {
        const selector = quoteSelector(articleText, found.start, found.end);
        followWords(claim, selector);
        followed.set(claim.id, selector);
        changed = true;
      } else if (found.start !== claim.position.start || found.end !== claim.position.end) {
        claim.position = { ...claim.position, start: found.start, end: found.end };
        changed = true;
      }
    }
    if (changed) this.fire(entry.articlePath, 'content');
    if (followed.size === 0 || entry.readOnlyReason) return Promise.resolve();
    return this.update(articlePath, (sidecar) => {
      let wrote = false;
      for (const claim of sidecar.claims) {
        const selector = followed.get(claim.id);
        if (selector && followWordsWhereItStands(claim, selector)) wrote = true;
      }
      // The in-memory copy already holds the new words; what matters is whether the disk still has the old ones.
      return wrote || serializeSidecar(sidecar) !== entry.diskText;
    }).then(
      () => undefined,
      // Read-only or unwritable sidecar: the new words stay in memory (every surface shows them) and the next save
      // that can write records them; the store has already reported why the sidecar cannot be written.
      () => undefined,
    );
  }

  /** Accepts a claim's current words as checked: clears its "changed since checked" record. */
  async acceptNewWording(articlePath: string, claimId: string): Promise<boolean> {
    let accepted = false;
    await this.updateClaim(articlePath, claimId, (claim) => (accepted = acceptNewWording(claim)));
    return accepted;
  }

  /**
   * After the article is saved: rewrite each anchored claim's quote, context and position from the saved
   * text, so the sidecar describes what is on disk. Writes only when something differs.
   */
  async refreshQuotes(articlePath: string, articleText: string): Promise<void> {
    const entry = this.entry(articlePath);
    if (!entry?.sidecar || entry.readOnlyReason) return;
    const fresh = new Map<string, FollowedSelector>();
    for (const claim of entry.sidecar.claims) {
      if (entry.orphaned.has(claim.id)) continue;
      const { start, end } = claim.position;
      if (end > articleText.length || end <= start) continue;
      fresh.set(claim.id, quoteSelector(articleText, start, end));
    }
    if (fresh.size === 0 && entry.base && serializeSidecar(entry.base) === serializeSidecar(entry.sidecar)) return;
    await this.update(articlePath, (sidecar) => {
      let changed = false;
      for (const claim of sidecar.claims) {
        const selector = fresh.get(claim.id);
        if (selector && followWordsWhereItStands(claim, selector)) changed = true;
      }
      return changed;
    });
  }

  /** Re-attaches an orphaned (or any) claim to a new range of the article. */
  async reattachClaim(articlePath: string, claimId: string, articleText: string, start: number, end: number): Promise<void> {
    const selector = quoteSelector(articleText, start, end);
    await this.updateClaim(articlePath, claimId, (claim) => {
      claim.quote = { ...claim.quote, exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix };
      claim.position = { ...claim.position, start: selector.start, end: selector.end };
    });
    this.entry(articlePath)?.orphaned.delete(claimId);
    this.fire(path.resolve(articlePath), 'content');
  }

  /** Moves a sidecar along with its renamed article, and points conflict notes in other sidecars at it. */
  async moveArticle(oldArticlePath: string, newArticlePath: string): Promise<void> {
    const oldKey = path.resolve(oldArticlePath);
    const newKey = path.resolve(newArticlePath);
    const oldSidecar = sidecarPathFor(oldKey);
    await this.serialized(oldKey, async () => {
      if (!fs.existsSync(oldSidecar)) return;
      const newSidecar = sidecarPathFor(newKey);
      if (fs.existsSync(newSidecar)) {
        throw new Error(`${newSidecar}: a sidecar already exists there, so ${oldSidecar} was left where it is`);
      }
      await withFileLock(oldSidecar, () => fs.renameSync(oldSidecar, newSidecar));
    });
    const live = this.articles.get(oldKey);
    this.articles.delete(oldKey);
    this.fire(oldKey, 'removed');
    if (!fs.existsSync(sidecarPathFor(newKey))) return;
    const moved = await this.open(newKey);
    if (live?.sidecar && moved.sidecar) {
      // Keep live positions of an open editor across the rename.
      const byId = new Map(live.sidecar.claims.map((c) => [c.id, c.position]));
      for (const claim of moved.sidecar.claims) claim.position = byId.get(claim.id) ?? claim.position;
      moved.orphaned = live.orphaned;
    }
    await this.update(newKey, (sidecar) => {
      if (sidecar.article === path.basename(newKey)) return false;
      sidecar.article = path.basename(newKey);
      return true;
    });
    for (const other of this.entries()) {
      if (!other.sidecar || other.readOnlyReason) continue;
      const refersToOld = (conflict: Conflict) => conflictPartnerArticle(other.articlePath, conflict) === oldKey;
      if (!other.sidecar.claims.some((c) => c.conflicts.some(refersToOld))) continue;
      const relative = partnerArticleReference(other.articlePath, newKey);
      await this.update(other.articlePath, (sidecar) => {
        for (const claim of sidecar.claims) {
          for (const conflict of claim.conflicts) {
            if (refersToOld(conflict)) conflict.other = { ...conflict.other, article: relative };
          }
        }
      });
    }
  }

  /** Deletes an article's sidecar on the user's explicit request (e.g. for a deleted article). */
  async deleteSidecar(articlePath: string): Promise<void> {
    const key = path.resolve(articlePath);
    await this.serialized(key, async () => {
      const sidecarPath = sidecarPathFor(key);
      await withFileLock(sidecarPath, () => fs.rmSync(sidecarPath, { force: true }));
      this.articles.delete(key);
    });
    this.fire(key, 'removed');
  }

  private createEntry(articlePath: string): ArticleEntry {
    return {
      articlePath,
      sidecarPath: sidecarPathFor(articlePath),
      sidecar: undefined,
      base: undefined,
      diskText: undefined,
      issues: [],
      readOnlyReason: undefined,
      orphaned: new Set(),
      articleExists: fs.existsSync(articlePath),
      migratedFrom: undefined,
      candidates: [],
    };
  }

  private cleanFolderOnce(folder: string): void {
    if (this.cleanedFolders.has(folder)) return;
    this.cleanedFolders.add(folder);
    removeStaleTempFiles(folder);
  }

  /** Reads the sidecar into a fresh entry, replacing whatever it held. */
  private readFromDisk(entry: ArticleEntry): void {
    const read = readSidecarText(entry.sidecarPath, this.roots());
    entry.diskText = read.text;
    entry.issues = [];
    entry.readOnlyReason = undefined;
    entry.migratedFrom = undefined;
    if (read.error) {
      entry.sidecar = undefined;
      entry.base = undefined;
      entry.issues = [{ message: read.error, path: [], line: read.line ?? 1, column: read.column ?? 1, offset: 0, length: 0 }];
      entry.readOnlyReason = read.error;
      return;
    }
    if (read.text === undefined) {
      entry.sidecar = undefined;
      entry.base = undefined;
      return;
    }
    const parsed = parseSidecar(read.text);
    if (!parsed.ok) {
      entry.sidecar = undefined;
      entry.base = undefined;
      entry.issues = parsed.errors;
      entry.readOnlyReason = parsed.readOnly
        ? (parsed.errors[0]?.message ?? 'the sidecar was written by a newer version of Claim Annotator')
        : invalidSidecarReason(read.text, parsed.errors);
      return;
    }
    entry.sidecar = parsed.sidecar;
    entry.base = structuredClone(parsed.sidecar);
    entry.migratedFrom = parsed.migratedFrom;
  }

  /**
   * Brings an entry up to date with the disk. When both the disk and our in-memory copy changed since
   * the last read, the two are merged three-way by claim id and field, so neither side's work is lost.
   * Returns true if anything visible changed.
   */
  private reconcileWithDisk(entry: ArticleEntry): boolean {
    const read = readSidecarText(entry.sidecarPath, this.roots());
    if (!read.error && read.text === entry.diskText && !entry.readOnlyReason) return false;
    const ours = entry.sidecar;
    const base = entry.base;
    const oursChanged = ours !== undefined && (base === undefined || serializeSidecar(ours) !== serializeSidecar(base));
    const positions = new Map(ours?.claims.map((c) => [c.id, c.position]) ?? []);
    this.readFromDisk(entry);
    if (!entry.sidecar) {
      // The disk copy is unreadable or gone. Keep our copy in memory so nothing typed is lost, but a
      // broken file is never overwritten: readFromDisk has made the entry read-only if it is broken.
      if (!entry.readOnlyReason && ours) entry.sidecar = ours;
      return true;
    }
    if (oursChanged && ours) {
      const merged = mergeSidecars(base, ours, entry.sidecar).merged;
      entry.sidecar = merged;
    } else {
      // Only live positions were ours: keep them, since the open editor knows where its claims are now.
      for (const claim of entry.sidecar.claims) {
        const live = positions.get(claim.id);
        if (live) claim.position = live;
      }
    }
    return true;
  }

  /** Runs tasks for one article one at a time, in order, so writes never interleave within a process. */
  private serialized<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }

  private fire(articlePath: string, kind: StoreChange['kind']): void {
    this.changeEmitter.fire({ articlePath, kind });
  }
}

/**
 * Reads a sidecar's text; a missing file is `{}` (no sidecar yet), anything unreadable is an error with the
 * place it was found (line and column, 1-based; the whole file when there is no better place).
 */
export function readSidecarText(sidecarPath: string, roots?: readonly string[]): { text?: string; error?: string; line?: number; column?: number } {
  const name = path.basename(sidecarPath);
  // A FIFO or device would block the read forever (and the extension host with it), so only regular files
  // are read, checked on the opened descriptor; a link leaving the workspace is not followed.
  const read = readRegularFile(sidecarPath, { maxBytes: MAX_SIDECAR_BYTES, roots });
  if (read.kind === 'missing') return {};
  if (read.kind === 'refused') {
    if (read.code === 'EISDIR') return { error: `${name} is a folder, not a sidecar file` };
    if (read.code === 'ESPECIAL') return { error: `${name} is not a regular file, so it is not read as a sidecar` };
    if (read.code === 'EACCES' || read.code === 'EPERM') return { error: `${name} cannot be read (permission denied)` };
    if (read.code === 'EOUTSIDE' || read.code === 'ETOOBIG') return { error: `${name}: ${read.reason}` };
    return { error: `${name} cannot be read (${read.code ?? read.reason})` };
  }
  const bytes = read.bytes;
  const encodingProblem = locateEncodingProblem(bytes);
  if (encodingProblem) {
    return { error: `${encodingProblem.message}; sidecars are UTF-8 JSON`, line: encodingProblem.line, column: encodingProblem.column };
  }
  return { text: bytes.toString('utf8') };
}

/** Sidecars larger than this are not read (a 75 MB one parses in about 2.4 s; ten thousand claims take 5 MB). */
export const MAX_SIDECAR_BYTES = 256 * 1024 * 1024;

/** A write refused because the reader would reject what it would put on disk. */
export class InvalidSidecarWriteError extends Error {
  constructor(
    readonly sidecarPath: string,
    readonly issues: readonly SidecarIssue[],
  ) {
    const first = issues[0];
    const where = first ? `line ${first.line}, column ${first.column}: ${first.message}` : 'no details';
    super(`${sidecarPath}: not saved, because the result would not be a valid sidecar (${where}); the file on disk is unchanged`);
    this.name = 'InvalidSidecarWriteError';
  }
}

/**
 * Every sidecar text is run through the very parser that reads sidecars before it reaches the disk, so no
 * import, merge or edit can write a file that the next reader would mark read-only (an out-of-range date,
 * a duplicate id, an inexact number, nesting too deep).
 */
export function assertSidecarReadable(sidecarPath: string, text: string): void {
  const parsed = parseSidecar(text);
  if (!parsed.ok) throw new InvalidSidecarWriteError(sidecarPath, parsed.errors);
}

/** Git leaves these in a file it could not merge: `<<<<<<< HEAD` … `=======` … `>>>>>>> branch`. */
const GIT_CONFLICT_MARKER = /^(<{7}|>{7})(?: |$)/m;

/** The reason shown when a sidecar does not parse: the first problem with its line and column. */
function invalidSidecarReason(text: string, issues: readonly SidecarIssue[]): string {
  const marker = GIT_CONFLICT_MARKER.exec(text);
  if (marker) {
    const line = text.slice(0, marker.index).split('\n').length;
    return `the sidecar still holds git conflict markers (line ${line}, column 1: "${marker[1]}"); resolve the merge (or let \`claims merge\` do it as git's merge driver), then try again`;
  }
  const first = issues[0];
  const count = countOf(issues.length, 'problem');
  const where = first ? `line ${first.line}, column ${first.column}: ${first.message}` : 'no details';
  return `the sidecar is invalid (${count}, first at ${where}); fix it by hand, then try again`;
}

/**
 * Takes the words of `selector` for a claim that still stands where the selector was taken. The store writes after
 * awaiting its lock; a claim typed around in the meantime (auto save refreshes the quotes after every pause, and the
 * user may already be typing again) has moved, and the selector's offsets would pull it back onto other words. It is
 * left as it is; the next save records its words.
 */
function followWordsWhereItStands(claim: Claim, selector: FollowedSelector): boolean {
  if (claim.position.start !== selector.start || claim.position.end !== selector.end) return false;
  return followWords(claim, selector).changed;
}
