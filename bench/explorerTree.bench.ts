// Building the Claim Explorer tree for 10,000 claims in 1,000 files. Target (issue 9): under 100 ms.
//
// The real ClaimExplorer from src/editor/ui/explorer.ts runs over a real ClaimStore that opened 1,000 sidecars from
// disk; `vscode` is replaced by bench/vscodeShim.ts (TreeItem, MarkdownString, ThemeIcon, asRelativePath...,
// doing comparable work to the host's classes). One pass is what VS Code asks of a TreeDataProvider after a
// refresh: refresh(), getChildren() of the root, getTreeItem() of every child, and again below every item
// whose state is Expanded (files and status groups are; claims with citations are collapsed and not opened).
// Not measured: the renderer laying out rows.
//   npx tsx bench/explorerTree.bench.ts
import fs from 'node:fs';
import path from 'node:path';
import type { ClaimsConfig } from '../src/editor/config';
import { quoteSelector } from '../src/core/anchoring/anchoring';
import type { Claim, Sidecar } from '../src/core/sidecar/schema';
import { serializeSidecar } from '../src/core/sidecar/sidecar';
import { ClaimStore } from '../src/store/claimStore';
import type { ClaimExplorer } from '../src/editor/ui/explorer';
import { type ExplorerNode, ExplorerModel } from '../src/editor/ui/explorerModel';
import {
  CLOCK,
  type BenchOptions,
  type BenchResult,
  generateArticle,
  loadWithVscodeShim,
  measure,
  percentile,
  proseSentences,
  Random,
  round,
  scratchDir,
} from './harness';
import type * as Shim from './vscodeShim';

const TARGET_MS = 100;
/** A pass slower than this is timed once more only: the figure is a miss either way, and the run must end. */
const SLOW_PASS_MS = 2_000;

interface Sizes {
  files: number;
  claimsPerFile: number;
  folders: number;
}

const FULL: Sizes = { files: 1_000, claimsPerFile: 10, folders: 25 };
const QUICK: Sizes = { files: 20, claimsPerFile: 5, folders: 3 };

interface Loaded {
  vscode: typeof Shim;
  ClaimExplorer: typeof ClaimExplorer;
}

/** A newsroom repository: desks (folders) of stories, each story with its sidecar; a few claims orphaned. */
async function buildWorkspace(root: string, sizes: Sizes, random: Random, store: ClaimStore): Promise<{ orphaned: number }> {
  const pool = proseSentences();
  let orphaned = 0;
  for (let f = 0; f < sizes.files; f++) {
    const folder = path.join(root, `desk-${String(f % sizes.folders).padStart(2, '0')}`);
    fs.mkdirSync(folder, { recursive: true });
    const articlePath = path.join(folder, `story-${String(f).padStart(4, '0')}.md`);
    const article = generateArticle(sizes.claimsPerFile * 400, random, pool);
    const picked = new Set<number>();
    while (picked.size < Math.min(sizes.claimsPerFile, article.sentences.length)) picked.add(random.int(0, article.sentences.length));
    const claims: Claim[] = [...picked]
      .sort((a, b) => a - b)
      .map((index, i) => {
        const { start, end } = article.sentences[index]!;
        const selector = quoteSelector(article.text, start, end);
        const cited = random.next() < 0.5;
        const conflicted = random.next() < 0.05;
        return {
          id: `c${f.toString(36)}x${i}`,
          quote: { exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix },
          position: { start: selector.start, end: selector.end },
          status: random.pick(['unverified', 'unverified', 'supported', 'disputed', 'refuted'] as const),
          note: random.next() < 0.3 ? 'Checked against the filing; the release rounds the figure.' : '',
          origin: random.next() < 0.2 ? 'spotted' : 'manual',
          citations: cited
            ? [
                {
                  id: 's1',
                  url: `https://news.example.com/${f}/${i}`,
                  title: 'Amazon in talks for second investment in Anthropic',
                  publisher: 'Example News',
                  issued: '2024-11-07',
                },
              ]
            : [],
          conflicts: conflicted
            ? [
                {
                  id: 'k1',
                  other: { article: `story-${String((f + 1) % sizes.files).padStart(4, '0')}.md`, claim: `c${((f + 1) % sizes.files).toString(36)}x0` },
                  kind: 'amount',
                  thisValue: '$4 billion',
                  otherValue: '$1.25 billion',
                  note: '',
                  state: 'open',
                  resolution: '',
                },
              ]
            : [],
          created: '2024-11-08T10:15:00Z',
          updated: '2024-11-08T10:15:00Z',
        } satisfies Claim;
      });
    const sidecar: Sidecar = { version: 1, article: path.basename(articlePath), claims };
    // One story in fifty was rewritten since: its first claim's sentence is gone, so the claim is orphaned.
    const rewritten = f % 50 === 7 && claims.length > 0;
    const text = rewritten ? article.text.replace(claims[0]!.quote.exact, '') : article.text;
    fs.writeFileSync(articlePath, text);
    fs.writeFileSync(`${articlePath}.claims.json`, serializeSidecar(sidecar));
    await store.open(articlePath);
    if (rewritten) {
      store.reanchor(articlePath, text);
      orphaned += store.entry(articlePath)?.orphaned.size ?? 0;
    }
  }
  return { orphaned };
}

/** What VS Code's tree asks for after a refresh: children, their items, and the children of expanded items. */
function buildTree(explorer: ClaimExplorer, vscode: typeof Shim): { items: number; claims: number } {
  let items = 0;
  let claims = 0;
  const visit = (node: ExplorerNode | undefined) => {
    for (const child of explorer.getChildren(node)) {
      const item = explorer.getTreeItem(child) as unknown as Shim.TreeItem;
      items++;
      if (child.kind === 'claim') claims++;
      if (item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded) visit(child);
    }
  };
  explorer.refresh();
  visit(undefined);
  return { items, claims };
}

/** The vscode-free part alone: the snapshot model and its getChildren answers, no tree items. */
function walkModel(model: ExplorerModel): number {
  let nodes = 0;
  const visit = (node: ExplorerNode | undefined) => {
    for (const child of model.children(node)) {
      nodes++;
      if (child.kind !== 'claim' && child.kind !== 'candidate' && child.kind !== 'problem') visit(child);
    }
  };
  visit(undefined);
  return nodes;
}

export async function run(options?: BenchOptions): Promise<BenchResult[]> {
  const sizes = options?.quick ? QUICK : FULL;
  const random = new Random(1000);
  const loaded = await loadWithVscodeShim<Loaded>('explorer', "export * as vscode from 'vscode';\nexport { ClaimExplorer } from './src/editor/ui/explorer';\n");
  const { vscode } = loaded;
  const scratch = scratchDir('explorer');
  const store = new ClaimStore();
  try {
    const { orphaned } = await buildWorkspace(scratch.dir, sizes, random, store);
    const totalClaims = sizes.files * sizes.claimsPerFile;
    vscode.workspace.workspaceFolders = [{ uri: vscode.Uri.file(scratch.dir), name: 'newsroom', index: 0 }];
    const results: BenchResult[] = [];
    for (const groupBy of ['file', 'status'] as const) {
      const config = { groupBy, affects: () => false } as unknown as ClaimsConfig;
      const explorer = new loaded.ClaimExplorer(store, config);
      try {
        let shape = { items: 0, claims: 0 };
        const first = performance.now();
        shape = buildTree(explorer, vscode);
        const firstMs = performance.now() - first;
        if (shape.claims !== totalClaims) throw new Error(`the ${groupBy} tree shows ${shape.claims} of ${totalClaims} claims`);
        const slow = firstMs > SLOW_PASS_MS;
        const timing = options?.quick ? { warmup: 0, runs: 1 } : slow ? { warmup: 0, runs: 1 } : { warmup: 2, runs: 9 };
        const passes = measure(() => (shape = buildTree(explorer, vscode)), timing);
        const relative = (p: string) => vscode.workspace.asRelativePath(p, false);
        const modelOnly = measure(() => walkModel(new ExplorerModel(store, groupBy, '', relative)), timing);
        results.push({
          figure: `Claim Explorer tree, ${totalClaims.toLocaleString('en')} claims in ${sizes.files.toLocaleString('en')} files, grouped by ${groupBy}`,
          medianMs: round(passes.medianMs, 1),
          target: `< ${TARGET_MS} ms`,
          pass: passes.medianMs < TARGET_MS,
          details: {
            treeItems: shape.items,
            orphaned,
            folders: sizes.folders,
            firstPassMs: round(firstMs, 1),
            runs: timing.runs,
            clock: CLOCK,
            wallMedianMs: round(passes.wallMedianMs, 1),
            modelOnlyMs: round(modelOnly.medianMs, 1),
            ...(slow ? { note: `a pass took over ${SLOW_PASS_MS} ms, so it was timed once` } : { p90Ms: round(percentile(passes.timesMs, 0.9), 1) }),
            emulated: 'the vscode API objects (bench/vscodeShim.ts); the explorer and store code are the real ones',
          },
        });
      } finally {
        explorer.dispose();
      }
    }
    return results;
  } finally {
    vscode.workspace.workspaceFolders = undefined;
    store.dispose();
    scratch.remove();
  }
}

if (require.main === module) {
  void run({ quick: process.argv.includes('--quick') }).then((results) => console.log(JSON.stringify(results, null, 2)));
}
