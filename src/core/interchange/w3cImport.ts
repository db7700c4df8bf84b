// W3C Web Annotations (our own export, or other tools' such as a Hypothesis export) become claims. Each
// annotation is placed in the article its target names and anchored by its quote against the article's
// current text. Anything that cannot be placed or anchored is returned with the reason, never dropped.
import { anchor, quoteSelector } from '../anchoring/anchoring';
import { codePointsToUtf16, CLAIM_URN_PREFIX, otherArticlePath, W3C_EXTENSION } from './exporters';
import { normalizeDoi, safeWebUrl } from './links';
import { CLAIM_STATUSES, Claim, Conflict, type Citation, type ClaimStatus } from '../sidecar/schema';

export interface ImportArticle {
  /** The article's path relative to the import root, with "/" separators (as exports name articles). */
  path: string;
  text: string;
}

export interface ImportOptions {
  /** Every article an annotation may belong to. */
  articles: readonly ImportArticle[];
  /** Maps a target source IRI to an article path (e.g. a file URI, or a URL under a known base). */
  resolveSource?: (source: string) => string | undefined;
  /** The timestamp for claims whose annotation has no usable created/modified date. */
  now: string;
  newId: () => string;
}

export interface ImportedClaims {
  article: string;
  claims: Claim[];
}

export interface SkippedAnnotation {
  /** The annotation's id, or its position in the input (`#3`) when it has none. */
  annotation: string;
  source?: string;
  quote?: string;
  reason: string;
}

export interface ImportResult {
  imported: ImportedClaims[];
  skipped: SkippedAnnotation[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function typesOf(value: Json): string[] {
  return asArray(value.type).filter((t): t is string => typeof t === 'string');
}

/** The annotations in a document: an array, a single annotation, a W3C collection or page, or an API result. */
export function annotationsIn(document: unknown): unknown[] {
  if (Array.isArray(document)) return document;
  if (!isObject(document)) return [];
  if (Array.isArray(document.rows)) return document.rows; // Hypothesis API search results
  const types = typesOf(document);
  if (types.includes('AnnotationPage') || Array.isArray(document.items)) return asArray(document.items);
  if (types.includes('AnnotationCollection')) {
    const first = document.first;
    return isObject(first) ? asArray(first.items) : [];
  }
  return [document];
}

interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

interface TargetInfo {
  source?: string;
  quote?: QuoteSelector;
  /** Offsets from a TextPositionSelector, in the unit the producer used. */
  position?: { start: number; end: number };
}

function collectSelectors(selector: unknown, out: Json[]): void {
  for (const item of asArray(selector)) {
    if (!isObject(item)) continue;
    out.push(item);
    if (item.refinedBy !== undefined) collectSelectors(item.refinedBy, out);
  }
}

function targetInfo(annotation: Json): TargetInfo {
  const targets = asArray(annotation.target);
  let fallbackSource: string | undefined;
  for (const target of targets) {
    if (typeof target === 'string') {
      fallbackSource ??= target;
      continue;
    }
    if (!isObject(target)) continue;
    const source =
      typeof target.source === 'string'
        ? target.source
        : isObject(target.source) && typeof target.source.id === 'string'
          ? target.source.id
          : typeof target.id === 'string'
            ? target.id
            : undefined;
    fallbackSource ??= source;
    const selectors: Json[] = [];
    collectSelectors(target.selector, selectors);
    const quote = selectors.find((s) => typesOf(s).includes('TextQuoteSelector') && typeof s.exact === 'string' && s.exact.length > 0);
    const position = selectors.find((s) => typesOf(s).includes('TextPositionSelector') && Number.isInteger(s.start) && Number.isInteger(s.end));
    if (!quote && !position) continue;
    return {
      source,
      quote: quote
        ? {
            exact: quote.exact as string,
            prefix: typeof quote.prefix === 'string' ? quote.prefix : '',
            suffix: typeof quote.suffix === 'string' ? quote.suffix : '',
          }
        : undefined,
      position: position ? { start: position.start as number, end: position.end as number } : undefined,
    };
  }
  return { source: fallbackSource ?? (typeof annotation.uri === 'string' ? annotation.uri : undefined) };
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function dateTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (ISO_DATE_TIME.test(value)) return value;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) return undefined;
  // Years outside 0000-9999 come out as "+275760-09-13T…", which no sidecar reader accepts: unusable.
  const iso = new Date(parsed).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return ISO_DATE_TIME.test(iso) ? iso : undefined;
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A claim id from the annotation id when it carries a usable one (our URN, urn:uuid, a Hypothesis id). */
function claimIdFrom(annotationId: unknown): string | undefined {
  if (typeof annotationId !== 'string') return undefined;
  if (annotationId.startsWith(CLAIM_URN_PREFIX)) {
    const id = annotationId.slice(CLAIM_URN_PREFIX.length);
    return ID_PATTERN.test(id) ? id : undefined;
  }
  const last =
    annotationId
      .replace(/[/#]+$/, '')
      .split(/[/:#]/)
      .pop() ?? '';
  return ID_PATTERN.test(last) ? last : undefined;
}

/** What an annotation says, in sidecar terms: note, status and citations from its bodies, text and tags. */
function contentOf(annotation: Json, newId: () => string): { note: string; status: ClaimStatus; citations: Citation[] } {
  const notes: string[] = [];
  const tags: string[] = [];
  const citations: Citation[] = [];
  if (typeof annotation.text === 'string' && annotation.text.trim()) notes.push(annotation.text.trim());
  if (typeof annotation.bodyValue === 'string' && annotation.bodyValue.trim()) notes.push(annotation.bodyValue.trim());
  for (const tag of asArray(annotation.tags)) if (typeof tag === 'string' && tag.trim()) tags.push(tag.trim());
  const addLink = (iri: string) => {
    const doi = /^https?:\/\/(dx\.)?doi\.org\//i.test(iri) ? normalizeDoi(iri) : undefined;
    if (doi) citations.push({ id: newId(), doi });
    else citations.push({ id: newId(), url: safeWebUrl(iri) ?? iri });
  };
  for (const body of asArray(annotation.body)) {
    if (typeof body === 'string') {
      addLink(body);
      continue;
    }
    if (!isObject(body)) continue;
    const purposes = asArray(body.purpose);
    if (typeof body.value === 'string') {
      if (purposes.includes('tagging')) tags.push(body.value.trim());
      else if (body.value.trim()) notes.push(body.value.trim());
      continue;
    }
    const source = isObject(body.source) ? body.source : body;
    const iri = typeof body.source === 'string' ? body.source : typeof source.id === 'string' ? source.id : undefined;
    if (!iri) continue;
    const before = citations.length;
    addLink(iri);
    const title = typeof source.title === 'string' ? source.title : undefined;
    if (title) citations[before] = { ...citations[before]!, title };
  }
  let status: ClaimStatus = 'unverified';
  const otherTags: string[] = [];
  for (const tag of tags) {
    const lower = tag.toLowerCase().replace(/^status:\s*/, '');
    if ((CLAIM_STATUSES as readonly string[]).includes(lower)) status = lower as ClaimStatus;
    else otherTags.push(tag);
  }
  if (otherTags.length > 0) notes.push(`Tags: ${otherTags.join(', ')}`);
  return { note: notes.join('\n\n'), status, citations };
}

/** The claim our own export embedded in the annotation, if it is there and valid. */
function embeddedClaim(annotation: Json): { article?: string; claim: Claim } | undefined {
  const extension = annotation[W3C_EXTENSION];
  if (!isObject(extension)) return undefined;
  const parsed = Claim.safeParse(extension.claim);
  if (!parsed.success) return undefined;
  return { article: typeof extension.article === 'string' ? extension.article : undefined, claim: parsed.data };
}

function lastSegment(iri: string): string {
  const withoutQuery = iri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  let segment = withoutQuery.slice(withoutQuery.lastIndexOf('/') + 1);
  try {
    segment = decodeURIComponent(segment);
  } catch {
    /* keep it encoded */
  }
  return segment.toLowerCase();
}

function stem(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1).toLowerCase();
  return base.replace(/\.(md|markdown|txt|html?)$/, '');
}

interface Placement {
  article?: ImportArticle;
  reason?: string;
}

/**
 * Finds the article an annotation belongs to: the article our export named, the target's source IRI, a
 * file whose name matches the IRI's last segment, and last of all the one article that contains the quote.
 */
function place(embeddedArticle: string | undefined, info: TargetInfo, options: ImportOptions, byPath: Map<string, ImportArticle>): Placement {
  if (embeddedArticle) {
    const article = byPath.get(embeddedArticle);
    if (article) return { article };
  }
  if (info.source) {
    const resolved = options.resolveSource?.(info.source);
    const article = resolved !== undefined ? byPath.get(resolved) : undefined;
    if (article) return { article };
    const segment = stem(lastSegment(info.source));
    if (segment) {
      const named = options.articles.filter((a) => stem(a.path) === segment);
      if (named.length === 1) return { article: named[0] };
    }
  }
  if (info.quote) {
    const containing = options.articles.filter((a) => a.text.includes(info.quote!.exact));
    if (containing.length === 1) return { article: containing[0] };
    if (containing.length > 1) {
      return {
        reason: `the quote is in several articles (${containing
          .map((a) => a.path)
          .slice(0, 3)
          .join(', ')}) and the target ${info.source ? `"${info.source}"` : 'source'} names none of them`,
      };
    }
  }
  const what = embeddedArticle ?? info.source;
  return { reason: what ? `no article matches "${what}"` : 'the annotation names no target source' };
}

/** Turns annotations into claims, grouped by article; `document` is parsed JSON (see annotationsIn). */
export function importW3C(document: unknown, options: ImportOptions): ImportResult {
  const byPath = new Map(options.articles.map((a) => [a.path, a]));
  const grouped = new Map<string, Claim[]>();
  const skipped: SkippedAnnotation[] = [];
  const usedIds = new Set<string>();
  const links: { label: string; annotation: Json }[] = [];
  annotationsIn(document).forEach((item, index) => {
    const label = isObject(item) && typeof item.id === 'string' ? item.id : `#${index + 1}`;
    if (!isObject(item)) {
      skipped.push({ annotation: label, reason: 'not a JSON object' });
      return;
    }
    if (isClaimLink(item)) {
      links.push({ label, annotation: item });
      return;
    }
    const info = targetInfo(item);
    const skip = (reason: string) => skipped.push({ annotation: label, source: info.source, quote: info.quote?.exact, reason });
    if (!info.quote) {
      skip(
        info.position
          ? 'it has a TextPositionSelector but no TextQuoteSelector; positions alone are not trusted to find text'
          : 'it has no TextQuoteSelector to anchor by',
      );
      return;
    }
    const embedded = embeddedClaim(item);
    const placement = place(embedded?.article, info, options, byPath);
    if (!placement.article) {
      skip(placement.reason ?? 'no matching article');
      return;
    }
    const article = placement.article;
    const hint = positionHint(item, info, article.text);
    const found = anchor(article.text, { ...info.quote, ...hint }) ?? uniqueWithoutContext(article.text, info.quote);
    if (!found) {
      skip(`the quote is not in ${article.path} (or matches too weakly to attach it safely)`);
      return;
    }
    const fresh = quoteSelector(article.text, found.start, found.end);
    let claim: Claim;
    if (embedded) {
      claim = structuredClone(embedded.claim);
    } else {
      const content = contentOf(item, options.newId);
      const created = dateTime(item.created) ?? options.now;
      claim = {
        id: claimIdFrom(item.id) ?? options.newId(),
        quote: { exact: fresh.exact, prefix: fresh.prefix, suffix: fresh.suffix },
        position: { start: found.start, end: found.end },
        status: content.status,
        note: content.note,
        origin: 'manual',
        citations: content.citations,
        conflicts: [],
        created,
        updated: dateTime(item.modified) ?? dateTime(item.updated) ?? created,
      };
    }
    claim.quote = { ...claim.quote, exact: fresh.exact, prefix: fresh.prefix, suffix: fresh.suffix };
    claim.position = { ...claim.position, start: found.start, end: found.end };
    const key = `${article.path}\u0000${claim.id}`;
    if (usedIds.has(key)) {
      skip(`another annotation in this file already gave claim id ${claim.id} in ${article.path}`);
      return;
    }
    usedIds.add(key);
    const list = grouped.get(article.path) ?? [];
    list.push(claim);
    grouped.set(article.path, list);
  });
  for (const { label, annotation } of links) {
    const reason = restoreLink(annotation, grouped, options.newId);
    if (reason) skipped.push({ annotation: label, reason });
  }
  const imported = [...grouped.entries()].map(([article, claims]) => ({ article, claims }));
  return { imported, skipped };
}

function motivations(annotation: Json): string[] {
  return asArray(annotation.motivation).filter((m): m is string => typeof m === 'string');
}

function targetIds(annotation: Json): string[] {
  return asArray(annotation.target).map((t) => (typeof t === 'string' ? t : isObject(t) && typeof t.id === 'string' ? t.id : ''));
}

/** A linking annotation between two claims' annotations: how conflict notes travel in W3C form. */
function isClaimLink(annotation: Json): boolean {
  if (!motivations(annotation).includes('linking')) return false;
  const targets = targetIds(annotation);
  return targets.length === 2 && targets.every((t) => t.startsWith(CLAIM_URN_PREFIX));
}

/** The imported claim with `id`, preferring the one in `article`. */
function findImported(grouped: Map<string, Claim[]>, id: string, article?: string): { article: string; claim: Claim } | undefined {
  const preferred = article !== undefined ? grouped.get(article)?.find((c) => c.id === id) : undefined;
  if (preferred) return { article: article!, claim: preferred };
  for (const [path, claims] of grouped) {
    const claim = claims.find((c) => c.id === id);
    if (claim) return { article: path, claim };
  }
  return undefined;
}

function relativeTo(fromArticle: string, toArticle: string): string {
  const from = fromArticle.split('/').slice(0, -1);
  const to = toArticle.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

/**
 * Puts a linking annotation's conflict note back on both claims (each side as the conflict commands write
 * it: values swapped, `other` pointing back). Notes already there (our own export embeds them in the claims)
 * are left alone. Returns why the link could not be restored, or undefined.
 */
function restoreLink(annotation: Json, grouped: Map<string, Claim[]>, newId: () => string): string | undefined {
  const [firstTarget, secondTarget] = targetIds(annotation).map((t) => t.slice(CLAIM_URN_PREFIX.length));
  const extension = annotation[W3C_EXTENSION];
  let conflict: Conflict;
  let article: string | undefined;
  if (isObject(extension) && Conflict.safeParse(extension.conflict).success) {
    conflict = Conflict.parse(extension.conflict);
    article = typeof extension.article === 'string' ? extension.article : undefined;
  } else {
    // Another tool's link: the bodies' text becomes the note.
    const note = asArray(annotation.body)
      .map((b) => (isObject(b) && typeof b.value === 'string' ? b.value : ''))
      .concat(typeof annotation.bodyValue === 'string' ? [annotation.bodyValue] : [])
      .filter(Boolean)
      .join('\n');
    conflict = { id: newId(), other: { article: '', claim: secondTarget! }, kind: 'other', thisValue: '', otherValue: '', note, state: 'open', resolution: '' };
  }
  const here = findImported(grouped, firstTarget!, article);
  const otherHint = here && conflict.other.article ? otherArticlePath(here.article, conflict.other.article) : undefined;
  const there = findImported(grouped, secondTarget!, otherHint);
  // Our own export already carries the note inside each claim; a side that has it needs nothing, even when
  // the other claim's article was not part of this import.
  const present = [here, there].filter((side) => side !== undefined);
  if (present.length > 0 && present.every((side) => side.claim.conflicts.some((c) => c.id === conflict.id))) return undefined;
  if (!here || !there) {
    const missing = [!here ? firstTarget : undefined, !there ? secondTarget : undefined].filter(Boolean).join(' and ');
    return `it links claim ${missing}, which this import does not hold, so its conflict note cannot be attached`;
  }
  if (!here.claim.conflicts.some((c) => c.id === conflict.id)) {
    here.claim.conflicts.push({ ...conflict, other: { ...conflict.other, article: relativeTo(here.article, there.article), claim: there.claim.id } });
  }
  if (!there.claim.conflicts.some((c) => c.id === conflict.id)) {
    there.claim.conflicts.push({
      ...conflict,
      other: { ...conflict.other, article: relativeTo(there.article, here.article), claim: here.claim.id },
      thisValue: conflict.otherValue,
      otherValue: conflict.thisValue,
    });
  }
  return undefined;
}

/**
 * An annotation that records no context around its quote gives anchoring nothing to weigh a short quote
 * against, so it would never reach the minimum score. One verbatim occurrence is then taken as it is: with
 * no context recorded, nothing contradicts it. Several occurrences stay ambiguous and are reported.
 */
function uniqueWithoutContext(text: string, quote: QuoteSelector): { start: number; end: number } | null {
  if (quote.prefix || quote.suffix) return null;
  const at = text.indexOf(quote.exact);
  if (at < 0 || text.indexOf(quote.exact, at + 1) >= 0) return null;
  return { start: at, end: at + quote.exact.length };
}

/**
 * A position hint in UTF-16 units. The W3C model counts code points; Hypothesis (which has no @context and
 * anchors in the browser's DOM) counts UTF-16 units.
 */
function positionHint(annotation: Json, info: TargetInfo, text: string): { start?: number; end?: number } {
  if (!info.position) return {};
  const { start, end } = info.position;
  if (start < 0 || end < start) return {};
  if (annotation['@context'] === undefined) return { start, end };
  const [s, e] = codePointsToUtf16(text, [start, end]);
  return { start: s, end: e };
}

/**
 * Adds imported claims to a sidecar's claim list. A claim whose id is already there is left as it is in
 * the sidecar (and returned in `existing`), so importing the same file twice changes nothing.
 */
export function addImportedClaims(claims: Claim[], imported: readonly Claim[]): { added: Claim[]; existing: Claim[] } {
  const ids = new Set(claims.map((c) => c.id));
  const added: Claim[] = [];
  const existing: Claim[] = [];
  for (const claim of imported) {
    if (ids.has(claim.id)) existing.push(claim);
    else {
      claims.push(claim);
      ids.add(claim.id);
      added.push(claim);
    }
  }
  return { added, existing };
}
