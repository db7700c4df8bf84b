// Reports and interchange formats over parsed sidecars: a Markdown fact-check report, CSV for spreadsheets
// and W3C Web Annotation JSON-LD for other annotation tools. Pure functions over sidecars and article
// texts, shared by the CLI (`claims export`) and the editor (`claims.exportReport`).
//
// Sidecar text comes from other people through git, so every exported string is treated as hostile:
// Markdown is escaped so it cannot form links, HTML or math; CSV cells cannot start a spreadsheet formula.
import { anchor, quoteSelector } from '../anchoring/anchoring';
import { changedSinceChecked, changedSinceCheckedMessage, claimAsNow } from '../anchoring/claimWords';
import { citationLink, normalizeDoi } from './links';
import { LineIndex } from '../sidecar/jsonLocation';
import { hasConflictMarkers } from '../sidecar/merge';
import { countOf } from '../text/plural';
import { countConflictNotes } from '../conflicts/noteCounts';
import { compareClaimsByPosition } from '../sidecar/sidecar';
import type { Citation, Claim, Conflict, Sidecar, Verdict } from '../sidecar/schema';

/** One article's claims, as the exporters take them. */
export interface ArticleClaims {
  /** How the article is named in reports: its path relative to the export's root, with "/" separators. */
  article: string;
  sidecar: Sidecar;
  /** The article's current text, or undefined when the article is missing. */
  text?: string;
}

/** Where a claim is in its article's current text; `range` is null when it cannot be found (orphaned). */
export interface LocatedClaim {
  claim: Claim;
  range: { start: number; end: number } | null;
  /** 1-based line and UTF-16 column of the start of the claim; undefined when not found. */
  line?: number;
  column?: number;
}

export type ExportFormat = 'markdown' | 'csv' | 'w3c' | 'claimreview';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['markdown', 'csv', 'w3c', 'claimreview'];

/**
 * Re-anchors every claim against the article's current text (positions in sidecars are only hints). A claim found
 * on words that changed is returned with the words there now (and, if it was checked, its old words in
 * `checkedQuote`), so every report and export shows the same words as the editor.
 */
export function locateClaims(entry: ArticleClaims): LocatedClaim[] {
  const text = entry.text;
  if (text === undefined) return entry.sidecar.claims.map((claim) => ({ claim, range: null }));
  const lines = new LineIndex(text);
  return entry.sidecar.claims.map((recorded) => {
    const found = anchor(text, { ...recorded.quote, start: recorded.position.start, end: recorded.position.end });
    if (!found) return { claim: recorded, range: null };
    const claim = claimAsNow(recorded, text, found.start, found.end);
    const { line, column } = lines.at(found.start);
    return { claim, range: { start: found.start, end: found.end }, line, column };
  });
}

/** Located claims in document order: where they are now, an orphan where it last was (as the sidecar orders them). */
function inDocumentOrder(claims: LocatedClaim[]): LocatedClaim[] {
  const at = (c: LocatedClaim) => ({ ...c.claim, position: c.range ?? c.claim.position });
  return claims.slice().sort((a, b) => compareClaimsByPosition(at(a), at(b)));
}

// ---------------------------------------------------------------------------------------------- Markdown

/**
 * Characters that change how a line renders wherever they are: backslash escapes, code, emphasis with "*",
 * links and images ("[" and "]"; "(" and ")" then need nothing), HTML and autolinks ("<"), tables and
 * strikethrough. Everything else is escaped only where it would mean something (see INLINE_IN_CONTEXT), so
 * "article(s)", "06:54" and "bbc-007.txt" stay as written.
 */
const INLINE_ALWAYS = String.raw`[\\\x60*[\]<|~]`;
/**
 * Characters that mean something only in context: "_" at a word edge (within a word it never emphasises);
 * "&" starting an entity; "$" that could close inline math (VS Code renders $…$; an amount like "$4" cannot
 * close it, since a closing "$" is never followed by a digit); the ":" of a scheme ("javascript:", "https:");
 * the first "/" of "//"; "@" of an e-mail address or a mention; the "." before a top-level domain that
 * linkify (VS Code's preview and markdown-it) turns into a link ("example.com", "story.md", "www."). Linkify
 * counts any character but spaces, punctuation and controls as part of a domain ("http=.com" is one).
 */
const INLINE_IN_CONTEXT = [
  String.raw`(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])`,
  String.raw`&(?=#?[\p{L}\p{N}]+;)`,
  String.raw`\$(?!\d)`,
  String.raw`(?<=\p{L}):(?=[^\s\d])`,
  String.raw`\/(?=\/)`,
  String.raw`@(?=[\p{L}\p{N}])`,
  String.raw`(?<=[^\s\p{P}\p{Cc}]|[-_])\.(?=(?:[a-z]{2}|com|org|net|edu|gov|biz|pro|web|xxx|aero|asia|coop|info|museum|name|shop|рф)(?![\p{L}\p{N}]))`,
  String.raw`(?<=\bwww)\.`,
].join('|');
const MARKDOWN_SPECIAL = new RegExp(`${INLINE_ALWAYS}|${INLINE_IN_CONTEXT}`, 'giu');
/** What only means something at the start of a line: headings, bullets, setext underlines, quotes, numbered items. */
const LINE_START_SPECIAL = /^(?:[#+\-=>]|\d{1,9}(?=[.)]))/;
/** C0/C1 controls and bidi overrides, which can hide or reorder text; tabs and newlines are handled apart. */
const INVISIBLE = /(?![\t\n\r])[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

function escapeLineStart(line: string): string {
  const match = LINE_START_SPECIAL.exec(line);
  if (!match) return line;
  // "1." and "1)" start a numbered list: the digits stay, the punctuation after them is escaped.
  if (/^\d/.test(match[0])) return `${match[0]}\\${line.slice(match[0].length)}`;
  return `\\${line}`;
}

/** Splits text into trimmed non-empty lines, without invisible controls or tabs, each escaped by `escapeLine`. */
function escapeLines(text: string, indent: string, escapeLine: (line: string) => string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/\t/g, ' ')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map(escapeLine)
    .join(`\\\n${indent}`);
}

/**
 * Escapes text for the report so a CommonMark/GFM renderer (with linkify, as VS Code's preview) shows it
 * literally, while the Markdown source stays readable: only what would change the rendering is escaped. Line
 * breaks become hard breaks; `indent` is the indentation continuation lines need to stay inside the
 * surrounding list item.
 */
export function escapeReportText(text: string, indent = ''): string {
  return escapeLines(text, indent, (line) => escapeLineStart(line.replace(MARKDOWN_SPECIAL, (ch) => `\\${ch}`)));
}

/**
 * Characters that can start Markdown syntax anywhere in a line: links and images, autolinks (":" of a
 * scheme, "." of a bare domain, "@" of an e-mail), HTML and entities, emphasis, code, math, tables.
 */
const STRICT_SPECIAL = /[\\`*_{}[\]()!|<>~&:@$^.]/g;
const STRICT_LINE_START = /^[#+\-=]/;

/**
 * Escapes every character that can start Markdown syntax, for hovers and tooltips: they are trusted Markdown
 * that carries our own command links, rendered by VS Code's hover renderer rather than a preview, so nothing
 * from a sidecar may even look like link syntax there. Reports use escapeReportText, which stays readable.
 */
export function escapeMarkdownText(text: string, indent = ''): string {
  return escapeLines(text, indent, (line) => line.replace(STRICT_SPECIAL, (ch) => `\\${ch}`).replace(STRICT_LINE_START, (ch) => `\\${ch}`));
}

/** A link only for http(s) and DOI targets, written so the destination cannot break out of the link. */
function markdownLink(label: string, href: string): string {
  return `[${escapeReportText(label)}](<${href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
}

const STATUS_LABELS: Record<Claim['status'], string> = {
  unverified: 'Unverified',
  supported: 'Supported',
  disputed: 'Disputed',
  refuted: 'Refuted',
};

/** "Mostly True (5 on 1–6)": the label with its place on its scale. */
export function verdictSummary(verdict: Verdict): string {
  return `${verdict.label} (${verdict.value} on ${Math.min(verdict.worst, verdict.best)}–${Math.max(verdict.worst, verdict.best)})`;
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Never cut a surrogate pair in half.
  let cut = max - 1;
  if (/[\ud800-\udbff]/.test(flat[cut - 1] ?? '')) cut--;
  return flat.slice(0, cut) + '…';
}

/** The parts of a citation other than its link, in reading order: author, publisher, issued, accessed. */
function citationDetails(citation: Citation): string[] {
  const parts: string[] = [];
  if (citation.author) parts.push(citation.author);
  if (citation.publisher) parts.push(citation.publisher);
  if (citation.issued) parts.push(citation.issued);
  if (citation.accessed) parts.push(`accessed ${citation.accessed}`);
  return parts;
}

function citationTitle(citation: Citation): string {
  return citation.title ?? citation.url ?? (citation.doi ? `doi:${citation.doi}` : citation.id);
}

/** The same key for a note's two halves (one on each claim), so a note is counted and exported once. */
export function conflictNoteKey(article: string, claimId: string, conflict: Conflict): string {
  const here = `${article}#${claimId}`;
  const there = `${otherArticlePath(article, conflict.other.article)}#${conflict.other.claim}`;
  return `${conflict.id}\u0000${[here, there].sort().join('\u0000')}`;
}

/**
 * A note as the report reads it: its other claim named by its words and its file (the id means nothing to a
 * reader); by its id only when that claim is not in the report.
 */
function reportConflictSummary(conflict: Conflict, article: string, words: ReadonlyMap<string, string>): string {
  const otherArticle = otherArticlePath(article, conflict.other.article);
  const otherWords = words.get(`${otherArticle}#${conflict.other.claim}`);
  const values = conflict.thisValue || conflict.otherValue ? `: "${conflict.thisValue}" vs "${conflict.otherValue}"` : '';
  const other =
    otherWords === undefined
      ? `${conflict.other.article} (claim ${conflict.other.claim}, not in this report)`
      : otherArticle === article
        ? `“${truncate(otherWords, 100)}” in this file`
        : `${conflict.other.article}, “${truncate(otherWords, 100)}”`;
  return `${conflict.state} ${conflict.kind} conflict with ${other}${values}`;
}

function conflictSummary(conflict: Conflict): string {
  const values = conflict.thisValue || conflict.otherValue ? `: "${conflict.thisValue}" vs "${conflict.otherValue}"` : '';
  return `${conflict.state} ${conflict.kind} conflict with ${conflict.other.article} (claim ${conflict.other.claim})${values}`;
}

export interface MarkdownReportOptions {
  title?: string;
  /** A line under the title, e.g. when and from where the report was made; omitted when absent. */
  subtitle?: string;
}

/** A fact-check report: a summary, then each file's claims with status, note, citations and conflicts. */
export function exportMarkdown(entries: readonly ArticleClaims[], options: MarkdownReportOptions = {}): string {
  const out: string[] = [`# ${options.title !== undefined ? escapeReportText(options.title) : 'Fact-check report'}`, ''];
  if (options.subtitle) out.push(escapeReportText(options.subtitle), '');
  // Claims in document order, as in the sidecar and the Claim Explorer, wherever they were created.
  const located = entries.map((entry) => ({ entry, claims: inDocumentOrder(locateClaims(entry)) }));
  const all = located.flatMap((l) => l.claims);
  const words = new Map(located.flatMap(({ entry, claims }) => claims.map(({ claim }) => [`${entry.article}#${claim.id}`, claim.quote.exact] as const)));
  const counts = new Map<string, number>();
  for (const { claim } of all) counts.set(claim.status, (counts.get(claim.status) ?? 0) + 1);
  // Notes, not sides: a note between two claims of the report is kept on both and counts once.
  const openConflicts = countConflictNotes(
    all.map(({ claim }) => claim),
    'open',
  );
  const uncited = all.filter(({ claim }) => claim.citations.length === 0).length;
  const orphaned = located.reduce((n, l) => n + (l.entry.text === undefined ? 0 : l.claims.filter((c) => !c.range).length), 0);
  const statusList = (['supported', 'disputed', 'refuted', 'unverified'] as const).map((s) => `${counts.get(s) ?? 0} ${s}`).join(', ');
  out.push(
    `${countOf(all.length, 'claim')} in ${countOf(entries.length, 'file')}: ${statusList}.`,
    `${openConflicts} open ${openConflicts === 1 ? 'conflict' : 'conflicts'}, ${uncited} uncited, ${orphaned} orphaned.`,
    '',
  );
  for (const { entry, claims } of located) {
    out.push(`## ${escapeReportText(entry.article)}`, '');
    if (entry.text === undefined) out.push('*The article file is missing, so these claims could not be located\\.*', '');
    if (claims.length === 0) out.push('No claims\\.', '');
    claims.forEach(({ claim, range, line, column }, index) => {
      const heading = claim.verdict ? escapeReportText(claim.verdict.label) : STATUS_LABELS[claim.status];
      out.push(`### ${index + 1}\\. ${heading}: “${escapeReportText(truncate(claim.quote.exact, 120))}”`, '');
      const where = range
        ? `line ${line}, column ${column}`
        : entry.text === undefined
          ? 'not located'
          : '**orphaned** \\(the quoted text is no longer in the article\\)';
      out.push(`- Where: ${where}`);
      out.push(`- Status: ${claim.status}${claim.origin === 'spotted' ? ' \\(spotted automatically\\)' : ''}`);
      if (claim.verdict) out.push(`- Verdict: ${escapeReportText(verdictSummary(claim.verdict))}`);
      if (claim.review?.explanation) out.push(`- Why: ${escapeReportText(claim.review.explanation, '  ')}`);
      out.push(`- Claim: ${escapeReportText(claim.quote.exact, '  ')}`);
      const checkedWords = changedSinceChecked(claim);
      if (checkedWords !== undefined) {
        out.push(
          `- **Text changed since checked** \\(${escapeReportText(changedSinceCheckedMessage(claim))}\\); the words checked were: “${escapeReportText(checkedWords, '  ')}”`,
        );
      }
      if (claim.note) out.push(`- Note: ${escapeReportText(claim.note, '  ')}`);
      if (hasConflictMarkers(claim.note)) out.push('- **Unresolved merge conflict in this claim**');
      if (claim.citations.length === 0) out.push('- Citations: none');
      else {
        out.push('- Citations:');
        for (const citation of claim.citations) {
          const link = citationLink(citation);
          const title = link ? markdownLink(citationTitle(citation), link) : escapeReportText(citationTitle(citation));
          const details = citationDetails(citation).map((d) => escapeReportText(d));
          let item = `  - ${title}${details.length ? ` — ${details.join(', ')}` : ''}`;
          if (citation.doi && link && !citation.url) item += ` (doi: ${escapeReportText(normalizeDoi(citation.doi) ?? citation.doi)})`;
          out.push(item);
          if (citation.quote) out.push(`    - Quoted: “${escapeReportText(citation.quote, '      ')}”`);
          if (citation.note) out.push(`    - Note: ${escapeReportText(citation.note, '      ')}`);
        }
      }
      if (claim.conflicts.length > 0) {
        out.push('- Conflicts:');
        for (const conflict of claim.conflicts) {
          out.push(`  - ${escapeReportText(reportConflictSummary(conflict, entry.article, words), '    ')}`);
          if (conflict.note) out.push(`    - Note: ${escapeReportText(conflict.note, '      ')}`);
          if (conflict.resolution) out.push(`    - Resolution: ${escapeReportText(conflict.resolution, '      ')}`);
        }
      }
      out.push('');
    });
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

// --------------------------------------------------------------------------------------------------- CSV

export const CSV_COLUMNS = [
  'article',
  'line',
  'column',
  'claim_id',
  'status',
  'origin',
  'claim',
  'note',
  'citations',
  'conflicts',
  'open_conflicts',
  'orphaned',
  'created',
  'updated',
  'verdict',
  'verdict_value',
] as const;

/**
 * One CSV cell per RFC 4180, always quoted. A cell that a spreadsheet would run as a formula (starting
 * with = + - @, or a tab or carriage return that some apps skip before one) gets a leading apostrophe.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

function citationLine(citation: Citation): string {
  const link = citationLink(citation) ?? citation.url ?? (citation.doi ? `doi:${citation.doi}` : '');
  const parts = [citation.title ?? '', ...citationDetails(citation)].filter(Boolean);
  return [parts.join(', '), link ? `<${link}>` : ''].filter(Boolean).join(' ');
}

/** One row per claim; multi-valued cells (citations, conflicts) hold one item per line. */
export function exportCsv(entries: readonly ArticleClaims[]): string {
  const rows: string[][] = [CSV_COLUMNS.map((c) => c)];
  for (const entry of entries) {
    for (const { claim, range, line, column } of inDocumentOrder(locateClaims(entry))) {
      rows.push([
        entry.article,
        range ? String(line) : '',
        range ? String(column) : '',
        claim.id,
        claim.status,
        claim.origin,
        claim.quote.exact,
        claim.note,
        claim.citations.map(citationLine).join('\n'),
        claim.conflicts.map(conflictSummary).join('\n'),
        String(claim.conflicts.filter((c) => c.state === 'open').length),
        entry.text === undefined ? 'article missing' : range ? 'no' : 'yes',
        claim.created,
        claim.updated,
        claim.verdict?.label ?? '',
        claim.verdict ? String(claim.verdict.value) : '',
      ]);
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// ------------------------------------------------------------------------------------ W3C Web Annotation

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Annotation ids are this prefix plus the claim id, so the same claim always exports to the same id. */
export const CLAIM_URN_PREFIX = 'urn:claim-annotator:claim:';
/**
 * The name of the extension property that carries the complete sidecar claim, so an export imports back
 * without loss. Other tools ignore it; the standard bodies and selectors describe the claim for them.
 */
export const W3C_EXTENSION = 'claimAnnotator';
export const SPOTTER_AGENT = { type: 'Software', name: 'Claim Annotator claim spotter' } as const;

export interface W3CArticleClaims extends ArticleClaims {
  /** The IRI of the article that targets point at: its file URI, or a URL under a base the user chose. */
  source: string;
}

export interface W3CTextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

export interface W3CTextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export type W3CBody = Record<string, unknown>;

export interface W3CAnnotation {
  '@context': typeof W3C_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'assessing' | 'commenting' | 'highlighting';
  created: string;
  modified: string;
  creator?: typeof SPOTTER_AGENT;
  body: W3CBody[];
  target: {
    type: 'SpecificResource';
    source: string;
    selector: (W3CTextQuoteSelector | W3CTextPositionSelector)[];
  };
  [W3C_EXTENSION]: { article: string; claim: Claim };
}

/** Converts UTF-16 offsets (editor positions) to code point offsets (what the W3C model counts). */
export function utf16ToCodePoints(text: string, offsets: readonly number[]): number[] {
  const order = offsets.map((offset, index) => ({ offset, index })).sort((a, b) => a.offset - b.offset);
  const result = new Array<number>(offsets.length);
  let unit = 0;
  let points = 0;
  for (const { offset, index } of order) {
    while (unit < offset && unit < text.length) {
      const code = text.charCodeAt(unit);
      const pair = code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length && (text.charCodeAt(unit + 1) & 0xfc00) === 0xdc00;
      unit += pair ? 2 : 1;
      points++;
    }
    result[index] = points + Math.max(0, offset - Math.max(unit, text.length));
  }
  return result;
}

/** Converts code point offsets (W3C) to UTF-16 offsets; offsets past the end map past the end. */
export function codePointsToUtf16(text: string, offsets: readonly number[]): number[] {
  const order = offsets.map((offset, index) => ({ offset, index })).sort((a, b) => a.offset - b.offset);
  const result = new Array<number>(offsets.length);
  let unit = 0;
  let points = 0;
  for (const { offset, index } of order) {
    while (points < offset && unit < text.length) {
      const code = text.charCodeAt(unit);
      const pair = code >= 0xd800 && code <= 0xdbff && unit + 1 < text.length && (text.charCodeAt(unit + 1) & 0xfc00) === 0xdc00;
      unit += pair ? 2 : 1;
      points++;
    }
    result[index] = unit + Math.max(0, offset - points);
  }
  return result;
}

function citationBody(citation: Citation): W3CBody {
  const link = citationLink(citation);
  if (link) {
    const source: Record<string, unknown> = { id: link, type: 'Text' };
    if (citation.title) source.title = citation.title;
    return { type: 'SpecificResource', purpose: 'linking', source };
  }
  const details = citationDetails(citation);
  const text = [citationTitle(citation), ...details].join(', ');
  return { type: 'TextualBody', purpose: 'describing', value: `Source: ${text}`, format: 'text/plain' };
}

function conflictBody(conflict: Conflict): W3CBody {
  const lines = [conflictSummary(conflict)];
  if (conflict.note) lines.push(conflict.note);
  if (conflict.resolution) lines.push(`Resolution: ${conflict.resolution}`);
  return { type: 'TextualBody', purpose: 'commenting', value: lines.join('\n'), format: 'text/plain' };
}

function motivationOf(claim: Claim): W3CAnnotation['motivation'] {
  if (claim.status !== 'unverified') return 'assessing';
  return claim.note ? 'commenting' : 'highlighting';
}

/** The annotation id for a claim: a stable URN, so exporting twice gives the same ids. */
export function annotationIdFor(claimId: string): string {
  return CLAIM_URN_PREFIX + claimId;
}

/**
 * One W3C Annotation per claim. The target is the article with a TextQuoteSelector and, when the claim is
 * found in the current text, a TextPositionSelector in code points. Bodies: the note (commenting), the
 * status (tagging), each citation (linking, or a describing text when it has no web or DOI link) and each
 * conflict note (commenting).
 */
export function exportW3C(entries: readonly W3CArticleClaims[]): W3CAnnotation[] {
  const annotations: W3CAnnotation[] = [];
  for (const entry of entries) {
    for (const { claim, range } of inDocumentOrder(locateClaims(entry))) {
      const selectors: W3CAnnotation['target']['selector'] = [];
      if (range && entry.text !== undefined) {
        const fresh = quoteSelector(entry.text, range.start, range.end);
        selectors.push({ type: 'TextQuoteSelector', exact: fresh.exact, prefix: fresh.prefix, suffix: fresh.suffix });
        const [start, end] = utf16ToCodePoints(entry.text, [range.start, range.end]);
        selectors.push({ type: 'TextPositionSelector', start: start!, end: end! });
      } else {
        selectors.push({ type: 'TextQuoteSelector', exact: claim.quote.exact, prefix: claim.quote.prefix, suffix: claim.quote.suffix });
      }
      const body: W3CBody[] = [];
      if (claim.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: claim.note, format: 'text/plain' });
      body.push({ type: 'TextualBody', purpose: 'tagging', value: claim.status });
      for (const citation of claim.citations) body.push(citationBody(citation));
      for (const conflict of claim.conflicts) body.push(conflictBody(conflict));
      annotations.push({
        '@context': W3C_CONTEXT,
        id: annotationIdFor(claim.id),
        type: 'Annotation',
        motivation: motivationOf(claim),
        created: claim.created,
        modified: claim.updated,
        // A spotted claim was proposed by software; the W3C model says so with the creator's agent type.
        ...(claim.origin === 'spotted' ? { creator: { ...SPOTTER_AGENT } } : {}),
        body,
        target: { type: 'SpecificResource', source: entry.source, selector: selectors },
        [W3C_EXTENSION]: { article: entry.article, claim: structuredClone(claim) },
      });
    }
  }
  return annotations;
}

/** Linking annotations' ids: this prefix, the claim the note was exported from, and the conflict note's id. */
export const CONFLICT_URN_PREFIX = 'urn:claim-annotator:conflict:';

/** A conflict note as a W3C linking annotation: both claims' annotations are its targets, the note its body. */
export interface W3CLinkAnnotation {
  '@context': typeof W3C_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'linking';
  created: string;
  modified: string;
  body: W3CBody[];
  target: [string, string];
  [W3C_EXTENSION]: { article: string; claim: string; conflict: Conflict };
}

/** `other` (relative to `article`'s folder, as sidecars store it) as a path in the export's naming. */
export function otherArticlePath(article: string, other: string): string {
  const parts = article.split('/').slice(0, -1);
  for (const segment of other.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.' && segment !== '') parts.push(segment);
  }
  return parts.join('/');
}

/**
 * One linking annotation per conflict note. A note is kept on both claims under one id, so a pair exported
 * from both sides gives one annotation. The other claim need not be in the export: its target is the stable
 * id its own annotation has in any export.
 */
export function exportW3CLinks(entries: readonly ArticleClaims[]): W3CLinkAnnotation[] {
  const links: W3CLinkAnnotation[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    for (const claim of entry.sidecar.claims) {
      for (const conflict of claim.conflicts) {
        const key = conflictNoteKey(entry.article, claim.id, conflict);
        if (seen.has(key)) continue;
        seen.add(key);
        const body: W3CBody[] = [{ type: 'TextualBody', purpose: 'describing', value: conflictSummary(conflict), format: 'text/plain' }];
        if (conflict.note) body.unshift({ type: 'TextualBody', purpose: 'commenting', value: conflict.note, format: 'text/plain' });
        if (conflict.resolution) body.push({ type: 'TextualBody', purpose: 'commenting', value: `Resolution: ${conflict.resolution}`, format: 'text/plain' });
        links.push({
          '@context': W3C_CONTEXT,
          id: `${CONFLICT_URN_PREFIX}${claim.id}:${conflict.id}`,
          type: 'Annotation',
          motivation: 'linking',
          created: claim.created,
          modified: claim.updated,
          body,
          target: [annotationIdFor(claim.id), annotationIdFor(conflict.other.claim)],
          [W3C_EXTENSION]: { article: entry.article, claim: claim.id, conflict: structuredClone(conflict) },
        });
      }
    }
  }
  return links;
}

/**
 * The W3C export as text: a JSON-LD array of Annotations (one per claim, then one linking annotation per
 * conflict note), two-space indented, with a final newline.
 */
export function exportW3CJson(entries: readonly W3CArticleClaims[]): string {
  return JSON.stringify([...exportW3C(entries), ...exportW3CLinks(entries)], null, 2) + '\n';
}
