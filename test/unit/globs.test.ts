// claims.articleGlobs matching (src/core/text/globs.ts, on picomatch), shared by the CLI and the extension.
import assert from 'node:assert/strict';
import { DEFAULT_ARTICLE_GLOBS, IGNORE_CASE_BY_DEFAULT, matchesAnyGlob } from '../../src/core/text/globs';

const matches = (path: string, glob: string, ignoreCase = false) => matchesAnyGlob(path, [glob], { ignoreCase });

describe('article globs', () => {
  it('matches the default globs in any folder, dot names included, with either separator', () => {
    for (const path of ['story.md', 'news/2024/story.md', 'notes.markdown', 'a/b/c.txt', '.drafts/story.md', 'news/.story.md', 'news\\2024\\story.md']) {
      assert.ok(matchesAnyGlob(path, DEFAULT_ARTICLE_GLOBS, { ignoreCase: false }), path);
    }
    for (const path of ['story.md.claims.json', 'story.mdx', 'src/index.ts', 'md', 'story.md.bak']) {
      assert.ok(!matchesAnyGlob(path, DEFAULT_ARTICLE_GLOBS, { ignoreCase: false }), path);
    }
  });

  it('matches a glob without "/" against the file name, and one with "/" against the whole relative path', () => {
    assert.ok(matches('a/b/story.md', '*.md'));
    assert.ok(matches('drafts/story.md', 'drafts/*.md'));
    assert.ok(!matches('news/drafts/story.md', 'drafts/*.md'), 'a glob with a folder is anchored at the workspace folder');
    assert.ok(matches('news/drafts/story.md', '**/drafts/*.md'));
    assert.ok(!matches('drafts/2024/story.md', 'drafts/*.md'), '* stays within one folder');
    assert.ok(matches('drafts/2024/story.md', 'drafts/**'));
  });

  it('supports ?, {a,b}, character classes and their negation [!…] as VS Code documents them', () => {
    assert.ok(matches('doc1.md', 'doc?.md'));
    assert.ok(!matches('doc12.md', 'doc?.md'));
    assert.ok(matches('a.txt', '*.{md,txt}') && matches('a.md', '*.{md,txt}') && !matches('a.html', '*.{md,txt}'));
    assert.ok(matches('part3.md', 'part[0-9].md') && !matches('partA.md', 'part[0-9].md'));
    assert.ok(matches('partA.md', 'part[!0-9].md') && !matches('part3.md', 'part[!0-9].md'));
  });

  it('respects letter case unless told to ignore it; by default it is ignored only on Windows and macOS', () => {
    assert.ok(!matches('STORY.MD', '**/*.md'));
    assert.ok(!matches('News/story.md', 'news/*.md'));
    assert.ok(matches('STORY.MD', '**/*.md', true));
    assert.ok(matches('News/story.md', 'news/*.md', true));
    assert.equal(IGNORE_CASE_BY_DEFAULT, process.platform === 'win32' || process.platform === 'darwin');
    assert.equal(matchesAnyGlob('STORY.MD', ['**/*.md']), IGNORE_CASE_BY_DEFAULT);
  });
});
