// Crash during save: a writer is killed with SIGKILL at random moments, hundreds of times. Afterwards the
// sidecar always parses and holds a state the writer really saved, and a new store removes leftover
// temporary files.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSidecar } from '../../src/core/sidecar';
import { ClaimStore } from '../../src/store/claimStore';
import { buildWriter } from './support/buildWriter';

const KILLS = Number(process.env.CLAIMS_FAULT_KILLS ?? 200);

function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}

describe('crash during save (SIGKILL)', function () {
  this.timeout(600_000);
  let writer: string;
  let dir: string;

  before(() => {
    writer = buildWriter();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claims-crash-'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`keeps the sidecar whole across ${KILLS} kills at random moments`, async () => {
    const article = path.join(dir, 'story.md');
    fs.writeFileSync(article, 'Amazon will invest up to $4 billion in Anthropic. '.repeat(200));
    const random = seeded(20241107);
    let killedMidWrite = 0;
    let leftoverTemps = 0;
    for (let round = 0; round < KILLS; round++) {
      const before = fs.existsSync(article + '.claims.json') ? fs.readFileSync(article + '.claims.json', 'utf8') : undefined;
      const child = spawn(process.execPath, [writer, article, 'loop', '100000', `r${round}x`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let saved = 0;
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      await new Promise<void>((resolve, reject) => {
        const delay = 5 + Math.floor(random() * 60);
        child.stdout.on('data', (chunk: Buffer) => {
          const text = chunk.toString();
          if (text.includes('ready')) setTimeout(() => child.kill('SIGKILL'), delay);
          saved += (text.match(/saved/g) ?? []).length;
        });
        child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited ${code}: ${stderr}`))));
      });
      const after = fs.readFileSync(article + '.claims.json', 'utf8');
      const parsed = parseSidecar(after);
      assert.ok(parsed.ok, `round ${round}: the sidecar must parse after a kill: ${JSON.stringify(!parsed.ok && parsed.errors[0])}`);
      // The state on disk is the previous content plus the claims this round's writer saved (or is saving).
      const mine = parsed.sidecar.claims.filter((c) => c.id.startsWith(`r${round}x`)).length;
      const previous = before ? (parseSidecar(before) as { ok: true; sidecar: { claims: unknown[] } }).sidecar.claims.length : 0;
      assert.equal(parsed.sidecar.claims.length, previous + mine, `round ${round}: nothing from earlier rounds was lost`);
      assert.ok(mine === saved || mine === saved + 1, `round ${round}: ${mine} claims on disk, ${saved} acknowledged`);
      if (mine === saved + 1) killedMidWrite++;
      leftoverTemps += fs.readdirSync(dir).filter((name) => name.includes('.claims-tmp-')).length;
      // A stale lock from the killed writer must not block the next one.
    }
    console.log(`      ${KILLS} kills: ${killedMidWrite} after the rename but before the acknowledgement, ${leftoverTemps} temp files seen before cleanup`);
    await new ClaimStore().open(article);
    assert.deepEqual(fs.readdirSync(dir).filter((name) => name.includes('.claims-tmp-')), [], 'temp files are cleaned up on the next start');
  });
});
