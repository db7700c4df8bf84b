// `claims match`: "fact-checked before?" from the shell, for sentences on standard input or the claims of sidecars.
import path from 'node:path';
import { anchor } from '../core/anchoring/anchoring';
import { describeArchiveProblems, describeSource, parseFactCheckArchive } from '../core/factChecks/factCheckArchive';
import { FactCheckIndex, type FactCheckMatch, MATCH_THRESHOLD, type MatchQuery } from '../core/factChecks/factCheckMatcher';
import { LineIndex } from '../core/sidecar/jsonLocation';
import { InputError, numberOption, parseArgs, UsageError } from './args';
import { displayPath, requireTextFile, type CliIo } from './io';
import { collectSidecars, loadSidecar } from './workspace';

export const MATCH_HELP = `Usage: claims match --archive FILE [--top K] --lines
       claims match --archive FILE [paths...] [--json]

Finds earlier fact-checks of the same claim in an archive of published
fact-checks (JSON Lines: {"id", "claim", "speaker"?, "date"?, "verdict"?,
"url"?, "headline"?, "publisher"?}, or PolitiFact's {"vclaim_id", "vclaim",
"truth_label", ...}).

  --lines       read sentences from standard input, one per line, and print
                one JSON object per line: {"text", "matches": [{"id", "score",
                "claim", "verdict", "url"}]}, the best K matches, best first
  paths...      the claims of these sidecars, articles or folders (default .);
                lists the matches scoring at least the threshold

Options:
  --archive FILE    the archive to search (required)
  --top K           how many matches per sentence or claim (default 5; 1-100)
  --min-score S     the threshold (default ${MATCH_THRESHOLD}, chosen on held-out data);
                    with --lines it also drops matches below it
  --speaker NAME    who made the claims, when known (raises their checks)
  --date YYYY-MM-DD when the claims were made, when known
  --json            print a JSON array ({file, line, column, claim, text,
                    matches}) instead of one line per match

Bad archive lines are reported on standard error as FILE:LINE and skipped.
Exit: 0 no sentence or claim has a match at or above the threshold,
      1 findings: at least one has (it was probably checked before),
      2 usage or input error (including an archive with no usable line).
`;

const OPTIONS = {
  archive: { value: true },
  top: { value: true },
  'min-score': { value: true },
  speaker: { value: true },
  date: { value: true },
  lines: {},
  json: {},
  help: {},
} as const;

/** One match as printed: the archive's own id and the fields a script needs. */
function printable(match: FactCheckMatch) {
  const { entry } = match;
  return { id: entry.id, score: match.score, claim: entry.claim, verdict: entry.verdict ?? null, url: entry.url ?? null };
}

/** Archive text comes from strangers: no control characters (terminal escapes) reach the terminal. */
function terminalSafe(text: string): string {
  return text.replace(/[\p{Cc}\s]+/gu, ' ').trim();
}

function loadArchive(io: CliIo, file: string): FactCheckIndex {
  const full = path.resolve(io.cwd, file);
  const text = requireTextFile(io, full, 'archive');
  const { entries, problems } = parseFactCheckArchive(text);
  for (const line of describeArchiveProblems(displayPath(io, full), problems)) io.stderr(`${line}\n`);
  if (entries.length === 0) throw new InputError(`${displayPath(io, full)}: no fact-check could be read (see the lines above, or is the file empty?)`);
  return FactCheckIndex.build(entries);
}

export async function runMatch(io: CliIo, argv: readonly string[]): Promise<number> {
  const args = parseArgs('match', argv, OPTIONS);
  if (args.flags.has('help')) {
    io.stdout(MATCH_HELP);
    return 0;
  }
  const archive = args.options.get('archive');
  if (!archive) throw new UsageError('--archive FILE is required', 'match');
  const topOption = numberOption('match', args, 'top', 1, 100);
  if (topOption !== undefined && !Number.isInteger(topOption)) throw new UsageError(`--top must be a whole number (got "${args.options.get('top')}")`, 'match');
  const top = topOption ?? 5;
  const minScore = numberOption('match', args, 'min-score', 0, 100);
  const threshold = minScore ?? MATCH_THRESHOLD;
  const date = args.options.get('date');
  if (date !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))) {
    throw new UsageError(`--date must be a date such as 2012-10-22 (got "${date}")`, 'match');
  }
  const context: Omit<MatchQuery, 'text'> = { speaker: args.options.get('speaker'), date };
  if (args.flags.has('lines')) {
    if (args.positionals.length > 0) throw new UsageError('--lines reads standard input and takes no paths', 'match');
    if (args.flags.has('json')) throw new UsageError('--lines always prints JSON lines; drop --json', 'match');
    const index = loadArchive(io, archive);
    const input = await io.readStdin();
    const lines = input.split(/\r?\n/);
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    let findings = 0;
    for (const text of lines) {
      const matches = index.match({ text, ...context }, { top, minScore });
      if ((matches[0]?.score ?? -Infinity) >= threshold) findings++;
      io.stdout(JSON.stringify({ text, matches: matches.map(printable) }) + '\n');
    }
    return findings > 0 ? 1 : 0;
  }
  const targets = collectSidecars(io, args.positionals);
  const index = loadArchive(io, archive);
  const results: Array<{ file: string; line: number; column: number; claim: string; text: string; matches: ReturnType<typeof printable>[] }> = [];
  let findings = 0;
  for (const target of targets) {
    const loaded = loadSidecar(io, target);
    if (!loaded.sidecar) {
      io.stderr(`${displayPath(io, target.sidecarPath)}: warning: the sidecar is invalid and was skipped (run claims check)\n`);
      continue;
    }
    const lines = loaded.articleText !== undefined ? new LineIndex(loaded.articleText) : undefined;
    const file = displayPath(io, target.articlePath);
    for (const claim of loaded.sidecar.claims) {
      const matches = index.match({ text: claim.quote.exact, ...context }, { top, minScore: threshold });
      if (matches.length > 0) findings++;
      const found =
        loaded.articleText !== undefined ? anchor(loaded.articleText, { ...claim.quote, start: claim.position.start, end: claim.position.end }) : undefined;
      const where = lines ? lines.at(found ? found.start : Math.min(claim.position.start, loaded.articleText!.length)) : { line: 1, column: 1 };
      results.push({ file, ...where, claim: claim.id, text: claim.quote.exact, matches: matches.map(printable) });
    }
  }
  if (args.flags.has('json')) io.stdout(JSON.stringify(results, null, 2) + '\n');
  else {
    const byId = new Map(index.entries.map((entry) => [entry.id, entry]));
    for (const result of results) {
      for (const match of result.matches) {
        const entry = byId.get(match.id)!;
        const source = terminalSafe(describeSource(entry));
        const verdict = entry.verdict ? ` — ${terminalSafe(entry.verdict)}` : '';
        const url = entry.url ? ` ${terminalSafe(entry.url)}` : '';
        io.stdout(
          `${result.file}:${result.line}:${result.column}: info: checked before (score ${match.score.toFixed(2)}): ${source ? `${source}: ` : ''}"${terminalSafe(entry.claim)}"${verdict}${url}\n`,
        );
      }
    }
    if (findings === 0) io.stderr(`no claim of ${results.length} has an earlier fact-check scoring ${threshold} or more\n`);
  }
  return findings > 0 ? 1 : 0;
}
