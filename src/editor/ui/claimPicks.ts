// Picker rows for claims: where the claim is (file and line) leads, its status follows, and the claim text
// goes on the detail line, so a long claim never pushes the file name out of view.
import * as vscode from 'vscode';
import { LineIndex } from '../../core/sidecar/jsonLocation';
import type { Claim } from '../../core/sidecar/schema';
import type { Articles } from '../articles';
import type { ArticleEntry } from '../../store/claimStore';
import type { PickItem } from '../prompts';
import { describeStatus, displayPath, shorten } from './presentation';

const DETAIL_LENGTH = 160;

export function claimPickItems<T>(
  articles: Articles,
  claims: ReadonlyArray<{ entry: ArticleEntry; claim: Claim }>,
  value: (entry: ArticleEntry, claim: Claim) => T,
): PickItem<T>[] {
  // One line index per article, built only for articles that appear in the list.
  const lineIndexes = new Map<string, LineIndex | undefined>();
  const lineOf = (entry: ArticleEntry, claim: Claim): number | undefined => {
    if (entry.orphaned.has(claim.id)) return undefined;
    if (!lineIndexes.has(entry.articlePath)) {
      const { text } = entry.articleExists ? articles.read(entry.articlePath) : { text: undefined };
      lineIndexes.set(entry.articlePath, text === undefined ? undefined : new LineIndex(text));
    }
    return lineIndexes.get(entry.articlePath)?.at(claim.position.start).line;
  };
  return claims.map(({ entry, claim }) => {
    const line = lineOf(entry, claim);
    const where = displayPath(entry.articlePath);
    return {
      label: line === undefined ? where : vscode.l10n.t('{0}, line {1}', where, String(line)),
      description: entry.orphaned.has(claim.id) ? vscode.l10n.t('{0} · orphaned', describeStatus(claim.status)) : describeStatus(claim.status),
      detail: shorten(claim.quote.exact, DETAIL_LENGTH),
      value: value(entry, claim),
    };
  });
}
