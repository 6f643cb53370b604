import { link, mkdir, readdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { SessionPatch, SessionStore, StoreCapabilities, StoredSession } from "@edge-session/core";
import { SessionConfigError } from "@edge-session/core";
import { applyPatch } from "@edge-session/core/kit";
import { fileNameFor, isRecordName } from "./filename.ts";
import { withLock } from "./lock.ts";

/**
 * Options of {@link fileStore}: `dir`, and optionally the file-name `prefix` and a clock `now`.
 * @example
 * ```ts
 * const options: FileStoreOptions = { dir: "/var/lib/app/sessions", prefix: "sid-" };
 * ```
 */
export interface FileStoreOptions {
  /** Directory holding one file per session; created on first use. */
  dir: string;
  /** File-name prefix, `[A-Za-z0-9_-]*` ["session-"] — Django's file backend prefixes with the cookie name. */
  prefix?: string;
  /** Clock in epoch ms for the expiry check [Date.now]. */
  now?: () => number;
}

/**
 * The store {@link fileStore} returns: a `SessionStore` whose `touch`, `patch` and `clearExpired` are always there.
 * @example
 * ```ts
 * const store: FileSessionStore = fileStore({ dir: "./.sessions" });
 * const removed = await store.clearExpired(); // Django's clearsessions, e.g. from a cron job
 * ```
 */
export interface FileSessionStore extends SessionStore {
  touch(id: string, expiresAt: number): Promise<boolean>;
  patch(id: string, changes: SessionPatch, expiresAt: number): Promise<"ok" | "gone">;
  clearExpired(): Promise<number>;
}

/** What one session file holds. The id is kept so that a hashed file name is never mistaken for another id. */
interface FileRecord {
  id: string;
  value: string;
  version: number;
  expiresAt: number;
}

const PREFIX = /^[A-Za-z0-9_-]*$/;
// Temp files start with "." so they never match a record name and are easy to tell apart.
const TEMP_PREFIX = ".tmp-";
// A temp file older than this was left by a crashed write; clearExpired removes it.
const STALE_TEMP_MS = 10 * 60 * 1000;

// link(2) refused because the file system has no hard links (FAT, some network mounts).
const NO_HARD_LINKS = new Set<unknown>(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

const capabilities: StoreCapabilities = Object.freeze({ atomic: true, consistency: "strong" });

/**
 * Sessions as files in one directory, on `node:fs/promises` (Node, Deno, Bun).
 *
 * - Writes are atomic: the record is written to a temp file in the same
 *   directory, then renamed over the target (rename(2) replaces atomically),
 *   so a reader sees the old record or the new one, never a torn file.
 * - `create` links the finished temp file to the target name: link(2) fails
 *   with EEXIST if the name is taken, even across processes.
 * - `update` is a compare-and-set on version and `patch` a read-modify-write,
 *   both inside one process (a per-file promise lock). Several processes
 *   sharing a directory are last-write-wins on update, as Django's file
 *   backend is.
 * - File-system errors propagate unchanged; the engine wraps them in SessionStoreError.
 * @example
 * ```ts
 * import { fileStore } from "@edge-session/fs";
 * const store = fileStore({ dir: "./.sessions" });
 * ```
 */
export function fileStore(options: FileStoreOptions): FileSessionStore {
  if (!options || typeof options.dir !== "string" || options.dir === "") {
    throw new SessionConfigError("fileStore: options.dir (a directory path) is required");
  }
  const prefix = options.prefix ?? "session-";
  if (!PREFIX.test(prefix)) throw new SessionConfigError("fileStore: prefix must match [A-Za-z0-9_-]*");
  const dir = resolve(options.dir);
  const now = options.now ?? Date.now;

  // mkdir once per store; a failed attempt is forgotten so that the next write tries again.
  let ready: Promise<void> | undefined;
  const ensureDir = (): Promise<void> => {
    if (!ready) {
      const attempt = mkdir(dir, { recursive: true }).then(() => undefined);
      ready = attempt;
      attempt.catch(() => {
        if (ready === attempt) ready = undefined;
      });
    }
    return ready;
  };

  const pathFor = async (id: string): Promise<string> => join(dir, await fileNameFor(prefix, id));

  /** The record at `path` for `id`, or null when absent, unreadable as a record, or someone else's (hash collision). */
  const read = async (path: string, id: string | undefined): Promise<FileRecord | null> => {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch (error) {
      if (errorCode(error) === "ENOENT") return null;
      throw error;
    }
    const record = parseRecord(text);
    if (!record || (id !== undefined && record.id !== id)) return null;
    return record;
  };

  const live = (record: FileRecord | null): record is FileRecord => record !== null && record.expiresAt > now();

  const writeTemp = async (record: FileRecord): Promise<string> => {
    await ensureDir();
    const temp = join(dir, `${TEMP_PREFIX}${randomHex()}`);
    await writeFile(temp, JSON.stringify(record), { encoding: "utf8", flag: "wx" });
    return temp;
  };

  const replace = async (path: string, record: FileRecord): Promise<void> => {
    const temp = await writeTemp(record);
    try {
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  };

  return {
    capabilities,

    // File-system errors propagate as they are: the engine wraps them in
    // SessionStoreError (docs/design.md, "Policies: errors, clocks, expiry").
    async get(id): Promise<StoredSession | null> {
      const record = await read(await pathFor(id), id);
      return live(record) ? { value: record.value, version: record.version, expiresAt: record.expiresAt } : null;
    },

    async create(id, value, expiresAt) {
      const path = await pathFor(id);
      return withLock(path, async () => {
        const record: FileRecord = { id, value, version: 1, expiresAt };
        const temp = await writeTemp(record);
        try {
          try {
            await link(temp, path);
            return true;
          } catch (error) {
            const code = errorCode(error);
            if (code !== "EEXIST" && !NO_HARD_LINKS.has(code)) throw error;
          }
          // The name is taken — but an expired record (or a stray file) does not count: like every
          // other read, an expired session is absent, so its id may be created anew. On a file
          // system without hard links, the same check under the lock decides (exclusive in-process).
          if (live(await read(path, undefined))) return false;
          await rename(temp, path);
          return true;
        } finally {
          await unlink(temp).catch(() => undefined);
        }
      });
    },

    async update(id, value, expiresAt, version) {
      const path = await pathFor(id);
      return withLock(path, async () => {
        const current = await read(path, id);
        if (!live(current)) return "gone" as const;
        if (current.version !== version) return "conflict" as const;
        await replace(path, { id, value, version: version + 1, expiresAt });
        return "ok" as const;
      });
    },

    // One read-modify-write under the same per-file lock as update: the lock
    // makes it atomic inside this process; kit's applyPatch splices the
    // request's changes in JavaScript, where JSON round trips are exact.
    async patch(id, changes, expiresAt) {
      const path = await pathFor(id);
      return withLock(path, async () => {
        const current = await read(path, id);
        if (!live(current)) return "gone" as const;
        const value = applyPatch(current.value, changes);
        if (value === null) return "gone" as const; // not a value the engine wrote: never resurrected
        await replace(path, { id, value, version: current.version + 1, expiresAt });
        return "ok" as const;
      });
    },

    async delete(id) {
      const path = await pathFor(id);
      await withLock(path, () => removeIfPresent(path));
    },

    async touch(id, expiresAt) {
      const path = await pathFor(id);
      return withLock(path, async () => {
        const current = await read(path, id);
        if (!live(current)) return false;
        await replace(path, { ...current, expiresAt });
        return true;
      });
    },

    async clearExpired() {
      let names: string[];
      try {
        names = await readdir(dir);
      } catch (error) {
        if (errorCode(error) === "ENOENT") return 0;
        throw error;
      }
      let removed = 0;
      for (const name of names) {
        const path = join(dir, name);
        if (name.startsWith(TEMP_PREFIX)) {
          await removeStaleTemp(path);
          continue;
        }
        if (!isRecordName(prefix, name)) continue; // never touch files this store did not name
        const gone = await withLock(path, async () => {
          const record = await read(path, undefined);
          if (record && record.expiresAt > now()) return false;
          // Expired, or not a record at all (it cannot be read as a session either way).
          return removeIfPresent(path);
        });
        if (gone) removed++;
      }
      return removed;
    },
  };
}

async function removeIfPresent(path: string): Promise<boolean> {
  try {
    await unlink(path);
    return true;
  } catch (error) {
    if (errorCode(error) === "ENOENT") return false;
    throw error;
  }
}

async function removeStaleTemp(path: string): Promise<void> {
  try {
    const info = await stat(path);
    // Real time, not the store's clock: mtime is the file system's.
    if (Date.now() - info.mtimeMs > STALE_TEMP_MS) await unlink(path);
  } catch (error) {
    if (errorCode(error) !== "ENOENT") throw error;
  }
}

function parseRecord(text: string): FileRecord | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (!data || typeof data !== "object") return null;
  const { id, value, version, expiresAt } = data as Record<string, unknown>;
  if (typeof id !== "string" || typeof value !== "string") return null;
  if (!Number.isSafeInteger(version) || typeof expiresAt !== "number" || Number.isNaN(expiresAt)) return null;
  return { id, value, version: version as number, expiresAt };
}

function errorCode(error: unknown): unknown {
  return error && typeof error === "object" ? (error as { code?: unknown }).code : undefined;
}

function randomHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}
