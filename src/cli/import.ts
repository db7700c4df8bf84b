// `claims import --format w3c FILE`: annotations from other tools (or our own export) become claims.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importClaimReviews } from '../core/interchange/claimReview';
import { appendToArchive, DEFAULT_ARCHIVE } from '../core/factChecks/factCheckArchive';
import { newId } from '../core/sidecar/ids';
import { FileWriteError } from '../store/atomicFile';
import type { Claim } from '../core/sidecar/schema';
import { parseSidecar, serializeSidecar, sidecarPathFor } from '../core/sidecar/sidecar';
import { countOf } from '../core/text/plural';
import { addImportedClaims, importW3C, type ImportArticle, type SkippedAnnotation } from '../core/interchange/w3cImport';
import { InputError, parseArgs, UsageError } from './args';
import { allowRoot, displayPath, printLines, readArticleFile, readTextFile, safeJson, requireTextFile, updateSidecar, writeOutputFile, type CliIo } from './io';
import { articleKey, collectArticles } from './workspace';

export const IMPORT_HELP = `Usage: claims import --format w3c FILE [--root DIR] [--base URI] [--dry-run] [--json]
       claims import --format claimreview FILE [--root DIR] [--archive FILE]
                     [--dry-run] [--json]

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

With --format claimreview, FILE holds ClaimReview markup: an HTML page (its
<script type="application/ld+json"> blocks), a JSON file of ClaimReview objects
(alone, in an array, an @graph or a DataFeed), or a Google Fact Check Tools
API response saved as JSON. Each fact-check is added, once, to the archive of
known fact-checks (JSON Lines: id, claim, speaker, date, verdict, url,
headline, publisher).

Options:
  --format F     w3c or claimreview (required)
  --archive FILE (claimreview) the archive to add to (default: fact-checks.jsonl
                 under --root, the default of claims.factChecks.archives)
  --root DIR     the folder holding the articles (default: the current folder)
  --base URI     targets under URI map to articles under --root
  --dry-run      report what would be imported without writing sidecars
  --json         print {imported: [{article, sidecar, added, existing}],
                 skipped: [{annotation, source?, quote?, reason}]}

Exit: 0 every annotation imported (or already there), 1 some could not be
imported, 2 usage or input error.
`;

const OPTIONS = {
  format: { value: true, choices: ['w3c', 'claimreview'] },
  root: { value: true },
  base: { value: true },
  archive: { value: true },
  'dry-run': {},
  json: {},
  help: {},
} as const;

function runClaimReviewImport(io: CliIo, file: string, root: string, archiveOption: string | undefined, dryRun: boolean, json: boolean): number {
  const text = requireTextFile(io, file, 'ClaimReview file');
  let found: ReturnType<typeof importClaimReviews>;
  try {
    found = importClaimReviews(text, displayPath(io, file));
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const archive = archiveOption !== undefined ? path.resolve(io.cwd, archiveOption) : path.join(root, DEFAULT_ARCHIVE);
  const read = readTextFile(io, archive);
  if (read.kind === 'bad-encoding') throw new InputError(`${displayPath(io, archive)}: ${read.problem}; expected UTF-8 text`);
  const existing = read.kind === 'text' ? read.text : '';
  let appended: ReturnType<typeof appendToArchive>;
  try {
    appended = appendToArchive(existing, found.records, displayPath(io, archive));
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  if (!dryRun && appended.text) writeOutputFile(io, archive, existing + appended.text);
  if (json) {
    io.stdout(
      JSON.stringify({ archive: displayPath(io, archive), added: appended.added, existing: appended.existing, skipped: found.skipped }, null, 2) + '\n',
    );
  } else {
    io.stdout(
      `${displayPath(io, archive)}: ${dryRun ? 'would add' : 'added'} ${appended.added.length} ${appended.added.length === 1 ? 'fact-check' : 'fact-checks'}${appended.existing ? `, ${appended.existing} already there` : ''}\n`,
    );
    for (const s of found.skipped) io.stdout(`${s.where}: not imported: ${s.reason}\n`);
  }
  if (found.records.length === 0 && found.skipped.length === 0) {
    io.stderr(`${displayPath(io, file)}: no ClaimReview found\n`);
    return 1;
  }
  return found.skipped.length > 0 ? 1 : 0;
}

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
  if (!args.options.get('format')) throw new UsageError('--format w3c or --format claimreview is required', 'import');
  if (args.positionals.length !== 1) {
    throw new UsageError(args.positionals.length === 0 ? 'name the annotation file to import' : 'import one annotation file at a time', 'import');
  }
  const file = path.resolve(io.cwd, args.positionals[0]!);
  const root = path.resolve(io.cwd, args.options.get('root') ?? '.');
  allowRoot(io, root);
  allowRoot(io, path.dirname(file));
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new InputError(`${args.options.get('root')}: no such folder`);
  if (args.options.get('format') === 'claimreview') {
    if (args.options.has('base')) throw new UsageError('--base only applies to --format w3c', 'import');
    return runClaimReviewImport(io, file, root, args.options.get('archive'), args.flags.has('dry-run'), args.flags.has('json'));
  }
  if (args.options.has('archive')) throw new UsageError('--archive only applies to --format claimreview', 'import');
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
    const read = readArticleFile(io, articlePath);
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
          return source
            .slice(prefix.length)
            .replace(/[?#].*$/, '')
            .split('/')
            .map(decodeURIComponent)
            .join('/');
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
    printLines(io.stdout, `${r.sidecar}: ${verb} ${countOf(r.added.length, 'claim')}${r.existing.length ? `, ${r.existing.length} already there` : ''}`);
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
