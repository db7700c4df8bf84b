// The repository stands alone: a user clones it and nothing else. The design brief's shared folder beside it (data,
// samples, tools) is not there, so no code may name it. (.ci/run also runs the whole suite in a clone with
// nothing beside it, which catches any way of reaching it that this scan cannot see.)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const SCANNED = ['src', 'test', 'bench', 'scripts', 'esbuild.mjs', 'package.json', '.ci'];
const CODE = /\.(?:[cm]?[jt]s|json|sh)$|^run$/;
// A string literal that names that folder (dot-dot, slash, the folder's name), on a line that builds a path
// or reads a file with it. (A message that tells the user where a corpus can be found is fine.)
const NAMES_SHARED = /['"`][^'"`\n]*\.\.[\\/]+shared\b[^'"`\n]*['"`]/;
const USES_PATH = /\b(?:path\.\w+|fs\.\w+|readFileSync|existsSync|require|import|spawn\w*|exec\w*)\s*\(|\bfrom\s+['"`]/;

function* codeFiles(entry: string): Generator<string> {
  const full = path.join(repoRoot, entry);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isFile()) {
    yield full;
    return;
  }
  for (const child of fs.readdirSync(full, { withFileTypes: true })) {
    if (child.name === 'node_modules' || child.name === 'fixtures' || child.name === 'standalone.test.ts') continue;
    const relative = path.join(entry, child.name);
    if (child.isDirectory()) yield* codeFiles(relative);
    else if (CODE.test(child.name)) yield path.join(repoRoot, relative);
  }
}

describe('the repository stands alone', () => {
  it('no code, test, benchmark or script builds a path into the shared folder beside the repository', () => {
    const offenders: string[] = [];
    let scanned = 0;
    for (const file of SCANNED.flatMap((entry) => [...codeFiles(entry)])) {
      scanned++;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (NAMES_SHARED.test(line) && (USES_PATH.test(line) || file.endsWith('run')) && !/^\s*(?:\/\/|\*|#)/.test(line)) {
            offenders.push(`${path.relative(repoRoot, file)}:${index + 1}: ${line.trim()}`);
          }
        });
    }
    assert.ok(scanned > 100, `scanned ${scanned} files`);
    assert.deepEqual(offenders, []);
  });

  it('the data the tests use is in the repository, each folder with its source and licence', () => {
    for (const folder of ['data/checkworthy', 'test/fixtures/w3c-annotation-model', 'test/fixtures/articles']) {
      const readme = path.join(repoRoot, folder, 'README.md');
      assert.ok(fs.existsSync(readme), `${folder}/README.md`);
      assert.match(fs.readFileSync(readme, 'utf8'), /licen[cs]e|copyright/i, `${folder}/README.md names the licence`);
    }
  });
});
