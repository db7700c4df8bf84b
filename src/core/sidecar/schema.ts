// The sidecar format, version 1. This zod schema is the single source of truth: TypeScript types are
// inferred from it and the JSON Schema contributed for `*.claims.json` is generated from it at build time.
// The order of the fields below is the order sidecars are written in, the fast validator's enums and defaults
// are read from it, and the merge has one rule per field named here (schemaShape.ts): change it here only.
import * as z from 'zod';

// No generated code: zod's JIT builds parsers with `new Function`, and probing whether that is allowed reads the
// `navigator` global, which VS Code's extension host reports as an error. The hot path uses sidecarFastCheck.
z.config({ jitless: true });

export const SIDECAR_VERSION = 1;
export const SIDECAR_SUFFIX = '.claims.json';

export const CLAIM_STATUSES = ['unverified', 'supported', 'disputed', 'refuted'] as const;
export const CONFLICT_KINDS = ['date', 'amount', 'number', 'name', 'other'] as const;
export const CLAIM_ORIGINS = ['manual', 'spotted'] as const;

// The patterns are shared with the hand-written fast validator in sidecarFastCheck.ts, which must agree with zod.
export const ISO_DATE_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
export const PARTIAL_DATE_PATTERN = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const isoDateTime = z.string().regex(ISO_DATE_TIME_PATTERN, 'expected an ISO 8601 date-time such as 2024-11-07T09:30:00Z');
/** A calendar date with year, month or day precision: `2024`, `2024-11`, `2024-11-07`. */
export const partialDate = z.string().regex(PARTIAL_DATE_PATTERN, 'expected a date such as 2024, 2024-11 or 2024-11-07');
export const offset = z.number().int('expected a whole number').min(0, 'must not be negative').max(Number.MAX_SAFE_INTEGER);
export const idString = z.string().regex(ID_PATTERN, 'expected 1-64 letters, digits, "-" or "_"');

export const TextQuote = z.looseObject({
  exact: z.string().min(1, 'the quoted text must not be empty'),
  prefix: z.string().default(''),
  suffix: z.string().default(''),
});

export const Position = z
  .looseObject({ start: offset, end: offset })
  .refine((p) => p.end >= p.start, { message: 'end must not be before start', path: ['end'] });

export const Citation = z
  .looseObject({
    id: idString,
    url: z.string().optional(),
    doi: z.string().optional(),
    title: z.string().optional(),
    author: z.string().optional(),
    publisher: z.string().optional(),
    issued: partialDate.optional(),
    accessed: partialDate.optional(),
    quote: z.string().optional(),
    note: z.string().optional(),
    /** The citation as a CSL-JSON item, kept as imported so nothing from Zotero or Pandoc is lost. */
    csl: z.record(z.string(), z.unknown()).optional(),
    /**
     * The rating an earlier fact-check gave the claim ("barely true"), when the citation is one. Declared after
     * `csl` because files have always had it there (the order of the fields here is the order they are written in).
     */
    verdict: z.string().optional(),
  })
  .refine((c) => c.url !== undefined || c.doi !== undefined || c.title !== undefined, {
    message: 'a citation needs a url, a doi or a title',
  });

export const ConflictRef = z.looseObject({
  /** The other claim's article, relative to this article's folder, with "/" separators. */
  article: z.string().min(1),
  claim: idString,
});

export const Conflict = z.looseObject({
  id: idString,
  other: ConflictRef,
  kind: z.enum(CONFLICT_KINDS),
  /** The value this claim gives, and the value the other claim gives. */
  thisValue: z.string().default(''),
  otherValue: z.string().default(''),
  note: z.string().default(''),
  state: z.enum(['open', 'resolved']).default('open'),
  /** Which value is right and why; set when resolved. */
  resolution: z.string().default(''),
});

/**
 * A verdict on the newsroom's rating scale (see verdictScale.ts). The label's number and the scale's best and
 * worst are copied in, so the claim exports the same ClaimReview wherever it is opened, whatever scale is set there.
 */
export const Verdict = z
  .looseObject({
    label: z.string().min(1, 'the verdict label must not be empty'),
    value: z.number(),
    best: z.number(),
    worst: z.number(),
    /** The scale's name, for people reading the file. */
    scale: z.string().optional(),
  })
  .refine((v) => v.value >= Math.min(v.best, v.worst) && v.value <= Math.max(v.best, v.worst), {
    message: 'the verdict value must lie between best and worst',
    path: ['value'],
  });

/** What a published fact-check (ClaimReview) needs beyond the verdict; every field optional until publishing. */
export const Review = z.looseObject({
  /** The claim in short, normalised words (ClaimReview claimReviewed). */
  claimReviewed: z.string().optional(),
  /** Who made the claim. */
  claimant: z.string().optional(),
  /** When the claim was made. */
  claimDate: partialDate.optional(),
  /** Where the claim appeared: web addresses. */
  appearances: z.array(z.string()).optional(),
  /** Who reviewed it: the fact-checker or the organisation publishing the review. */
  reviewer: z.string().optional(),
  reviewDate: partialDate.optional(),
  /** Why the verdict is what it is. */
  explanation: z.string().optional(),
  /** Where the fact-check is published. */
  url: z.string().optional(),
});

export const Claim = z.looseObject({
  id: idString,
  quote: TextQuote,
  position: Position,
  status: z.enum(CLAIM_STATUSES).default('unverified'),
  note: z.string().default(''),
  origin: z.enum(CLAIM_ORIGINS).default('manual'),
  citations: z.array(Citation).default([]),
  conflicts: z.array(Conflict).default([]),
  created: isoDateTime,
  updated: isoDateTime,
  verdict: Verdict.optional(),
  review: Review.optional(),
  /** The claim's words when it was checked, kept while its words in the article differ (issue 15). */
  checkedQuote: z.string().optional(),
});

export const Dismissals = z.looseObject({
  /** Exact sentences the user dismissed as candidates, so spotting does not offer them again. */
  candidates: z.array(z.string()).default([]),
  /** Keys of conflict suggestions the user dismissed. */
  conflicts: z.array(z.string()).default([]),
});

export const Sidecar = z.looseObject({
  version: z.literal(SIDECAR_VERSION),
  /** The article's file name, without folders. */
  article: z.string().min(1),
  claims: z.array(Claim),
  dismissed: Dismissals.optional(),
});

export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export type TextQuote = z.infer<typeof TextQuote>;
export type Position = z.infer<typeof Position>;
export type Citation = z.infer<typeof Citation>;
export type ConflictRef = z.infer<typeof ConflictRef>;
export type Conflict = z.infer<typeof Conflict>;
export type Claim = z.infer<typeof Claim>;
export type Verdict = z.infer<typeof Verdict>;
export type Review = z.infer<typeof Review>;
export type Dismissals = z.infer<typeof Dismissals>;
export type Sidecar = z.infer<typeof Sidecar>;

export function sidecarJsonSchema(): object {
  return {
    ...(z.toJSONSchema(Sidecar, { io: 'input', unrepresentable: 'any', target: 'draft-7' }) as object),
    title: 'Claim Annotator sidecar',
    description: 'Claims, citations and conflict notes for one article (Claim Annotator).',
  };
}
