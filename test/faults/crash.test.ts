// Crash during save: a writer saving through the ClaimStore in a loop is killed with SIGKILL at random
// moments, hundreds of times. After every kill the sidecar parses and holds a state the writer really saved
// (the previous content plus a prefix of this writer's claims, earlier claims untouched), and the next writer
// removes the temporary and lock files the killed one left behind as it starts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSidecar } from '../../src/core/sidecar/sidecar';
import type { Claim } from '../../src/core/sidecar/schema';
import { ClaimStore } from '../../src/store/claimStore';
import { buildWriter } from './support/buildWriter';

const KILLS = Number(process.env.CLAIMS_FAULT_KILLS ?? 200);
/** Independent articles killed in parallel, one per core, so the suite stays short. */
const LANES = 2;

function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}

const isLeftover = (name: string) => name.includes('.claims-tmp-') || name.endsWith('.lock');

interface LaneReport {
  kills: number;
  killedAfterRenameBeforeAck: number;
  leftoversSeen: number;
  claims: number;
  bytes: number;
}

function claimsOnDisk(sidecar: string): Claim[] {
  if (!fs.existsSync(sidecar)) return [];
  const parsed = parseSidecar(fs.readFileSync(sidecar, 'utf8'));
  if (!parsed.ok) assert.fail(`the sidecar must parse: ${JSON.stringify(parsed.errors[0])}`);
  return parsed.sidecar.claims;
}

async function killRound(writer: string, dir: string, article: string, round: number, delayMs: number): Promise<{ saved: number; leftoversAtStart: string[] }> {
  // A lock file has the same name for every writer, so a leftover lock is recognised by its dead owner's pid.
  const contentOf = (name: string) => {
    try {
      return fs.readFileSync(path.join(dir, name), 'utf8');
    } catch {
      return undefined;
    }
  };
  const before = fs
    .readdirSync(dir)
    .filter(isLeftover)
    .map((name) => ({ name, content: contentOf(name) }));
  const child = spawn(process.execPath, [writer, article, 'loop', '100000', `r${round}x`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  let leftoversAtStart: string[] = [];
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.on('data', (chunk: Buffer) => {
    const firstChunk = !stdout.includes('ready');
    stdout += chunk.toString();
    if (firstChunk && stdout.includes('ready')) {
      // The writer has opened the article, which is when a store cleans up after crashed writers.
      leftoversAtStart = before.filter(({ name, content }) => contentOf(name) === content).map(({ name, content }) => `${name}=${JSON.stringify(content)}`);
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  // 'close' (not 'exit') waits until all of the child's output is read, so no acknowledgement is missed.
  await new Promise<void>((resolve, reject) =>
    child.on('close', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`)))),
  );
  return { saved: (stdout.match(/^saved \d+$/gm) ?? []).length, leftoversAtStart };
}

async function runLane(writer: string, lane: number, kills: number): Promise<LaneReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `claims-crash-${lane}-`));
  try {
    const article = path.join(dir, 'story.md');
    const sidecar = article + '.claims.json';
    fs.writeFileSync(article, 'Amazon will invest up to $4 billion in Anthropic. '.repeat(200));
    const random = seeded(20241107 + lane);
    const report: LaneReport = { kills, killedAfterRenameBeforeAck: 0, leftoversSeen: 0, claims: 0, bytes: 0 };
    for (let round = 0; round < kills; round++) {
      const previous = claimsOnDisk(sidecar);
      const { saved, leftoversAtStart } = await killRound(writer, dir, article, round, 5 + Math.floor(random() * 60));
      assert.deepEqual(leftoversAtStart, [], `lane ${lane} round ${round}: the next start removes what a killed writer left`);
      const now = claimsOnDisk(sidecar);
      const byId = new Map(now.map((c) => [c.id, c]));
      for (const claim of previous) assert.deepEqual(byId.get(claim.id), claim, `lane ${lane} round ${round}: claim ${claim.id} from before is intact`);
      const mine = now.filter((c) => c.id.startsWith(`r${round}x`)).map((c) => Number(c.id.slice(`r${round}x`.length)));
      assert.equal(now.length, previous.length + mine.length, `lane ${lane} round ${round}: nothing else appeared or vanished`);
      // Each save adds the next claim, so any state on disk holds claims 0..n-1 of this writer.
      assert.deepEqual(
        mine.sort((a, b) => a - b),
        [...Array(mine.length).keys()],
        `lane ${lane} round ${round}: a saved state, not a torn one`,
      );
      assert.ok(mine.length === saved || mine.length === saved + 1, `lane ${lane} round ${round}: ${mine.length} claims on disk, ${saved} acknowledged`);
      if (mine.length === saved + 1) report.killedAfterRenameBeforeAck++;
      report.leftoversSeen += fs.readdirSync(dir).filter(isLeftover).length;
    }
    const store = new ClaimStore();
    const entry = await store.open(article);
    assert.deepEqual(fs.readdirSync(dir).filter(isLeftover), [], 'a new store cleans up after the last killed writer');
    assert.equal(entry.readOnlyReason, undefined);
    await store.addClaim(article, fs.readFileSync(article, 'utf8'), 0, 6, {}, 'afterwards');
    report.claims = entry.sidecar!.claims.length;
    report.bytes = fs.statSync(sidecar).size;
    store.dispose();
    return report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('crash during save (SIGKILL)', function () {
  this.timeout(600_000);

  it(`keeps the sidecar whole across ${KILLS} kills at random moments`, async () => {
    const writer = buildWriter();
    const started = Date.now();
    const perLane = Math.ceil(KILLS / LANES);
    const reports = await Promise.all(Array.from({ length: LANES }, (_, lane) => runLane(writer, lane, perLane)));
    const total = reports.reduce((sum, r) => sum + r.kills, 0);
    assert.ok(total >= KILLS);
    const afterRename = reports.reduce((sum, r) => sum + r.killedAfterRenameBeforeAck, 0);
    const leftovers = reports.reduce((sum, r) => sum + r.leftoversSeen, 0);
    console.log(
      `      ${total} kills in ${((Date.now() - started) / 1000).toFixed(1)} s: every state parsed and was a saved one; ` +
        `${afterRename} kills fell after the rename but before the acknowledgement; ${leftovers} leftover temp/lock files seen, all removed by the next start; ` +
        `final sidecars ${reports.map((r) => `${r.claims} claims/${(r.bytes / 1024).toFixed(0)} KiB`).join(', ')}`,
    );
  });
});
