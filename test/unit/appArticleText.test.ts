// The one rule for article text (core/app/articleText.ts), which the editor and the CLI both apply to the bytes
// they read, and the one way a conflict note's other side is found (core/app/conflictPartner.ts).
import assert from 'node:assert/strict';
import path from 'node:path';
import { articleSizeRefusal, articleTextFromBytes, DEFAULT_MAX_ARTICLE_BYTES, describeArticleRefusal } from '../../src/core/app/articleText';
import { conflictPartner, conflictPartnerArticle, isSameArticlePartner, partnerArticleReference } from '../../src/core/app/conflictPartner';

describe('app: article text rule', () => {
  it('decodes UTF-8 and drops a byte order mark, as the editor shows the text', () => {
    const read = articleTextFromBytes(Buffer.from('\ufeffCafé opened in 1999.\n', 'utf8'));
    assert.deepEqual(read, { kind: 'text', text: 'Café opened in 1999.\n' });
  });

  it('refuses a file over the limit before looking at its content', () => {
    const read = articleTextFromBytes(Buffer.from('abcdef'), 5);
    assert.deepEqual(read, { kind: 'too-large', limitBytes: 5 });
    assert.equal(articleSizeRefusal(5, 5), undefined, 'exactly the limit is allowed');
    assert.match(describeArticleRefusal({ kind: 'too-large', limitBytes: DEFAULT_MAX_ARTICLE_BYTES }), /larger than 10 MB/);
  });

  it('refuses a binary file (a NUL in the first 8 KiB) and a file that is not UTF-8', () => {
    assert.deepEqual(articleTextFromBytes(Buffer.from('%PDF-1.7\n\u0000binary')), { kind: 'binary' });
    const latin1 = articleTextFromBytes(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a]));
    assert.equal(latin1.kind, 'bad-encoding');
    assert.match(describeArticleRefusal(latin1 as Exclude<typeof latin1, { kind: 'text' }>), /not valid UTF-8 .*line 1, column 4.*articles must be UTF-8 text/);
  });
});

describe('app: conflict partner', () => {
  const here = path.resolve('/work/news/2024/story.md');
  it('resolves the other article relative to this article\u2019s folder', () => {
    const conflict = { other: { article: '../2023/older.md', claim: 'c9' } };
    assert.equal(conflictPartnerArticle(here, conflict), path.resolve('/work/news/2023/older.md'));
    assert.deepEqual(conflictPartner(here, conflict), { articlePath: path.resolve('/work/news/2023/older.md'), claimId: 'c9' });
    assert.equal(isSameArticlePartner(here, conflict), false);
    assert.equal(isSameArticlePartner(here, { other: { article: 'story.md', claim: 'c2' } }), true);
  });

  it('writes the reference with "/" relative to the folder, and it resolves back', () => {
    const other = path.resolve('/work/news/2023/older.md');
    const reference = partnerArticleReference(here, other);
    assert.equal(reference, '../2023/older.md');
    assert.equal(conflictPartnerArticle(here, { other: { article: reference, claim: 'x' } }), other);
  });
});
