// `claims spot`: check-worthy sentences that are not claims yet, and `--lines` scoring for scripts.
import { anchor } from '../core/anchoring/anchoring';
import { LineIndex } from '../core/sidecar/jsonLocation';
import { parseSidecar, sidecarPathFor } from '../core/sidecar/sidecar';
import { claimTypeOf, DEFAULT_SPOT_SHARE, describeReason, scoreSentence, spotClaims, spotThreshold, type SpottedSentence } from '../core/spotting/spotter';
import { numberOption, parseArgs, UsageError } from './args';
import { displayPath, printLines, readArticleFile, readTextFile, requireTextFile, safeJson, type CliIo } from './io';
import { collectArticles } from './workspace';

export const SPOT_HELP = `Usage: claims spot FILE... [--json] [--threshold N] [--share N] [--all]
       claims spot --lines [--threshold N]

Finds check-worthy sentences (claim candidates) in articles, as the editor
shows them: each article's top-scoring sentences above the threshold, at most
a share of its sentences (and never more than 15), highest score first, each
with its claim type (statistic, comparison, cause, rule, prediction, quote,
date, other). Headlines, datelines, bylines and opinion quotes are left out
unless they hold a checkable fact. FILE may be an article or a folder
(searched for *.md, *.markdown and *.txt). Sentences that are already claims,
or that were dismissed as candidates, are left out.

Options:
  --json          print a JSON array ({file, line, column, start, end, text,
                  score, type, reason, checkWorthy, cues}); start/end are
                  UTF-16 offsets
  --threshold N   the calibrated score (0..1) from which a sentence counts as
                  check-worthy (default: the shipped model's threshold)
  --share N       the largest share (0..1) of an article's sentences listed
                  (default ${DEFAULT_SPOT_SHARE}, as the claims.spotShare setting)
  --all           list every sentence in document order with its score, not
                  only the candidates
  --lines         read sentences from standard input, one per line, and print
                  one JSON object per line: {"text", "score", "type",
                  "checkWorthy"} (no budget: each line is judged alone)

Articles that cannot be analysed (not UTF-8, not a regular file, too large) are
reported on standard error and skipped.

Exit: 0 success (whether or not anything was found), 2 usage or input error.
`;

const OPTIONS = { json: {}, threshold: { value: true }, share: { value: true }, all: {}, lines: {}, help: {} } as const;

export interface SpotFinding extends SpottedSentence {
  file: string;
  line: number;
  column: number;
}

/** Spans already covered by claims, and sentences the user dismissed, from the article's sidecar. */
function alreadyHandled(io: CliIo, articlePath: string, text: string): { claimed: { start: number; end: number }[]; dismissed: Set<string> } {
  const read = readTextFile(io, sidecarPathFor(articlePath));
  if (read.kind !== 'text') return { claimed: [], dismissed: new Set() };
  const parsed = parseSidecar(read.text);
  if (!parsed.ok) {
    printLines(
      io.stderr,
      `${displayPath(io, sidecarPathFor(articlePath))}: warning: the sidecar is invalid, so existing claims are not left out (run claims check)`,
    );
    return { claimed: [], dismissed: new Set() };
  }
  const claimed = parsed.sidecar.claims.flatMap((claim) => {
    const found = anchor(text, { ...claim.quote, start: claim.position.start, end: claim.position.end });
    return found ? [{ start: found.start, end: found.end }] : [];
  });
  return { claimed, dismissed: new Set(parsed.sidecar.dismissed?.candidates ?? []) };
}

/**
 * The candidates of one article that are not claims or dismissed yet, highest score first, as the editor shows
 * them; with `all`, every sentence in document order.
 */
export function spotArticle(io: CliIo, articlePath: string, text: string, options: { threshold?: number; share?: number; all?: boolean }): SpotFinding[] {
  const { claimed, dismissed } = alreadyHandled(io, articlePath, text);
  const lines = new LineIndex(text);
  const file = displayPath(io, articlePath);
  const isHandled = (s: { start: number; end: number; text: string }) => dismissed.has(s.text) || claimed.some((c) => c.start < s.end && s.start < c.end);
  const spotted = spotClaims(text, { threshold: options.threshold, share: options.share, isHandled });
  const listed = options.all ? spotted : spotted.filter((s) => s.shown).sort((a, b) => b.score - a.score || a.start - b.start);
  return listed.filter((s) => !isHandled(s)).map((s) => ({ file, ...lines.at(s.start), ...s }));
}

/**
 * An article's text, or undefined after a warning on standard error when it cannot be analysed (not UTF-8,
 * a FIFO or device, too large, a link leaving the workspace): one bad file never stops a whole-folder run.
 * A missing file is still an input error, since the user named it.
 */
export function readArticleOrWarn(io: CliIo, articlePath: string): string | undefined {
  const read = readArticleFile(io, articlePath);
  if (read.kind === 'text') return read.text;
  if (read.kind === 'missing') return requireTextFile(io, articlePath, 'article');
  const problem = read.kind === 'bad-encoding' ? `${read.problem}; articles must be UTF-8 text` : read.problem;
  printLines(io.stderr, `${displayPath(io, articlePath)}: warning: not analysed: ${problem}`);
  return undefined;
}

async function spotLines(io: CliIo, threshold: number): Promise<number> {
  const input = await io.readStdin();
  const lines = input.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    const { score } = scoreSentence(line);
    const type = claimTypeOf(line)?.type ?? 'other';
    io.stdout(safeJson(JSON.stringify({ text: line, score: Math.round(score * 1e4) / 1e4, type, checkWorthy: score >= threshold })) + '\n');
  }
  return 0;
}

export async function runSpot(io: CliIo, argv: readonly string[]): Promise<number> {
  const args = parseArgs('spot', argv, OPTIONS);
  if (args.flags.has('help')) {
    io.stdout(SPOT_HELP);
    return 0;
  }
  const threshold = numberOption('spot', args, 'threshold', 0, 1);
  const share = numberOption('spot', args, 'share', 0, 1);
  if (args.flags.has('lines')) {
    if (args.positionals.length > 0) throw new UsageError('--lines reads standard input and takes no FILE', 'spot');
    if (share !== undefined) throw new UsageError('--share applies to articles; --lines judges each line alone', 'spot');
    if (args.flags.has('json') || args.flags.has('all')) {
      throw new UsageError('--lines always prints JSON lines for every input line; drop --json and --all', 'spot');
    }
    return spotLines(io, threshold ?? spotThreshold());
  }
  if (args.positionals.length === 0) throw new UsageError('name at least one article or folder (or use --lines)', 'spot');
  const findings: SpotFinding[] = [];
  for (const articlePath of collectArticles(io, args.positionals)) {
    const text = readArticleOrWarn(io, articlePath);
    if (text === undefined) continue;
    // One push per finding: spreading 130,000 of them into one call overflows the stack.
    for (const finding of spotArticle(io, articlePath, text, { threshold, share, all: args.flags.has('all') })) findings.push(finding);
  }
  if (args.flags.has('json')) {
    const rounded = findings.map((f) => ({
      file: f.file,
      line: f.line,
      column: f.column,
      start: f.start,
      end: f.end,
      text: f.text,
      score: Math.round(f.score * 1e4) / 1e4,
      type: f.type,
      reason: describeReason(f.type, f.evidence),
      checkWorthy: f.checkWorthy,
      cues: f.cues,
    }));
    io.stdout(safeJson(JSON.stringify(rounded, null, 2)) + '\n');
  } else {
    for (const f of findings) {
      const label = f.shown ? `candidate claim, ${describeReason(f.type, f.evidence)}` : f.checkWorthy ? 'check-worthy, over the budget' : 'sentence';
      printLines(io.stdout, `${f.file}:${f.line}:${f.column}: info: ${label} (score ${f.score.toFixed(2)}): ${f.text.replace(/\s+/g, ' ')}`);
    }
  }
  return 0;
}
