// `claims conflicts`: suggested conflicts between claims (and candidate sentences) across articles.
import path from 'node:path';
import { anchor } from '../core/anchoring/anchoring';
import { findConflicts } from '../core/conflicts/conflicts';
import { LineIndex } from '../core/sidecar/jsonLocation';
import type { Sidecar } from '../core/sidecar/schema';
import { countOf } from '../core/text/plural';
import { parseSidecar, sidecarPathFor } from '../core/sidecar/sidecar';
import { articleDateFrom } from '../core/conflicts/values';
import { parseArgs } from './args';
import { displayPath, printLines, readTextFile, safeJson, type CliIo } from './io';
import { readArticleOrWarn, spotArticle } from './spot';
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
  const inputs: Parameters<typeof findConflicts>[0] = [];
  const statements = new Map<string, Statement>();
  const dismissed = new Set<string>();
  const linked = new Set<string>();
  const pairKey = (articleA: string, idA: string, articleB: string, idB: string) => `${articleA}\u0000${idA}\u0000${articleB}\u0000${idB}`;

  for (const articlePath of collectArticles(io, args.positionals)) {
    const text = readArticleOrWarn(io, articlePath);
    if (text === undefined) continue;
    const lines = new LineIndex(text);
    const file = displayPath(io, articlePath);
    const articleDate = articleDateFrom(text);
    const sidecar = readSidecarQuietly(io, articlePath);
    for (const key of sidecar?.dismissed?.conflicts ?? []) dismissed.add(key);
    for (const claim of sidecar?.claims ?? []) {
      for (const conflict of claim.conflicts) {
        const other = path.resolve(path.dirname(articlePath), conflict.other.article);
        linked.add(pairKey(articlePath, claim.id, other, conflict.other.claim));
        linked.add(pairKey(other, conflict.other.claim, articlePath, claim.id));
      }
      const found = anchor(text, { ...claim.quote, start: claim.position.start, end: claim.position.end });
      if (!found) continue;
      inputs.push({ article: articlePath, id: claim.id, text: claim.quote.exact, articleDate });
      statements.set(`${articlePath}\u0000${claim.id}`, { file, ...lines.at(found.start), claim: claim.id, text: claim.quote.exact });
    }
    // All check-worthy sentences, not only the budget an article shows (checkWorthySentences in the core).
    for (const candidate of spotArticle(io, articlePath, text, { budget: false })) {
      const id = `candidate:${candidate.start}-${candidate.end}`;
      inputs.push({ article: articlePath, id, text: candidate.text, articleDate });
      statements.set(`${articlePath}\u0000${id}`, { file, line: candidate.line, column: candidate.column, text: candidate.text });
    }
  }

  const reports: ConflictReport[] = [];
  for (const suggestion of findConflicts(inputs)) {
    if (dismissed.has(suggestion.key)) continue;
    if (linked.has(pairKey(suggestion.a.article, suggestion.a.id, suggestion.b.article, suggestion.b.id))) continue;
    const a = statements.get(`${suggestion.a.article}\u0000${suggestion.a.id}`);
    const b = statements.get(`${suggestion.b.article}\u0000${suggestion.b.id}`);
    if (!a || !b) continue;
    reports.push({
      key: suggestion.key,
      kind: suggestion.kind,
      measure: suggestion.measure,
      ...(suggestion.period ? { period: suggestion.period } : {}),
      explanation: suggestion.explanation,
      score: Math.round(suggestion.score * 1e4) / 1e4,
      a: { ...a, value: suggestion.a.value },
      b: { ...b, value: suggestion.b.value },
    });
  }

  if (args.flags.has('json')) io.stdout(safeJson(JSON.stringify(reports, null, 2)) + '\n');
  else {
    for (const r of reports) {
      printLines(io.stdout, `${r.a.file}:${r.a.line}:${r.a.column}: warning: possible ${r.kind} conflict: "${r.a.value}" here vs "${r.b.value}" at ${r.b.file}:${r.b.line}:${r.b.column}: ${r.explanation}`);
    }
    io.stderr(`claims conflicts: ${countOf(reports.length, 'suggestion')}\n`);
  }
  return reports.length > 0 ? 1 : 0;
}

/** The article's sidecar if it has a valid one; `claims check` is the place that reports broken ones. */
function readSidecarQuietly(io: CliIo, articlePath: string): Sidecar | undefined {
  const read = readTextFile(io, sidecarPathFor(articlePath));
  if (read.kind !== 'text') return undefined;
  const parsed = parseSidecar(read.text);
  return parsed.ok ? parsed.sidecar : undefined;
}
