// Three-way merge of sidecars, by claim id and field (and by citation id and conflict id inside claims).
// Used as the git merge driver (`claims merge %O %A %B`) and by the store when a sidecar changed on disk
// while the editor held unsaved changes. The rule throughout is "never drop work": the only thing a merge
// ever removes is something one side deleted while the other left it untouched. When both sides changed
// the same field differently, both values stay visible (git-style markers) and the clash is reported.
// `typeof Claim` and the like below are the zod schemas, whose field names the merge tables are typed by.
import type { Citation, Claim, Conflict, Dismissals, Review, Sidecar } from './schema';
import { compareClaimsByPosition } from './sidecar';

export type MergeConflictKind = 'both-changed' | 'both-added' | 'deleted-and-changed';

export interface MergeConflict {
  kind: MergeConflictKind;
  /** The claim the clash is in; absent for sidecar-level fields such as `article`. */
  claimId?: string;
  citationId?: string;
  conflictId?: string;
  /** The field that clashed, or `claim`/`citation`/`conflict` for a deleted-and-changed item. */
  field: string;
  /** One line for people: what clashed, which value was kept and where the other one went. */
  message: string;
}

export interface MergeResult {
  merged: Sidecar;
  conflicts: MergeConflict[];
}

export const MARKER_OURS = '<<<<<<< ours';
export const MARKER_SEPARATOR = '=======';
export const MARKER_THEIRS = '>>>>>>> theirs';

/** True when text still holds conflict markers written by a merge, i.e. someone must resolve it. */
export function hasConflictMarkers(text: string): boolean {
  return /^<{7} ours\b/m.test(text) && /^>{7} theirs\b/m.test(text);
}

function markedText(ours: string, theirs: string, label = ''): string {
  const suffix = label ? ` ${label}` : '';
  return `${MARKER_OURS}${suffix}\n${ours}\n${MARKER_SEPARATOR}\n${theirs}\n${MARKER_THEIRS}${suffix}`;
}

function appendMarker(note: string | undefined, marker: string): string {
  return note ? `${note}\n${marker}` : marker;
}

/** JSON with sorted keys, so equality ignores key order (sidecars are compared after parsing). */
function canonical(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
      return sorted;
    }
    return v;
  });
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

type ThreeWay<T> = { clash: false; value: T } | { clash: true };

function threeWay<T>(base: T | undefined, ours: T, theirs: T, hasBase: boolean): ThreeWay<T> {
  if (same(ours, theirs)) return { clash: false, value: ours };
  if (hasBase && same(base, ours)) return { clash: false, value: theirs };
  if (hasBase && same(base, theirs)) return { clash: false, value: ours };
  return { clash: true };
}

function display(value: unknown): string {
  if (value === undefined) return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function quoted(value: unknown): string {
  const text = display(value).replace(/\s+/g, ' ');
  return `"${text.length > 60 ? text.slice(0, 57) + '...' : text}"`;
}

function keysOf(...objects: (object | undefined)[]): string[] {
  const keys: string[] = [];
  for (const object of objects) {
    if (!object) continue;
    for (const key of Object.keys(object)) if (!keys.includes(key)) keys.push(key);
  }
  return keys;
}

function earlier(a: string, b: string): string {
  return Date.parse(b) < Date.parse(a) ? b : a;
}

function later(a: string, b: string): string {
  return Date.parse(b) > Date.parse(a) ? b : a;
}

interface Where {
  claimId?: string;
  citationId?: string;
  conflictId?: string;
}

function describe(where: Where): string {
  const parts: string[] = [];
  if (where.claimId !== undefined) parts.push(`claim ${where.claimId}`);
  if (where.citationId !== undefined) parts.push(`citation ${where.citationId}`);
  if (where.conflictId !== undefined) parts.push(`conflict note ${where.conflictId}`);
  return parts.length > 0 ? parts.join(', ') : 'sidecar';
}

/**
 * How one kind of record (claim, citation, conflict note) merges field by field. `textFields` take
 * markers in place; any other clashing field keeps ours and records theirs, marked, in `noteField`.
 */
interface RecordRules {
  textFields: ReadonlySet<string>;
  noteField: string;
  /** Fields merged specially (never reported as clashes); return undefined to leave the field out. */
  special?: (
    key: string,
    base: Record<string, unknown> | undefined,
    ours: Record<string, unknown>,
    theirs: Record<string, unknown>,
  ) => { value: unknown } | undefined;
}

class Merger {
  readonly conflicts: MergeConflict[] = [];

  report(kind: MergeConflictKind, where: Where, field: string, message: string): void {
    this.conflicts.push({ kind, ...where, field, message: `${describe(where)}: ${message}` });
  }

  /** Merges two versions of one record; `base` is undefined when both sides added the same id. */
  mergeRecord<T extends object>(base: T | undefined, ours: T, theirs: T, rules: RecordRules, where: Where): T {
    const b = base as Record<string, unknown> | undefined;
    const o = ours as Record<string, unknown>;
    const t = theirs as Record<string, unknown>;
    const merged: Record<string, unknown> = {};
    const noteMarkers: string[] = [];
    const kind: MergeConflictKind = base ? 'both-changed' : 'both-added';
    const how = base ? 'changed on both sides' : 'added on both sides with different values';
    for (const key of keysOf(ours, theirs, base)) {
      if (key === rules.noteField) continue;
      const special = rules.special?.(key, b, o, t);
      if (special) {
        if (special.value !== undefined) merged[key] = special.value;
        continue;
      }
      const result = threeWay(b?.[key], o[key], t[key], base !== undefined);
      if (!result.clash) {
        if (result.value !== undefined) merged[key] = result.value;
        continue;
      }
      if (rules.textFields.has(key)) {
        merged[key] = markedText(display(o[key] ?? ''), display(t[key] ?? ''));
        this.report(kind, where, key, `${key} ${how}; both versions kept in the field between conflict markers`);
      } else {
        if (o[key] !== undefined) merged[key] = o[key];
        noteMarkers.push(markedText(display(o[key]), display(t[key]), key));
        this.report(kind, where, key, `${key} ${how} (ours ${quoted(o[key])}, theirs ${quoted(t[key])}); kept ours, theirs recorded in the ${rules.noteField}`);
      }
    }
    const note = threeWay(b?.[rules.noteField], o[rules.noteField], t[rules.noteField], base !== undefined);
    let noteValue: string | undefined;
    if (note.clash) {
      noteValue = markedText(display(o[rules.noteField] ?? ''), display(t[rules.noteField] ?? ''));
      this.report(kind, where, rules.noteField, `${rules.noteField} ${how}; both versions kept in the field between conflict markers`);
    } else {
      noteValue = note.value as string | undefined;
    }
    for (const marker of noteMarkers) noteValue = appendMarker(noteValue, marker);
    if (noteValue !== undefined) merged[rules.noteField] = noteValue;
    return merged as T;
  }

  /**
   * Merges lists of records by id. A record one side deleted is dropped only if the other side left it
   * unchanged (as judged by `unchanged`); if the other side changed it, it is kept and reported.
   */
  mergeById<T extends { id: string }>(
    base: readonly T[] | undefined,
    ours: readonly T[],
    theirs: readonly T[],
    mergeItem: (base: T | undefined, ours: T, theirs: T) => T,
    unchanged: (base: T, side: T) => boolean,
    keepDeleted: (kept: T, deletedBy: 'ours' | 'theirs') => T,
  ): T[] {
    const baseById = new Map((base ?? []).map((item) => [item.id, item]));
    const oursById = new Map(ours.map((item) => [item.id, item]));
    const theirsById = new Map(theirs.map((item) => [item.id, item]));
    const order = [...oursById.keys()];
    for (const id of theirsById.keys()) if (!oursById.has(id)) order.push(id);
    const result: T[] = [];
    for (const id of order) {
      const b = baseById.get(id);
      const o = oursById.get(id);
      const t = theirsById.get(id);
      if (o && t) result.push(same(o, t) ? o : mergeItem(b, o, t));
      else if (o) {
        if (!b) result.push(o);
        else if (!unchanged(b, o)) result.push(keepDeleted(o, 'theirs'));
      } else if (t) {
        if (!b) result.push(t);
        else if (!unchanged(b, t)) result.push(keepDeleted(t, 'ours'));
      }
    }
    return result;
  }

  deletionMarker(deletedBy: 'ours' | 'theirs'): string {
    const deleted = '(deleted on this side)';
    const kept = '(changed on this side, so it was kept)';
    return deletedBy === 'ours' ? markedText(deleted, kept) : markedText(kept, deleted);
  }

  mergeCitation(base: Citation | undefined, ours: Citation, theirs: Citation, claimId: string): Citation {
    const merged = this.mergeRecord(base, ours, theirs, recordRules(CITATION_FIELDS), { claimId, citationId: ours.id });
    // A citation must keep a url, doi or title; if our side had dropped them all, theirs still count.
    if (merged.url === undefined && merged.doi === undefined && merged.title === undefined) {
      for (const key of ['url', 'doi', 'title'] as const) if (theirs[key] !== undefined) merged[key] = theirs[key];
    }
    return merged;
  }

  mergeConflictNote(base: Conflict | undefined, ours: Conflict, theirs: Conflict, claimId: string): Conflict {
    return this.mergeRecord(base, ours, theirs, recordRules(CONFLICT_FIELDS), { claimId, conflictId: ours.id });
  }

  mergeClaim(base: Claim | undefined, ours: Claim, theirs: Claim): Claim {
    const claimId = ours.id;
    const anchor = this.mergeAnchor(base, ours, theirs);
    const special: RecordRules['special'] = (key, b, o, t) => {
      switch (ruleOf(CLAIM_FIELDS, key)) {
        case 'earliest':
          return { value: earlier(o.created as string, t.created as string) };
        case 'latest':
          return { value: later(o.updated as string, t.updated as string) };
        case 'promotion': {
          // Promotion from a spotted candidate is the only change there is; a promoted claim stays promoted.
          const result = threeWay(b?.origin, o.origin, t.origin, b !== undefined);
          return { value: result.clash ? 'manual' : result.value };
        }
        case 'anchor':
          // Quote and position move together (one anchor).
          return { value: key === 'position' ? anchor.position : anchor.quote };
        case 'keepWarning': {
          // A warning that the words changed since checking: when the sides disagree, the one that still warns
          // wins (its older checked words), as dropping it could publish a verdict on unseen words.
          const result = threeWay(b?.checkedQuote, o.checkedQuote, t.checkedQuote, b !== undefined);
          return { value: result.clash ? (o.checkedQuote ?? t.checkedQuote) : result.value };
        }
        case 'citations':
          return {
            value: this.mergeById(
              b?.citations as Citation[] | undefined,
              o.citations as Citation[],
              t.citations as Citation[],
              (bc, oc, tc) => this.mergeCitation(bc, oc, tc, claimId),
              same,
              (kept, deletedBy) => {
                this.report(
                  'deleted-and-changed',
                  { claimId, citationId: kept.id },
                  'citation',
                  `deleted by ${deletedBy} but changed by ${other(deletedBy)}; kept`,
                );
                return { ...kept, note: appendMarker(kept.note, this.deletionMarker(deletedBy)) };
              },
            ),
          };
        case 'fieldByField': {
          // Review fields merge one by one, so a reviewer's date on one side and an explanation on the other both stay.
          const [bo, oo, to] = [b?.review, o.review, t.review];
          if (!isPlainObject(oo) || !isPlainObject(to)) return undefined;
          return { value: this.mergeRecord(isPlainObject(bo) ? bo : undefined, oo, to, recordRules(REVIEW_FIELDS), { claimId }) };
        }
        case 'conflicts':
          return {
            value: this.mergeById(
              b?.conflicts as Conflict[] | undefined,
              o.conflicts as Conflict[],
              t.conflicts as Conflict[],
              (bc, oc, tc) => this.mergeConflictNote(bc, oc, tc, claimId),
              same,
              (kept, deletedBy) => {
                this.report(
                  'deleted-and-changed',
                  { claimId, conflictId: kept.id },
                  'conflict',
                  `deleted by ${deletedBy} but changed by ${other(deletedBy)}; kept`,
                );
                return { ...kept, note: appendMarker(kept.note, this.deletionMarker(deletedBy)) };
              },
            ),
          };
        case 'value':
        case 'note':
        case undefined:
          return undefined;
      }
    };
    const merged = this.mergeRecord(base, ours, theirs, { ...recordRules(CLAIM_FIELDS), special }, { claimId });
    if (anchor.marker) merged.note = appendMarker(merged.note, anchor.marker);
    return merged;
  }

  /**
   * Quote and position move together (they describe one anchor). Both sides re-anchoring after different
   * article edits is not a clash: the article merge decides and re-anchoring follows. Attaching the claim
   * to different text on each side is one, and the other side's text is recorded in the note.
   */
  private mergeAnchor(base: Claim | undefined, ours: Claim, theirs: Claim): { quote: Claim['quote']; position: Claim['position']; marker?: string } {
    const pick = (c: Claim | undefined) => (c ? { quote: c.quote, position: c.position } : undefined);
    const result = threeWay(pick(base), pick(ours)!, pick(theirs)!, base !== undefined);
    if (!result.clash) return result.value!;
    if (ours.quote.exact === theirs.quote.exact) return pick(ours)!;
    this.report(
      base ? 'both-changed' : 'both-added',
      { claimId: ours.id },
      'quote',
      `attached to different text on each side (ours ${quoted(ours.quote.exact)}, theirs ${quoted(theirs.quote.exact)}); kept ours, theirs recorded in the note`,
    );
    return { ...pick(ours)!, marker: markedText(ours.quote.exact, theirs.quote.exact, 'quote') };
  }
}

function other(side: 'ours' | 'theirs'): 'ours' | 'theirs' {
  return side === 'ours' ? 'theirs' : 'ours';
}

/**
 * How each field of a record merges, one entry per field of its schema (the compiler asks for an entry when a field
 * is added to schema.ts). `value`: a clash keeps ours and records theirs, marked, in the record's `note` field;
 * `text`: a clash keeps both versions in the field itself between markers; `note`: the field clashes are recorded
 * in (itself merged like `text`). The claim's own kinds are explained in mergeClaim. Unknown fields merge as `value`.
 */
type FieldRules<S extends { shape: object }, Kind extends string = never> = { readonly [K in keyof S['shape']]: 'value' | 'text' | 'note' | Kind };

const CLAIM_FIELDS: FieldRules<typeof Claim, 'anchor' | 'promotion' | 'citations' | 'conflicts' | 'earliest' | 'latest' | 'fieldByField' | 'keepWarning'> = {
  id: 'value',
  quote: 'anchor',
  position: 'anchor',
  status: 'value',
  note: 'note',
  origin: 'promotion',
  citations: 'citations',
  conflicts: 'conflicts',
  created: 'earliest',
  updated: 'latest',
  // One value that clashes as a whole, like `status`.
  verdict: 'value',
  review: 'fieldByField',
  checkedQuote: 'keepWarning',
};

const CITATION_FIELDS: FieldRules<typeof Citation> = {
  id: 'value',
  url: 'value',
  doi: 'value',
  title: 'text',
  author: 'text',
  publisher: 'text',
  issued: 'value',
  accessed: 'value',
  quote: 'text',
  note: 'note',
  csl: 'value',
  verdict: 'value',
};

const CONFLICT_FIELDS: FieldRules<typeof Conflict> = {
  id: 'value',
  other: 'value',
  kind: 'value',
  thisValue: 'text',
  otherValue: 'text',
  note: 'note',
  state: 'value',
  resolution: 'text',
};

/** A claim's `review` (ClaimReview fields); clashes are recorded in its explanation. */
const REVIEW_FIELDS: FieldRules<typeof Review> = {
  claimReviewed: 'text',
  claimant: 'text',
  claimDate: 'value',
  appearances: 'value',
  reviewer: 'text',
  reviewDate: 'value',
  explanation: 'note',
  url: 'value',
};

/** The sidecar's own fields: its claims merge by id, dismissals as sets, anything else as one value. */
const SIDECAR_FIELDS: FieldRules<typeof Sidecar, 'claims' | 'dismissed'> = {
  version: 'value',
  article: 'value',
  claims: 'claims',
  dismissed: 'dismissed',
};

/** Each list of dismissed things merges as a set: an item either side removed stays removed. */
const DISMISSAL_FIELDS: { readonly [K in keyof typeof Dismissals.shape]: 'stringSet' } = {
  candidates: 'stringSet',
  conflicts: 'stringSet',
};

/** The rule for `key`, or undefined for a field the schema does not know (kept and merged as one value). */
function ruleOf<R extends string>(fields: { readonly [key: string]: R }, key: string): R | undefined {
  return Object.hasOwn(fields, key) ? fields[key] : undefined;
}

const rulesCache = new Map<object, RecordRules>();

/** The generic rules of a field table: which fields take markers in place, and which records the clashes. */
function recordRules(fields: Readonly<Record<string, string>>): RecordRules {
  let rules = rulesCache.get(fields);
  if (!rules) {
    const entries = Object.entries(fields);
    const noteField = entries.find(([, rule]) => rule === 'note')?.[0];
    if (noteField === undefined) throw new Error('merge: a record needs a field to record clashes in');
    rules = { textFields: new Set(entries.filter(([, rule]) => rule === 'text').map(([key]) => key)), noteField };
    rulesCache.set(fields, rules);
  }
  return rules;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What counts as someone's work on a claim: everything but the anchor hints that re-anchoring rewrites. */
function claimWork(claim: Claim): unknown {
  const { position: _position, updated: _updated, quote, ...rest } = claim;
  return { ...rest, exact: quote.exact };
}

function mergeStringSet(base: readonly string[] | undefined, ours: readonly string[], theirs: readonly string[]): string[] {
  const removed = new Set((base ?? []).filter((item) => !ours.includes(item) || !theirs.includes(item)));
  const result: string[] = [];
  for (const item of [...ours, ...theirs]) if (!removed.has(item) && !result.includes(item)) result.push(item);
  return result;
}

/**
 * Three-way merge of one article's sidecar. `base` is the common ancestor, or undefined when there is
 * none (both sides created the sidecar); then anything present on either side is kept.
 */
export function mergeSidecars(base: Sidecar | undefined, ours: Sidecar, theirs: Sidecar): MergeResult {
  const merger = new Merger();
  const claims = merger.mergeById(
    base?.claims,
    ours.claims,
    theirs.claims,
    (b, o, t) => merger.mergeClaim(b, o, t),
    (b, side) => same(claimWork(b), claimWork(side)),
    (kept, deletedBy) => {
      merger.report(
        'deleted-and-changed',
        { claimId: kept.id },
        'claim',
        `deleted by ${deletedBy} but changed by ${other(deletedBy)}; kept, with a marker in its note`,
      );
      return { ...kept, note: appendMarker(kept.note, merger.deletionMarker(deletedBy)) };
    },
  );
  claims.sort(compareClaimsByPosition);

  const merged: Record<string, unknown> = {};
  const b = base as Record<string, unknown> | undefined;
  const o = ours as Record<string, unknown>;
  const t = theirs as Record<string, unknown>;
  for (const key of keysOf(ours, theirs, base)) {
    const rule = ruleOf(SIDECAR_FIELDS, key);
    if (rule === 'claims') {
      merged[key] = claims;
    } else if (rule === 'dismissed') {
      const dismissed = mergeDismissals(base?.dismissed, ours.dismissed, theirs.dismissed);
      if (dismissed) merged[key] = dismissed;
    } else {
      const result = threeWay(b?.[key], o[key], t[key], base !== undefined);
      if (!result.clash) {
        if (result.value !== undefined) merged[key] = result.value;
        continue;
      }
      if (o[key] !== undefined) merged[key] = o[key];
      else merged[key] = t[key];
      merger.report(
        base ? 'both-changed' : 'both-added',
        {},
        key,
        `${key} changed on both sides (ours ${quoted(o[key])}, theirs ${quoted(t[key])}); kept ${o[key] !== undefined ? 'ours' : 'theirs'}`,
      );
    }
  }
  // A copy, so later edits to the result never reach into the inputs (the store keeps `base` for diffing).
  return { merged: structuredClone(merged) as Sidecar, conflicts: merger.conflicts };
}

function mergeDismissals(base: Sidecar['dismissed'], ours: Sidecar['dismissed'], theirs: Sidecar['dismissed']): Sidecar['dismissed'] {
  if (!ours && !theirs) return undefined;
  const empty = { candidates: [], conflicts: [] };
  const o = ours ?? empty;
  const t = theirs ?? empty;
  const result: Record<string, unknown> = { ...(base ?? {}), ...t, ...o };
  for (const key of Object.keys(DISMISSAL_FIELDS) as Array<keyof typeof DISMISSAL_FIELDS>) {
    result[key] = mergeStringSet(base?.[key], o[key], t[key]);
  }
  return result as Sidecar['dismissed'];
}

/** A readable one-line list of merge conflicts, for the merge driver's output. */
export function formatMergeConflicts(file: string, conflicts: readonly MergeConflict[]): string[] {
  return conflicts.map((conflict) => `${file}: merge conflict: ${conflict.message}`);
}
