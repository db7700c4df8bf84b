// The hot path for loading a sidecar. Validating 10,000 claims with zod costs about twice as much as
// JSON.parse itself, which breaks the load budget (3x JSON.parse), so valid files are checked here by hand
// instead. zod stays the source of truth: the enums and defaults are read from src/core/sidecar/schema.ts, the
// rules below mirror it one for one, a property
// test (test/unit/sidecarFastCheck.test.ts) shows both accept exactly the same documents with the same data,
// and whenever this check says no, zod runs to produce the error messages.
import {
  Citation as CitationSchema,
  Claim as ClaimSchema,
  Conflict as ConflictSchema,
  ConflictRef as ConflictRefSchema,
  Dismissals as DismissalsSchema,
  ID_PATTERN,
  ISO_DATE_TIME_PATTERN,
  PARTIAL_DATE_PATTERN,
  Position as PositionSchema,
  Review as ReviewSchema,
  SIDECAR_VERSION,
  Sidecar as SidecarSchema,
  TextQuote as TextQuoteSchema,
  Verdict as VerdictSchema,
  type Sidecar,
} from './schema';
import { defaultOf, enumValues } from './schemaShape';

type JsonObject = Record<string, unknown>;

// Enums and the values zod fills in for missing fields, read off the schema so the two cannot drift apart.
const claimFields = ClaimSchema.shape;
const conflictFields = ConflictSchema.shape;
const STATUSES = enumValues(claimFields.status);
const ORIGINS = enumValues(claimFields.origin);
const KINDS = enumValues(conflictFields.kind);
const CONFLICT_STATES = enumValues(conflictFields.state);
const DEFAULT_STATUS = stringDefault(claimFields.status);
const DEFAULT_ORIGIN = stringDefault(claimFields.origin);
const DEFAULT_STATE = stringDefault(conflictFields.state);
const DEFAULT_CLAIM_NOTE = stringDefault(claimFields.note);
const DEFAULT_PREFIX = stringDefault(TextQuoteSchema.shape.prefix);
const DEFAULT_SUFFIX = stringDefault(TextQuoteSchema.shape.suffix);
const DEFAULT_THIS_VALUE = stringDefault(conflictFields.thisValue);
const DEFAULT_OTHER_VALUE = stringDefault(conflictFields.otherValue);
const DEFAULT_CONFLICT_NOTE = stringDefault(conflictFields.note);
const DEFAULT_RESOLUTION = stringDefault(conflictFields.resolution);
// The array defaults (citations, conflicts, dismissed candidates and conflicts) must be empty: filled in as [] below.
for (const field of [claimFields.citations, claimFields.conflicts, DismissalsSchema.shape.candidates, DismissalsSchema.shape.conflicts]) {
  const fallback = defaultOf(field);
  if (!Array.isArray(fallback) || fallback.length > 0) throw new Error('sidecarFastCheck: an array field defaults to something other than []');
}

function stringDefault(field: unknown): string {
  const fallback = defaultOf(field);
  if (typeof fallback !== 'string') throw new Error('sidecarFastCheck: expected a string default');
  return fallback;
}

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

/**
 * One check per field of a schema object, keyed by the schema's own field names, so a field added to schema.ts
 * does not compile until it is checked here too. Checks that span fields (`refine` in the schema) come after.
 */
type FieldChecks<S extends { shape: object }> = { readonly [K in keyof S['shape']]: (object: JsonObject) => boolean };

function objectCheck<S extends { shape: object }>(fields: FieldChecks<S>, refine?: (object: JsonObject) => boolean): (value: unknown) => boolean {
  const checks = Object.values(fields) as Array<(object: JsonObject) => boolean>;
  return (value) => {
    if (!isObject(value)) return false;
    for (let i = 0; i < checks.length; i++) if (!checks[i]!(value)) return false;
    return refine === undefined || refine(value);
  };
}

const acceptQuote = objectCheck<typeof TextQuoteSchema>({
  exact: (q) => isNonEmptyString(q.exact),
  prefix: (q) => defaultString(q, 'prefix', DEFAULT_PREFIX),
  suffix: (q) => defaultString(q, 'suffix', DEFAULT_SUFFIX),
});

const acceptPosition = objectCheck<typeof PositionSchema>(
  { start: (p) => isOffset(p.start), end: (p) => isOffset(p.end) },
  (p) => (p.end as number) >= (p.start as number),
);

const acceptCitation = objectCheck<typeof CitationSchema>(
  {
    id: (c) => isId(c.id),
    url: (c) => isOptionalString(c.url),
    doi: (c) => isOptionalString(c.doi),
    title: (c) => isOptionalString(c.title),
    author: (c) => isOptionalString(c.author),
    publisher: (c) => isOptionalString(c.publisher),
    issued: (c) => isOptionalPartialDate(c.issued),
    accessed: (c) => isOptionalPartialDate(c.accessed),
    quote: (c) => isOptionalString(c.quote),
    note: (c) => isOptionalString(c.note),
    csl: (c) => c.csl === undefined || isObject(c.csl),
    verdict: (c) => isOptionalString(c.verdict),
  },
  (c) => c.url !== undefined || c.doi !== undefined || c.title !== undefined,
);

const acceptConflictRef = objectCheck<typeof ConflictRefSchema>({
  article: (r) => isNonEmptyString(r.article),
  claim: (r) => isId(r.claim),
});

const acceptConflict = objectCheck<typeof ConflictSchema>({
  id: (c) => isId(c.id),
  other: (c) => acceptConflictRef(c.other),
  kind: (c) => KINDS.has(c.kind),
  thisValue: (c) => defaultString(c, 'thisValue', DEFAULT_THIS_VALUE),
  otherValue: (c) => defaultString(c, 'otherValue', DEFAULT_OTHER_VALUE),
  note: (c) => defaultString(c, 'note', DEFAULT_CONFLICT_NOTE),
  state: (c) => defaultMember(c, 'state', CONFLICT_STATES, DEFAULT_STATE),
  resolution: (c) => defaultString(c, 'resolution', DEFAULT_RESOLUTION),
});

const acceptVerdict = objectCheck<typeof VerdictSchema>(
  {
    label: (v) => isNonEmptyString(v.label),
    value: (v) => isFiniteNumber(v.value),
    best: (v) => isFiniteNumber(v.best),
    worst: (v) => isFiniteNumber(v.worst),
    scale: (v) => isOptionalString(v.scale),
  },
  (v) => {
    const [value, best, worst] = [v.value as number, v.best as number, v.worst as number];
    return value >= Math.min(best, worst) && value <= Math.max(best, worst);
  },
);

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isOptionalStringArray(value: unknown): boolean {
  if (value === undefined) return true;
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (typeof value[i] !== 'string') return false;
  return true;
}

const acceptReview = objectCheck<typeof ReviewSchema>({
  claimReviewed: (r) => isOptionalString(r.claimReviewed),
  claimant: (r) => isOptionalString(r.claimant),
  claimDate: (r) => isOptionalPartialDate(r.claimDate),
  appearances: (r) => isOptionalStringArray(r.appearances),
  reviewer: (r) => isOptionalString(r.reviewer),
  reviewDate: (r) => isOptionalPartialDate(r.reviewDate),
  explanation: (r) => isOptionalString(r.explanation),
  url: (r) => isOptionalString(r.url),
});

const acceptClaim = objectCheck<typeof ClaimSchema>({
  id: (c) => isId(c.id),
  quote: (c) => acceptQuote(c.quote),
  position: (c) => acceptPosition(c.position),
  status: (c) => defaultMember(c, 'status', STATUSES, DEFAULT_STATUS),
  note: (c) => defaultString(c, 'note', DEFAULT_CLAIM_NOTE),
  origin: (c) => defaultMember(c, 'origin', ORIGINS, DEFAULT_ORIGIN),
  citations: (c) => defaultArray(c, 'citations', acceptCitation),
  conflicts: (c) => defaultArray(c, 'conflicts', acceptConflict),
  created: (c) => isDateTime(c.created),
  updated: (c) => isDateTime(c.updated),
  verdict: (c) => c.verdict === undefined || acceptVerdict(c.verdict),
  review: (c) => c.review === undefined || acceptReview(c.review),
  checkedQuote: (c) => isOptionalString(c.checkedQuote),
});

const acceptDismissals = objectCheck<typeof DismissalsSchema>({
  candidates: (d) => defaultArray(d, 'candidates', isString),
  conflicts: (d) => defaultArray(d, 'conflicts', isString),
});

/**
 * Returns `value` as a Sidecar when zod's `Sidecar` schema would accept it, after filling in the same
 * defaults in place; otherwise undefined (and `value` may have some defaults filled, which zod would fill
 * too, so running zod on it afterwards reports the same problems). `value` must be plain JSON data.
 */
export function acceptSidecarV1(value: unknown): Sidecar | undefined {
  return acceptSidecar(value) ? (value as Sidecar) : undefined;
}

const acceptSidecar = objectCheck<typeof SidecarSchema>({
  version: (s) => s.version === SIDECAR_VERSION,
  article: (s) => isNonEmptyString(s.article),
  claims: (s) => {
    const claims = s.claims;
    if (!Array.isArray(claims)) return false;
    for (let i = 0; i < claims.length; i++) if (!acceptClaim(claims[i])) return false;
    return true;
  },
  dismissed: (s) => s.dismissed === undefined || acceptDismissals(s.dismissed),
});
