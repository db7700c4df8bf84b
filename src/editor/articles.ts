// Which files are articles, and how to read one. Open documents are the truth for their text (they may
// hold unsaved edits); closed articles are read from disk with the same size and encoding checks.
import * as vscode from 'vscode';
import { matchesAnyGlob } from '../core/text/globs';
import { SIDECAR_SUFFIX } from '../core/sidecar/schema';
import { articleSizeRefusal, articleTextFromBytes } from '../core/app/articleText';
import type { ClaimsConfig } from './config';
import { displayPath } from './ui/presentation';
import { readRegularFile } from '../store/safeRead';

/** The open workspace folders: files are read only where their real path lies inside one of them. */
export function workspaceRoots(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

export class Articles {
  constructor(private readonly config: ClaimsConfig) {}

  isArticle(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file' || uri.fsPath.endsWith(SIDECAR_SUFFIX)) return false;
    // Globs are relative to the article's own workspace folder, as in VS Code's settings.
    return matchesAnyGlob(vscode.workspace.asRelativePath(uri, false), this.config.articleGlobs);
  }

  /** Why `document` cannot carry claims, or undefined when it can. */
  whyNotAnArticle(document: vscode.TextDocument): string | undefined {
    const name = displayPath(document.uri);
    if (document.uri.scheme !== 'file') {
      return vscode.l10n.t('{0} is not a file on disk; claims are kept in a sidecar file beside the article, so save it first.', name);
    }
    if (!this.isArticle(document.uri)) {
      return vscode.l10n.t(
        '{0} is not an article. Claims can be marked in files matching claims.articleGlobs ({1}).',
        name,
        this.config.articleGlobs.join(', '),
      );
    }
    return this.whyTooLarge(document.uri, Buffer.byteLength(document.getText()));
  }

  whyTooLarge(uri: vscode.Uri, approximateBytes: number): string | undefined {
    const limit = this.config.maxArticleBytes;
    if (!articleSizeRefusal(approximateBytes, limit)) return undefined;
    return vscode.l10n.t(
      '{0} is larger than claims.maxArticleSizeMB ({1} MB), so claim spotting and anchoring are skipped for it.',
      displayPath(uri),
      String(Math.round(limit / 1024 / 1024)),
    );
  }

  openDocument(path: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === path);
  }

  /** The article's current text: the open editor's buffer if any, else the file; an error explains a refusal. */
  read(path: string): { text?: string; error?: string } {
    const document = this.openDocument(path);
    if (document) {
      const text = document.getText();
      const tooLarge = this.whyTooLarge(document.uri, Buffer.byteLength(text));
      return tooLarge ? { error: tooLarge } : { text };
    }
    return this.readFromDisk(path);
  }

  /** The article's text as saved on disk, whether or not an editor has it open; an error explains a refusal. */
  readFromDisk(path: string): { text?: string; error?: string } {
    // Never a plain readFileSync: a FIFO would block the extension host until someone wrote to it, a link to
    // /dev/zero would fill its memory, and a link leaving the workspace would show outside text as claims.
    const read = readRegularFile(path, { maxBytes: this.config.maxArticleBytes, roots: workspaceRoots() });
    if (read.kind === 'missing') return { error: vscode.l10n.t('{0} no longer exists', path) };
    if (read.kind === 'refused') {
      if (read.code === 'ETOOBIG') return { error: this.whyTooLarge(vscode.Uri.file(path), this.config.maxArticleBytes + 1) };
      return { error: `${path}: ${read.reason}` };
    }
    const article = articleTextFromBytes(read.bytes, this.config.maxArticleBytes);
    switch (article.kind) {
      case 'text':
        return { text: article.text };
      case 'too-large':
        return { error: this.whyTooLarge(vscode.Uri.file(path), article.limitBytes + 1) };
      case 'binary':
        return { error: vscode.l10n.t('{0} looks like a binary file, not an article', path) };
      case 'bad-encoding':
        return { error: `${path}: ${article.problem}` };
    }
  }
}
