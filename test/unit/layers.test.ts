// The layering of src/, checked on the import graph read from the source: no import circle anywhere (type-only
// imports count: a circle of types still ties two modules together), and nothing below the editor layer
// (src/core, src/store, src/cli, src/cli.ts) imports `vscode` or the editor, whether by static import, dynamic
// import() or require(). ESLint's no-restricted-imports says the same in the editor; this test also covers
// require() and import() and cannot be switched off by a comment.
import assert from 'node:assert/strict';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { importCircles, importGraph, importsOf, sourceFilesUnder, type ImportGraph } from './support/importGraph';

const root = path.resolve(__dirname, '../..');
const src = path.join(root, 'src');
const relative = (file: string) => path.relative(root, file).split(path.sep).join('/');

/** The files that must run without VS Code: the CLI, unit tests and the worker load them in plain Node. */
function belowEditor(file: string): boolean {
  const rel = relative(file);
  return rel.startsWith('src/core/') || rel.startsWith('src/store/') || rel.startsWith('src/cli/') || rel === 'src/cli.ts';
}

const inEditorLayer = (file: string) => relative(file).startsWith('src/editor/') || relative(file) === 'src/extension.ts';

function layerViolations(graph: ImportGraph): string[] {
  const problems: string[] = [];
  for (const [file, edges] of graph.files) {
    if (!belowEditor(file)) continue;
    for (const edge of edges) {
      if (edge.specifier === 'vscode') problems.push(`${relative(file)}:${edge.line} imports vscode (${edge.kind})`);
      else if (edge.target && inEditorLayer(edge.target)) {
        problems.push(`${relative(file)}:${edge.line} imports the editor layer: ${edge.specifier} (${edge.kind})`);
      }
    }
  }
  return problems;
}

describe('layers: the import graph of src/', () => {
  const graph = importGraph(sourceFilesUnder(src));

  it('reads every kind of import, and none written in comments, strings, templates or regular expressions', () => {
    const text = [
      "import * as vscode from 'vscode';",
      "import type { A } from './a';",
      'import { type B, c } from "./b";',
      "import './sideEffect';",
      "export * from './reexported';",
      "export { d } from './d';",
      "import e = require('./e');",
      'const f = await import(',
      "  './f');",
      "const g = require('./g');",
      "// import x from './commented';",
      "/* require('./blockComment') */",
      'const s = "import y from \'./inString\'";',
      "const t = `${require('./inTemplate')} import z from './templateText'`;",
      "const r = /from '.\\/inRegex'/;",
      "const m = Array.from('abc'); obj.require('./member'); x.import('./member2');",
    ].join('\n');
    assert.deepEqual(
      importsOf(text).map((edge) => `${edge.line} ${edge.kind} ${edge.specifier}`),
      [
        '1 static vscode',
        '2 static ./a',
        '3 static ./b',
        '4 static ./sideEffect',
        '5 static ./reexported',
        '6 static ./d',
        '7 require ./e',
        '9 dynamic ./f',
        '10 require ./g',
        '14 require ./inTemplate',
      ],
    );
  });

  it('finds every import the bundler finds (so the reader above misses none that runs)', async () => {
    const files = [...graph.files.keys()];
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: files,
      bundle: true,
      write: false,
      metafile: true,
      outdir: path.join(root, 'out/layers-check'),
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      external: ['vscode'],
      logLevel: 'silent',
    });
    const missing: string[] = [];
    for (const [input, { imports }] of Object.entries(result.metafile.inputs)) {
      const file = path.resolve(root, input);
      const read = graph.files.get(file);
      if (!read) continue;
      for (const imported of imports) {
        const specifier = imported.original ?? imported.path;
        if (!read.some((edge) => edge.specifier === specifier)) missing.push(`${relative(file)}: ${specifier} (${imported.kind})`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('has no import circle', () => {
    const circles = importCircles(graph).map((circle) => circle.example.map(relative).join(' → '));
    assert.deepEqual(circles, [], `import circles:\n${circles.join('\n')}`);
  });

  it('has nothing below the editor layer importing vscode or the editor', () => {
    assert.ok([...graph.files.keys()].some(belowEditor) && [...graph.files.keys()].some(inEditorLayer), 'both layers are present');
    assert.deepEqual(layerViolations(graph), []);
  });

  it('would report a circle and a vscode import below the editor (checked on a made-up graph)', () => {
    const core = path.join(src, 'core/x.ts');
    const cli = path.join(src, 'cli/y.ts');
    const editor = path.join(src, 'editor/z.ts');
    const made: ImportGraph = {
      files: new Map([
        [core, [{ specifier: '../cli/y', line: 1, kind: 'static' as const, target: cli }]],
        [
          cli,
          [
            { specifier: '../core/x', line: 2, kind: 'static' as const, target: core },
            { specifier: 'vscode', line: 3, kind: 'dynamic' as const },
            { specifier: '../editor/z', line: 4, kind: 'require' as const, target: editor },
          ],
        ],
        [editor, []],
      ]),
    };
    assert.deepEqual(
      importCircles(made).map((circle) => circle.example.map(relative)),
      [['src/cli/y.ts', 'src/core/x.ts', 'src/cli/y.ts']],
    );
    assert.deepEqual(layerViolations(made), ['src/cli/y.ts:3 imports vscode (dynamic)', 'src/cli/y.ts:4 imports the editor layer: ../editor/z (require)']);
  });
});
