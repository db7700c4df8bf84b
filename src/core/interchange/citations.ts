// Citations in and out: BibTeX (through biblatex-csl-converter, the parser Fidus Writer maintains) and
// CSL-JSON (what Zotero and Pandoc exchange), mapped to the sidecar's citation fields. The CSL item is
// kept whole on the citation so nothing from the reference manager is lost.
import { BibLatexParser, CSLExporter } from 'biblatex-csl-converter';
import { normalizeDoi, safeWebUrl } from './links';
import { partialDate, type Citation } from '../sidecar/schema';

export type CitationDraft = Partial<Pick<Citation, 'url' | 'doi' | 'title' | 'author' | 'publisher' | 'issued' | 'accessed' | 'quote' | 'note' | 'csl'>>;

export interface CitationImport {
  /** Entries in file order, each with a label for pickers. */
  entries: Array<{ key: string; label: string; citation: CitationDraft }>;
  /** Problems with their place, e.g. "line 12: expected }". */
  problems: string[];
}

type CslItem = Record<string, unknown>;

export function parseCitations(text: string): CitationImport {
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseCslJson(trimmed);
  if (trimmed.includes('@')) return parseBibtex(text);
  return { entries: [], problems: ['the text is neither BibTeX (entries start with @) nor CSL-JSON (a JSON array or object)'] };
}

function parseCslJson(text: string): CitationImport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { entries: [], problems: [`CSL-JSON is not valid JSON: ${(error as Error).message}`] };
  }
  const items = Array.isArray(data) ? data : [data];
  const problems: string[] = [];
  const entries: CitationImport['entries'] = [];
  items.forEach((item, index) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`item ${index + 1}: expected a CSL-JSON object`);
      return;
    }
    const citation = citationFromCsl(item as CslItem);
    if (!citation.title && !citation.url && !citation.doi) {
      problems.push(`item ${index + 1}: no title, URL or DOI`);
      return;
    }
    const key = typeof (item as CslItem).id === 'string' || typeof (item as CslItem).id === 'number' ? String((item as CslItem).id) : `item${index + 1}`;
    entries.push({ key, label: citation.title ?? citation.url ?? citation.doi ?? key, citation });
  });
  return { entries, problems };
}

function parseBibtex(text: string): CitationImport {
  const parser = new BibLatexParser(text, { processUnexpected: true, processUnknown: true });
  const result = parser.parse() as unknown as {
    entries: Record<string, { entry_key: string }>;
    errors: Array<{ type: string; line?: number; expected?: string; found?: string; key?: string }>;
  };
  const csl = new CSLExporter(result.entries as unknown as ConstructorParameters<typeof CSLExporter>[0]).parse() as Record<string, CslItem>;
  const problems = result.errors.map((error) => {
    const where = error.line ? `line ${error.line}: ` : '';
    const detail = error.expected ? `expected "${error.expected}"${error.found ? `, found "${error.found}"` : ''}` : error.type.replace(/_/g, ' ');
    return `${where}${detail}`;
  });
  const entries: CitationImport['entries'] = [];
  for (const [id, item] of Object.entries(csl)) {
    const key = result.entries[id]?.entry_key ?? id;
    const citation = citationFromCsl({ ...item, id: key });
    if (!citation.title && !citation.url && !citation.doi) {
      problems.push(`entry ${key}: no title, URL or DOI`);
      continue;
    }
    entries.push({ key, label: citation.title ?? citation.url ?? key, citation });
  }
  return { entries, problems };
}

export function citationFromCsl(item: CslItem): CitationDraft {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const doi = text(item.DOI) ? normalizeDoi(String(item.DOI)) : undefined;
  const url = text(item.URL) ? safeWebUrl(String(item.URL)) : undefined;
  const draft: CitationDraft = {};
  if (url) draft.url = url;
  if (doi) draft.doi = doi;
  const title = text(item.title);
  if (title) draft.title = title;
  const author = namesFromCsl(item.author);
  if (author) draft.author = author;
  const publisher = text(item.publisher) ?? text(item['container-title']);
  if (publisher) draft.publisher = publisher;
  const issued = dateFromCsl(item.issued);
  if (issued) draft.issued = issued;
  const accessed = dateFromCsl(item.accessed);
  if (accessed) draft.accessed = accessed;
  const note = text(item.note);
  if (note) draft.note = note;
  draft.csl = sanitizeCsl(item);
  return draft;
}

function namesFromCsl(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value
    .map((name) => {
      if (typeof name !== 'object' || name === null) return '';
      const n = name as Record<string, unknown>;
      if (typeof n.literal === 'string') return n.literal;
      return [n.given, n.family].filter((part) => typeof part === 'string' && part).join(' ');
    })
    .filter(Boolean);
  return names.length ? names.join('; ') : undefined;
}

function dateFromCsl(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const parts = (value as { 'date-parts'?: unknown })['date-parts'];
  if (!Array.isArray(parts) || !Array.isArray(parts[0])) return undefined;
  const [year, month, day] = (parts[0] as unknown[]).map((p) => Number(p));
  if (!Number.isInteger(year)) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  const isInteger = (n: number | undefined): n is number => Number.isInteger(n);
  const candidate = [String(year).padStart(4, '0'), isInteger(month) ? pad(month) : undefined, isInteger(month) && isInteger(day) ? pad(day) : undefined]
    .filter(Boolean)
    .join('-');
  return partialDate.safeParse(candidate).success ? candidate : undefined;
}

/** A plain-data copy of a CSL item without keys that could pollute prototypes when read back. */
function sanitizeCsl(item: CslItem): Record<string, unknown> {
  return JSON.parse(JSON.stringify(item), (key, value) => (key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value));
}

/** A CSL-JSON item for a citation: the stored one when it came from a reference manager, else built. */
export function cslFromCitation(citation: Citation): Record<string, unknown> {
  if (citation.csl) return { ...citation.csl, id: citation.csl.id ?? citation.id };
  const item: Record<string, unknown> = { id: citation.id, type: citation.url ? 'webpage' : 'article' };
  if (citation.title) item.title = citation.title;
  if (citation.url) item.URL = citation.url;
  if (citation.doi) item.DOI = citation.doi;
  if (citation.author) item.author = citation.author.split(/;\s*/).map((literal) => ({ literal }));
  if (citation.publisher) item.publisher = citation.publisher;
  const toParts = (date: string) => ({ 'date-parts': [date.split('-').map(Number)] });
  if (citation.issued) item.issued = toParts(citation.issued);
  if (citation.accessed) item.accessed = toParts(citation.accessed);
  if (citation.note) item.note = citation.note;
  return item;
}

/** A BibTeX entry for a citation, with braces and backslashes in values escaped. */
export function bibtexFromCitation(citation: Citation): string {
  const escape = (value: string) => value.replace(/[\\{}]/g, (ch) => `\\${ch}`);
  const fields: Array<[string, string | undefined]> = [
    ['title', citation.title],
    ['author', citation.author?.split(/;\s*/).join(' and ')],
    ['publisher', citation.publisher],
    ['year', citation.issued?.slice(0, 4)],
    ['month', citation.issued?.slice(5, 7) || undefined],
    ['url', citation.url],
    ['doi', citation.doi],
    ['urldate', citation.accessed],
    ['note', citation.note],
  ];
  const body = fields
    .filter((field): field is [string, string] => Boolean(field[1]))
    .map(([name, value]) => `  ${name} = {${escape(value)}}`)
    .join(',\n');
  return `@${citation.url ? 'online' : 'article'}{${citation.id},\n${body}\n}\n`;
}
