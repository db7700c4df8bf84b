// The table of every command the extension registers: one place to see them all. Manifest titles live in
// package.json (and package.nls.json); a unit test checks the two lists agree.
import * as vscode from 'vscode';
import type { ClaimsContext } from '../context';
import {
  acceptNewWordingCommand,
  deleteSidecar,
  editNote,
  markClaim,
  nextClaim,
  openSidecarAt,
  previousClaim,
  reattachClaim,
  removeClaim,
  revealClaim,
  revealRange,
  setStatus,
} from './claimCommands';
import { addCitation, importCitations, openCitation } from './citationCommands';
import { addConflict, reopenConflict, resolveConflict, suggestConflicts } from './conflictCommands';
import { exportReport } from './exportCommands';
import { findEarlierFactChecks } from './factCheckCommands';
import { editReview, importClaimReview } from './reviewCommands';
import { dismissCandidate, promoteCandidate, spotClaimsCommand } from './spottingCommands';
import { clearFilter, filterExplorer, groupByFile, groupByStatus } from './viewCommands';

type CommandFactory = (ctx: ClaimsContext) => (...args: never[]) => unknown;

export const COMMANDS: Record<string, CommandFactory> = {
  'claims.markClaim': markClaim,
  'claims.spotClaims': spotClaimsCommand,
  'claims.promoteCandidate': promoteCandidate,
  'claims.dismissCandidate': dismissCandidate,
  'claims.addCitation': addCitation,
  'claims.importCitations': importCitations,
  'claims.openCitation': openCitation,
  'claims.addConflict': addConflict,
  'claims.resolveConflict': resolveConflict,
  'claims.reopenConflict': reopenConflict,
  'claims.suggestConflicts': suggestConflicts,
  'claims.exportReport': exportReport,
  'claims.setStatus': setStatus,
  'claims.acceptNewWording': acceptNewWordingCommand,
  'claims.editNote': editNote,
  'claims.editReview': editReview,
  'claims.importClaimReview': importClaimReview,
  'claims.removeClaim': removeClaim,
  'claims.reattachClaim': reattachClaim,
  'claims.nextClaim': nextClaim,
  'claims.previousClaim': previousClaim,
  'claims.revealClaim': revealClaim,
  'claims.revealRange': revealRange,
  'claims.openSidecarAt': openSidecarAt,
  'claims.deleteSidecar': deleteSidecar,
  'claims.filterExplorer': filterExplorer,
  'claims.clearFilter': clearFilter,
  'claims.groupByFile': groupByFile,
  'claims.groupByStatus': groupByStatus,
  'claims.findEarlierFactChecks': findEarlierFactChecks,
};

/**
 * Registers every command. An error thrown by a handler is shown once, through the prompt layer (a
 * UserFacingError as a plain explanation, anything else as an error with details in the output channel),
 * and not rethrown, which would make VS Code show a second, less helpful notification.
 */
export function registerCommands(ctx: ClaimsContext): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    const handler = factory(ctx) as (...args: unknown[]) => unknown;
    ctx.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(...args);
        } catch (error) {
          ctx.reportError(error);
          return undefined;
        }
      }),
    );
  }
}
