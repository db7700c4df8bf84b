// Counts and labels written as sentences, for the status bar, tree items, file badges and hovers. Screen
// readers read these aloud, so they never contain codicon names, and every count has its own singular and
// plural string (vscode.l10n has no plural categories; the rule itself is core/plural's).
import { countConflictNotes } from '../../core/conflicts/noteCounts';
import * as vscode from 'vscode';
import { pluralForm } from '../../core/text/plural';
import { CLAIM_STATUSES, type Claim, type ClaimStatus } from '../../core/sidecar/schema';
import { describeStatus, shorten } from './presentation';

export function claimCount(count: number): string {
  return pluralForm(count, vscode.l10n.t('1 claim'), vscode.l10n.t('{0} claims', String(count)));
}

export function unverifiedClaimCount(count: number): string {
  return pluralForm(count, vscode.l10n.t('1 unverified claim'), vscode.l10n.t('{0} unverified claims', String(count)));
}

export function citationCount(count: number): string {
  return pluralForm(count, vscode.l10n.t('1 citation'), vscode.l10n.t('{0} citations', String(count)));
}

export function openConflictCount(count: number): string {
  return pluralForm(count, vscode.l10n.t('1 open conflict'), vscode.l10n.t('{0} open conflicts', String(count)));
}

export function conflictNoteCount(count: number): string {
  return pluralForm(count, vscode.l10n.t('1 conflict note'), vscode.l10n.t('{0} conflict notes', String(count)));
}

export function articleCount(count: number): string {
  return pluralForm(count, vscode.l10n.t('1 article'), vscode.l10n.t('{0} articles', String(count)));
}

export function candidateCount(count: number): string {
  return pluralForm(count, vscode.l10n.t('1 candidate claim'), vscode.l10n.t('{0} candidate claims', String(count)));
}

/** "2 unverified", "1 disputed": adjectives, so one string per status serves every count. */
function statusCount(status: ClaimStatus, count: number): string {
  switch (status) {
    case 'unverified':
      return vscode.l10n.t('{0} unverified', String(count));
    case 'supported':
      return vscode.l10n.t('{0} supported', String(count));
    case 'disputed':
      return vscode.l10n.t('{0} disputed', String(count));
    case 'refuted':
      return vscode.l10n.t('{0} refuted', String(count));
  }
}

/** "a, b and c", with the "and" translatable. */
export function listAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return vscode.l10n.t('{0} and {1}', parts.slice(0, -1).join(', '), parts[parts.length - 1]);
}

/** Open conflict notes, not sides: a note between two claims of the article counts once. */
export function openConflictsOf(claims: readonly Claim[]): number {
  return countConflictNotes(claims, 'open');
}

/**
 * An article's claims as one sentence: "3 claims: 2 unverified, 1 disputed; 2 open conflicts; 1 orphaned".
 * Statuses and extras with a zero count are left out; no claims at all reads "No claims".
 */
export function claimsSummary(claims: readonly Claim[], orphans = 0): string {
  if (claims.length === 0) return vscode.l10n.t('No claims');
  const statuses = CLAIM_STATUSES.map((status) => [status, claims.filter((c) => c.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => statusCount(status, count));
  let sentence = vscode.l10n.t('{0}: {1}', claimCount(claims.length), statuses.join(', '));
  const conflicts = openConflictsOf(claims);
  if (conflicts) sentence += '; ' + openConflictCount(conflicts);
  if (orphans) sentence += '; ' + vscode.l10n.t('{0} orphaned', String(orphans));
  return sentence;
}

/** A claim as a tree item or picker row is read aloud: "Disputed claim: “…”; 2 citations; 1 open conflict". */
export function claimLabel(claim: Claim, options: { orphaned?: boolean; where?: string } = {}): string {
  const quote = shorten(claim.quote.exact, 140);
  const parts = [
    options.orphaned
      ? vscode.l10n.t('Orphaned {0} claim: “{1}”', describeStatus(claim.status).toLowerCase(), quote)
      : vscode.l10n.t('{0} claim: “{1}”', describeStatus(claim.status), quote),
  ];
  if (claim.citations.length) parts.push(citationCount(claim.citations.length));
  const open = claim.conflicts.filter((k) => k.state === 'open').length;
  if (open) parts.push(openConflictCount(open));
  if (options.where) parts.push(vscode.l10n.t('in {0}', options.where));
  return parts.join('; ');
}
