// Publishing a fact-check as schema.org ClaimReview (what Google's Fact Check Explorer and other fact-checkers'
// tools read), and reading other newsrooms' ClaimReview markup back. Pure functions over claims; the CLI
// (`claims export --format claimreview`, `claims import --format claimreview`) and the editor only adapt them.
//
// Google's requirements (developers.google.com/search/docs/appearance/structured-data/factcheck): a ClaimReview
// needs `claimReviewed`, `reviewRating` with `alternateName` (the verdict's words), and `url`; `author`,
// `datePublished` and `itemReviewed` (a Claim with its author, date and appearances) are recommended. We
// require the author and date as well: a published verdict without who and when is not one a reader can weigh.
import { createHash } from 'node:crypto';
import { locateClaims, type ArticleClaims } from './exporters';
import type { FactCheckRecord } from '../factChecks/factCheckArchive';
import { safeWebUrl } from './links';
import { PARTIAL_DATE_PATTERN, type Claim, type Review, type Verdict } from '../sidecar/schema';
import { articleDateFrom } from '../conflicts/values';
import { verdictFromStatus, type VerdictScale } from '../sidecar/verdictScale';

export const SCHEMA_ORG_CONTEXT = 'https://schema.org';

export interface ClaimReviewRecord {
  '@context': typeof SCHEMA_ORG_CONTEXT;
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished: string;
  author: { '@type': 'Organization'; name: string };
  reviewRating: {
    '@type': 'Rating';
    ratingValue: number;
    bestRating: number;
    worstRating: number;
    alternateName: string;
    ratingExplanation?: string;
  };
  itemReviewed: {
    '@type': 'Claim';
    author?: { '@type': 'Person'; name: string };
    datePublished?: string;
    appearance?: { '@type': 'CreativeWork'; url: string }[];
    firstAppearance?: { '@type': 'CreativeWork'; url: string };
  };
}

/** A claim that cannot be published yet, and what it lacks. */
export interface IncompleteReview {
  article: string;
  claimId: string;
  /** 1-based place of the claim in its article; undefined when it cannot be located. */
  line?: number;
  column?: number;
  /** The sidecar fields to fill, each with why: `review.url (the published fact-check's web address)`. */
  missing: string[];
}

export interface ClaimReviewExport {
  records: ClaimReviewRecord[];
  incomplete: IncompleteReview[];
  /** Claims with no verdict and no review fields: not reviewed, so not exported. */
  unreviewed: number;
}

/** A claim counts as reviewed once it has a verdict, a status other than unverified, or any review field. */
export function isReviewed(claim: Claim): boolean {
  return (
    claim.verdict !== undefined || claim.status !== 'unverified' || (claim.review !== undefined && Object.values(claim.review).some((v) => v !== undefined))
  );
}

function fullText(value: string | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim();
  return text ? text : undefined;
}

/**
 * One ClaimReview per reviewed claim, in article order. A claim lacking a required field is listed in
 * `incomplete` with what it lacks and is not exported; nothing is filled in silently. `scale` turns a claim
 * that has only a status into its scale label (the statuses map onto every scale).
 */
export function exportClaimReviews(entries: readonly ArticleClaims[], scaleFor: VerdictScale | ((entry: ArticleClaims) => VerdictScale)): ClaimReviewExport {
  const result: ClaimReviewExport = { records: [], incomplete: [], unreviewed: 0 };
  for (const entry of entries) {
    const scale = typeof scaleFor === 'function' ? scaleFor(entry) : scaleFor;
    for (const { claim, line, column } of locateClaims(entry)) {
      if (!isReviewed(claim)) {
        result.unreviewed++;
        continue;
      }
      const built = claimReviewFor(claim, scale);
      if ('missing' in built) result.incomplete.push({ article: entry.article, claimId: claim.id, line, column, missing: built.missing });
      else result.records.push(built.record);
    }
  }
  return result;
}

/** The ClaimReview for one claim, or the fields it lacks. */
export function claimReviewFor(claim: Claim, scale: VerdictScale): { record: ClaimReviewRecord } | { missing: string[] } {
  const review: Review = claim.review ?? {};
  const verdict: Verdict | undefined = verdictFromStatus(claim, scale);
  const missing: string[] = [];
  const claimReviewed = fullText(review.claimReviewed);
  if (!claimReviewed) missing.push('review.claimReviewed (the claim in short, normalised words)');
  if (!verdict) missing.push('verdict (set one with "Set Claim Status")');
  const url = review.url !== undefined ? safeWebUrl(review.url) : undefined;
  if (!review.url?.trim()) missing.push("review.url (the published fact-check's web address)");
  else if (!url) missing.push(`review.url ("${review.url.slice(0, 80)}" is not an http(s) address)`);
  const reviewer = fullText(review.reviewer);
  if (!reviewer) missing.push('review.reviewer (who publishes the review)');
  if (!review.reviewDate) missing.push('review.reviewDate (when the review is published)');
  const appearances: string[] = [];
  for (const appearance of review.appearances ?? []) {
    const web = safeWebUrl(appearance);
    if (web) appearances.push(web);
    else missing.push(`review.appearances ("${appearance.slice(0, 80)}" is not an http(s) address)`);
  }
  if (missing.length > 0 || !claimReviewed || !verdict || !url || !reviewer || !review.reviewDate) return { missing };

  const rating: ClaimReviewRecord['reviewRating'] = {
    '@type': 'Rating',
    ratingValue: verdict.value,
    bestRating: verdict.best,
    worstRating: verdict.worst,
    alternateName: verdict.label,
  };
  const explanation = fullText(review.explanation);
  if (explanation) rating.ratingExplanation = explanation;
  const item: ClaimReviewRecord['itemReviewed'] = { '@type': 'Claim' };
  const claimant = fullText(review.claimant);
  if (claimant) item.author = { '@type': 'Person', name: claimant };
  if (review.claimDate) item.datePublished = review.claimDate;
  if (appearances.length > 0) {
    item.appearance = appearances.map((u) => ({ '@type': 'CreativeWork' as const, url: u }));
    item.firstAppearance = { '@type': 'CreativeWork', url: appearances[0]! };
  }
  return {
    record: {
      '@context': SCHEMA_ORG_CONTEXT,
      '@type': 'ClaimReview',
      url,
      claimReviewed,
      datePublished: review.reviewDate,
      author: { '@type': 'Organization', name: reviewer },
      reviewRating: rating,
      itemReviewed: item,
    },
  };
}

/**
 * The export as text: a JSON-LD array of ClaimReview objects, ready for a page's script block. Sidecar text
 * comes from other people, so "<" is written as \u003c (the same JSON): a claim containing "</script>" cannot
 * end the script block it is pasted into.
 */
export function claimReviewJson(records: readonly ClaimReviewRecord[]): string {
  return JSON.stringify(records, null, 2).replace(/</g, '\\u003c') + '\n';
}

/** `story.md:12:5: claim c1 cannot be published: missing …`, one line per incomplete claim. */
export function formatIncomplete(item: IncompleteReview): string {
  const where = item.line !== undefined ? `${item.article}:${item.line}:${item.column}` : item.article;
  return `${where}: claim ${item.claimId} cannot be published as a ClaimReview; missing ${item.missing.join(', ')}`;
}

// ------------------------------------------------------------------------------------------ prefilling

/** What an article says about itself in its front matter: its web address and author, when given. */
export function articleFacts(text: string): { url?: string; author?: string; date?: string } {
  const facts: { url?: string; author?: string; date?: string } = {};
  const date = articleDateFrom(text);
  if (date) facts.date = date;
  const front = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(text);
  if (front) {
    const url = /^(?:url|canonical|canonical_url|link|source):\s*["']?([^"'\s]+)/im.exec(front[1]!);
    const web = url ? safeWebUrl(url[1]!) : undefined;
    if (web) facts.url = web;
    const author = /^(?:author|by):\s*["']?([^"'\r\n]+)/im.exec(front[1]!);
    if (author?.[1]?.trim()) facts.author = author[1].trim();
  } else {
    const byline = /^\s*By ([A-Z][^\r\n,]{1,60})/m.exec(text.split(/\r?\n/).slice(0, 8).join('\n'));
    if (byline) facts.author = byline[1]!.trim();
  }
  return facts;
}

/**
 * Starting values for a claim's review fields: what it already has, else the quote as the claim reviewed,
 * the article's own author, date and address (from its front matter) for who said it, when and where, and
 * the first citation's author and address when the article does not say.
 */
export function reviewDefaults(claim: Claim, articleText: string | undefined, today: string): Review {
  const existing = claim.review ?? {};
  const facts = articleText !== undefined ? articleFacts(articleText) : {};
  const firstCitation = claim.citations[0];
  const citationUrl = firstCitation?.url ? safeWebUrl(firstCitation.url) : undefined;
  const quote = claim.quote.exact
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["“‘']+|["”’']+$/g, '');
  const appearance = facts.url ?? citationUrl;
  return {
    claimReviewed: existing.claimReviewed ?? quote,
    claimant: existing.claimant ?? facts.author ?? firstCitation?.author ?? firstCitation?.publisher,
    claimDate: existing.claimDate ?? facts.date ?? firstCitation?.issued,
    appearances: existing.appearances ?? (appearance ? [appearance] : undefined),
    reviewer: existing.reviewer,
    reviewDate: existing.reviewDate ?? today,
    explanation: existing.explanation,
    url: existing.url,
  };
}

/** Review fields without the empty ones, or undefined when none is left. */
export function compactReview(review: Review): Review | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(review)) {
    if (value === undefined) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return Object.keys(out).length > 0 ? (out as Review) : undefined;
}

export function isPartialDate(value: string): boolean {
  return PARTIAL_DATE_PATTERN.test(value);
}

// ---------------------------------------------------------------------------------------------- import

/** Where a ClaimReview was found in the input, for messages. */
export interface ImportedClaimReviews {
  records: FactCheckRecord[];
  /** Records that could not be kept, with why (a ClaimReview with no claim text, say). */
  skipped: { where: string; reason: string }[];
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function textOf(value: unknown): string | undefined {
  const first = firstOf(value);
  if (typeof first === 'string') return fullText(first);
  if (typeof first === 'number') return String(first);
  if (isObject(first)) return textOf(first['@value'] ?? first.name);
  return undefined;
}

function nameOf(value: unknown): string | undefined {
  const first = firstOf(value);
  if (typeof first === 'string') return fullText(first);
  return isObject(first) ? textOf(first.name) : undefined;
}

function urlOf(value: unknown): string | undefined {
  const first = firstOf(value);
  if (typeof first === 'string') return safeWebUrl(first);
  if (isObject(first)) return urlOf(first.url ?? first['@id']);
  return undefined;
}

/** A calendar date from the many shapes found in the wild ("2021-01-05 05:00", ISO date-times). */
function dateOf(value: unknown): string | undefined {
  const text = textOf(value);
  const match = text ? /^(\d{4}-\d{2}-\d{2})/.exec(text) : null;
  return match ? match[1] : undefined;
}

function hasType(node: Json, type: string): boolean {
  const types = node['@type'] ?? node.type;
  return Array.isArray(types) ? types.includes(type) || types.includes(`schema:${type}`) : types === type || types === `schema:${type}`;
}

/** A stable id for an imported fact-check, so importing the same markup twice adds nothing. */
export function factCheckId(url: string | undefined, claim: string): string {
  return (
    'fc-' +
    createHash('sha256')
      .update(`${url ?? ''}\n${claim}`)
      .digest('hex')
      .slice(0, 16)
  );
}

function fromClaimReview(node: Json): FactCheckRecord | string {
  const claim = textOf(node.claimReviewed);
  if (!claim) return 'no claimReviewed';
  const rating = firstOf(node.reviewRating);
  const item = firstOf(node.itemReviewed);
  const record: FactCheckRecord = { id: factCheckId(urlOf(node.url), claim), claim };
  const speaker = isObject(item) ? nameOf(item.author) : undefined;
  if (speaker) record.speaker = speaker;
  const date = isObject(item) ? dateOf(item.datePublished) : undefined;
  if (date) record.date = date;
  const verdict = isObject(rating) ? (textOf(rating.alternateName) ?? textOf(rating.name)) : undefined;
  if (verdict) record.verdict = verdict;
  const url = urlOf(node.url);
  if (url) record.url = url;
  const headline = textOf(node.name) ?? textOf(node.headline);
  if (headline) record.headline = headline;
  const publisher = nameOf(node.author) ?? nameOf(node.publisher);
  if (publisher) record.publisher = publisher;
  return record;
}

/** A claim from Google's Fact Check Tools API (claims:search), one record per review of it. */
function fromApiClaim(node: Json): (FactCheckRecord | string)[] {
  const claim = textOf(node.text);
  const reviews = Array.isArray(node.claimReview) ? node.claimReview.filter(isObject) : [];
  if (!claim) return ['no text'];
  return reviews.map((review) => {
    const url = urlOf(review.url);
    const record: FactCheckRecord = { id: factCheckId(url, claim), claim };
    const speaker = textOf(node.claimant);
    if (speaker) record.speaker = speaker;
    const date = dateOf(node.claimDate);
    if (date) record.date = date;
    const verdict = textOf(review.textualRating);
    if (verdict) record.verdict = verdict;
    if (url) record.url = url;
    const headline = textOf(review.title);
    if (headline) record.headline = headline;
    const publisher = isObject(review.publisher) ? (textOf(review.publisher.name) ?? textOf(review.publisher.site)) : undefined;
    if (publisher) record.publisher = publisher;
    return record;
  });
}

/** The JSON-LD blocks of an HTML page: the text of every `<script type="application/ld+json">`. */
export function jsonLdScripts(html: string): string[] {
  const blocks: string[] = [];
  const pattern = /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) blocks.push(match[1]!);
  return blocks;
}

/**
 * Reads ClaimReview markup into archive records: an HTML page (its JSON-LD script blocks), a JSON file of
 * ClaimReview objects (alone, in an array, an @graph or a DataFeed), or a Fact Check Tools API response saved
 * as JSON ({claims: [{text, claimant, claimDate, claimReview: [...]}]}). Throws with the place when the
 * input is not JSON or HTML with JSON-LD.
 */
export function importClaimReviews(text: string, source: string): ImportedClaimReviews {
  const body = text.replace(/^\uFEFF/, '');
  const documents: { value: unknown; where: string }[] = [];
  if (/^\s*[[{]/.test(body)) {
    try {
      documents.push({ value: JSON.parse(body), where: source });
    } catch (error) {
      throw new Error(`${source}: not valid JSON (${(error as Error).message})`, { cause: error });
    }
  } else {
    const scripts = jsonLdScripts(body);
    if (scripts.length === 0) throw new Error(`${source}: neither JSON nor an HTML page with <script type="application/ld+json"> blocks`);
    scripts.forEach((script, index) => {
      try {
        documents.push({ value: JSON.parse(script), where: `${source} (JSON-LD block ${index + 1})` });
      } catch (error) {
        throw new Error(`${source}: JSON-LD block ${index + 1} is not valid JSON (${(error as Error).message})`, { cause: error });
      }
    });
  }
  const result: ImportedClaimReviews = { records: [], skipped: [] };
  const seen = new Set<string>();
  const keep = (found: FactCheckRecord | string, where: string) => {
    if (typeof found === 'string') result.skipped.push({ where, reason: found });
    else if (!seen.has(found.id)) {
      seen.add(found.id);
      result.records.push(found);
    }
  };
  const visit = (node: unknown, where: string, depth: number): void => {
    if (depth > 32) return;
    if (Array.isArray(node)) {
      node.forEach((child, index) => visit(child, `${where}[${index}]`, depth + 1));
      return;
    }
    if (!isObject(node)) return;
    if (hasType(node, 'ClaimReview')) {
      keep(fromClaimReview(node), where);
      return;
    }
    if (Array.isArray(node.claims) && node.claims.some((c) => isObject(c) && Array.isArray(c.claimReview))) {
      node.claims.forEach((c, index) => {
        if (isObject(c)) for (const found of fromApiClaim(c)) keep(found, `${where}.claims[${index}]`);
      });
      return;
    }
    for (const [key, child] of Object.entries(node)) if (typeof child === 'object') visit(child, `${where}.${key}`, depth + 1);
  };
  for (const { value, where } of documents) visit(value, where, 0);
  return result;
}
