// How many conflict notes there are, counted the same way in the report, the status bar and the tree's badge.
// A note is kept on both of its claims under one id, so counting sides counted most notes twice ("4 open
// conflicts" for 2 notes); notes are counted by their id.
import type { Claim, Conflict } from '../sidecar/schema';

/** The number of distinct conflict notes on these claims (in one article or many), optionally in one state. */
export function countConflictNotes(claims: Iterable<Pick<Claim, 'conflicts'>>, state?: Conflict['state']): number {
  const ids = new Set<string>();
  for (const claim of claims) for (const conflict of claim.conflicts) if (state === undefined || conflict.state === state) ids.add(conflict.id);
  return ids.size;
}
