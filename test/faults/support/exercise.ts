// What the corrupt-sidecar tests do to a store, in one place so the same steps run in this process and in a
// child process started as an unprivileged user (for permission faults, which root would not feel).
import fs from 'node:fs';
import path from 'node:path';
import { parseSidecar } from '../../../src/core/sidecar/sidecar';
import type { SidecarIssue } from '../../../src/core/sidecar/sidecar';
import { ClaimStore, SidecarReadOnlyError } from '../../../src/store/claimStore';

export interface WriteOutcome {
  ok: boolean;
  name?: string;
  message?: string;
  reason?: string;
}

export interface ExerciseResult {
  readOnlyReason?: string;
  issues: SidecarIssue[];
  /** Claim ids the store loaded for the faulty article; undefined when it loaded none. */
  loaded?: string[];
  addClaim: WriteOutcome;
  removeClaim: WriteOutcome;
  other: {
    readOnlyReason?: string;
    loaded?: string[];
    addClaim: WriteOutcome;
    /** Claim ids on disk after the write, as parsed from the file. */
    onDisk?: string[];
  };
}

async function attempt(write: () => Promise<unknown>): Promise<WriteOutcome> {
  try {
    await write();
    return { ok: true };
  } catch (error) {
    const e = error as Error;
    return { ok: false, name: e.name, message: e.message, reason: error instanceof SidecarReadOnlyError ? error.reason : undefined };
  }
}

/**
 * Opens `article` (whose sidecar is faulty), tries to write to it, then opens `other` (whose sidecar is fine)
 * in the same store, adds a claim there and reads back what is on disk.
 */
export async function exercise(article: string, other: string): Promise<ExerciseResult> {
  const store = new ClaimStore();
  try {
    const entry = await store.open(article);
    const text = fs.readFileSync(article, 'utf8');
    const result: ExerciseResult = {
      readOnlyReason: entry.readOnlyReason,
      issues: entry.issues,
      loaded: entry.sidecar?.claims.map((c) => c.id),
      addClaim: await attempt(() => store.addClaim(article, text, 0, 6, {}, 'added1')),
      removeClaim: await attempt(() => store.removeClaim(article, 'c1')),
      other: { addClaim: { ok: false } },
    };
    const otherEntry = await store.open(other);
    result.other.readOnlyReason = otherEntry.readOnlyReason;
    result.other.loaded = otherEntry.sidecar?.claims.map((c) => c.id);
    const otherText = fs.readFileSync(other, 'utf8');
    result.other.addClaim = await attempt(() => store.addClaim(other, otherText, 0, 6, {}, 'added2'));
    const parsed = parseSidecar(fs.readFileSync(other + '.claims.json', 'utf8'));
    result.other.onDisk = parsed.ok ? parsed.sidecar.claims.map((c) => c.id).sort() : undefined;
    return result;
  } finally {
    store.dispose();
  }
}

/** Temporary and lock files a writer may leave beside sidecars. */
export function leftovers(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => name.includes('.claims-tmp-') || name.endsWith('.lock'))
    .map((name) => path.join(folder, name));
}
