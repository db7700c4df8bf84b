// The one rule for what counts as an article's text, applied to bytes the adapters read (the editor from its
// workspace, the CLI from the paths it is given): not larger than the limit, not binary, UTF-8. The adapters
// do the reading and word the refusal for their surface; the decision is made here only.
import { decodeArticleText, describeEncodingProblem, looksBinary } from '../text/textEncoding';

/** The default of `claims.maxArticleSizeMB`, also the CLI's limit: larger articles are neither spotted nor anchored. */
export const DEFAULT_MAX_ARTICLE_MB = 10;
export const DEFAULT_MAX_ARTICLE_BYTES = DEFAULT_MAX_ARTICLE_MB * 1024 * 1024;

export type ArticleTextRefusal = { kind: 'too-large'; limitBytes: number } | { kind: 'binary' } | { kind: 'bad-encoding'; problem: string };

export type ArticleText = { kind: 'text'; text: string } | ArticleTextRefusal;

/** Whether text already in memory (an open editor's buffer) is within the article size limit. */
export function articleSizeRefusal(byteLength: number, maxBytes: number): ArticleTextRefusal | undefined {
  return byteLength > maxBytes ? { kind: 'too-large', limitBytes: maxBytes } : undefined;
}

/** Decides whether bytes read from disk are an article's text, and decodes them as the editor shows them. */
export function articleTextFromBytes(bytes: Uint8Array, maxBytes: number = DEFAULT_MAX_ARTICLE_BYTES): ArticleText {
  const tooLarge = articleSizeRefusal(bytes.length, maxBytes);
  if (tooLarge) return tooLarge;
  // A NUL early on means a PDF, an image or a word-processor file: decoding it would show garbage as claims.
  if (looksBinary(bytes)) return { kind: 'binary' };
  const problem = describeEncodingProblem(bytes);
  if (problem) return { kind: 'bad-encoding', problem };
  return { kind: 'text', text: decodeArticleText(bytes) };
}

/** A refusal in plain English, for surfaces without their own wording (the CLI). */
export function describeArticleRefusal(refusal: ArticleTextRefusal): string {
  switch (refusal.kind) {
    case 'too-large':
      return `larger than ${Math.round(refusal.limitBytes / 1024 / 1024)} MB, so claim spotting and anchoring are skipped for it`;
    case 'binary':
      return 'looks like a binary file, not an article';
    case 'bad-encoding':
      return `${refusal.problem}; articles must be UTF-8 text`;
  }
}
