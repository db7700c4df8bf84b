// Reading a file that came from a stranger (a cloned repository) without blocking, exhausting memory or
// leaking what lies outside the workspace. Every article, sidecar and annotation file the extension or the
// CLI reads goes through readRegularFile:
// - it opens with O_NONBLOCK, so a FIFO never blocks the open (which would freeze the extension host),
//   and checks isFile() on the opened descriptor (not on the path, which could be swapped in between),
//   so FIFOs, devices (/dev/zero, /dev/stdin) and sockets are refused;
// - it refuses a file larger than the cap before reading, and never reads more than the cap even if the
//   file grows while being read;
// - when given the folders the user works in, it refuses a path whose real location (after symbolic links)
//   lies outside all of them: a committed `notes.md -> ~/.aws/credentials` is not read.
import fs from 'node:fs';
import path from 'node:path';

export type RegularFileRead =
  | { kind: 'bytes'; bytes: Buffer }
  | { kind: 'missing' }
  /** Not read, and why (a sentence fragment naming no path; the caller names the file). */
  | { kind: 'refused'; reason: string; code?: string };

export interface ReadLimits {
  /** Files larger than this are refused unread. */
  maxBytes: number;
  /** When given, the file's real path must lie inside one of these folders. */
  roots?: readonly string[];
}

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** The real path of `folder`, or the folder as given when it cannot be resolved. */
function realFolder(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    return path.resolve(folder);
  }
}

export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..' + path.sep) && relative !== '..' && !path.isAbsolute(relative));
}

/**
 * Why `file` leaves the roots through a symbolic link, or undefined when it does not. Only a path that
 * lies inside a root (as written) but whose real location (after links) lies outside all of them is
 * refused: a link from one workspace file to another is fine, and so is a file the user opened from
 * outside the workspace on purpose.
 */
export function whyOutsideRoots(file: string, roots: readonly string[]): string | undefined {
  const literal = path.resolve(file);
  const realRoots = roots.map(realFolder);
  if (!roots.some((root, i) => isInside(path.resolve(root), literal) || isInside(realRoots[i]!, literal))) return undefined;
  let real: string;
  try {
    real = fs.realpathSync(literal);
  } catch {
    return undefined;
  }
  if (realRoots.some((root) => isInside(root, real))) return undefined;
  return `it is a symbolic link to a place outside the workspace (${real}), so it is not read`;
}

/**
 * Whether a path that came from a file (a conflict note's other.article), not from the user, lies inside
 * one of the roots both as written and after symbolic links. With no roots, everything is inside.
 */
export function isInsideRoots(file: string, roots: readonly string[]): boolean {
  if (roots.length === 0) return true;
  const literal = path.resolve(file);
  const realRoots = roots.map(realFolder);
  if (!roots.some((root, i) => isInside(path.resolve(root), literal) || isInside(realRoots[i]!, literal))) return false;
  let real: string;
  try {
    real = fs.realpathSync(literal);
  } catch {
    // Not there (yet): its folder must be inside.
    try {
      real = path.join(fs.realpathSync(path.dirname(literal)), path.basename(literal));
    } catch {
      return true;
    }
  }
  return realRoots.some((root) => isInside(root, real));
}

function describe(code: string | undefined, error: unknown): string {
  if (code === 'EACCES' || code === 'EPERM') return 'it cannot be read (permission denied)';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'ELOOP') return 'it is a symbolic link loop';
  return `it cannot be read (${code ?? String(error)})`;
}

export function readRegularFile(file: string, limits: ReadLimits): RegularFileRead {
  if (limits.roots && limits.roots.length > 0) {
    const outside = whyOutsideRoots(file, limits.roots);
    if (outside) return { kind: 'refused', reason: outside, code: 'EOUTSIDE' };
  }
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing' };
    return { kind: 'refused', reason: describe(code, error), code };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { kind: 'refused', reason: 'it is a folder, not a file', code: 'EISDIR' };
    if (!stat.isFile()) return { kind: 'refused', reason: 'it is not a regular file (a FIFO, device or socket), so it is not read', code: 'ESPECIAL' };
    if (stat.size > limits.maxBytes) {
      return { kind: 'refused', reason: `it is larger than ${formatBytes(limits.maxBytes)} (${formatBytes(stat.size)}), so it is not read`, code: 'ETOOBIG' };
    }
    // Read until end of file, but never past the cap: a file that grows meanwhile cannot exhaust memory.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const room = limits.maxBytes + 1 - total;
      if (room <= 0) return { kind: 'refused', reason: `it is larger than ${formatBytes(limits.maxBytes)}, so it is not read`, code: 'ETOOBIG' };
      const buffer = Buffer.allocUnsafe(Math.min(room, Math.max(stat.size - total, 0) + 1, 1 << 24));
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      chunks.push(read === buffer.length ? buffer : buffer.subarray(0, read));
      total += read;
    }
    return { kind: 'bytes', bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'refused', reason: describe(code, error), code };
  } finally {
    fs.closeSync(fd);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
