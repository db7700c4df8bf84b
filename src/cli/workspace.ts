// Turning the paths on the command line into sidecars and articles, and loading them.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_ARTICLE_GLOBS, matchesAnyGlob } from '../core/text/globs';
import { SIDECAR_SUFFIX, type Sidecar } from '../core/sidecar/schema';
import { articlePathFor, parseSidecar, sidecarPathFor, type SidecarIssue } from '../core/sidecar/sidecar';
import { InputError } from './args';
import { allowRoot, displayPath, readArticleFile, readTextFile, type CliIo } from './io';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

function walk(folder: string, visit: (file: string) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name)) walk(full, visit);
    } else if (entry.isFile()) visit(full);
  }
}

function statPath(io: CliIo, given: string): { full: string; isFolder: boolean } {
  const full = path.resolve(io.cwd, given);
  try {
    return { full, isFolder: fs.statSync(full).isDirectory() };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(`${given}: no such file or folder`);
    throw new InputError(`${given}: cannot be read (${code ?? String(error)})`);
  }
}

export interface SidecarTarget {
  sidecarPath: string;
  articlePath: string;
}

/**
 * The sidecars the paths name: folders are searched for `*.claims.json` (skipping node_modules and .git),
 * sidecar files are taken as they are, and an article stands for its sidecar when it has one.
 */
export function collectSidecars(io: CliIo, paths: readonly string[]): SidecarTarget[] {
  const found = new Map<string, SidecarTarget>();
  const add = (sidecarPath: string) => {
    const articlePath = articlePathFor(sidecarPath);
    if (articlePath && !found.has(sidecarPath)) found.set(sidecarPath, { sidecarPath, articlePath });
  };
  for (const given of paths.length > 0 ? paths : ['.']) {
    const { full, isFolder } = statPath(io, given);
    allowRoot(io, isFolder ? full : path.dirname(full));
    if (isFolder) walk(full, (file) => file.endsWith(SIDECAR_SUFFIX) && add(file));
    else if (full.endsWith(SIDECAR_SUFFIX)) add(full);
    else if (fs.existsSync(sidecarPathFor(full))) add(sidecarPathFor(full));
  }
  return [...found.values()].sort((a, b) => (a.sidecarPath < b.sidecarPath ? -1 : 1));
}

/**
 * The articles the paths name: folders are searched for files matching the article globs, a sidecar
 * stands for its article, and any other file is taken as an article.
 */
export function collectArticles(io: CliIo, paths: readonly string[], globs: readonly string[] = DEFAULT_ARTICLE_GLOBS): string[] {
  const found = new Set<string>();
  for (const given of paths.length > 0 ? paths : ['.']) {
    const { full, isFolder } = statPath(io, given);
    allowRoot(io, isFolder ? full : path.dirname(full));
    if (isFolder) {
      walk(full, (file) => {
        const relative = path.relative(full, file).split(path.sep).join('/');
        if (matchesAnyGlob(relative, globs)) found.add(file);
      });
    } else if (full.endsWith(SIDECAR_SUFFIX)) {
      const article = articlePathFor(full);
      if (article) found.add(article);
    } else found.add(full);
  }
  return [...found].sort();
}

export interface LoadedSidecar extends SidecarTarget {
  /** The sidecar's text as read; undefined when it could not be decoded. */
  sidecarText?: string;
  sidecar?: Sidecar;
  /** Why the sidecar is unusable: located parse errors, or one issue at 1:1 for an encoding problem. */
  issues: SidecarIssue[];
  /** The article's current text; undefined when it is missing or unreadable (see articleProblem). */
  articleText?: string;
  articleProblem?: string;
}

/** Reads a sidecar and its article. Unreadable files are InputErrors; everything else is data to report. */
export function loadSidecar(io: CliIo, target: SidecarTarget): LoadedSidecar {
  const loaded: LoadedSidecar = { ...target, issues: [] };
  const article = readArticleFile(io, target.articlePath);
  if (article.kind === 'text') loaded.articleText = article.text;
  else loaded.articleProblem = article.kind === 'missing' ? 'missing' : article.problem;
  const read = readTextFile(io, target.sidecarPath);
  if (read.kind === 'missing') throw new InputError(`${displayPath(io, target.sidecarPath)}: no such file`);
  if (read.kind === 'bad-encoding' || read.kind === 'unreadable') {
    const message = read.kind === 'bad-encoding' ? `${read.problem}; sidecars are UTF-8 JSON` : `the sidecar is not read: ${read.problem}`;
    loaded.issues = [{ message, path: [], line: 1, column: 1, offset: 0, length: 0 }];
    return loaded;
  }
  // Bytes as on disk (BOM included), so issue lines and columns match what an editor shows.
  loaded.sidecarText = read.bytes.toString('utf8');
  // No articleLength: a position past the end of an article edited elsewhere is a stale hint that
  // re-anchoring resolves (or reports as an orphan), not a broken sidecar.
  const parsed = parseSidecar(loaded.sidecarText);
  if (parsed.ok) loaded.sidecar = parsed.sidecar;
  else loaded.issues = parsed.errors;
  return loaded;
}

/** An article's path relative to a root, with "/" separators: how exports and imports name articles. */
export function articleKey(root: string, articlePath: string): string {
  return path.relative(root, articlePath).split(path.sep).join('/');
}
