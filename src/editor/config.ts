// Typed access to the `claims.*` settings, so no setting key is spelled out anywhere else.
import * as vscode from 'vscode';
import { DEFAULT_ARTICLE_GLOBS } from '../core/text/globs';
import { DEFAULT_SPOT_SHARE } from '../core/spotting/spotter';
import { DEFAULT_MAX_ARTICLE_MB } from '../core/app/articleText';

export type GroupBy = 'file' | 'status';

export class ClaimsConfig {
  private get section() {
    return vscode.workspace.getConfiguration('claims');
  }

  get articleGlobs(): string[] {
    const globs = this.section.get<string[]>('articleGlobs', DEFAULT_ARTICLE_GLOBS);
    return Array.isArray(globs) && globs.length > 0 ? globs : DEFAULT_ARTICLE_GLOBS;
  }

  get maxArticleBytes(): number {
    return Math.max(1, this.section.get<number>('maxArticleSizeMB', DEFAULT_MAX_ARTICLE_MB)) * 1024 * 1024;
  }

  get spotOnOpen(): boolean {
    return this.section.get<boolean>('spotOnOpen', false);
  }

  get spotThreshold(): number | undefined {
    return this.section.get<number | null>('spotThreshold', null) ?? undefined;
  }

  /** The largest share of an article's sentences shown as candidates (claims.spotShare), 0..1. */
  get spotShare(): number {
    const share = this.section.get<number>('spotShare', DEFAULT_SPOT_SHARE);
    return typeof share === 'number' && share >= 0 && share <= 1 ? share : DEFAULT_SPOT_SHARE;
  }

  get groupBy(): GroupBy {
    return this.section.get<GroupBy>('explorer.groupBy', 'file') === 'status' ? 'status' : 'file';
  }

  async setGroupBy(value: GroupBy): Promise<void> {
    await this.section.update('explorer.groupBy', value, vscode.ConfigurationTarget.Workspace);
  }

  get revealOnCursor(): boolean {
    return this.section.get<boolean>('explorer.revealOnCursor', true);
  }

  /** `claims.verdictScale` for the folder holding `scope`: a preset id, a scale file's path, or '' for the shared file. */
  verdictScale(scope?: vscode.Uri): string {
    const value = vscode.workspace.getConfiguration('claims', scope).get<string>('verdictScale', '');
    return typeof value === 'string' ? value : '';
  }

  /** `claims.factChecks.archives`: workspace-relative JSON Lines files of known fact-checks; the first takes imports. */
  factCheckArchives(scope?: vscode.Uri): string[] {
    const value = vscode.workspace.getConfiguration('claims', scope).get<string[]>('factChecks.archives', ['fact-checks.jsonl']);
    return Array.isArray(value) && value.length > 0 ? value.filter((v) => typeof v === 'string' && v.trim() !== '') : ['fact-checks.jsonl'];
  }

  problems(kind: 'uncited' | 'openConflicts' | 'orphans' | 'invalidSidecars'): boolean {
    return this.section.get<boolean>(`problems.${kind}`, true);
  }

  affects(event: vscode.ConfigurationChangeEvent, key?: string): boolean {
    return event.affectsConfiguration(key ? `claims.${key}` : 'claims');
  }
}
