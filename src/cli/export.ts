// `claims export`: Markdown report, CSV or W3C Web Annotations for the sidecars the paths name.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXPORT_FORMATS, exportCsv, exportMarkdown, exportW3CJson, type ExportFormat, type W3CArticleClaims } from '../core/exporters';
import { countOf } from '../core/plural';
import { formatIssue } from '../core/sidecar';
import { InputError, parseArgs, UsageError } from './args';
import { displayPath, writeOutputFile, type CliIo } from './io';
import { articleKey, collectSidecars, loadSidecar } from './workspace';

export const EXPORT_HELP = `Usage: claims export [paths...] --format markdown|csv|w3c [--out FILE]
                    [--root DIR] [--base URI]

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
            TextPositionSelector (in code points)

Options:
  --format F   markdown, csv or w3c (required)
  --out FILE   write to FILE instead of standard output
  --root DIR   name articles relative to DIR (default: the current folder)
  --base URI   (w3c) target URI = URI + the article's path under --root,
               instead of the article's file:// URI

Exit: 0 exported, 1 exported but some sidecars were invalid and left out,
2 usage or input error.
`;

const OPTIONS = { format: { value: true, choices: EXPORT_FORMATS }, out: { value: true }, root: { value: true }, base: { value: true }, help: {} } as const;

export function runExport(io: CliIo, argv: readonly string[]): number {
  const args = parseArgs('export', argv, OPTIONS);
  if (args.flags.has('help')) {
    io.stdout(EXPORT_HELP);
    return 0;
  }
  const format = args.options.get('format') as ExportFormat | undefined;
  if (!format) throw new UsageError('--format is required (markdown, csv or w3c)', 'export');
  const base = args.options.get('base');
  if (base !== undefined) {
    if (format !== 'w3c') throw new UsageError('--base only applies to --format w3c', 'export');
    if (!URL.canParse(base)) throw new UsageError(`--base must be an absolute URI (got "${base}")`, 'export');
  }
  const root = path.resolve(io.cwd, args.options.get('root') ?? '.');
  const entries: W3CArticleClaims[] = [];
  let skipped = 0;
  for (const target of collectSidecars(io, args.positionals)) {
    const loaded = loadSidecar(io, target);
    if (!loaded.sidecar) {
      skipped++;
      for (const issue of loaded.issues) io.stderr(`${formatIssue(displayPath(io, loaded.sidecarPath), { ...issue, message: `error: ${issue.message}` })}\n`);
      io.stderr(`${displayPath(io, loaded.sidecarPath)}: left out of the export because it is invalid\n`);
      continue;
    }
    if (loaded.articleText === undefined) {
      io.stderr(`${displayPath(io, loaded.articlePath)}: warning: article ${loaded.articleProblem === 'missing' ? 'not found' : `unreadable (${loaded.articleProblem})`}; its claims are exported unlocated\n`);
    }
    const article = articleKey(root, loaded.articlePath);
    const source = base !== undefined ? new URL(article.split('/').map(encodeURIComponent).join('/'), base.endsWith('/') ? base : base + '/').href : pathToFileURL(loaded.articlePath).href;
    entries.push({ article, sidecar: loaded.sidecar, text: loaded.articleText, source });
  }
  const output = format === 'markdown' ? exportMarkdown(entries) : format === 'csv' ? exportCsv(entries) : exportW3CJson(entries);
  const out = args.options.get('out');
  if (out !== undefined) {
    if (out.trim() === '') throw new InputError('--out needs a file name');
    writeOutputFile(io, path.resolve(io.cwd, out), output);
    const count = entries.reduce((n, e) => n + e.sidecar.claims.length, 0);
    io.stderr(`claims export: ${countOf(count, 'claim')} from ${countOf(entries.length, 'file')} written to ${out}\n`);
  } else io.stdout(output);
  return skipped > 0 ? 1 : 0;
}
