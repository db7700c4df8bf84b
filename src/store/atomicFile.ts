// Crash-safe file writing for sidecars: write a temporary file in the same folder, flush it to disk, then
// rename it over the target. A rename within one folder is atomic on POSIX file systems, so a reader (or a
// crash at any moment) sees either the old bytes or the new ones, never a torn file.
import fs from 'node:fs';
import path from 'node:path';
import { SIDECAR_SUFFIX } from '../core/sidecar/schema';

const TEMP_MARKER = '.claims-tmp-';
const LOCK_SUFFIX = '.lock';
const SIDECAR_LOCK_SUFFIX = SIDECAR_SUFFIX + LOCK_SUFFIX;
/** A lock older than this is considered abandoned even if its owner's pid was reused. */
const STALE_LOCK_MS = 30_000;
/**
 * Only on a file system without hard links can a lock be empty: between its creation and the write of the
 * owner's pid. One empty for longer than this belongs to a writer that was killed in between, and would
 * otherwise block every save until STALE_LOCK_MS.
 */
const EMPTY_LOCK_GRACE_MS = 1_000;

export function tempPathFor(target: string): string {
  const random = Math.random().toString(36).slice(2, 10);
  return path.join(path.dirname(target), `.${path.basename(target)}${TEMP_MARKER}${process.pid}-${random}`);
}

/**
 * Replaces `target` with `text`, all or nothing. A write to a nearly full disk can be cut short without an
 * error, so the bytes are written in a loop until all are down (the next write then reports ENOSPC), and
 * the temporary file's size is checked before the rename. On any error the old file is left untouched, the
 * temporary file is removed, and the error names the target and says why.
 */
export function writeFileAtomically(target: string, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  const temp = tempPathFor(target);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', 0o644);
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
    const size = fs.fstatSync(fd).size;
    if (size !== bytes.length) throw Object.assign(new Error(`only ${size} of ${bytes.length} bytes reached the disk`), { code: 'EIO' });
    const closing = fd;
    fd = undefined;
    fs.closeSync(closing);
    try {
      // Keep the permissions the user gave the existing file.
      const mode = fs.statSync(target).mode & 0o777;
      fs.chmodSync(temp, mode);
    } catch {
      /* no existing file */
    }
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* the write error is the one worth reporting */
      }
    }
    fs.rmSync(temp, { force: true });
    throw new FileWriteError(target, error);
  }
  syncFolder(path.dirname(target));
}

/** A file that could not be saved; the old content is still in place. */
export class FileWriteError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly target: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException).code;
    super(`${target} could not be saved (${describeWriteError(cause)}); the previous version is kept`);
    this.name = 'FileWriteError';
    this.code = code;
  }
}

function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC') return 'no space left on the disk, ENOSPC';
  if (code === 'EDQUOT') return 'disk quota exceeded, EDQUOT';
  if (code === 'EROFS') return 'read-only file system, EROFS';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied, ${code}`;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message}, ${code}` : message;
}

/** Writes every byte of `bytes`: a short write is followed by another for the rest, never taken as done. */
function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) {
    const written = fs.writeSync(fd, bytes, offset, bytes.length - offset);
    if (!(written > 0)) throw Object.assign(new Error(`the disk accepted no more bytes after ${offset} of ${bytes.length}`), { code: 'ENOSPC' });
    offset += written;
  }
}

function syncFolder(folder: string): void {
  // Makes the rename itself durable; not every platform lets a folder be fsync'ed, which is harmless.
  try {
    const fd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why this process cannot create files in `folder` (so no sidecar can be saved there), or undefined. */
export function whyFolderNotWritable(folder: string): string | undefined {
  try {
    fs.accessSync(folder, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    return `the folder ${folder} is not writable (${describeAccessError(error)}), so the sidecar cannot be saved there`;
  }
}

/**
 * Why this process must not replace the existing file `target`, or undefined when it may (or there is no
 * file). A file with no write permission bits is refused even for root, who may write anything: the user
 * marked it read-only, and an atomic rename would silently replace it.
 */
export function whyFileNotWritable(target: string): string | undefined {
  let mode: number;
  try {
    mode = fs.statSync(target).mode;
  } catch {
    return undefined;
  }
  if ((mode & 0o222) === 0) return 'the file is read-only (it has no write permission); make it writable to edit its claims';
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return undefined;
  } catch (error) {
    return `the file cannot be written (${describeAccessError(error)})`;
  }
}

function describeAccessError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  return code ?? String(error);
}

/**
 * Leftovers of a crashed writer (ours or another process's) in `folder`: temporary files, and lock files
 * whose owner is gone, which would otherwise linger beside the sidecars (and show up in `git status`).
 */
export function removeStaleTempFiles(folder: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (name.endsWith(SIDECAR_LOCK_SUFFIX)) {
      const lock = path.join(folder, name);
      if (breakStaleLock(lock, inspectLock(lock, STALE_LOCK_MS))) removed.push(lock);
      continue;
    }
    if (name.endsWith(SIDECAR_SUFFIX + BREAKER_SUFFIX)) {
      const breaker = path.join(folder, name);
      const state = inspectLock(breaker, STALE_BREAKER_MS);
      if (state.stale && removeExactly(breaker, state)) removed.push(breaker);
      continue;
    }
    const at = name.indexOf(TEMP_MARKER);
    if (!name.startsWith('.') || at < 0) continue;
    const pid = Number(name.slice(at + TEMP_MARKER.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && processIsAlive(pid)) continue;
    try {
      fs.rmSync(path.join(folder, name), { force: true });
      removed.push(path.join(folder, name));
    } catch {
      /* another process removed it first */
    }
  }
  return removed;
}

/**
 * Runs `work` while holding an exclusive lock file beside `target`, so two processes (two windows, the
 * extension and the CLI) never interleave their read-merge-write of the same sidecar.
 *
 * The lock is made by hard-linking a file holding our pid to the lock name, which fails if it exists. A lock
 * whose owner is gone is broken only under a second, short-lived lock (the "breaker"), and only if the lock
 * found there is still the very file (same inode) judged stale: several writers that meet one stale lock at
 * once can then never delete a live lock that another of them made meanwhile, which is how acknowledged
 * claims were lost (issue 20). Our own lock is released only if it is still ours.
 */
export async function withFileLock<T>(target: string, work: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const lock = target + LOCK_SUFFIX;
  const deadline = Date.now() + timeoutMs;
  let delay = 2;
  let held: LockIdentity;
  for (;;) {
    try {
      held = createLock(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const state = inspectLock(lock, STALE_LOCK_MS);
      // A stale lock that could not be broken this time (another writer is breaking it) is waited for like a live one.
      if (state.stale && breakStaleLock(lock, state)) continue;
      if (Date.now() > deadline) {
        const why =
          state.problem ?? (state.stale ? 'a lock file left by a crashed writer could not be removed' : 'another process is still writing this sidecar');
        throw new Error(`${target}: ${why} (lock file ${lock})`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 50);
    }
  }
  try {
    return await work();
  } finally {
    releaseLock(lock, held);
  }
}

/** Error codes of file systems that have no hard links (FAT, some network shares). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Which file a lock is: a lock is released or broken only if the name still points at this very file. */
interface LockIdentity {
  dev: number;
  ino: number;
}

/** The lock that guards breaking `x.claims.json.lock`: `x.claims.json.break.lock`. */
const BREAKER_SUFFIX = '.break' + LOCK_SUFFIX;
/** A breaker is held for a few system calls; one older than this was left by a crash. */
const STALE_BREAKER_MS = 5_000;

/**
 * Creates the lock file holding our pid, or throws EEXIST. The pid is written to a temporary file that is
 * then hard-linked into place, so the lock never exists without its owner: a writer killed while an
 * O_CREAT open was still in the kernel (fsync on ext4 can hold it for milliseconds) would otherwise leave an
 * empty lock that nobody could tell from one being written. A crash before the link leaves only a
 * temporary file, which removeStaleTempFiles knows by its dead pid.
 */
function createLock(lock: string): LockIdentity {
  const temp = tempPathFor(lock);
  try {
    // Inside the try, so a disk too full for even the pid leaves no temporary file behind.
    fs.writeFileSync(temp, String(process.pid), { flag: 'wx' });
    const { dev, ino } = fs.statSync(temp);
    fs.linkSync(temp, lock);
    return { dev, ino };
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '') || !fs.existsSync(temp)) throw error;
    const fd = fs.openSync(lock, 'wx');
    try {
      fs.writeSync(fd, String(process.pid));
      const { dev, ino } = fs.fstatSync(fd);
      return { dev, ino };
    } finally {
      fs.closeSync(fd);
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function releaseLock(lock: string, held: LockIdentity): void {
  try {
    const now = fs.lstatSync(lock);
    if (now.dev === held.dev && now.ino === held.ino) fs.unlinkSync(lock);
  } catch {
    /* already gone */
  }
}

interface LockState extends Partial<LockIdentity> {
  exists: boolean;
  stale: boolean;
  /** Why saves cannot go on while this lock stays, when it is not simply held by a live writer. */
  problem?: string;
  isDirectory?: boolean;
}

/**
 * What is at a lock's name, without ever blocking on it: the entry is looked at with lstat, and a regular
 * file is opened with O_NONBLOCK and O_NOFOLLOW and checked on the open descriptor. Anything we never
 * create (a symbolic link, dangling or not, an empty folder, a FIFO or device) is stale at once; a lock we
 * cannot read is stale once it is older than `staleAfterMs`, like any other.
 */
function inspectLock(lock: string, staleAfterMs: number): LockState {
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(lock);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR'
      ? { exists: false, stale: false }
      : { exists: true, stale: false, problem: `the lock file cannot be examined (${code})` };
  }
  const base = { exists: true, dev: stat.dev, ino: stat.ino };
  const name = path.basename(lock);
  if (stat.isSymbolicLink()) return { ...base, stale: true };
  if (stat.isDirectory()) {
    let empty = false;
    try {
      empty = fs.readdirSync(lock).length === 0;
    } catch {
      /* unreadable folder: not removed */
    }
    return empty
      ? { ...base, stale: true, isDirectory: true }
      : { ...base, stale: false, problem: `${name} is a folder with files in it, not a lock; move it away` };
  }
  if (!stat.isFile()) return { ...base, stale: true };
  const age = Date.now() - stat.mtimeMs;
  if (age > staleAfterMs) return { ...base, stale: true };
  let content: string;
  try {
    content = readSmallRegularFile(lock, 64);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ...base,
      stale: false,
      problem: `${name} cannot be read (${code ?? String(error)}); it is taken as abandoned ${Math.round(staleAfterMs / 1000)} s after it was made`,
    };
  }
  if (content === '') return { ...base, stale: age > EMPTY_LOCK_GRACE_MS };
  const owner = Number(content);
  if (Number.isInteger(owner) && owner > 0 && owner !== process.pid) return { ...base, stale: !processIsAlive(owner) };
  return { ...base, stale: false };
}

/** Reads at most `max` bytes of a regular file without following a symlink or blocking on a FIFO. */
function readSmallRegularFile(file: string, max: number): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    if (!fs.fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EINVAL' });
    const buffer = Buffer.alloc(max);
    const length = fs.readSync(fd, buffer, 0, max, 0);
    return buffer.toString('utf8', 0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Removes the stale lock described by `observed`, under the breaker, if the name still holds that very
 * file and it is still stale. Returns true if it was removed.
 */
function breakStaleLock(lock: string, observed: LockState): boolean {
  if (!observed.stale) return false;
  const breaker = lock.slice(0, -LOCK_SUFFIX.length) + BREAKER_SUFFIX;
  let held: LockIdentity;
  try {
    held = createLock(breaker);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') return false;
    // Someone else is breaking it now; a breaker left by a crash is removed so the next try can go on.
    const state = inspectLock(breaker, STALE_BREAKER_MS);
    if (state.stale) removeExactly(breaker, state);
    return false;
  }
  try {
    const now = inspectLock(lock, STALE_LOCK_MS);
    if (!now.exists || !now.stale || now.dev !== observed.dev || now.ino !== observed.ino) return false;
    return removeExactly(lock, now);
  } finally {
    releaseLock(breaker, held);
  }
}

/**
 * Removes `file` only if it is still the file described by `state`: it is first renamed to a private name
 * (atomic), then checked; a different file caught by the rename is linked back into place.
 */
function removeExactly(file: string, state: LockState): boolean {
  const aside = tempPathFor(file);
  try {
    fs.renameSync(file, aside);
  } catch {
    return false;
  }
  let removed = false;
  try {
    const moved = fs.lstatSync(aside);
    if (moved.dev !== state.dev || moved.ino !== state.ino) {
      if (moved.isDirectory()) fs.renameSync(aside, file);
      else fs.linkSync(aside, file);
      return false;
    }
    // A folder is removed only while empty (rmdir), so nothing put in it is ever deleted.
    if (moved.isDirectory()) fs.rmdirSync(aside);
    removed = true;
    return true;
  } catch {
    if (fs.existsSync(aside) && fs.lstatSync(aside).isDirectory()) fs.renameSync(aside, file);
    return false;
  } finally {
    if (!removed || !state.isDirectory) fs.rmSync(aside, { force: true });
  }
}
