// The hot path for loading a sidecar. Validating 10,000 claims with zod costs about twice as much as
// JSON.parse itself, which breaks the load budget (3x JSON.parse), so valid files are checked here by hand
// instead. zod stays the source of truth: the rules below mirror src/core/sidecar/schema.ts one for one, a property
// test (test/unit/sidecarFastCheck.test.ts) shows both accept exactly the same documents with the same data,
// and whenever this check says no, zod runs to produce the error messages.
import {
  CLAIM_ORIGINS,
  CLAIM_STATUSES,
  CONFLICT_KINDS,
  ID_PATTERN,
  ISO_DATE_TIME_PATTERN,
  PARTIAL_DATE_PATTERN,
  SIDECAR_VERSION,
  type Sidecar,
} from './schema';

type JsonObject = Record<string, unknown>;

const STATUSES: ReadonlySet<unknown> = new Set(CLAIM_STATUSES);
const ORIGINS: ReadonlySet<unknown> = new Set(CLAIM_ORIGINS);
const KINDS: ReadonlySet<unknown> = new Set(CONFLICT_KINDS);
const CONFLICT_STATES: ReadonlySet<unknown> = new Set(['open', 'resolved']);

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): boolean {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function isOptionalString(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

function isOptionalPartialDate(value: unknown): boolean {
  return value === undefined || (typeof value === 'string' && PARTIAL_DATE_PATTERN.test(value));
}

function isDateTime(value: unknown): boolean {
  return typeof value === 'string' && ISO_DATE_TIME_PATTERN.test(value);
}

/** Fills a zod `.default(fallback)` field in place; false when the present value has the wrong type. */
function defaultString(object: JsonObject, key: string, fallback: string): boolean {
  const value = object[key];
  if (value === undefined) {
    object[key] = fallback;
    return true;
  }
  return typeof value === 'string';
}

function defaultMember(object: JsonObject, key: string, allowed: ReadonlySet<unknown>, fallback: string): boolean {
  const value = object[key];
  if (value === undefined) {
    object[key] = fallback;
    return true;
  }
  return allowed.has(value);
}

function defaultArray(object: JsonObject, key: string, acceptItem: (item: unknown) => boolean): boolean {
  const value = object[key];
  if (value === undefined) {
    object[key] = [];
    return true;
  }
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!acceptItem(value[i])) return false;
  return true;
}

function isString(value: unknown): boolean {
  return typeof value === 'string';
}

function acceptQuote(quote: unknown): boolean {
  return (
    isObject(quote) &&
    isNonEmptyString(quote.exact) &&
    defaultString(quote, 'prefix', '') &&
    defaultString(quote, 'suffix', '')
  );
}

function acceptPosition(position: unknown): boolean {
  return isObject(position) && isOffset(position.start) && isOffset(position.end) && position.end >= position.start;
}

function acceptCitation(citation: unknown): boolean {
  if (!isObject(citation)) return false;
  const { url, doi, title } = citation;
  return (
    isId(citation.id) &&
    isOptionalString(url) &&
    isOptionalString(doi) &&
    isOptionalString(title) &&
    isOptionalString(citation.author) &&
    isOptionalString(citation.publisher) &&
    isOptionalPartialDate(citation.issued) &&
    isOptionalPartialDate(citation.accessed) &&
    isOptionalString(citation.quote) &&
    isOptionalString(citation.verdict) &&
    isOptionalString(citation.note) &&
    (citation.csl === undefined || isObject(citation.csl)) &&
    (url !== undefined || doi !== undefined || title !== undefined)
  );
}

function acceptConflict(conflict: unknown): boolean {
  if (!isObject(conflict)) return false;
  const other = conflict.other;
  return (
    isId(conflict.id) &&
    isObject(other) &&
    isNonEmptyString(other.article) &&
    isId(other.claim) &&
    KINDS.has(conflict.kind) &&
    defaultString(conflict, 'thisValue', '') &&
    defaultString(conflict, 'otherValue', '') &&
    defaultString(conflict, 'note', '') &&
    defaultMember(conflict, 'state', CONFLICT_STATES, 'open') &&
    defaultString(conflict, 'resolution', '')
  );
}

function acceptVerdict(verdict: unknown): boolean {
  if (!isObject(verdict)) return false;
  const { value, best, worst } = verdict;
  return (
    isNonEmptyString(verdict.label) &&
    isFiniteNumber(value) &&
    isFiniteNumber(best) &&
    isFiniteNumber(worst) &&
    isOptionalString(verdict.scale) &&
    value >= Math.min(best, worst) &&
    value <= Math.max(best, worst)
  );
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function acceptReview(review: unknown): boolean {
  if (!isObject(review)) return false;
  const appearances = review.appearances;
  if (appearances !== undefined) {
    if (!Array.isArray(appearances)) return false;
    for (let i = 0; i < appearances.length; i++) if (typeof appearances[i] !== 'string') return false;
  }
  return (
    isOptionalString(review.claimReviewed) &&
    isOptionalString(review.claimant) &&
    isOptionalPartialDate(review.claimDate) &&
    isOptionalString(review.reviewer) &&
    isOptionalPartialDate(review.reviewDate) &&
    isOptionalString(review.explanation) &&
    isOptionalString(review.url)
  );
}

function acceptClaim(claim: unknown): boolean {
  return (
    isObject(claim) &&
    isId(claim.id) &&
    acceptQuote(claim.quote) &&
    acceptPosition(claim.position) &&
    defaultMember(claim, 'status', STATUSES, 'unverified') &&
    defaultString(claim, 'note', '') &&
    defaultMember(claim, 'origin', ORIGINS, 'manual') &&
    defaultArray(claim, 'citations', acceptCitation) &&
    defaultArray(claim, 'conflicts', acceptConflict) &&
    isDateTime(claim.created) &&
    isDateTime(claim.updated) &&
    (claim.verdict === undefined || acceptVerdict(claim.verdict)) &&
    (claim.review === undefined || acceptReview(claim.review)) &&
    isOptionalString(claim.checkedQuote)
  );
}

function acceptDismissals(dismissed: unknown): boolean {
  return isObject(dismissed) && defaultArray(dismissed, 'candidates', isString) && defaultArray(dismissed, 'conflicts', isString);
}

/**
 * Returns `value` as a Sidecar when zod's `Sidecar` schema would accept it, after filling in the same
 * defaults in place; otherwise undefined (and `value` may have some defaults filled, which zod would fill
 * too, so running zod on it afterwards reports the same problems). `value` must be plain JSON data.
 */
export function acceptSidecarV1(value: unknown): Sidecar | undefined {
  if (!isObject(value) || value.version !== SIDECAR_VERSION || !isNonEmptyString(value.article)) return undefined;
  const claims = value.claims;
  if (!Array.isArray(claims)) return undefined;
  for (let i = 0; i < claims.length; i++) if (!acceptClaim(claims[i])) return undefined;
  if (value.dismissed !== undefined && !acceptDismissals(value.dismissed)) return undefined;
  return value as Sidecar;
}
