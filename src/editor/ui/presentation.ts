// How statuses and claims are named and drawn, shared by the explorer, hovers, pickers and status bar.
import * as vscode from 'vscode';
import { verdictSummary } from '../../core/interchange/exporters';
import type { Claim, ClaimStatus, ConflictKind } from '../../core/sidecar/schema';
import type { ClaimType } from '../../core/spotting/spotterFeatures';

export function describeStatus(status: ClaimStatus): string {
  switch (status) {
    case 'unverified':
      return vscode.l10n.t('Unverified');
    case 'supported':
      return vscode.l10n.t('Supported');
    case 'disputed':
      return vscode.l10n.t('Disputed');
    case 'refuted':
      return vscode.l10n.t('Refuted');
  }
}

/** What a claim is rated: its verdict's label when it has one (rated on a scale), else its status. */
export function describeVerdict(claim: Pick<Claim, 'status' | 'verdict'>): string {
  return claim.verdict ? claim.verdict.label : describeStatus(claim.status);
}

/** The verdict with its place on the scale, for hovers and tooltips: "Mostly True (5 on 1–6)". */
export function describeVerdictInFull(claim: Pick<Claim, 'status' | 'verdict'>): string {
  return claim.verdict ? verdictSummary(claim.verdict) : describeStatus(claim.status);
}

/** The name of a conflict's kind, as a label ("Date conflict: …", a picker row). */
/** The claim type as a tree description and hover would say it ("a statistic"). */
export function describeClaimType(type: ClaimType | 'other'): string {
  switch (type) {
    case 'statistic':
      return vscode.l10n.t('a statistic');
    case 'comparison':
      return vscode.l10n.t('a comparison');
    case 'cause':
      return vscode.l10n.t('cause and effect');
    case 'rule':
      return vscode.l10n.t('a rule or law');
    case 'prediction':
      return vscode.l10n.t('a prediction');
    case 'quote':
      return vscode.l10n.t('a quote or attribution');
    case 'date':
      return vscode.l10n.t('a date or time');
    default:
      return vscode.l10n.t('a factual statement');
  }
}

/** Why a candidate was flagged: "a statistic: 23 million Americans". */
export function describeCandidateReason(type: ClaimType | 'other', evidence: string): string {
  return evidence ? vscode.l10n.t('{0}: {1}', describeClaimType(type), evidence) : describeClaimType(type);
}

/** A five-step bar for a 0..1 score, e.g. "▰▰▰▰▱ 0.83", readable without colour. */
export function scoreBar(score: number): string {
  const filled = Math.max(0, Math.min(5, Math.round(score * 5)));
  return `${'▰'.repeat(filled)}${'▱'.repeat(5 - filled)} ${score.toFixed(2)}`;
}

export function describeConflictKind(kind: ConflictKind): string {
  switch (kind) {
    case 'date':
      return vscode.l10n.t('Date');
    case 'amount':
      return vscode.l10n.t('Amount');
    case 'number':
      return vscode.l10n.t('Number');
    case 'name':
      return vscode.l10n.t('Name');
    case 'other':
      return vscode.l10n.t('Other');
  }
}

const STATUS_ICONS: Record<ClaimStatus, [string, string]> = {
  unverified: ['circle-large-outline', 'claims.unverifiedRuler'],
  supported: ['pass', 'claims.supportedRuler'],
  disputed: ['question', 'claims.disputedRuler'],
  refuted: ['error', 'claims.refutedRuler'],
};

export function statusIcon(status: ClaimStatus): vscode.ThemeIcon {
  const [icon, color] = STATUS_ICONS[status];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

export function statusCodicon(status: ClaimStatus): string {
  return `$(${STATUS_ICONS[status][0]})`;
}

/** At most `max` UTF-16 units of `text`, never ending in half a surrogate pair, with "…" when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end).trimEnd() + '…';
}

/** One line, at most `max` characters, whitespace collapsed. */
export function shorten(text: string, max: number): string {
  // Only the head can show, so only the head is flattened: long quotes cost no more than short ones.
  const head = text.length > 2 * max + 2 ? text.slice(0, 2 * max + 2) : text;
  const flat = head.replace(/\s+/g, ' ').trim();
  if (head !== text && flat.length <= max) return flat + '…';
  return clip(flat, max);
}

export function claimCounts(claims: readonly Claim[]): string {
  return claims.length === 1 ? vscode.l10n.t('1 claim') : vscode.l10n.t('{0} claims', String(claims.length));
}

/** A path as users should read it: relative to its workspace folder, named with the folder when there are several. */
export function displayPath(pathOrUri: string | vscode.Uri): string {
  const folders = vscode.workspace.workspaceFolders;
  return vscode.workspace.asRelativePath(pathOrUri, folders !== undefined && folders.length > 1);
}
