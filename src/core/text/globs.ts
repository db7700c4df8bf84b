// Glob matching for `claims.articleGlobs`, so the CLI and the extension decide "is this an article" the same
// way. picomatch (the matcher of micromatch, chokidar and fast-glob) does the matching: **, *, ?, {a,b},
// character classes, extglobs, with its own test suite behind it.
import picomatch from 'picomatch';

export interface GlobOptions {
  /**
   * Whether letter case is ignored. By default it follows the platform's usual file system: ignored on
   * Windows and macOS (where `Story.MD` and `story.md` are one file), respected elsewhere, as VS Code's own
   * glob settings behave on Linux.
   */
  ignoreCase?: boolean;
}

export const IGNORE_CASE_BY_DEFAULT = process.platform === 'win32' || process.platform === 'darwin';

const cache = new Map<string, (path: string) => boolean>();

function matcher(glob: string, ignoreCase: boolean): (path: string) => boolean {
  const key = `${ignoreCase ? 'i' : 's'}:${glob}`;
  let match = cache.get(key);
  if (!match) {
    // dot: `*` also matches names that start with "." (as VS Code's globs do); posix: `[!a-z]` is a negated
    // class, as in VS Code (without it picomatch reads the "!" as an extglob). picomatch's own `basename` option
    // is not used: it also applies to globs with a "/" and then matches none (4.0.7).
    const test = picomatch(glob, { dot: true, posix: true, nocase: ignoreCase });
    match = glob.includes('/') ? test : (path: string) => test(path.slice(path.lastIndexOf('/') + 1));
    cache.set(key, match);
  }
  return match;
}

/** `relativePath` may use "/" or "\" separators; a glob without a "/" matches the file name in any folder. */
export function matchesAnyGlob(relativePath: string, globs: readonly string[], options: GlobOptions = {}): boolean {
  const normalized = relativePath.replace(/\\/g, '/');
  const ignoreCase = options.ignoreCase ?? IGNORE_CASE_BY_DEFAULT;
  return globs.some((glob) => matcher(glob, ignoreCase)(normalized));
}

export const DEFAULT_ARTICLE_GLOBS = ['**/*.md', '**/*.markdown', '**/*.txt'];
