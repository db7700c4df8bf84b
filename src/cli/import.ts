// `claims import --format w3c FILE`: annotations from other tools (or our own export) become claims.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newId } from '../core/ids';
import { countOf } from '../core/plural';
import { parseSidecar, sidecarPathFor } from '../core/sidecar';
import { addImportedClaims, importW3C, type ImportArticle, type SkippedAnnotation } from '../core/w3cImport';
import { InputError, parseArgs, UsageError } from './args';
import { displayPath, readTextFile, requireTextFile, updateSidecar, type CliIo } from './io';
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
    const apply = (claims: Parameters<typeof addImportedClaims>[0]) => {
      const { added, existing } = addImportedClaims(claims, group.claims);
      report.added = added.map((c) => c.id);
      report.existing = existing.map((c) => c.id);
      return added.length > 0;
    };
    try {
      if (args.flags.has('dry-run')) apply(currentClaims(io, articlePath));
      else await updateSidecar(articlePath, (sidecar) => apply(sidecar.claims));
      reports.push(report);
    } catch (error) {
      for (const claim of group.claims) {
        skipped.push({ annotation: claim.id, quote: claim.quote.exact, reason: `${report.sidecar} cannot be updated: ${(error as Error).message}` });
      }
    }
  }

  if (args.flags.has('json')) io.stdout(JSON.stringify({ imported: reports, skipped }, null, 2) + '\n');
  else {
    const verb = args.flags.has('dry-run') ? 'would add' : 'added';
    for (const r of reports) {
      io.stdout(`${r.sidecar}: ${verb} ${countOf(r.added.length, 'claim')}${r.existing.length ? `, ${r.existing.length} already there` : ''}\n`);
    }
    for (const s of skipped) {
      io.stdout(`${displayPath(io, file)}: not imported: annotation ${s.annotation}${s.quote ? ` ("${s.quote.slice(0, 50)}")` : ''}: ${s.reason}\n`);
    }
  }
  return skipped.length > 0 ? 1 : 0;
}

/** The claims the sidecar holds now, for a dry run; an unreadable sidecar is reported like in a real run. */
function currentClaims(io: CliIo, articlePath: string) {
  const read = readTextFile(io, sidecarPathFor(articlePath));
  if (read.kind === 'missing') return [];
  if (read.kind === 'bad-encoding') throw new Error(read.problem);
  const parsed = parseSidecar(read.text);
  if (!parsed.ok) throw new Error(`the sidecar is invalid (${parsed.errors[0]?.message ?? 'unknown problem'}); run claims check`);
  return structuredClone(parsed.sidecar.claims);
}
