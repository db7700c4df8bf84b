// Version 0 is the pre-release sidecar format, written before the format settled:
//
//   { "version": 0,                       (or no "version" at all)
//     "article": "story.md",
//     "claims": [{ "id": "c1", "text": "the quoted claim", "start": 10, "end": 26,
//                  "status"?: "supported", "note"?: "...", "origin"?: "manual",
//                  "sources"?: [{ "url"?: "...", "title"?: "..." }],
//                  "created"?: "2024-11-07T09:30:00Z", "updated"?: "..." }] }
//
// Claims had only the quoted text, with no prefix/suffix context, and flat offsets; sources had no ids. It is
// migrated in memory to version 1 (see migrateV0); the file is rewritten only when the user next changes
// something, so merely opening an old article never touches its sidecar.
import * as z from 'zod';
import type { JsonPath } from './jsonLocation';
import { CLAIM_ORIGINS, CLAIM_STATUSES, idString, isoDateTime, offset, SIDECAR_VERSION } from './schema';

/** What a version 0 claim's missing `created`/`updated` become: the start of the Unix epoch, meaning "unknown". */
export const UNKNOWN_TIME = '1970-01-01T00:00:00Z';

/** Keys that exist only in version 1 claims; finding them in a version 0 file means its version is wrong. */
const V1_ONLY_CLAIM_KEYS = ['quote', 'position', 'citations', 'conflicts'] as const;

const SourceV0 = z
  .looseObject({ url: z.string().optional(), title: z.string().optional() })
  .refine((s) => s.url !== undefined || s.title !== undefined, { message: 'a source needs a url or a title' });

const ClaimV0 = z
  .looseObject({
    id: idString,
    text: z.string().min(1, 'the claim text must not be empty'),
    start: offset,
    end: offset,
    status: z.enum(CLAIM_STATUSES).optional(),
    note: z.string().optional(),
    origin: z.enum(CLAIM_ORIGINS).optional(),
    sources: z.array(SourceV0).optional(),
    created: isoDateTime.optional(),
    updated: isoDateTime.optional(),
  })
  .superRefine((claim, ctx) => {
    if (claim.end < claim.start) ctx.addIssue({ code: 'custom', message: 'end must not be before start', path: ['end'] });
    for (const key of V1_ONLY_CLAIM_KEYS) {
      if (key in claim) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'belongs to the version 1 format, but this file has "version": 0 or none; set "version": 1 if it is in the current format',
        });
      }
    }
  });

export const SidecarV0 = z.looseObject({
  version: z.literal(0).optional(),
  article: z.string().min(1),
  claims: z.array(ClaimV0),
});
export type SidecarV0 = z.infer<typeof SidecarV0>;

/** True when a file without a "version" is evidently version 1 (it has v1-shaped claims), not version 0. */
export function looksLikeV1(document: Record<string, unknown>): boolean {
  const claims = document.claims;
  if (!Array.isArray(claims)) return false;
  return claims.some((claim) => typeof claim === 'object' && claim !== null && ('quote' in claim || 'position' in claim));
}

/** Builds the version 1 document (still to be validated) from a valid version 0 one. Unknown fields are kept. */
export function migrateV0(document: SidecarV0): Record<string, unknown> {
  const { version: _version, article, claims, ...topExtras } = document;
  return {
    ...topExtras,
    version: SIDECAR_VERSION,
    article,
    claims: claims.map((claim) => {
      const { id, text, start, end, status, note, origin, sources, created, updated, ...extras } = claim;
      return {
        ...extras,
        id,
        quote: { exact: text, prefix: '', suffix: '' },
        position: { start, end },
        // Left out when the version 0 claim had none: validating the result fills in the schema's defaults.
        status,
        note,
        origin,
        // Version 0 sources had no ids; ids only need to be unique within their claim.
        citations: (sources ?? []).map((source, index) => ({ ...source, id: `s${index + 1}` })),
        created: created ?? UNKNOWN_TIME,
        updated: updated ?? created ?? UNKNOWN_TIME,
      };
    }),
  };
}

/** Where a problem found in the migrated version 1 data sits in the version 0 file. */
export function v0PathFor(v1Path: JsonPath): JsonPath {
  const [top, claimIndex, field, ...rest] = v1Path;
  if (top !== 'claims' || typeof claimIndex !== 'number' || field === undefined) return v1Path;
  if (field === 'position' && (rest[0] === 'start' || rest[0] === 'end')) return ['claims', claimIndex, rest[0]];
  if (field === 'quote') return ['claims', claimIndex, 'text'];
  if (field === 'citations') return ['claims', claimIndex, 'sources', ...rest];
  if (field === 'position' || field === 'conflicts') return ['claims', claimIndex];
  return v1Path;
}
