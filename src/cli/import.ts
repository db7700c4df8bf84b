// `claims import --format w3c FILE`: annotations from other tools (or our own export) become claims.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newId } from '../core/ids';
import { FileWriteError } from '../store/atomicFile';
import type { Claim } from '../core/schema';
import { parseSidecar, serializeSidecar, sidecarPathFor } from '../core/sidecar';
import { addImportedClaims, importW3C, type ImportArticle, type SkippedAnnotation } from '../core/w3cImport';
import { InputError, parseArgs, UsageError } from './args';
import { allowRoot, displayPath, printLines, readTextFile, safeJson, requireTextFile, updateSidecar, type CliIo } from './io';
import { articleKey, collectArticles } from './workspace';

export const IMPORT_HELP = `Usage: claims import --format w3c FILE [--root DIR] [--base URI] [--dry-run] [--json]

Imports W3C Web Annotations (a claims export, or another tool's, such as a
Hypothesis export) as claims. FILE holds an annotation, an array of them, an
AnnotationCollection/AnnotationPage, or a Hypothesis API result ({rows: [...]}).

Each annotation goes to the sidecar of the article its target names: the
article a claims export recorded, a file:// URI, a URI under --base, or an
article whose file name matches the URI's last segment; failing those, the one
article under --root that contains the quote. It is anchored by its
TextQuoteSelector against the article's current text. Annotations that cannot
be placed or anchored are listed with the reason; claims already in the
sidecar (same id) are left as they are.

Options:
  --format w3c   the input format (required; w3c is the only one)
  --root DIR     the folder holding the articles (default: the current folder)
  --base URI     targets under URI map to articles under --root
  --dry-run      report what would be imported without writing sidecars
  --json         print {imported: [{article, sidecar, added, existing}],
                 skipped: [{annotation, source?, quote?, reason}]}

Exit: 0 every annotation imported (or already there), 1 some could not be
imported, 2 usage or input error.
`;

const OPTIONS = { format: { value: true, choices: ['w3c'] }, root: { value: true }, base: { value: true }, 'dry-run': {}, json: {}, help: {} } as const;

interface ImportReport {
  article: string;
  sidecar: string;
  added: string[];
  existing: string[];
}

export async function runImport(io: CliIo, argv: readonly string[]): Promise<number> {
  const args = parseArgs('import', argv, OPTIONS);
  if (args.flags.has('help')) {
    io.stdout(IMPORT_HELP);
    return 0;
  }
  if (!args.options.get('format')) throw new UsageError('--format w3c is required', 'import');
  if (args.positionals.length !== 1) throw new UsageError(args.positionals.length === 0 ? 'name the annotation file to import' : 'import one annotation file at a time', 'import');
  const file = path.resolve(io.cwd, args.positionals[0]!);
  const root = path.resolve(io.cwd, args.options.get('root') ?? '.');
  allowRoot(io, root);
  allowRoot(io, path.dirname(file));
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new InputError(`${args.options.get('root')}: no such folder`);
  const base = args.options.get('base');
  if (base !== undefined && !URL.canParse(base)) throw new UsageError(`--base must be an absolute URI (got "${base}")`, 'import');

  const text = requireTextFile(io, file, 'annotation file');
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${displayPath(io, file)}: not JSON (${(error as Error).message})`);
  }

  const articles: ImportArticle[] = [];
  for (const articlePath of collectArticles(io, [root])) {
    const read = readTextFile(io, articlePath);
    if (read.kind === 'text') articles.push({ path: articleKey(root, articlePath), text: read.text });
  }
  const resolveSource = (source: string): string | undefined => {
    if (source.startsWith('file:')) {
      try {
        const local = fileURLToPath(source);
        const key = articleKey(root, local);
        return key.startsWith('..') || path.isAbsolute(key) ? undefined : key;
      } catch {
        return undefined;
      }
    }
    if (base !== undefined) {
      const prefix = base.endsWith('/') ? base : base + '/';
      if (source.startsWith(prefix)) {
        try {
          return source.slice(prefix.length).replace(/[?#].*$/, '').split('/').map(decodeURIComponent).join('/');
        } catch {
          return undefined;
        }
      }
    }
    return undefined;
  };
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const result = importW3C(document, { articles, resolveSource, now, newId: () => newId() });

  const reports: ImportReport[] = [];
  const skipped: SkippedAnnotation[] = [...result.skipped];
  for (const group of result.imported) {
    const articlePath = path.join(root, ...group.article.split('/'));
    const report: ImportReport = { article: displayPath(io, articlePath), sidecar: displayPath(io, sidecarPathFor(articlePath)), added: [], existing: [] };
    // Each claim is checked by the sidecar reader on its own first, so one bad annotation is reported and
    // skipped instead of making the whole article's write fail (the store would refuse it).
    const valid = group.claims.filter((claim) => {
      const problem = whyClaimUnreadable(claim);
      if (problem) skipped.push({ annotation: claim.id, quote: claim.quote.exact, reason: `it would not give a valid claim (${problem})` });
      return !problem;
    });
    const apply = (claims: Parameters<typeof addImportedClaims>[0]) => {
      const { added, existing } = addImportedClaims(claims, valid);
      report.added = added.map((c) => c.id);
      report.existing = existing.map((c) => c.id);
      return added.length > 0;
    };
    try {
      if (args.flags.has('dry-run')) apply(currentClaims(io, articlePath));
      else await updateSidecar(articlePath, (sidecar) => apply(sidecar.claims));
      reports.push(report);
    } catch (error) {
      // A sidecar that could not be saved (a full disk) is not an annotation problem: stop, and exit 2.
      if (error instanceof FileWriteError) {
        printReports(io, reports, [], file, args.flags.has('dry-run'));
        throw new InputError(`${error.message}; nothing more was imported`);
      }
      for (const claim of group.claims) {
        skipped.push({ annotation: claim.id, quote: claim.quote.exact, reason: `${report.sidecar} cannot be updated: ${(error as Error).message}` });
      }
    }
  }

  if (args.flags.has('json')) io.stdout(safeJson(JSON.stringify({ imported: reports, skipped }, null, 2)) + '\n');
  else printReports(io, reports, skipped, file, args.flags.has('dry-run'));
  return skipped.length > 0 ? 1 : 0;
}

function printReports(io: CliIo, reports: readonly ImportReport[], skipped: readonly SkippedAnnotation[], file: string, dryRun: boolean): void {
  const verb = dryRun ? 'would add' : 'added';
  for (const r of reports) {
    printLines(io.stdout, `${r.sidecar}: ${verb} ${r.added.length} ${r.added.length === 1 ? 'claim' : 'claims'}${r.existing.length ? `, ${r.existing.length} already there` : ''}`);
  }
  for (const s of skipped) {
    printLines(io.stdout, `${displayPath(io, file)}: not imported: annotation ${s.annotation}${s.quote ? ` ("${s.quote.slice(0, 50)}")` : ''}: ${s.reason}`);
  }
}

/** Why the sidecar reader would reject `claim`, or undefined when it accepts it. */
function whyClaimUnreadable(claim: Claim): string | undefined {
  const parsed = parseSidecar(serializeSidecar({ version: 1, article: 'import', claims: [claim] }));
  if (parsed.ok) return undefined;
  const first = parsed.errors[0];
  return first ? first.message : 'unknown problem';
}

/** The claims the sidecar holds now, for a dry run; an unreadable sidecar is reported like in a real run. */
function currentClaims(io: CliIo, articlePath: string) {
  const read = readTextFile(io, sidecarPathFor(articlePath));
  if (read.kind === 'missing') return [];
  if (read.kind === 'bad-encoding' || read.kind === 'unreadable') throw new Error(read.problem);
  const parsed = parseSidecar(read.text);
  if (!parsed.ok) throw new Error(`the sidecar is invalid (${parsed.errors[0]?.message ?? 'unknown problem'}); run claims check`);
  return structuredClone(parsed.sidecar.claims);
}
