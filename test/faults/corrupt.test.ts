// Corrupt and invalid sidecars at the store level. For each kind of damage: opening the article gives a
// clear reason and located issues, every write is refused with a SidecarReadOnlyError that names the file,
// the bytes on disk stay exactly as they were, another article in the same folder keeps working, and once
// the file is repaired the article is writable again.
//
// Permission faults are checked in a child process started as an unprivileged user (root ignores file
// permissions); a sidecar that is a FIFO is also read in a child process, so a regression that blocks on it
// fails the test by timeout instead of hanging the suite.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serializeSidecar, parseSidecar } from '../../src/core/sidecar/sidecar';
import type { Claim, Sidecar } from '../../src/core/sidecar/schema';
import { ClaimStore } from '../../src/store/claimStore';
import { claimInText } from '../unit/support/builders';
import { buildFaultScript } from './support/buildWriter';
import { exercise, leftovers, type ExerciseResult } from './support/exercise';

const ARTICLE = 'Amazon said on Thursday it would invest $4 billion in Anthropic. Analysts were surprised.\n';
const OTHER_ARTICLE = 'The initial investment was $1.25 billion in September 2023.\n';

const claim = (id: string, exact: string, text = ARTICLE): Claim => claimInText(text, id, exact);

function validSidecar(): Sidecar {
  const cited = claim('c2', '$4 billion');
  cited.citations.push({ id: 's1', url: 'https://example.com/deal', title: 'The deal' });
  return { version: 1, article: 'story.md', claims: [claim('c1', 'Amazon'), cited] };
}

/** The valid sidecar as a plain object to damage, and its canonical text. */
const VALID = serializeSidecar(validSidecar());
const damaged = (edit: (doc: any) => void): string => {
  const doc = JSON.parse(VALID);
  edit(doc);
  return JSON.stringify(doc, null, 2) + '\n';
};

/** 1-based line and UTF-16 column of the first `target` inside the first `needle` of `text`. */
function placeOf(text: string, needle: string, target = needle): { line: number; column: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in the test sidecar`);
  const offset = at + needle.indexOf(target);
  const lines = text
    .slice(0, offset)
    .replace(/^\uFEFF/, '')
    .split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function endOf(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

interface CorruptCase {
  name: string;
  bytes: string | Buffer;
  reason: RegExp;
  /** Where the first issue must point (1-based); the reason must name it too. */
  place?: { line: number; column: number };
  readOnlyBecauseNewer?: boolean;
}

function contentCases(): CorruptCase[] {
  const cases: CorruptCase[] = [];
  const add = (name: string, bytes: string | Buffer, reason: RegExp, place?: { line: number; column: number }, extra: Partial<CorruptCase> = {}) =>
    cases.push({ name, bytes, reason, place, ...extra });

  add('an empty file', '', /empty/, { line: 1, column: 1 });
  add('only white space', '  \n\n \t\n', /empty/, { line: 1, column: 1 });
  {
    const text = VALID.slice(0, VALID.indexOf('"status"'));
    add('truncated JSON (cut off mid-claim)', text, /unexpected end of (file|input)/, endOf(text));
  }
  {
    const text = VALID.replace(/\n\}\n$/, ',\n}\n');
    add('a trailing comma', text, /invalid JSON: trailing comma/, placeOf(text, ',\n}', ','));
  }
  {
    const text = VALID + VALID;
    add('two JSON documents in one file', text, /invalid JSON/, { line: VALID.split('\n').length, column: 1 });
  }
  {
    const text = VALID.replace('{\n  "version"', '{\n  // written by hand\n  "version"');
    add('a comment (JSON has none)', text, /invalid JSON/, placeOf(text, '// written'));
  }
  {
    const lines = VALID.split('\n');
    const note = lines.findIndex((l) => l.includes('"note"'));
    const merged = [
      ...lines.slice(0, note),
      '<<<<<<< HEAD',
      '      "note": "ours",',
      '=======',
      '      "note": "theirs",',
      '>>>>>>> colleague/fact-check',
      ...lines.slice(note + 1),
    ].join('\n');
    add('git conflict markers', merged, /git conflict markers/, { line: note + 1, column: 1 });
  }
  add('a JSON array at the top level', `[${VALID}]`, /must be a JSON object.*not an array/, { line: 1, column: 1 });
  add('null at the top level', 'null\n', /not null/, { line: 1, column: 1 });
  add('a string at the top level', '"claims"\n', /not a string/, { line: 1, column: 1 });
  add(
    'missing "claims"',
    damaged((d) => delete d.claims),
    /missing the required field "claims"/,
    { line: 1, column: 1 },
  );
  {
    const text = damaged((d) => (d.claims = { c1: d.claims[0] }));
    // A wrong object or array is pointed at by its key: the whole value may span many lines.
    add('"claims" not an array', text, /claims: expected an array/, placeOf(text, '"claims": {'));
  }
  {
    const text = damaged((d) => (d.claims[1] = 42));
    add('a claim that is a number', text, /claims\[1\]/, placeOf(text, '42'));
  }
  {
    const text = damaged((d) => (d.claims[0].status = 3));
    add('a wrong type (status is a number)', text, /status/, placeOf(text, '"status": 3', '3'));
  }
  {
    const text = damaged((d) => (d.claims[1].note = { text: 'x' }));
    add('a wrong type (note is an object)', text, /note: expected text/, placeOf(text, '"note": {', '"note"'));
  }
  {
    const text = damaged((d) => (d.claims[0].status = 'probably'));
    add('an unknown status', text, /status: expected one of/, placeOf(text, '"probably"'));
  }
  {
    const text = damaged((d) => (d.claims[1].id = 'c1'));
    add('duplicate claim ids', text, /duplicate claim id "c1"/, placeOfNth(text, '"id": "c1"', 1, '"c1"'));
  }
  {
    const text = damaged((d) => d.claims[1].citations.push({ id: 's1', title: 'again' }));
    add('duplicate citation ids in a claim', text, /duplicate citation id "s1"/, placeOfNth(text, '"id": "s1"', 1, '"s1"'));
  }
  {
    const text = damaged((d) => (d.claims[0].position.start = -3));
    add('a negative offset', text, /must not be negative/, placeOf(text, '"start": -3', '-3'));
  }
  {
    const text = damaged((d) => (d.claims[1].position = { start: 50, end: 40 }));
    add('a claim with end < start', text, /end must not be before start/, placeOf(text, '"end": 40', '40'));
  }
  {
    const text = damaged((d) => (d.claims[0].position.end = 5.5));
    add('a fractional offset', text, /whole number/, placeOf(text, '5.5'));
  }
  {
    const text = VALID.replace('"end": 6', '"end": 1e400');
    add('a number too large for a double (1e400)', text, /too large/, placeOf(text, '1e400'));
  }
  {
    const text = VALID.replace('"end": 6', '"end": 123456789012345678901234567890');
    add('a whole number beyond 2^53', text, /too large to be kept exactly/, placeOf(text, '123456789012345678901234567890'));
  }
  {
    const text = VALID.replace('"version": 1', '"version": 7');
    add('an unknown future version', text, /newer Claim Annotator \(version 7\).*read-only/, placeOf(text, '7'), { readOnlyBecauseNewer: true });
  }
  {
    const text = VALID.replace('"version": 1', '"version": "1"');
    add('the version as text', text, /version: expected 1, got the text "1"/, placeOf(text, '"1"'));
  }
  {
    const depth = 10_000;
    const text = VALID.replace('"version": 1,', `"version": 1,\n  "nested": ${'['.repeat(depth)}${']'.repeat(depth)},`);
    // The top-level object is level 1, so the 64th bracket is the first one too deep.
    add('deep nesting (10,000 levels)', text, /nested more than 64 levels deep/, shiftColumn(placeOf(text, '"nested": [', '['), 63));
  }
  {
    const text = VALID.replace('"note": ""', '"note": "a\u0000b"');
    add('a NUL byte', text, /NUL character/, placeOf(text, '\u0000'));
  }
  {
    const text = damaged((d) => (d.claims[0].quote.exact = ''));
    add('an empty quote', text, /quote\.exact: the quoted text must not be empty/, placeOf(text, '"exact": ""', '""'));
  }
  {
    const text = damaged((d) => (d.claims[0].created = 'yesterday'));
    add('a timestamp that is not ISO 8601', text, /ISO 8601/, placeOf(text, '"yesterday"'));
  }
  {
    const text = damaged((d) => (d.claims[1].citations[0] = { id: 's1', note: 'no link' }));
    add('a citation with no url, doi or title', text, /needs a url, a doi or a title/, placeOf(text, '"citations": [\n        {', '{'));
  }
  {
    const text = damaged((d) => (d.claims[0].id = '../../etc/passwd'));
    add('an id with path characters', text, /claims\[0\]\.id: expected 1-64 letters/, placeOf(text, '"../../etc/passwd"'));
  }
  {
    const text = damaged((d) => delete d.article);
    add('missing "article"', text, /missing the required field "article"/, { line: 1, column: 1 });
  }
  {
    // Latin-1 "é" (0xE9) in the middle of a note: the typical result of saving with the wrong encoding.
    const text = VALID.replace('"note": ""', '"note": "caf#"');
    const bytes = Buffer.from(text, 'utf8');
    bytes[bytes.indexOf('#')] = 0xe9;
    add('invalid UTF-8 (a Latin-1 byte)', bytes, /not valid UTF-8 \(first bad byte at line \d+, column \d+\)/, placeOf(text, '#'));
  }
  add('UTF-16 little-endian with a BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(VALID, 'utf16le')]), /UTF-16 \(little-endian\)/, {
    line: 1,
    column: 1,
  });
  add('UTF-16 big-endian with a BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(VALID, 'utf16le').swap16()]), /UTF-16 \(big-endian\)/, {
    line: 1,
    column: 1,
  });
  add('UTF-16 without a BOM', Buffer.from(VALID, 'utf16le'), /looks like UTF-16/, { line: 1, column: 1 });
  return cases;
}

function placeOfNth(text: string, needle: string, n: number, target = needle): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `occurrence ${n} of "${needle}" is not in the test sidecar`);
  const offset = at + needle.indexOf(target);
  const lines = text.slice(0, offset).split('\n');
  return { line: lines.length, column: lines[lines.length - 1].length + 1 };
}

function shiftColumn(place: { line: number; column: number }, by: number) {
  return { line: place.line, column: place.column + by };
}

/** A folder with story.md (sidecar to be damaged) and other.md with a valid sidecar holding claim o1. */
function articlePair(root: string, name: string): { dir: string; article: string; sidecar: string; other: string } {
  const dir = path.join(root, name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60));
  fs.mkdirSync(dir, { recursive: true });
  const article = path.join(dir, 'story.md');
  fs.writeFileSync(article, ARTICLE);
  const other = path.join(dir, 'other.md');
  fs.writeFileSync(other, OTHER_ARTICLE);
  const otherSidecar: Sidecar = { version: 1, article: 'other.md', claims: [claim('o1', '$1.25 billion', OTHER_ARTICLE)] };
  fs.writeFileSync(other + '.claims.json', serializeSidecar(otherSidecar));
  return { dir, article, sidecar: article + '.claims.json', other };
}

/** The checks every fault shares: a located reason, refused writes naming the file, the other article fine. */
function assertRefusedAndIsolated(result: ExerciseResult, sidecarPath: string, reason: RegExp): void {
  assert.match(result.readOnlyReason ?? '(none)', reason, 'the reason says what is wrong');
  assert.equal(result.loaded, undefined, 'nothing half-read is shown as the claims');
  assert.ok(result.issues.length > 0, 'at least one issue for Problems');
  for (const issue of result.issues) {
    assert.ok(issue.line >= 1 && issue.column >= 1 && issue.message.length > 0, JSON.stringify(issue));
  }
  for (const [what, outcome] of [
    ['addClaim', result.addClaim],
    ['removeClaim', result.removeClaim],
  ] as const) {
    assert.equal(outcome.ok, false, `${what} must be refused`);
    assert.equal(outcome.name, 'SidecarReadOnlyError', `${what}: ${outcome.message}`);
    assert.ok(outcome.message?.includes(sidecarPath), `${what}'s error names the file: ${outcome.message}`);
    assert.equal(outcome.reason, result.readOnlyReason);
  }
  assertOtherArticleWorks(result);
}

function assertOtherArticleWorks(result: ExerciseResult): void {
  assert.equal(result.other.readOnlyReason, undefined);
  assert.deepEqual(result.other.loaded, ['o1'], "the other article's claims load");
  assert.ok(result.other.addClaim.ok, `a write to the other article succeeds: ${result.other.addClaim.message}`);
  assert.deepEqual(result.other.onDisk, ['added2', 'o1']);
}

async function assertRecoversWhenRepaired(article: string): Promise<void> {
  const store = new ClaimStore();
  try {
    await store.open(article);
    fs.rmSync(article + '.claims.json', { recursive: true, force: true });
    fs.writeFileSync(article + '.claims.json', VALID);
    await store.reloadFromDisk(article);
    const entry = store.entry(article)!;
    assert.equal(entry.readOnlyReason, undefined, 'a repaired sidecar is writable again');
    assert.deepEqual(
      entry.sidecar?.claims.map((c) => c.id),
      ['c1', 'c2'],
    );
    await store.addClaim(article, ARTICLE, 14, 23, {}, 'after');
    const parsed = parseSidecar(fs.readFileSync(article + '.claims.json', 'utf8'));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.sidecar.claims.map((c) => c.id).sort(), ['after', 'c1', 'c2']);
  } finally {
    store.dispose();
  }
}

/** Runs the probe (exercise() in a child process), optionally as another user, failing on a hang. */
function runProbe(probe: string, article: string, other: string, user?: { uid: number; gid: number }, timeoutMs = 20_000): Promise<ExerciseResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [probe, article, other], { stdio: ['ignore', 'pipe', 'pipe'], ...user });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the probe did not finish within ${timeoutMs} ms (the store blocked?)`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(stdout) as ExerciseResult);
      else reject(new Error(`probe exited ${code}: ${stderr}`));
    });
  });
}

describe('corrupt and invalid sidecars in the store', function () {
  this.timeout(60_000);
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-corrupt-'));
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const cases = contentCases();

  it(`covers at least 20 kinds of damage (${cases.length} content kinds + 7 file-system kinds)`, () => {
    assert.ok(cases.length + 7 >= 20);
    assert.equal(new Set(cases.map((c) => c.name)).size, cases.length);
  });

  for (const testCase of cases) {
    it(`${testCase.name}: located error, writes refused, bytes unchanged, others unaffected`, async () => {
      const { dir, article, sidecar, other } = articlePair(root, testCase.name);
      fs.writeFileSync(sidecar, testCase.bytes);
      const before = fs.readFileSync(sidecar);

      const result = await exercise(article, other);

      assertRefusedAndIsolated(result, sidecar, testCase.reason);
      if (testCase.place) {
        const first = result.issues[0];
        assert.deepEqual({ line: first.line, column: first.column }, testCase.place, `the first issue points at the damage: ${first.message}`);
        if (!testCase.readOnlyBecauseNewer && !/UTF-16|empty/.test(first.message)) {
          assert.ok(result.readOnlyReason?.includes(`line ${testCase.place.line}, column ${testCase.place.column}`), result.readOnlyReason);
        }
      }
      assert.ok(fs.readFileSync(sidecar).equals(before), 'the bytes on disk are unchanged');
      assert.deepEqual(leftovers(dir), [], 'no temporary or lock files are left');
      await assertRecoversWhenRepaired(article);
    });
  }

  it('a directory where the sidecar should be', async () => {
    const { dir, article, sidecar, other } = articlePair(root, 'directory');
    fs.mkdirSync(sidecar);
    fs.writeFileSync(path.join(sidecar, 'keep.txt'), 'untouched');
    const result = await exercise(article, other);
    assertRefusedAndIsolated(result, sidecar, /story\.md\.claims\.json is a folder, not a sidecar file/);
    assert.deepEqual(fs.readdirSync(sidecar), ['keep.txt']);
    assert.equal(fs.readFileSync(path.join(sidecar, 'keep.txt'), 'utf8'), 'untouched');
    assert.deepEqual(leftovers(dir), []);
    await assertRecoversWhenRepaired(article);
  });

  it('a symbolic link loop where the sidecar should be', async () => {
    const { dir, article, sidecar, other } = articlePair(root, 'symlink-loop');
    fs.symlinkSync(path.basename(sidecar) + '.loop', sidecar);
    fs.symlinkSync(path.basename(sidecar), sidecar + '.loop');
    const result = await exercise(article, other);
    assertRefusedAndIsolated(result, sidecar, /cannot be read \(ELOOP\)/);
    assert.equal(fs.readlinkSync(sidecar), path.basename(sidecar) + '.loop', 'the link is left as it was');
    assert.deepEqual(leftovers(dir), []);
  });

  it('a read-only sidecar file (mode 0444) is not replaced, even by root', async () => {
    const { dir, article, sidecar, other } = articlePair(root, 'read-only-root');
    fs.writeFileSync(sidecar, VALID);
    fs.chmodSync(sidecar, 0o444);
    const result = await exercise(article, other);
    // A read-only file is still read: its claims are shown; only writing is refused.
    assert.equal(result.readOnlyReason, undefined);
    assert.deepEqual(result.loaded, ['c1', 'c2']);
    for (const outcome of [result.addClaim, result.removeClaim]) {
      assert.equal(outcome.name, 'SidecarReadOnlyError', outcome.message);
      assert.match(outcome.message ?? '', /story\.md\.claims\.json: the file is read-only \(it has no write permission\)/);
    }
    assertOtherArticleWorks(result);
    assert.equal(fs.readFileSync(sidecar, 'utf8'), VALID);
    assert.equal(fs.statSync(sidecar).mode & 0o777, 0o444);
    assert.deepEqual(leftovers(dir), []);
  });

  it('a FIFO where the sidecar should be is refused without blocking', async () => {
    const probe = buildFaultScript('probe');
    const { dir, article, sidecar, other } = articlePair(root, 'fifo');
    execFileSync('mkfifo', [sidecar]);
    const result = await runProbe(probe, article, other);
    assertRefusedAndIsolated(result, sidecar, /is not a regular file/);
    assert.ok(fs.statSync(sidecar).isFIFO());
    assert.deepEqual(leftovers(dir), []);
  });

  describe('permission faults, seen by an unprivileged user', () => {
    const isRoot = process.getuid?.() === 0;
    // As root the probe runs as "nobody"; as an ordinary user it runs as that user, who owns the files.
    const user = isRoot ? { uid: 65534, gid: 65534 } : undefined;
    let probe: string;
    let permRoot: string;

    before(function () {
      if (process.platform === 'win32') this.skip();
      probe = buildFaultScript('probe');
      permRoot = path.join(root, 'permissions');
      fs.mkdirSync(permRoot);
      fs.chmodSync(root, 0o755);
      fs.chmodSync(permRoot, 0o755);
    });

    /** Gives the probe's user the folder and everything in it, as if they had created it. */
    function handOver(dir: string): void {
      if (!user) return;
      for (const name of ['', ...fs.readdirSync(dir)]) fs.lchownSync(path.join(dir, name), user.uid, user.gid);
    }

    it('a sidecar without read permission', async () => {
      const { dir, article, sidecar, other } = articlePair(permRoot, 'unreadable');
      fs.writeFileSync(sidecar, VALID);
      handOver(dir);
      fs.chmodSync(sidecar, 0o200);
      const result = await runProbe(probe, article, other, user);
      assertRefusedAndIsolated(result, sidecar, /story\.md\.claims\.json cannot be read \(permission denied\)/);
      fs.chmodSync(sidecar, 0o644);
      assert.equal(fs.readFileSync(sidecar, 'utf8'), VALID);
      assert.deepEqual(leftovers(dir), []);
    });

    it('a sidecar without write permission (0444, owned by the user)', async () => {
      const { dir, article, sidecar, other } = articlePair(permRoot, 'read-only-user');
      fs.writeFileSync(sidecar, VALID);
      handOver(dir);
      fs.chmodSync(sidecar, 0o444);
      const result = await runProbe(probe, article, other, user);
      assert.equal(result.readOnlyReason, undefined);
      assert.deepEqual(result.loaded, ['c1', 'c2'], 'its claims are still shown');
      for (const outcome of [result.addClaim, result.removeClaim]) {
        assert.equal(outcome.name, 'SidecarReadOnlyError', outcome.message);
        assert.match(outcome.message ?? '', /story\.md\.claims\.json: the file is read-only/);
      }
      assertOtherArticleWorks(result);
      assert.equal(fs.readFileSync(sidecar, 'utf8'), VALID);
      assert.equal(fs.statSync(sidecar).mode & 0o777, 0o444);
      assert.deepEqual(leftovers(dir), []);
    });

    it("a sidecar owned by someone else that only they may write (0644), in the user's writable folder", async function () {
      // Without the check, the rename of a temporary file would replace the other user's file.
      if (!isRoot) this.skip(); // only root can give a file to another user
      const { dir, article, sidecar, other } = articlePair(permRoot, 'foreign-owner');
      fs.writeFileSync(sidecar, VALID);
      handOver(dir);
      fs.chownSync(sidecar, 0, 0);
      fs.chmodSync(sidecar, 0o644);
      const result = await runProbe(probe, article, other, user);
      assert.deepEqual(result.loaded, ['c1', 'c2']);
      for (const outcome of [result.addClaim, result.removeClaim]) {
        assert.equal(outcome.name, 'SidecarReadOnlyError', outcome.message);
        assert.match(outcome.message ?? '', /the file cannot be written \(permission denied\)/);
      }
      assertOtherArticleWorks(result);
      assert.equal(fs.readFileSync(sidecar, 'utf8'), VALID);
      assert.equal(fs.statSync(sidecar).uid, 0, 'the file still belongs to its owner');
      assert.deepEqual(leftovers(dir), []);
    });

    it('a folder without write permission', async () => {
      const { dir, article, sidecar } = articlePair(permRoot, 'read-only-folder');
      fs.writeFileSync(sidecar, VALID);
      // The other article lives in a sibling folder the user may write to.
      const elsewhere = articlePair(permRoot, 'writable-sibling');
      handOver(dir);
      handOver(elsewhere.dir);
      fs.chmodSync(dir, 0o555);
      try {
        const result = await runProbe(probe, article, elsewhere.other, user);
        assert.deepEqual(result.loaded, ['c1', 'c2'], 'claims in a read-only folder are still shown');
        for (const outcome of [result.addClaim, result.removeClaim]) {
          assert.equal(outcome.name, 'SidecarReadOnlyError', outcome.message);
          assert.match(outcome.message ?? '', /the folder .*read-only-folder is not writable \(permission denied\), so the sidecar cannot be saved there/);
        }
        assertOtherArticleWorks(result);
        assert.equal(fs.readFileSync(sidecar, 'utf8'), VALID);
        assert.deepEqual(fs.readdirSync(dir).sort(), ['other.md', 'other.md.claims.json', 'story.md', 'story.md.claims.json']);
      } finally {
        fs.chmodSync(dir, 0o755);
      }
    });

    it('a new sidecar in a folder without write permission', async () => {
      const { dir, article, sidecar } = articlePair(permRoot, 'read-only-folder-new');
      const elsewhere = articlePair(permRoot, 'writable-sibling-new');
      handOver(dir);
      handOver(elsewhere.dir);
      fs.chmodSync(dir, 0o555);
      try {
        const result = await runProbe(probe, article, elsewhere.other, user);
        assert.equal(result.readOnlyReason, undefined);
        assert.equal(result.addClaim.name, 'SidecarReadOnlyError', result.addClaim.message);
        assert.match(result.addClaim.message ?? '', /is not writable \(permission denied\)/);
        assertOtherArticleWorks(result);
        assert.ok(!fs.existsSync(sidecar));
      } finally {
        fs.chmodSync(dir, 0o755);
      }
    });
  });
});

describe('sidecars that are odd but valid, in the store', () => {
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-odd-'));
  });

  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('accepts a UTF-8 byte order mark: the claims load and a write succeeds (without the BOM)', async () => {
    const { article, sidecar, other } = articlePair(root, 'bom');
    fs.writeFileSync(sidecar, '\uFEFF' + VALID);
    const result = await exercise(article, other);
    assert.equal(result.readOnlyReason, undefined);
    assert.deepEqual(result.issues, []);
    assert.deepEqual(result.loaded, ['c1', 'c2']);
    assert.ok(result.addClaim.ok, result.addClaim.message);
    assertOtherArticleWorks(result);
    const written = fs.readFileSync(sidecar, 'utf8');
    assert.ok(!written.startsWith('\uFEFF'));
    const parsed = parseSidecar(written);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.sidecar.claims.map((c) => c.id).sort(), ['added1', 'c2'], 'c1 was removed, added1 added');
  });

  it('drops __proto__ and constructor keys without polluting any prototype', async () => {
    const { article, sidecar } = articlePair(root, 'proto');
    const text = VALID.replace('"note": ""', '"note": "", "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } }');
    fs.writeFileSync(sidecar, text);
    const store = new ClaimStore();
    const entry = await store.open(article);
    assert.equal(entry.readOnlyReason, undefined);
    const loaded = entry.sidecar!.claims[0] as Record<string, unknown>;
    assert.ok(!Object.prototype.hasOwnProperty.call(loaded, '__proto__'));
    assert.ok(!Object.prototype.hasOwnProperty.call(loaded, 'constructor'));
    assert.equal(Object.getPrototypeOf(loaded), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    await store.addClaim(article, ARTICLE, 14, 23, {}, 'c3');
    assert.ok(!fs.readFileSync(sidecar, 'utf8').includes('polluted'), 'the dangerous keys are not written back');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  for (const [kind, exact, expected] of [
    ['re-anchored by content', 'Anthropic', 'anchored'],
    ['orphaned (its text is gone)', 'Microsoft', 'orphaned'],
  ] as const) {
    it(`offsets past the end of a shorter article are not an error: the claim is ${kind}, the bytes unchanged`, async () => {
      const { article, sidecar } = articlePair(root, `past-end-${expected}`);
      const data = validSidecar();
      data.claims.push({
        ...claim('far', 'Amazon'),
        quote: { exact, prefix: 'invest $4 billion in ', suffix: '. Analysts' },
        position: { start: 5000, end: 5000 + exact.length },
      });
      const text = serializeSidecar(data);
      fs.writeFileSync(sidecar, text);
      const store = new ClaimStore();
      const entry = await store.open(article);
      assert.equal(entry.readOnlyReason, undefined);
      store.reanchor(article, ARTICLE);
      const far = entry.sidecar!.claims.find((c) => c.id === 'far')!;
      if (expected === 'anchored') {
        assert.ok(!entry.orphaned.has('far'));
        assert.equal(ARTICLE.slice(far.position.start, far.position.end), exact);
      } else {
        assert.ok(entry.orphaned.has('far'), 'the claim is orphaned, not moved to a look-alike');
      }
      assert.equal(fs.readFileSync(sidecar, 'utf8'), text, 'opening and re-anchoring never rewrites the sidecar');
      await store.addClaim(article, ARTICLE, 14, 23, {}, 'c3');
      const parsed = parseSidecar(fs.readFileSync(sidecar, 'utf8'));
      assert.ok(parsed.ok);
      assert.ok(
        parsed.sidecar.claims.some((c) => c.id === 'far' && c.quote.exact === exact),
        'the claim is kept, never dropped',
      );
      store.dispose();
    });
  }
});

describe('lock files left by a crashed writer', () => {
  let dir: string;
  let article: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-lock-'));
    article = path.join(dir, 'story.md');
    fs.writeFileSync(article, ARTICLE);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('an empty lock (the writer died between creating it and writing its pid) does not block saves for long', async () => {
    const lock = article + '.claims.json.lock';
    fs.writeFileSync(lock, '');
    const aged = new Date(Date.now() - 5_000);
    fs.utimesSync(lock, aged, aged);
    const store = new ClaimStore();
    const started = Date.now();
    // open() cleans it up; a second lock made afterwards tests the path a running store takes.
    await store.open(article);
    assert.ok(!fs.existsSync(lock), 'the next start removes the abandoned lock');
    fs.writeFileSync(lock, '');
    fs.utimesSync(lock, aged, aged);
    await store.addClaim(article, ARTICLE, 0, 6, {}, 'c1');
    assert.ok(Date.now() - started < 3_000, `the save waited ${Date.now() - started} ms`);
    assert.ok(!fs.existsSync(lock));
    store.dispose();
  });

  it('a lock whose owner process is gone is removed on the next start and does not block a save', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
    const lock = article + '.claims.json.lock';
    fs.writeFileSync(lock, String(deadPid));
    const store = new ClaimStore();
    await store.open(article);
    assert.ok(!fs.existsSync(lock));
    fs.writeFileSync(lock, String(deadPid));
    await store.addClaim(article, ARTICLE, 0, 6, {}, 'c1');
    assert.ok(!fs.existsSync(lock));
    store.dispose();
  });

  it('a lock held by a live process makes a save wait for it, not overwrite its work', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const lock = article + '.claims.json.lock';
      fs.writeFileSync(lock, String(holder.pid));
      const store = new ClaimStore();
      await store.open(article);
      assert.ok(fs.existsSync(lock), 'a live writer keeps its lock');
      let saved = false;
      const saving = store.addClaim(article, ARTICLE, 0, 6, {}, 'c1').then(() => (saved = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(saved, false, 'the save waits while the lock is held');
      // The other writer saves its claim and releases the lock; ours must merge with it.
      const theirs: Sidecar = { version: 1, article: 'story.md', claims: [claim('theirs', 'Anthropic')] };
      fs.writeFileSync(article + '.claims.json', serializeSidecar(theirs));
      fs.rmSync(lock);
      await saving;
      const parsed = parseSidecar(fs.readFileSync(article + '.claims.json', 'utf8'));
      assert.ok(parsed.ok);
      assert.deepEqual(parsed.sidecar.claims.map((c) => c.id).sort(), ['c1', 'theirs']);
      store.dispose();
    } finally {
      holder.kill('SIGKILL');
    }
  });
});
