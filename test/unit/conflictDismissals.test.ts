// Dismissed conflict suggestions are remembered by the text of both sentences, never by paths or offsets, so a
// dismissal made in one clone of a repository is honoured in another clone at another path, and after edits
// elsewhere in the articles.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/main';
import type { ConflictReport } from '../../src/cli/conflicts';
import { conflictKey, findConflicts } from '../../src/core/conflicts/conflicts';
import { emptySidecar, parseSidecar, serializeSidecar } from '../../src/core/sidecar/sidecar';
import { REPO_ROOT } from './cliBuild';

const SAMPLES = path.join(REPO_ROOT, 'test/fixtures/articles');

async function conflicts(cwd: string): Promise<ConflictReport[]> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['conflicts', '--json'], {
    cwd,
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => '',
  });
  assert.ok(code === 0 || code === 1, stderr);
  return JSON.parse(stdout) as ConflictReport[];
}

/** What Find Conflicting Claims does on Dismiss: the suggestion's key goes into the first article's sidecar. */
function dismiss(cwd: string, report: ConflictReport): void {
  const sidecarPath = path.join(cwd, `${report.a.file}.claims.json`);
  const existing = fs.existsSync(sidecarPath) ? parseSidecar(fs.readFileSync(sidecarPath, 'utf8')) : undefined;
  const sidecar = existing?.ok ? existing.sidecar : emptySidecar(path.basename(report.a.file));
  sidecar.dismissed ??= { candidates: [], conflicts: [] };
  sidecar.dismissed.conflicts.push(report.key);
  fs.writeFileSync(sidecarPath, serializeSidecar(sidecar));
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'pipe' });
}

describe('conflict dismissals', function () {
  this.timeout(60_000);
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-dismissals-'));
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('keys come from the normalised text of both sentences, in either order, and hold no path', () => {
    const a = 'Amazon made its initial $1.25 billion investment in Anthropic.';
    const b = 'Amazon made its initial $4 billion investment in Anthropic.';
    assert.equal(conflictKey(a, b), conflictKey(b, a));
    assert.equal(conflictKey(a, b), conflictKey(`  ${a.toUpperCase()}  `, b.replace(/ /g, '  ')));
    assert.notEqual(conflictKey(a, b), conflictKey(a, b.replace('4', '5')));
    const [here] = findConflicts([
      { article: '/home/alice/news/a.md', id: 'c1', text: a },
      { article: '/home/alice/news/b.md', id: 'c2', text: b },
    ]);
    const [there] = findConflicts([
      { article: '/srv/clone/b.md', id: 'x9', text: b },
      { article: '/srv/clone/a.md', id: 'candidate:10-72', text: a },
    ]);
    assert.ok(here && there);
    assert.equal(here.key, there.key);
    assert.doesNotMatch(here.key, /home|alice|srv|\.md|c1|candidate/);
  });

  it('a dismissal made in one clone is honoured in a second clone at another path, after edits elsewhere', async () => {
    const first = path.join(root, 'newsroom');
    fs.mkdirSync(first);
    for (const name of fs.readdirSync(SAMPLES)) fs.copyFileSync(path.join(SAMPLES, name), path.join(first, name));
    git(first, 'init', '-q');
    git(first, 'add', '.');
    git(first, 'commit', '-q', '-m', 'articles');

    const before = await conflicts(first);
    const initial = before.find((r) => /\$1\.25 billion/.test(r.a.value + r.b.value) && /\$4 billion/.test(r.a.value + r.b.value));
    assert.ok(initial, JSON.stringify(before, null, 2));
    dismiss(first, initial);
    assert.ok(!(await conflicts(first)).some((r) => r.key === initial.key), 'dismissed in the clone where it was made');
    const sidecarText = fs.readFileSync(path.join(first, `${initial.a.file}.claims.json`), 'utf8');
    assert.ok(!sidecarText.includes(root), 'no absolute path in the sidecar');
    git(first, 'add', '.');
    git(first, 'commit', '-q', '-m', 'dismiss a suggestion');

    const second = path.join(root, 'elsewhere', 'deeper', 'copy');
    fs.mkdirSync(path.dirname(second), { recursive: true });
    git(root, 'clone', '-q', first, second);
    // An edit elsewhere in the article moves every offset.
    const article = path.join(second, initial.a.file);
    fs.writeFileSync(article, `Editor's note: this story was updated.\n\n${fs.readFileSync(article, 'utf8')}`);

    const after = await conflicts(second);
    assert.ok(!after.some((r) => r.key === initial.key), JSON.stringify(after, null, 2));
    assert.ok(
      !after.some((r) => /\$1\.25 billion/.test(r.a.value + r.b.value) && /\$4 billion/.test(r.a.value + r.b.value)),
      'the same pair is not suggested again',
    );

    // Without the dismissal the second clone would suggest it: the check above can fail.
    fs.rmSync(path.join(second, `${initial.a.file}.claims.json`));
    assert.ok((await conflicts(second)).some((r) => r.key === initial.key));
  });
});
