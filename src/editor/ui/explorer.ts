// The Claim Explorer tree: files -> claims -> citations and conflicts, or grouped by status. It holds no
// claim data of its own; every refresh reads the store, and nodes carry only ids.
import { conflictPartnerArticle } from '../../core/app/conflictPartner';
import { countConflictNotes } from '../../core/conflicts/noteCounts';
import path from 'node:path';
import * as vscode from 'vscode';
import { changedSinceChecked } from '../../core/anchoring/claimWords';
import type { Claim } from '../../core/sidecar/schema';
import type { ClaimsConfig } from '../config';
import type { ArticleEntry, ClaimStore } from '../../store/claimStore';
import { ExplorerModel, type ExplorerNode, nodeId } from './explorerModel';
import {
  claimCounts,
  describeCandidateReason,
  describeClaimType,
  describeConflictKind,
  describeStatus,
  describeVerdict,
  displayPath,
  scoreBar,
  shorten,
  statusIcon,
} from './presentation';
import { candidateCount, claimCount, claimLabel, claimsSummary, openConflictCount, unverifiedClaimCount } from './spokenSummary';

export type { ExplorerNode } from './explorerModel';

const REVEAL_ATTEMPTS = 4;
const REVEAL_RETRY_MS = 100;

export class ClaimExplorer implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  /** Whether the workspace's fact-check archive holds an earlier check of a claim's text (the "checked before" badge). */
  checkedBefore?: (text: string) => boolean;
  readonly view: vscode.TreeView<ExplorerNode>;
  private filterText = '';
  private readonly disposables: vscode.Disposable[] = [];
  /** Nodes handed to VS Code, by id, so reveal() can pass back the very objects the tree knows. */
  private readonly nodesById = new Map<string, ExplorerNode>();
  private snapshot: ExplorerModel | undefined;

  constructor(
    private readonly store: ClaimStore,
    private readonly config: ClaimsConfig,
  ) {
    this.view = vscode.window.createTreeView('claims.explorer', { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changeEmitter,
      store.onDidChange((change) => {
        if (change.kind !== 'positions') this.refresh();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (config.affects(event, 'explorer.groupBy')) this.refresh();
      }),
    );
    this.refresh();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    void vscode.commands.executeCommand('setContext', 'claims.explorerFiltered', this.filterText.length > 0);
    this.refresh();
  }

  /** The tree as it is now; rebuilt once after each change, then shared by every getChildren call. */
  get model(): ExplorerModel {
    this.snapshot ??= new ExplorerModel(this.store, this.config.groupBy, this.filterText, (p) => this.relative(p));
    return this.snapshot;
  }

  refresh(): void {
    this.snapshot = undefined;
    this.nodesById.clear();
    this.updateBadgeAndDescription();
    void vscode.commands.executeCommand('setContext', 'claims.groupBy', this.config.groupBy);
    this.changeEmitter.fire(undefined);
  }

  async revealClaim(articlePath: string, claimId: string, options: { focus?: boolean } = {}): Promise<void> {
    if (!this.view.visible && !options.focus) return;
    // Right after a change the tree is still refreshing and cannot resolve the new item yet; try again
    // briefly. A claim hidden by the filter cannot be revealed, which is fine: revealing is a courtesy.
    for (let attempt = 0; attempt < REVEAL_ATTEMPTS; attempt++) {
      try {
        await this.view.reveal(this.intern({ kind: 'claim', articlePath, claimId }), { select: true, focus: options.focus ?? false, expand: false });
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, REVEAL_RETRY_MS));
      }
    }
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'file':
        return this.fileItem(node.articlePath);
      case 'status': {
        const count = this.model.statusCount(node.status);
        const item = new vscode.TreeItem(describeStatus(node.status), vscode.TreeItemCollapsibleState.Expanded);
        item.id = nodeId(node);
        item.description = String(count);
        item.accessibilityInformation = { label: vscode.l10n.t('{0}: {1}', describeStatus(node.status), claimCount(count)) };
        item.iconPath = statusIcon(node.status);
        item.contextValue = 'statusGroup';
        return item;
      }
      case 'orphaned': {
        const count = this.model.orphans(node.articlePath).length;
        const item = new vscode.TreeItem(vscode.l10n.t('Orphaned'), vscode.TreeItemCollapsibleState.Expanded);
        item.id = nodeId(node);
        item.description = String(count);
        item.tooltip = vscode.l10n.t('Claims whose text is no longer in the article. They are kept; re-attach each to a selection.');
        item.accessibilityInformation = { label: vscode.l10n.t('Orphaned: {0} whose text is no longer in the article', claimCount(count)) };
        item.iconPath = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.contextValue = 'orphanedGroup';
        return item;
      }
      case 'candidates': {
        const count = this.model.candidates(node.articlePath).length;
        const item = new vscode.TreeItem(vscode.l10n.t('Candidates'), vscode.TreeItemCollapsibleState.Collapsed);
        item.id = nodeId(node);
        item.description = String(count);
        item.tooltip = vscode.l10n.t('Sentences spotted as possibly check-worthy. Promote one to a claim, or dismiss it.');
        item.accessibilityInformation = { label: vscode.l10n.t('Candidates: {0} to promote or dismiss', candidateCount(count)) };
        item.iconPath = new vscode.ThemeIcon('lightbulb');
        item.contextValue = 'candidatesGroup';
        return item;
      }
      case 'claim':
        return this.claimItem(node);
      case 'citation':
        return this.citationItem(node);
      case 'conflict':
        return this.conflictItem(node);
      case 'candidate': {
        const item = new vscode.TreeItem(shorten(node.text, 70), vscode.TreeItemCollapsibleState.None);
        item.id = nodeId(node);
        // Type and score first: the list is sorted by score, and the type says what there is to check.
        const where = this.config.groupBy === 'status' ? ` · ${this.relative(node.articlePath)}` : '';
        item.description = `${describeClaimType(node.type)} · ${scoreBar(node.score)}${where}`;
        item.tooltip = new vscode.MarkdownString()
          .appendText(vscode.l10n.t('Flagged as {0} (score {1}).', describeCandidateReason(node.type, node.evidence), node.score.toFixed(2)))
          .appendMarkdown('\n\n')
          .appendText(node.text);
        item.accessibilityInformation = {
          label: vscode.l10n.t('Candidate claim, {0}, score {1}: “{2}”', describeClaimType(node.type), node.score.toFixed(2), shorten(node.text, 140)),
        };
        item.iconPath = new vscode.ThemeIcon('lightbulb');
        item.contextValue = 'candidate';
        item.command = { command: 'claims.revealRange', title: '', arguments: [node.articlePath, node.start, node.end] };
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(shorten(node.message, 120), vscode.TreeItemCollapsibleState.None);
        item.id = nodeId(node);
        item.tooltip = plainTooltip(node.message);
        item.accessibilityInformation = { label: vscode.l10n.t('Error in the sidecar: {0}', shorten(node.message, 200)) };
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.contextValue = 'problem';
        item.command = {
          command: 'claims.openSidecarAt',
          title: '',
          arguments: [node.articlePath, node.line, node.column],
        };
        return item;
      }
    }
  }

  resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): vscode.TreeItem {
    if (node.kind === 'claim') item.tooltip = this.claimTooltip(node);
    return item;
  }

  /** Plain text only (appendText escapes Markdown), never trusted: sidecar notes cannot become links. */
  claimTooltip(node: Extract<ExplorerNode, { kind: 'claim' }>): vscode.MarkdownString | undefined {
    const found = this.findClaim(node.articlePath, node.claimId);
    if (!found) return undefined;
    const { claim, entry } = found;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(claim.quote.exact);
    if (claim.note) tooltip.appendText('\n\n' + claim.note);
    if (entry.orphaned.has(claim.id)) {
      tooltip.appendText(
        '\n\n' + vscode.l10n.t('Orphaned: this text is no longer in the article. Select the right text and use "Re-attach Claim to Selection".'),
      );
    }
    return tooltip;
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    return this.model.children(node).map((child) => this.intern(child));
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    const parent = this.model.parent(node);
    return parent && this.intern(parent);
  }

  private fileItem(articlePath: string): vscode.TreeItem {
    const entry = this.store.entry(articlePath);
    const item = new vscode.TreeItem(path.basename(articlePath), vscode.TreeItemCollapsibleState.Expanded);
    item.id = nodeId({ kind: 'file', articlePath });
    item.resourceUri = vscode.Uri.file(articlePath);
    const folder = path.dirname(this.relative(articlePath));
    const parts: string[] = [];
    if (folder !== '.') parts.push(folder);
    if (entry && !entry.articleExists) parts.push(vscode.l10n.t('article missing'));
    if (entry?.readOnlyReason) parts.push(vscode.l10n.t('read-only'));
    const spoken = [path.basename(articlePath), ...parts, entry?.sidecar ? claimsSummary(entry.sidecar.claims, entry.orphaned.size) : ''];
    if (entry?.sidecar) parts.push(claimCounts(entry.sidecar.claims));
    item.description = parts.join(' · ');
    item.accessibilityInformation = { label: spoken.filter(Boolean).join(', ') };
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(this.relative(articlePath));
    if (entry && !entry.articleExists) tooltip.appendText('\n\n' + vscode.l10n.t('The article no longer exists. Its sidecar is kept until you delete it.'));
    if (entry?.readOnlyReason) tooltip.appendText('\n\n' + entry.readOnlyReason);
    item.tooltip = tooltip;
    item.contextValue = entry && !entry.articleExists ? 'file.missing' : entry?.readOnlyReason ? 'file.readOnly' : 'file';
    if (entry && !entry.articleExists) item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    else item.iconPath = vscode.ThemeIcon.File;
    return item;
  }

  private claimItem(node: Extract<ExplorerNode, { kind: 'claim' }>): vscode.TreeItem {
    const found = this.findClaim(node.articlePath, node.claimId);
    if (!found) return new vscode.TreeItem(vscode.l10n.t('(claim removed)'));
    const { claim, entry } = found;
    const orphaned = entry.orphaned.has(claim.id);
    const hasChildren = claim.citations.length + claim.conflicts.length > 0;
    const item = new vscode.TreeItem(
      shorten(claim.quote.exact, 70),
      hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = nodeId(node);
    const bits = [describeVerdict(claim)];
    if (!orphaned && changedSinceChecked(claim) !== undefined) bits.unshift(vscode.l10n.t('⚠ text changed since checked'));
    if (claim.citations.length) bits.push(vscode.l10n.t('{0} cited', String(claim.citations.length)));
    const open = claim.conflicts.filter((c) => c.state === 'open').length;
    if (open) bits.push(openConflictCount(open));
    if (this.checkedBefore?.(claim.quote.exact)) bits.push(vscode.l10n.t('checked before'));
    const showPath = this.config.groupBy === 'status' || orphaned;
    if (showPath) bits.push(this.relative(entry.articlePath));
    item.description = bits.join(' · ');
    item.accessibilityInformation = { label: claimLabel(claim, { orphaned, where: showPath ? this.relative(entry.articlePath) : undefined }) };
    // The tooltip is built in resolveTreeItem, only when the user hovers: a tree of ten thousand claims
    // should not escape ten thousand Markdown tooltips nobody looks at.
    item.iconPath = orphaned ? new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('problemsWarningIcon.foreground')) : statusIcon(claim.status);
    item.contextValue = orphaned ? 'claim.orphaned' : entry.readOnlyReason ? 'claim.readOnly' : 'claim';
    item.command = { command: 'claims.revealClaim', title: '', arguments: [{ articlePath: entry.articlePath, claimId: claim.id }] };
    return item;
  }

  private citationItem(node: Extract<ExplorerNode, { kind: 'citation' }>): vscode.TreeItem {
    const citation = this.findClaim(node.articlePath, node.claimId)?.claim.citations.find((c) => c.id === node.citationId);
    const label = citation?.title || citation?.url || (citation?.doi ? `doi:${citation.doi}` : vscode.l10n.t('(citation)'));
    const item = new vscode.TreeItem(shorten(label, 70), vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    item.description = [citation?.author || citation?.publisher, citation?.issued].filter(Boolean).join(', ');
    const tooltip = new vscode.MarkdownString();
    for (const line of [citation?.title, citation?.url, citation?.doi && `doi:${citation.doi}`, citation?.quote && `“${citation.quote}”`, citation?.note]) {
      if (line) tooltip.appendText(line + '\n\n');
    }
    item.tooltip = tooltip;
    item.accessibilityInformation = { label: vscode.l10n.t('Citation: {0}', [shorten(label, 140), item.description].filter(Boolean).join(', ')) };
    item.iconPath = new vscode.ThemeIcon('link');
    item.contextValue = 'citation';
    item.command = { command: 'claims.openCitation', title: '', arguments: [node] };
    return item;
  }

  private conflictItem(node: Extract<ExplorerNode, { kind: 'conflict' }>): vscode.TreeItem {
    const conflict = this.findClaim(node.articlePath, node.claimId)?.claim.conflicts.find((c) => c.id === node.conflictId);
    if (!conflict) return new vscode.TreeItem(vscode.l10n.t('(conflict removed)'));
    const otherPath = conflictPartnerArticle(node.articlePath, conflict);
    const other = this.findClaim(otherPath, conflict.other.claim);
    const label = vscode.l10n.t(
      '{0} conflict: {1} vs {2}',
      describeConflictKind(conflict.kind),
      shorten(conflict.thisValue || '?', 30),
      shorten(conflict.otherValue || '?', 30),
    );
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = nodeId(node);
    item.description = [conflict.state === 'resolved' ? vscode.l10n.t('resolved') : vscode.l10n.t('open'), path.basename(otherPath)].join(' · ');
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(vscode.l10n.t('Other claim in {0}:', this.relative(otherPath)) + '\n\n');
    tooltip.appendText(other ? other.claim.quote.exact : vscode.l10n.t('(not found: claim {0})', conflict.other.claim));
    if (conflict.note) tooltip.appendText('\n\n' + conflict.note);
    if (conflict.state === 'resolved' && conflict.resolution) tooltip.appendText('\n\n' + vscode.l10n.t('Resolution: {0}', conflict.resolution));
    item.tooltip = tooltip;
    item.accessibilityInformation = {
      label:
        conflict.state === 'resolved'
          ? vscode.l10n.t(
              'Resolved {0} conflict: {1} versus {2}, with a claim in {3}',
              describeConflictKind(conflict.kind).toLowerCase(),
              shorten(conflict.thisValue || '?', 30),
              shorten(conflict.otherValue || '?', 30),
              path.basename(otherPath),
            )
          : vscode.l10n.t(
              'Open {0} conflict: {1} versus {2}, with a claim in {3}',
              describeConflictKind(conflict.kind).toLowerCase(),
              shorten(conflict.thisValue || '?', 30),
              shorten(conflict.otherValue || '?', 30),
              path.basename(otherPath),
            ),
    };
    item.iconPath = new vscode.ThemeIcon(
      conflict.state === 'resolved' ? 'check' : 'git-compare',
      conflict.state === 'resolved' ? undefined : new vscode.ThemeColor('problemsWarningIcon.foreground'),
    );
    item.contextValue = conflict.state === 'resolved' ? 'conflict.resolved' : 'conflict.open';
    item.command = { command: 'claims.revealClaim', title: '', arguments: [{ articlePath: otherPath, claimId: conflict.other.claim }] };
    return item;
  }

  private updateBadgeAndDescription(): void {
    const claims = this.store.entries().flatMap((entry) => entry.sidecar?.claims ?? []);
    const unverified = claims.filter((claim) => claim.status === 'unverified').length;
    // Notes, not sides: a note kept on both of its claims counts once.
    const openConflicts = countConflictNotes(claims, 'open');
    const total = unverified + openConflicts;
    this.view.badge = total
      ? {
          value: total,
          tooltip: [unverified ? unverifiedClaimCount(unverified) : '', openConflicts ? openConflictCount(openConflicts) : ''].filter(Boolean).join('; '),
        }
      : undefined;
    this.view.description = this.filterText ? vscode.l10n.t('filter: {0}', this.filterText) : undefined;
    this.view.message = this.filterText && this.model.visibleClaimCount() === 0 ? vscode.l10n.t('No claims match “{0}”.', this.filterText) : undefined;
  }

  private findClaim(articlePath: string, claimId: string): { entry: ArticleEntry; claim: Claim } | undefined {
    const entry = this.store.entry(articlePath);
    const claim = entry?.sidecar?.claims.find((c) => c.id === claimId);
    return entry && claim ? { entry, claim } : undefined;
  }

  private relative(articlePath: string): string {
    return displayPath(articlePath);
  }

  private intern(node: ExplorerNode): ExplorerNode {
    const id = nodeId(node);
    const known = this.nodesById.get(id);
    if (known) return known;
    this.nodesById.set(id, node);
    return node;
  }
}

/** A tooltip that VS Code renders as plain text: sidecar content never becomes links or HTML. */
function plainTooltip(text: string): vscode.MarkdownString {
  return new vscode.MarkdownString().appendText(text);
}
