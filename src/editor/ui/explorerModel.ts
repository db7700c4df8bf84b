// What the Claim Explorer shows, computed without the VS Code API so it can be measured and tested in plain
// Node: which nodes exist under which parent for the current filter and grouping. One snapshot is built per
// refresh and answers every getChildren call in O(children), so 10,000 claims in 1,000 files stay fast.
import { claimsInDocumentOrder } from '../../core/app/report';
import { CLAIM_STATUSES, type Claim, type ClaimStatus } from '../../core/sidecar/schema';
import type { ClaimType } from '../../core/spotting/spotterFeatures';
import type { ArticleEntry, ClaimStore } from '../../store/claimStore';

type CandidateView = { articlePath: string; start: number; end: number; text: string; score: number; type: ClaimType | 'other'; evidence: string };

export type ExplorerNode =
  | { kind: 'file'; articlePath: string }
  | { kind: 'status'; status: ClaimStatus }
  | { kind: 'orphaned'; articlePath?: string }
  | { kind: 'candidates'; articlePath?: string }
  | { kind: 'claim'; articlePath: string; claimId: string }
  | { kind: 'citation'; articlePath: string; claimId: string; citationId: string }
  | { kind: 'conflict'; articlePath: string; claimId: string; conflictId: string }
  | { kind: 'candidate'; articlePath: string; start: number; end: number; text: string; score: number; type: ClaimType | 'other'; evidence: string }
  | { kind: 'problem'; articlePath: string; message: string; line: number; column: number };

export type GroupBy = 'file' | 'status';

export interface VisibleClaim {
  entry: ArticleEntry;
  claim: Claim;
  orphaned: boolean;
}

interface FileView {
  entry: ArticleEntry;
  claims: VisibleClaim[];
  /** Highest score first: the tree is a triage list, not the article in order. */
  candidates: CandidateView[];
}

export class ExplorerModel {
  readonly files: FileView[];
  private readonly byPath = new Map<string, FileView>();
  private readonly claimIndex = new Map<string, VisibleClaim>();

  constructor(
    store: ClaimStore,
    readonly groupBy: GroupBy,
    readonly filter: string,
    relative: (articlePath: string) => string,
  ) {
    const needle = filter.toLowerCase();
    const entries = store
      .entries()
      .map((entry) => ({ entry, name: relative(entry.articlePath) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.files = entries.map(({ entry, name }) => {
      const claims: VisibleClaim[] = [];
      // Document order, as in the sidecar and the report (the store keeps new claims at the end).
      for (const claim of claimsInDocumentOrder(entry.sidecar?.claims ?? [])) {
        if (needle && !matchesFilter(claim, needle, name)) continue;
        const visible = { entry, claim, orphaned: entry.orphaned.has(claim.id) };
        claims.push(visible);
        this.claimIndex.set(claimKey(entry.articlePath, claim.id), visible);
      }
      const candidates = entry.candidates
        .filter((c) => !needle || c.text.toLowerCase().includes(needle))
        .map((c) => ({
          articlePath: entry.articlePath,
          start: c.start,
          end: c.end,
          text: c.text,
          score: c.score,
          type: c.type ?? 'other',
          evidence: c.evidence ?? '',
        }))
        .sort(byScore);
      const view = { entry, claims, candidates };
      this.byPath.set(entry.articlePath, view);
      return view;
    });
  }

  claim(articlePath: string, claimId: string): VisibleClaim | undefined {
    return this.claimIndex.get(claimKey(articlePath, claimId));
  }

  visibleClaimCount(): number {
    return this.claimIndex.size;
  }

  roots(): ExplorerNode[] {
    if (this.groupBy === 'status') {
      const present = new Set(
        this.allClaims()
          .filter((c) => !c.orphaned)
          .map((c) => c.claim.status),
      );
      const roots: ExplorerNode[] = CLAIM_STATUSES.filter((s) => present.has(s)).map((status) => ({ kind: 'status' as const, status }));
      if (this.orphans().length > 0) roots.push({ kind: 'orphaned' });
      if (this.candidates().length > 0) roots.push({ kind: 'candidates' });
      return roots;
    }
    return this.files
      .filter(({ entry, claims, candidates }) => {
        if (entry.issues.length > 0) return true;
        if (this.filter) return claims.length > 0 || candidates.length > 0;
        return (entry.sidecar?.claims.length ?? 0) > 0 || candidates.length > 0;
      })
      .map(({ entry }) => ({ kind: 'file' as const, articlePath: entry.articlePath }));
  }

  children(node?: ExplorerNode): ExplorerNode[] {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'file': {
        const view = this.byPath.get(node.articlePath);
        if (!view) return [];
        const result: ExplorerNode[] = view.entry.issues.map((issue) => ({
          kind: 'problem' as const,
          articlePath: view.entry.articlePath,
          message: issue.message,
          line: issue.line,
          column: issue.column,
        }));
        for (const { claim, orphaned } of view.claims) {
          if (!orphaned) result.push({ kind: 'claim', articlePath: view.entry.articlePath, claimId: claim.id });
        }
        if (view.claims.some((c) => c.orphaned)) result.push({ kind: 'orphaned', articlePath: view.entry.articlePath });
        if (view.candidates.length > 0) result.push({ kind: 'candidates', articlePath: view.entry.articlePath });
        return result;
      }
      case 'status':
        return this.allClaims()
          .filter((c) => !c.orphaned && c.claim.status === node.status)
          .map((c) => ({ kind: 'claim' as const, articlePath: c.entry.articlePath, claimId: c.claim.id }));
      case 'orphaned':
        return this.orphans(node.articlePath).map((c) => ({ kind: 'claim' as const, articlePath: c.entry.articlePath, claimId: c.claim.id }));
      case 'candidates':
        return this.candidates(node.articlePath).map((c) => ({ kind: 'candidate' as const, ...c }));
      case 'claim': {
        const found = this.claim(node.articlePath, node.claimId)?.claim ?? this.anyClaim(node.articlePath, node.claimId);
        if (!found) return [];
        return [
          ...found.citations.map((c) => ({ kind: 'citation' as const, articlePath: node.articlePath, claimId: node.claimId, citationId: c.id })),
          ...found.conflicts.map((c) => ({ kind: 'conflict' as const, articlePath: node.articlePath, claimId: node.claimId, conflictId: c.id })),
        ];
      }
      default:
        return [];
    }
  }

  parent(node: ExplorerNode): ExplorerNode | undefined {
    const byFile = this.groupBy === 'file';
    switch (node.kind) {
      case 'file':
      case 'status':
        return undefined;
      case 'orphaned':
      case 'candidates':
        return node.articlePath && byFile ? { kind: 'file', articlePath: node.articlePath } : undefined;
      case 'claim': {
        const found = this.claim(node.articlePath, node.claimId);
        if (found?.orphaned) return byFile ? { kind: 'orphaned', articlePath: node.articlePath } : { kind: 'orphaned' };
        if (!byFile) return found ? { kind: 'status', status: found.claim.status } : undefined;
        return { kind: 'file', articlePath: node.articlePath };
      }
      case 'citation':
      case 'conflict':
        return { kind: 'claim', articlePath: node.articlePath, claimId: node.claimId };
      case 'candidate':
        return byFile ? { kind: 'candidates', articlePath: node.articlePath } : { kind: 'candidates' };
      case 'problem':
        return { kind: 'file', articlePath: node.articlePath };
    }
  }

  statusCount(status: ClaimStatus): number {
    return this.allClaims().filter((c) => !c.orphaned && c.claim.status === status).length;
  }

  orphans(articlePath?: string): VisibleClaim[] {
    const views = articlePath ? [this.byPath.get(articlePath)].filter((v): v is FileView => v !== undefined) : this.files;
    return views.flatMap((v) => v.claims.filter((c) => c.orphaned));
  }

  candidates(articlePath?: string): FileView['candidates'] {
    const views = articlePath ? [this.byPath.get(articlePath)].filter((v): v is FileView => v !== undefined) : this.files;
    const all = views.flatMap((v) => v.candidates);
    return views.length > 1 ? all.sort(byScore) : all;
  }

  private allClaims(): VisibleClaim[] {
    return this.files.flatMap((v) => v.claims);
  }

  /** A claim hidden by the filter can still be asked about (e.g. by reveal); look it up unfiltered. */
  private anyClaim(articlePath: string, claimId: string): Claim | undefined {
    return this.byPath.get(articlePath)?.entry.sidecar?.claims.find((c) => c.id === claimId);
  }
}

function byScore(a: CandidateView, b: CandidateView): number {
  return b.score - a.score || a.start - b.start;
}

function claimKey(articlePath: string, claimId: string): string {
  return `${articlePath}#${claimId}`;
}

export function matchesFilter(claim: Claim, needle: string, file: string): boolean {
  const haystack = [
    claim.quote.exact,
    claim.note,
    claim.status,
    file,
    ...claim.citations.flatMap((c) => [c.title, c.url, c.doi, c.author, c.publisher, c.note]),
    ...claim.conflicts.flatMap((c) => [c.thisValue, c.otherValue, c.note]),
  ];
  return haystack.some((text) => text?.toLowerCase().includes(needle));
}

export function nodeId(node: ExplorerNode): string {
  switch (node.kind) {
    case 'file':
      return `file:${node.articlePath}`;
    case 'status':
      return `status:${node.status}`;
    case 'orphaned':
      return `orphaned:${node.articlePath ?? '*'}`;
    case 'candidates':
      return `candidates:${node.articlePath ?? '*'}`;
    case 'claim':
      return `claim:${node.articlePath}#${node.claimId}`;
    case 'citation':
      return `citation:${node.articlePath}#${node.claimId}/${node.citationId}`;
    case 'conflict':
      return `conflict:${node.articlePath}#${node.claimId}/${node.conflictId}`;
    case 'candidate':
      return `candidate:${node.articlePath}@${node.start}-${node.end}`;
    case 'problem':
      return `problem:${node.articlePath}:${node.line}:${node.column}`;
  }
}
