// `claims export`: Markdown report, CSV or W3C Web Annotations for the sidecars the paths name.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownReport } from '../core/app/report';
import { EXPORT_FORMATS, exportCsv, exportW3CJson, type ExportFormat, type W3CArticleClaims } from '../core/interchange/exporters';
import fs from 'node:fs';
import { claimReviewJson, exportClaimReviews, formatIncomplete } from '../core/interchange/claimReview';
import { countOf } from '../core/text/plural';
import { formatIssue } from '../core/sidecar/sidecar';
import { formatScaleIssue, parseVerdictScale, SCALE_FILE, SCALE_PRESETS, scaleChoice, type VerdictScale } from '../core/sidecar/verdictScale';
import { InputError, parseArgs, UsageError } from './args';
import { displayPath, printLines, requireTextFile, safeDocument, safeJson, writeOutputFile, type CliIo } from './io';
import { articleKey, collectSidecars, loadSidecar } from './workspace';

export const EXPORT_HELP = `Usage: claims export [paths...] --format markdown|csv|w3c|claimreview
                    [--out FILE] [--root DIR] [--base URI] [--scale S]

Exports the claims of the sidecars the paths name (articles, sidecars or
folders; default the current folder). Each claim is re-anchored against its
article's current text first.

Formats:
  markdown  a fact-check report: claims by file with status, note, citations
            and conflicts (all sidecar text escaped)
  csv       one row per claim (RFC 4180; cells that could run as spreadsheet
            formulas are prefixed with ')
  w3c       W3C Web Annotation JSON-LD: an array with one Annotation per claim,
            targeting the article with a TextQuoteSelector and a
            TextPositionSelector (in code points); conflict notes as linking
            annotations between the two claims
  claimreview
            schema.org ClaimReview JSON-LD: an array with one ClaimReview per
            reviewed claim (verdict, review fields). A reviewed claim missing
            a required field is listed on stderr with its place and what it
            lacks, is not exported, and the exit code is 1

Options:
  --format F   markdown, csv, w3c or claimreview (required)
  --out FILE   write to FILE instead of standard output
  --root DIR   name articles relative to DIR (default: the current folder)
  --base URI   (w3c) target URI = URI + the article's path under --root,
               instead of the article's file:// URI
  --scale S    (claimreview) the verdict scale that statuses map onto: a
               preset (statuses, six-level, true-misleading-false) or a scale
               file; default --root's .claims/verdict-scale.json if there is
               one, else statuses

Exit: 0 exported, 1 exported but some sidecars were invalid and left out (or,
for claimreview, some reviewed claims lack required fields), 2 usage or input
error.
`;

const OPTIONS = {
  format: { value: true, choices: EXPORT_FORMATS },
  out: { value: true },
  root: { value: true },
  base: { value: true },
  scale: { value: true },
  help: {},
} as const;

/** The scale `--scale` names, else the shared scale file under `root`, else the default preset. */
export function loadScale(io: CliIo, root: string, option: string | undefined): VerdictScale {
  const choice = scaleChoice(option, fs.existsSync(path.join(root, SCALE_FILE)));
  if (choice.kind === 'preset') return SCALE_PRESETS[choice.id]!;
  const file = option !== undefined ? path.resolve(io.cwd, choice.path) : path.join(root, choice.path);
  const text = requireTextFile(io, file, 'scale file');
  const parsed = parseVerdictScale(text, file);
  if (!parsed.ok) {
    throw new InputError(`the verdict scale is invalid:\n${parsed.errors.map((issue) => formatScaleIssue(displayPath(io, file), issue)).join('\n')}`);
  }
  return parsed.scale;
}

export function runExport(io: CliIo, argv: readonly string[]): number {
  const args = parseArgs('export', argv, OPTIONS);
  if (args.flags.has('help')) {
    io.stdout(EXPORT_HELP);
    return 0;
  }
  const format = args.options.get('format') as ExportFormat | undefined;
  if (!format) throw new UsageError('--format is required (markdown, csv, w3c or claimreview)', 'export');
  if (args.options.has('scale') && format !== 'claimreview') throw new UsageError('--scale only applies to --format claimreview', 'export');
  const base = args.options.get('base');
  if (base !== undefined) {
    if (format !== 'w3c') throw new UsageError('--base only applies to --format w3c', 'export');
    if (!URL.canParse(base)) throw new UsageError(`--base must be an absolute URI (got "${base}")`, 'export');
  }
  const root = path.resolve(io.cwd, args.options.get('root') ?? '.');
  const scale = format === 'claimreview' ? loadScale(io, root, args.options.get('scale')) : undefined;
  const entries: W3CArticleClaims[] = [];
  let skipped = 0;
  for (const target of collectSidecars(io, args.positionals)) {
    const loaded = loadSidecar(io, target);
    if (!loaded.sidecar) {
      skipped++;
      printLines(
        io.stderr,
        ...loaded.issues.map((issue) => formatIssue(displayPath(io, loaded.sidecarPath), { ...issue, message: `error: ${issue.message}` })),
      );
      printLines(io.stderr, `${displayPath(io, loaded.sidecarPath)}: left out of the export because it is invalid`);
      continue;
    }
    if (loaded.articleText === undefined) {
      printLines(
        io.stderr,
        `${displayPath(io, loaded.articlePath)}: warning: article ${loaded.articleProblem === 'missing' ? 'not found' : `unreadable (${loaded.articleProblem})`}; its claims are exported unlocated`,
      );
    }
    const article = articleKey(root, loaded.articlePath);
    const source =
      base !== undefined
        ? new URL(article.split('/').map(encodeURIComponent).join('/'), base.endsWith('/') ? base : base + '/').href
        : pathToFileURL(loaded.articlePath).href;
    entries.push({ article, sidecar: loaded.sidecar, text: loaded.articleText, source });
  }
  // Control characters from sidecars and articles are escaped in every format, so printing an export to a
  // terminal or a CI log can neither run terminal sequences nor start a workflow command.
  let incomplete = 0;
  let output: string;
  if (format === 'claimreview') {
    const result = exportClaimReviews(entries, scale!);
    for (const item of result.incomplete) printLines(io.stderr, formatIncomplete(item));
    incomplete = result.incomplete.length;
    if (incomplete > 0) {
      io.stderr(
        `claims export: ${incomplete} reviewed ${incomplete === 1 ? 'claim was' : 'claims were'} left out for missing fields; ${result.records.length} exported\n`,
      );
    }
    output = safeJson(claimReviewJson(result.records));
  } else {
    output =
      format === 'markdown' ? safeDocument(markdownReport(entries)) : format === 'csv' ? safeDocument(exportCsv(entries)) : safeJson(exportW3CJson(entries));
  }
  const out = args.options.get('out');
  if (out !== undefined) {
    if (out.trim() === '') throw new InputError('--out needs a file name');
    writeOutputFile(io, path.resolve(io.cwd, out), output);
    const count = entries.reduce((n, e) => n + e.sidecar.claims.length, 0);
    io.stderr(`claims export: ${countOf(count, 'claim')} from ${countOf(entries.length, 'file')} written to ${out}\n`);
  } else io.stdout(output);
  return skipped > 0 || incomplete > 0 ? 1 : 0;
}
