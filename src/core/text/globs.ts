// A small glob matcher for `claims.articleGlobs`, so the CLI and the extension decide "is this an article"
// the same way without pulling in a dependency. Supports **, *, ?, {a,b} and character classes.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const cached = cache.get(glob);
  if (cached) return cached;
  let pattern = '';
  let inBraces = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        pattern += slashAfter ? '(?:.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        pattern += '[^/]*';
      }
    } else if (ch === '?') pattern += '[^/]';
    else if (ch === '{') {
      inBraces++;
      pattern += '(?:';
    } else if (ch === '}' && inBraces > 0) {
      inBraces--;
      pattern += ')';
    } else if (ch === ',' && inBraces > 0) pattern += '|';
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) pattern += '\\[';
      else {
        pattern += '[' + glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else pattern += ch.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  const regex = new RegExp(`^${pattern}$`, 'i');
  cache.set(glob, regex);
  return regex;
}

/** `relativePath` uses "/" separators; a glob without a "/" matches the file name in any folder. */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  const normalized = relativePath.replace(/\\/g, '/');
  const name = normalized.slice(normalized.lastIndexOf('/') + 1);
  return globs.some((glob) => globToRegExp(glob).test(glob.includes('/') ? normalized : name));
}

export const DEFAULT_ARTICLE_GLOBS = ['**/*.md', '**/*.markdown', '**/*.txt'];
