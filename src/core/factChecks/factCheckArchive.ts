// Reading an archive of published fact-checks: JSON Lines, one fact-check a line. Two shapes are read:
//
//   ours (shared with the ClaimReview import):  {"id", "claim", "speaker"?, "date"?, "verdict"?, "url"?,
//                                                "headline"?, "publisher"?}
//   PolitiFact as kept by CLEF CheckThat! 2021: {"vclaim_id", "vclaim", "speaker", "truth_label", "date":
//                                                "stated on October 22, 2019 in …", "url": "/factchecks/…", "title"}
//
// Archive files come from outside (exports, other newsrooms), so every line is checked; a bad line is reported
// with its line number and left out, and the rest of the archive stays usable. Nothing is ever rewritten here.

/** One published fact-check. `date` is when the claim was made (else when it was checked): YYYY-MM-DD. */
export interface FactCheck {
  id: string;
  claim: string;
  speaker?: string;
  date?: string;
  verdict?: string;
  url?: string;
  headline?: string;
  publisher?: string;
}

export interface ArchiveProblem {
  /** 1-based line number in the archive file. */
  line: number;
  message: string;
}

export interface ParsedArchive {
  entries: FactCheck[];
  problems: ArchiveProblem[];
}

const OPTIONAL_FIELDS = ['speaker', 'date', 'verdict', 'url', 'headline', 'publisher'] as const;
const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const POLITIFACT_ORIGIN = 'https://www.politifact.com';
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));
/** Longer lines are certainly not one fact-check; refusing them keeps a corrupt file from eating memory. */
const MAX_LINE_CHARS = 100_000;
/** Problems past this many are counted, not listed, so a file in the wrong format gives a short report. */
const MAX_LISTED_PROBLEMS = 50;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "stated on October 22, 2019 in a campaign mailer.:" -> "2019-10-22". */
function politifactStatedDate(text: string): string | undefined {
  const match = /([A-Za-z]+)\s+(\d{1,2}),\s*(\d{4})/.exec(text);
  if (!match) return undefined;
  const month = MONTHS.indexOf(match[1]!.toLowerCase()) + 1;
  if (month === 0) return undefined;
  const date = `${match[3]}-${pad(month)}-${pad(Number(match[2]))}`;
  return DATE_PATTERN.test(date) ? date : undefined;
}

/** "/factchecks/2019/oct/30/…" -> "2019-10-30": when PolitiFact published the check. */
function politifactReviewDate(url: string): string | undefined {
  const match = /\/factchecks\/(\d{4})\/([a-z]{3})\/(\d{1,2})\//i.exec(url);
  if (!match) return undefined;
  const month = SHORT_MONTHS.indexOf(match[2]!.toLowerCase()) + 1;
  const date = `${match[1]}-${pad(month)}-${pad(Number(match[3]))}`;
  return month > 0 && DATE_PATTERN.test(date) ? date : undefined;
}

function politifactVerdict(label: string): string {
  return label.replace(/-/g, ' ');
}

function optionalString(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** A PolitiFact record (CheckThat! 2021 `vclaim` files) as a FactCheck, or the reason it is not one. */
function fromPolitifact(record: Record<string, unknown>): FactCheck | string {
  const id = optionalString(record, 'vclaim_id');
  const claim = optionalString(record, 'vclaim');
  if (!id) return '"vclaim_id" must be a non-empty string';
  if (!claim) return '"vclaim" must be a non-empty string';
  const entry: FactCheck = { id, claim, publisher: 'PolitiFact' };
  const speaker = optionalString(record, 'speaker');
  if (speaker) entry.speaker = speaker;
  const label = optionalString(record, 'truth_label');
  if (label) entry.verdict = politifactVerdict(label);
  const path = optionalString(record, 'url');
  if (path) entry.url = /^https?:\/\//i.test(path) ? path : path.startsWith('/') ? POLITIFACT_ORIGIN + path : undefined;
  if (!entry.url) delete entry.url;
  const stated = optionalString(record, 'date');
  const date = (stated && politifactStatedDate(stated)) ?? (path && politifactReviewDate(path));
  if (date) entry.date = date;
  const title = optionalString(record, 'title');
  if (title) entry.headline = title;
  return entry;
}

/** A record in our own shape as a FactCheck, or the reason it is not one. */
function fromArchiveRecord(record: Record<string, unknown>): FactCheck | string {
  if (typeof record.id !== 'string' || record.id.trim() === '') return '"id" must be a non-empty string';
  if (typeof record.claim !== 'string' || record.claim.trim() === '') return '"claim" must be a non-empty string';
  const entry: FactCheck = { id: record.id.trim(), claim: record.claim.trim() };
  for (const key of OPTIONAL_FIELDS) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return `"${key}" must be a string`;
    if (value.trim() === '') continue;
    if (key === 'date' && !DATE_PATTERN.test(value.trim())) return `"date" must be a date such as 2019-10-22 (got ${JSON.stringify(value.slice(0, 40))})`;
    entry[key] = value.trim();
  }
  return entry;
}

/**
 * Parses an archive's text. Blank lines are allowed; a line that is not a JSON object with the required fields,
 * or that repeats an earlier id, is reported with its line number and left out.
 */
export function parseFactCheckArchive(text: string): ParsedArchive {
  const entries: FactCheck[] = [];
  const problems: ArchiveProblem[] = [];
  const firstLineOfId = new Map<string, number>();
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let lineNumber = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    lineNumber++;
    const line = body.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (line.trim() === '') {
      if (end === body.length) break;
      continue;
    }
    const problem = (message: string) => problems.push({ line: lineNumber, message });
    if (line.length > MAX_LINE_CHARS) {
      problem(`the line is ${line.length} characters long; a fact-check line is at most ${MAX_LINE_CHARS}`);
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      problem(`not valid JSON (${(error as Error).message})`);
      continue;
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      problem('expected a JSON object');
      continue;
    }
    const fields = record as Record<string, unknown>;
    const parsed = 'vclaim_id' in fields || 'vclaim' in fields ? fromPolitifact(fields) : fromArchiveRecord(fields);
    if (typeof parsed === 'string') {
      problem(parsed);
      continue;
    }
    const earlier = firstLineOfId.get(parsed.id);
    if (earlier !== undefined) {
      problem(`id "${parsed.id}" was already used on line ${earlier}`);
      continue;
    }
    firstLineOfId.set(parsed.id, lineNumber);
    entries.push(parsed);
    if (end === body.length) break;
  }
  return { entries, problems };
}

/** Problems as "FILE:LINE: message" lines, the first MAX_LISTED_PROBLEMS of them and a count of the rest. */
export function describeArchiveProblems(file: string, problems: readonly ArchiveProblem[]): string[] {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((p) => `${file}:${p.line}: ${p.message}`);
  if (problems.length > MAX_LISTED_PROBLEMS) listed.push(`${file}: … and ${problems.length - MAX_LISTED_PROBLEMS} more bad lines`);
  return listed;
}

/** "PolitiFact, 2012": who checked it and the year, for labels. */
export function describeSource(entry: FactCheck): string {
  return [entry.publisher, entry.date?.slice(0, 4)].filter(Boolean).join(', ');
}

// Writing: the ClaimReview import appends what it found to the workspace archive, one record a line.

/** The default archive (the first entry of `claims.factChecks.archives`), relative to the workspace folder. */
export const DEFAULT_ARCHIVE = 'fact-checks.jsonl';

/** A record as written to an archive: the same shape the reader gives back. */
export type FactCheckRecord = FactCheck;

const KEY_ORDER = ['id', 'claim', 'speaker', 'date', 'verdict', 'url', 'headline', 'publisher'] as const;

/** One record as its archive line (fixed key order, other keys after in name order, no newline), so archives diff line by line in git. */
export function factCheckLine(record: FactCheckRecord): string {
  const fields = record as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if (fields[key] !== undefined) out[key] = fields[key];
  for (const key of Object.keys(fields).sort()) if (!(key in out) && fields[key] !== undefined) out[key] = fields[key];
  return JSON.stringify(out);
}

/**
 * The text to append to an archive holding `existingText` so it gains the records it lacks (by id); refuses
 * (throws) when the archive has bad lines, since appending would bury them.
 */
export function appendToArchive(
  existingText: string,
  records: readonly FactCheckRecord[],
  file: string,
): { text: string; added: FactCheckRecord[]; existing: number } {
  const parsed = parseFactCheckArchive(existingText);
  if (parsed.problems.length > 0) {
    throw new Error(describeArchiveProblems(file, parsed.problems).join('\n') + `\n${file}: fix these lines first; nothing was added`);
  }
  const known = new Set(parsed.entries.map((entry) => entry.id));
  const added = records.filter((record) => !known.has(record.id));
  if (added.length === 0) return { text: '', added, existing: records.length };
  const separator = existingText.length > 0 && !existingText.endsWith('\n') ? '\n' : '';
  return { text: separator + added.map((record) => factCheckLine(record) + '\n').join(''), added, existing: records.length - added.length };
}
