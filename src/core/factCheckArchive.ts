// The workspace archive of known fact-checks: a JSON Lines file (one object a line), so a newsroom keeps the
// fact-checks it has published or imported under git, with one-line diffs. The format is shared with the
// fact-check matcher: {"id", "claim", "speaker"?, "date"?: "YYYY-MM-DD", "verdict"?, "url"?, "headline"?,
// "publisher"?}. A bad line is reported with its line number and never rewritten.
import { z } from 'zod';

/** The default of the `claims.factChecks.archives` setting's first entry, relative to the workspace folder. */
export const DEFAULT_ARCHIVE = 'fact-checks.jsonl';

export const FactCheckRecordSchema = z.looseObject({
  id: z.string().min(1, 'the id must not be empty'),
  claim: z.string().min(1, 'the claim must not be empty'),
  speaker: z.string().optional(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2024-11-07')
    .optional(),
  verdict: z.string().optional(),
  url: z.string().optional(),
  headline: z.string().optional(),
  publisher: z.string().optional(),
});

export type FactCheckRecord = z.infer<typeof FactCheckRecordSchema>;

export interface ArchiveProblem {
  /** 1-based. */
  line: number;
  message: string;
}

export interface ParsedArchive {
  records: FactCheckRecord[];
  problems: ArchiveProblem[];
}

/** Reads an archive; blank lines are allowed, every other line must be one valid record. */
export function parseFactCheckArchive(text: string): ParsedArchive {
  const result: ParsedArchive = { records: [], problems: [] };
  const seen = new Map<string, number>();
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        result.problems.push({ line, message: `not a JSON object: ${(error as Error).message}` });
        return;
      }
      const parsed = FactCheckRecordSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = issue.path.length > 0 ? `"${issue.path.join('.')}": ` : '';
        const message = issue.code === 'invalid_type' && issue.path.length > 0 && (value as Record<string, unknown>)?.[String(issue.path[0])] === undefined ? 'missing' : issue.message;
        result.problems.push({ line, message: `${field}${message}` });
        return;
      }
      const earlier = seen.get(parsed.data.id);
      if (earlier !== undefined) {
        result.problems.push({ line, message: `the id "${parsed.data.id}" is already used on line ${earlier}` });
        return;
      }
      seen.set(parsed.data.id, line);
      result.records.push(parsed.data);
    });
  return result;
}

const KEY_ORDER = ['id', 'claim', 'speaker', 'date', 'verdict', 'url', 'headline', 'publisher'];

/** One record as its archive line (fixed key order, unknown keys after, no newline). */
export function factCheckLine(record: FactCheckRecord): string {
  const out: Record<string, unknown> = {};
  for (const key of KEY_ORDER) if ((record as Record<string, unknown>)[key] !== undefined) out[key] = (record as Record<string, unknown>)[key];
  for (const key of Object.keys(record).sort()) if (!(key in out)) out[key] = (record as Record<string, unknown>)[key];
  return JSON.stringify(out);
}

/**
 * The text to append to an archive holding `existingText` so it gains the records it lacks (by id); refuses
 * (throws) when the archive has bad lines, since appending would bury them.
 */
export function appendToArchive(existingText: string, records: readonly FactCheckRecord[], file: string): { text: string; added: FactCheckRecord[]; existing: number } {
  const parsed = parseFactCheckArchive(existingText);
  if (parsed.problems.length > 0) {
    throw new Error(parsed.problems.map((p) => `${file}:${p.line}: ${p.message}`).join('\n') + `\n${file}: fix these lines first; nothing was added`);
  }
  const known = new Set(parsed.records.map((r) => r.id));
  const added = records.filter((r) => !known.has(r.id));
  if (added.length === 0) return { text: '', added, existing: records.length };
  const separator = existingText.length > 0 && !existingText.endsWith('\n') ? '\n' : '';
  return { text: separator + added.map((r) => factCheckLine(r) + '\n').join(''), added, existing: records.length - added.length };
}
