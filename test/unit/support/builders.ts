// Claim, citation, conflict and sidecar factories shared by the unit and fault tests, so a fixture that
// needs one more field changes in one place.
import assert from 'node:assert/strict';
import { quoteSelector } from '../../../src/core/anchoring/anchoring';
import type { Citation, Claim, Conflict, Position, Sidecar, TextQuote } from '../../../src/core/sidecar/schema';

export const T0 = '2024-11-07T09:00:00Z';

/** An unverified manual claim with no note, citations or conflicts; `fields` overrides any of it. */
export function claimWith(id: string, quote: TextQuote, position: Position, fields: Partial<Claim> = {}): Claim {
  return {
    id,
    quote,
    position,
    status: 'unverified',
    note: '',
    origin: 'manual',
    citations: [],
    conflicts: [],
    created: T0,
    updated: T0,
    ...fields,
  };
}

function startOf(text: string, exact: string, from: number): number {
  const start = text.indexOf(exact, from);
  assert.ok(start >= 0, `fixture: "${exact}" must be in the article`);
  return start;
}

/** A claim on the first `exact` in `text` at or after `from`, with up to 32 characters of context each side. */
export function claimInText(text: string, id: string, exact: string, fields: Partial<Claim> = {}, from = 0): Claim {
  const start = startOf(text, exact, from);
  const end = start + exact.length;
  return claimWith(id, { exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) }, { start, end }, fields);
}

/** A claim on the first `exact` in `text`, quoted the way the extension quotes a selection (quoteSelector). */
export function anchoredClaim(text: string, id: string, exact: string, fields: Partial<Claim> = {}): Claim {
  const start = startOf(text, exact, 0);
  const q = quoteSelector(text, start, start + exact.length);
  return claimWith(id, { exact: q.exact, prefix: q.prefix, suffix: q.suffix }, { start: q.start, end: q.end }, fields);
}

export function citation(id: string, fields: Partial<Citation> = {}): Citation {
  return { id, url: `https://example.org/${id}`, ...fields };
}

/** An open date conflict with a claim in other.md. */
export function conflictNote(id: string, fields: Partial<Conflict> = {}): Conflict {
  return {
    id,
    other: { article: 'other.md', claim: 'x1' },
    kind: 'date',
    thisValue: 'March 27',
    otherValue: 'September 2023',
    note: '',
    state: 'open',
    resolution: '',
    ...fields,
  };
}

export function sidecarOf(claims: Claim[], extra: Partial<Sidecar> = {}): Sidecar {
  return { version: 1, article: 'story.md', claims, ...extra };
}
