// `claims conflicts`: suggested conflicts between claims (and candidate sentences) across articles.
import { suggestConflicts, type ConflictArticle, type SuggestedStatement } from '../core/app/conflictSuggestions';
import { LineIndex } from '../core/sidecar/jsonLocation';
import type { Sidecar } from '../core/sidecar/schema';
import { countOf } from '../core/text/plural';
import { parseSidecar, sidecarPathFor } from '../core/sidecar/sidecar';
import { parseArgs } from './args';
import { displayPath, printLines, readTextFile, safeJson, type CliIo } from './io';
import { readArticleOrWarn } from './spot';
import { collectArticles } from './workspace';

export const CONFLICTS_HELP = `Usage: claims conflicts [paths...] [--json]

Suggests conflicts: claims, and check-worthy sentences that are not claims yet,
about the same subject whose dates or amounts cannot both be true. Paths may be
articles, sidecars or folders (searched for *.md, *.markdown and *.txt); the
default is the current folder. Suggestions that were dismissed, or that are
already recorded as conflict notes, are left out.

Two figures conflict only when they measure the same thing: the same measure
(deaths, jobs added, an initial investment), the same subject and the same
period. Within one article only a deal's figures are compared.

A dismissal (Find Conflicting Claims in the editor) is remembered by the text of
both sentences, so it holds in any copy or clone of the folder.

Options:
  --json   print a JSON array of suggestions ({key, kind, measure, period?,
           explanation, score, a: {file, line, column, claim?, text, value},
           b: {...}})

Exit: 0 no suggestions, 1 suggestions found, 2 usage or input error.
`;

const OPTIONS = { json: {}, help: {} } as const;

interface Statement {
  file: string;
  line: number;
  column: number;
  /** The claim id; absent for a candidate sentence. */
  claim?: string;
  text: string;
}

export interface ConflictReport {
  key: string;
  kind: string;
  /** What both values measure ("people killed", "age of Buckley"). */
  measure: string;
  /** The period both are for, when the claims name one. */
  period?: string;
  explanation: string;
  score: number;
  a: Statement & { value: string };
  b: Statement & { value: string };
}

export async function runConflicts(io: CliIo, argv: readonly string[]): Promise<number> {
  const args = parseArgs('conflicts', argv, OPTIONS);
  if (args.flags.has('help')) {
    io.stdout(CONFLICTS_HELP);
    return 0;
  }
  const articles: ConflictArticle[] = [];
  const places = new Map<string, { file: string; lines: LineIndex }>();
  for (const articlePath of collectArticles(io, args.positionals)) {
    const text = readArticleOrWarn(io, articlePath);
    if (text === undefined) continue;
    articles.push({ articlePath, text, sidecar: readSidecarQuietly(io, articlePath) });
    places.set(articlePath, { file: displayPath(io, articlePath), lines: new LineIndex(text) });
  }
  const statement = (s: SuggestedStatement): Statement & { value: string } => {
    const place = places.get(s.article)!;
    return { file: place.file, ...place.lines.at(s.start), ...(s.ref.kind === 'claim' ? { claim: s.ref.claimId } : {}), text: s.text, value: s.value };
  };
  const reports: ConflictReport[] = suggestConflicts(articles).map((suggestion) => ({
    key: suggestion.key,
    kind: suggestion.kind,
    measure: suggestion.measure,
    ...(suggestion.period ? { period: suggestion.period } : {}),
    explanation: suggestion.explanation,
    score: Math.round(suggestion.score * 1e4) / 1e4,
    a: statement(suggestion.a),
    b: statement(suggestion.b),
  }));

  if (args.flags.has('json')) io.stdout(safeJson(JSON.stringify(reports, null, 2)) + '\n');
  else {
    for (const r of reports) {
      printLines(
        io.stdout,
        `${r.a.file}:${r.a.line}:${r.a.column}: warning: possible ${r.kind} conflict: "${r.a.value}" here vs "${r.b.value}" at ${r.b.file}:${r.b.line}:${r.b.column}: ${r.explanation}`,
      );
    }
    io.stderr(`claims conflicts: ${countOf(reports.length, 'suggestion')}\n`);
  }
  return reports.length > 0 ? 1 : 0;
}

/** The article's sidecar if it has a valid one; `claims check` is the place that reports what is wrong with it. */
function readSidecarQuietly(io: CliIo, articlePath: string): Sidecar | undefined {
  const read = readTextFile(io, sidecarPathFor(articlePath));
  if (read.kind !== 'text') return undefined;
  const parsed = parseSidecar(read.text);
  if (parsed.ok) return parsed.sidecar;
  printLines(
    io.stderr,
    `${displayPath(io, sidecarPathFor(articlePath))}: warning: the sidecar is invalid, so existing claims are not left out (run claims check)`,
  );
  return undefined;
}
