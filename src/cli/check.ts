// `claims check`: validates sidecars and re-anchors every claim against its article's current text.
import fs from 'node:fs';
import { changedSinceCheckedMessage, describeWordChange } from '../core/anchoring/claimWords';
import { FINDING_SEVERITY, findingsFor, SEVERITIES, type FindingCode, type PartnerArticle, type Severity } from '../core/app/findings';
import { LineIndex, scanJson, type JsonPath } from '../core/sidecar/jsonLocation';
import type { Sidecar } from '../core/sidecar/schema';
import { countOf } from '../core/text/plural';
import { parseSidecar, sidecarPathFor } from '../core/sidecar/sidecar';
import { parseArgs, type ParsedArgs } from './args';
import { cliRoots, displayPath, printLines, readTextFile, safeJson, type CliIo } from './io';
import { isInsideRoots } from '../store/safeRead';
import { collectSidecars, loadSidecar, type LoadedSidecar, type SidecarTarget } from './workspace';

export { SEVERITIES, type Severity, type FindingCode } from '../core/app/findings';

export interface Finding {
  /** The file the line and column refer to: the article for claim findings, else the sidecar. */
  file: string;
  line: number;
  column: number;
  severity: Severity;
  code: FindingCode;
  message: string;
  sidecar: string;
  claim?: string;
}

export const CHECK_HELP = `Usage: claims check [paths...] [--json] [--fail-on error|warning|info]

Validates sidecars and re-anchors each claim against its article's current text.
Paths may be articles, sidecars or folders (searched for *.claims.json, skipping
node_modules and .git); the default is the current folder.

Reports, as file:line:col: severity: message
  error    invalid sidecars (at the bad line and column), unresolved merge conflicts
  warning  orphaned claims, open conflicts, conflict notes pointing at missing claims,
           missing or unreadable articles, checked claims whose text changed since
           ("claim text changed since it was marked supported")
  info     claims without citations
Claim findings point at the claim in the article.

Options:
  --json             print a JSON array of findings
                     ({file, line, column, severity, code, message, sidecar, claim?})
  --fail-on LEVEL    the least severe finding that makes the exit code 1
                     (error, warning or info; default warning)

Exit: 0 nothing at or above --fail-on, 1 such findings, 2 usage or input error.
`;

const OPTIONS = { json: {}, 'fail-on': { value: true, choices: SEVERITIES }, help: {} } as const;

function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > max ? flat.slice(0, max - 1) + '…' : flat}"`;
}

/** Where each JSON path is in the sidecar text, as 1-based line and column. */
function locateInSidecar(text: string, paths: JsonPath[]): { line: number; column: number }[] {
  const scan = scanJson(text, paths, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  const lines = new LineIndex(text);
  return scan.locations.map((location) => (location ? lines.at(location.key?.offset ?? location.value.offset) : { line: 1, column: 1 }));
}

/** The claim ids of the articles that conflict notes point at, read once each. */
class ConflictTargets {
  private readonly cache = new Map<string, Map<string, string> | undefined>();
  constructor(
    private readonly io: CliIo,
    private readonly loaded: readonly LoadedSidecar[],
  ) {}

  /** The other article's claims' words by id (none when it or its sidecar does not exist); undefined if unknowable. */
  claims(articlePath: string): Map<string, string> | undefined {
    if (!this.cache.has(articlePath)) this.cache.set(articlePath, this.read(articlePath));
    return this.cache.get(articlePath);
  }

  private read(articlePath: string): Map<string, string> | undefined {
    const sidecarPath = sidecarPathFor(articlePath);
    // A conflict note's other.article comes from the sidecar's author: nothing outside the roots is read.
    if (!isInsideRoots(articlePath, cliRoots(this.io))) return undefined;
    const known = this.loaded.find((l) => l.sidecarPath === sidecarPath);
    let sidecar: Sidecar | undefined;
    if (known) sidecar = known.sidecar;
    else {
      try {
        const read = readTextFile(this.io, sidecarPath);
        if (read.kind === 'missing') return new Map();
        if (read.kind === 'text') {
          const parsed = parseSidecar(read.text);
          if (parsed.ok) sidecar = parsed.sidecar;
        }
      } catch {
        return undefined;
      }
    }
    return sidecar ? new Map(sidecar.claims.map((c) => [c.id, c.quote.exact])) : undefined;
  }
}

export function checkSidecars(io: CliIo, loaded: readonly LoadedSidecar[]): Finding[] {
  const findings: Finding[] = [];
  const targets = new ConflictTargets(io, loaded);
  const partner = (articlePath: string): PartnerArticle | undefined => {
    const claims = targets.claims(articlePath);
    return claims && { exists: fs.existsSync(articlePath), claims };
  };
  for (const entry of loaded) {
    const sidecarFile = displayPath(io, entry.sidecarPath);
    const articleFile = displayPath(io, entry.articlePath);
    const found = findingsFor({ ...entry, text: entry.articleText, partner });
    const claimSpots = entry.sidecar
      ? locateInSidecar(entry.sidecarText ?? '', [['article'], ...entry.sidecar.claims.map((_, i): JsonPath => ['claims', i])])
      : [];
    const lines = entry.articleText !== undefined ? new LineIndex(entry.articleText) : undefined;
    for (const finding of found) {
      const severity = FINDING_SEVERITY[finding.code];
      const add = (at: { file: string; line: number; column: number }, message: string, claim?: string) =>
        findings.push({ ...at, severity, code: finding.code, message, sidecar: sidecarFile, ...(claim !== undefined ? { claim } : {}) });
      if (finding.code === 'invalid-sidecar') {
        add({ file: sidecarFile, line: finding.issue.line, column: finding.issue.column }, finding.issue.message);
        continue;
      }
      if (finding.code === 'missing-article' || finding.code === 'unreadable-article') {
        add(
          { file: sidecarFile, ...claimSpots[0]! },
          finding.code === 'missing-article'
            ? `article ${articleFile} not found; its ${countOf(finding.claimCount, 'claim')} cannot be checked`
            : `article ${articleFile}: ${finding.problem}; its claims cannot be checked`,
        );
        continue;
      }
      // A claim's findings point at the claim in the article, or at its place in the sidecar when it is not there.
      const at =
        finding.range && lines ? { file: articleFile, ...lines.at(finding.range.start) } : { file: sidecarFile, ...claimSpots[finding.claimIndex + 1]! };
      const { claim } = finding;
      switch (finding.code) {
        case 'orphaned-claim':
          add(at, `claim ${claim.id} is orphaned: ${excerpt(claim.quote.exact)} is no longer in ${articleFile}`, claim.id);
          break;
        case 'changed-since-checked':
          add(at, `claim ${claim.id}: ${changedSinceCheckedMessage(claim)}: ${describeWordChange(finding.checkedWords, claim.quote.exact)}`, claim.id);
          break;
        case 'merge-conflict':
          add(at, `claim ${claim.id} has an unresolved merge conflict (<<<<<<< ours ... >>>>>>> theirs markers)`, claim.id);
          break;
        case 'open-conflict': {
          const { conflict } = finding;
          const values = conflict.thisValue || conflict.otherValue ? `: "${conflict.thisValue}" vs "${conflict.otherValue}"` : '';
          const other =
            finding.partnerWords !== undefined ? `claim ${conflict.other.claim}: ${excerpt(finding.partnerWords)}` : `claim ${conflict.other.claim}`;
          add(at, `claim ${claim.id} has an open ${conflict.kind} conflict with ${conflict.other.article} (${other})${values}`, claim.id);
          break;
        }
        case 'dangling-conflict': {
          const { conflict } = finding;
          const where = finding.partnerArticleExists ? `${conflict.other.article}, which has no such claim` : `${conflict.other.article}, which does not exist`;
          add(at, `claim ${claim.id}: conflict note ${conflict.id} points at claim ${conflict.other.claim} in ${where}`, claim.id);
          break;
        }
        case 'uncited-claim':
          add(at, `claim ${claim.id} has no citations: ${excerpt(claim.quote.exact)}`, claim.id);
          break;
      }
    }
  }
  return findings;
}

/**
 * Loads one sidecar; whatever goes wrong with it (even an unexpected exception) becomes an issue of that
 * sidecar, reported as a finding, so the run goes on to the others.
 */
function loadSidecarOrReport(io: CliIo, target: SidecarTarget): LoadedSidecar {
  try {
    return loadSidecar(io, target);
  } catch (error) {
    const message = `the sidecar could not be checked: ${error instanceof Error ? error.message : String(error)}`;
    return { ...target, issues: [{ message, path: [], line: 1, column: 1, offset: 0, length: 0 }] };
  }
}

export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.column}: ${finding.severity}: ${finding.message}`;
}

export function runCheck(io: CliIo, argv: readonly string[]): number {
  const args: ParsedArgs = parseArgs('check', argv, OPTIONS);
  if (args.flags.has('help')) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  const failOn = (args.options.get('fail-on') ?? 'warning') as Severity;
  const loaded = collectSidecars(io, args.positionals).map((target) => loadSidecarOrReport(io, target));
  const findings = checkSidecars(io, loaded);
  if (args.flags.has('json')) io.stdout(safeJson(JSON.stringify(findings, null, 2)) + '\n');
  else {
    printLines(io.stdout, ...findings.map(formatFinding));
    const counts = SEVERITIES.map((s) => countOf(findings.filter((f) => f.severity === s).length, s, s === 'info' ? 'info' : `${s}s`));
    io.stderr(`claims check: ${countOf(loaded.length, 'sidecar')}, ${counts.join(', ')}\n`);
  }
  const failing = SEVERITIES.slice(0, SEVERITIES.indexOf(failOn) + 1);
  return findings.some((f) => failing.includes(f.severity)) ? 1 : 0;
}
