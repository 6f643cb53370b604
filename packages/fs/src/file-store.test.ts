import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SessionConfigError, type SessionPatch, SessionStoreError } from "@edge-session/core";
import { applyPatch, serializePayload } from "@edge-session/core/kit";
import { serveSession } from "@edge-session/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileStore } from "./file-store.ts";
import { fileNameFor } from "./filename.ts";
import { pendingLocks } from "./lock.ts";

// Plain vitest API and node: modules only: this file also runs under `deno test` and `bun test`.

let root = "";
let count = 0;
/** A fresh directory per test, so no test depends on another's leftovers. */
const freshDir = (): string => join(root, `t${++count}`);
const HOUR = 3_600_000;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "edge-session-fs-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("fileStore", () => {
  it("creates, reads, updates and deletes a record", async () => {
    const store = fileStore({ dir: freshDir() });
    const expiresAt = Date.now() + HOUR;
    expect(await store.create("id1", "v1", expiresAt)).toBe(true);
    expect(await store.get("id1")).toEqual({ value: "v1", version: 1, expiresAt });
    expect(await store.update("id1", "v2", expiresAt + 1, 1)).toBe("ok");
    expect(await store.get("id1")).toEqual({ value: "v2", version: 2, expiresAt: expiresAt + 1 });
    await store.delete("id1");
    expect(await store.get("id1")).toBeNull();
    await store.delete("id1"); // idempotent
    expect(await store.get("never")).toBeNull();
  });

  it("refuses to create over a live record, but not over an expired one", async () => {
    let now = 1_000_000;
    const store = fileStore({ dir: freshDir(), now: () => now });
    expect(await store.create("taken", "first", now + 1000)).toBe(true);
    expect(await store.create("taken", "second", now + 5000)).toBe(false);
    expect((await store.get("taken"))?.value).toBe("first");
    now += 1000; // expiresAt is exclusive: at that instant the record is gone
    expect(await store.get("taken")).toBeNull();
    expect(await store.create("taken", "third", now + 1000)).toBe(true);
    expect(await store.get("taken")).toEqual({ value: "third", version: 1, expiresAt: now + 1000 });
  });

  it("answers update with gone or conflict without writing", async () => {
    let now = 5_000;
    const store = fileStore({ dir: freshDir(), now: () => now });
    expect(await store.update("missing", "x", now + 100, 1)).toBe("gone");
    expect(await store.get("missing")).toBeNull();
    await store.create("s", "a", now + 100);
    expect(await store.update("s", "b", now + 100, 1)).toBe("ok");
    expect(await store.update("s", "stale", now + 100, 1)).toBe("conflict");
    expect(await store.get("s")).toEqual({ value: "b", version: 2, expiresAt: now + 100 });
    now += 100;
    expect(await store.update("s", "late", now + 100, 2)).toBe("gone");
  });

  it("lets exactly one of many concurrent updates of one version win", async () => {
    const store = fileStore({ dir: freshDir() });
    await store.create("race", "start", Date.now() + HOUR);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.update("race", `writer ${i}`, Date.now() + HOUR, 1)));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "conflict")).toHaveLength(11);
    const winner = results.indexOf("ok");
    expect(await store.get("race")).toMatchObject({ value: `writer ${winner}`, version: 2 });
  });

  it("shares its compare-and-set with another instance on the same directory", async () => {
    const dir = freshDir();
    const a = fileStore({ dir });
    const b = fileStore({ dir });
    await a.create("shared", "0", Date.now() + HOUR);
    expect((await b.get("shared"))?.value).toBe("0");
    const results = await Promise.all([a.update("shared", "a", Date.now() + HOUR, 1), b.update("shared", "b", Date.now() + HOUR, 1)]);
    expect(results.sort()).toEqual(["conflict", "ok"]);
    expect(await Promise.all([a.create("new", "a", Date.now() + HOUR), b.create("new", "b", Date.now() + HOUR)])).toContain(false);
  });

  it("survives a restart: a new store on the directory reads what the old one wrote", async () => {
    const dir = freshDir();
    await fileStore({ dir }).create("persist", "kept", Date.now() + HOUR);
    expect((await fileStore({ dir }).get("persist"))?.value).toBe("kept");
  });

  it("touch extends the expiry and keeps value and version", async () => {
    let now = 10_000;
    const store = fileStore({ dir: freshDir(), now: () => now });
    await store.create("t", "data", now + 100);
    expect(await store.touch("t", now + 500)).toBe(true);
    now += 200;
    expect(await store.get("t")).toEqual({ value: "data", version: 1, expiresAt: 10_500 });
    expect(await store.touch("absent", now + 500)).toBe(false);
    now += 1000;
    expect(await store.touch("t", now + 500)).toBe(false);
    expect(await store.get("t")).toBeNull();
  });

  it("stores ids with path characters literally, each in its own file inside the directory", async () => {
    const base = freshDir();
    const dir = join(base, "sessions");
    const store = fileStore({ dir });
    const ids = ["../../escape", "../sibling", "a/b", "/abs", "*?[:%", "%2e%2e%2f", "\u0000nul", "C:\\win", "", "é🙂", "x".repeat(400)];
    for (const [i, id] of ids.entries()) expect(await store.create(id, `value ${i}`, Date.now() + HOUR)).toBe(true);
    for (const [i, id] of ids.entries()) expect((await store.get(id))?.value).toBe(`value ${i}`);
    expect(await store.get("../escape")).toBeNull();
    // Nothing escaped: the parent holds only the sessions folder, which holds one plain file per id.
    expect(await readdir(base)).toEqual(["sessions"]);
    const names = await readdir(dir);
    expect(names).toHaveLength(ids.length);
    for (const name of names) expect(name).toMatch(/^session-[xh][0-9a-f]*\.json$/);
  });

  it("does not mistake a record stored under another id for its own", async () => {
    const dir = freshDir();
    const store = fileStore({ dir });
    await store.create("real", "mine", Date.now() + HOUR);
    const [name] = await readdir(dir);
    // A file whose content names a different id (as a hash collision of a long id would) is absent.
    const record = JSON.parse(await readFile(join(dir, name!), "utf8"));
    await writeFile(join(dir, name!), JSON.stringify({ ...record, id: "other" }));
    expect(await store.get("real")).toBeNull();
    expect(await store.update("real", "x", Date.now() + HOUR, 1)).toBe("gone");
  });

  it("writes atomically: concurrent readers never see a torn record, and no temp file is left", async () => {
    const dir = freshDir();
    const store = fileStore({ dir });
    const big = (i: number): string => String(i).repeat(200_000);
    await store.create("big", big(0), Date.now() + HOUR);
    let version = 1;
    let done = false;
    const writer = (async () => {
      for (let i = 1; i <= 8; i++) {
        expect(await store.update("big", big(i % 10), Date.now() + HOUR, version)).toBe("ok");
        version++;
      }
      done = true;
    })();
    let reads = 0;
    while (!done) {
      const record = await store.get("big");
      expect(record).not.toBeNull();
      expect(record!.value).toBe(big(Number(record!.value[0])));
      reads++;
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
    expect(await readdir(dir)).toEqual([expect.stringMatching(/^session-x[0-9a-f]+\.json$/)]);
  });

  it("clearExpired removes expired and unreadable records, stale temp files, and nothing else", async () => {
    let now = 1_000_000;
    const dir = freshDir();
    const store = fileStore({ dir, now: () => now });
    const other = fileStore({ dir, prefix: "other-", now: () => now });
    await store.create("old1", "a", now + 10);
    await store.create("old2", "b", now + 20);
    await store.create("fresh", "c", now + HOUR);
    await other.create("old-other", "d", now + 10);
    await writeFile(join(dir, "notes.txt"), "not a session");
    await writeFile(join(dir, "session-x6261.json"), "{ torn");
    await writeFile(join(dir, ".tmp-stale"), "left by a crash");
    await writeFile(join(dir, ".tmp-recent"), "being written right now");
    const anHourAgo = new Date(Date.now() - HOUR);
    await utimes(join(dir, ".tmp-stale"), anHourAgo, anHourAgo);
    now += 100;
    expect(await store.clearExpired()).toBe(3);
    expect((await store.get("fresh"))?.value).toBe("c");
    expect((await readdir(dir)).sort()).toEqual(
      [".tmp-recent", "notes.txt", await fileNameFor("other-", "old-other"), await fileNameFor("session-", "fresh")].sort(),
    );
    expect(await store.clearExpired()).toBe(0);
    expect(await other.clearExpired()).toBe(1);
  });

  it("clearExpired on a directory that does not exist yet finds nothing", async () => {
    expect(await fileStore({ dir: join(freshDir(), "nope") }).clearExpired()).toBe(0);
  });

  it("creates its directory (and parents) on first write", async () => {
    const dir = join(freshDir(), "a", "b");
    const store = fileStore({ dir });
    expect(await store.get("x")).toBeNull();
    await store.create("x", "y", Date.now() + HOUR);
    expect(await readdir(dir)).toHaveLength(1);
  });

  it("lets file-system failures through unwrapped; the engine wraps them in SessionStoreError (503)", async () => {
    const base = freshDir();
    await mkdir(base, { recursive: true });
    const file = join(base, "a-file");
    await writeFile(file, "");
    const store = fileStore({ dir: file });
    const error = await store.create("x", "y", Date.now() + HOUR).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(SessionStoreError);
    expect((error as { code?: unknown }).code).toMatch(/^E[A-Z]+$/);
    await expect(store.get("x")).rejects.not.toBeInstanceOf(SessionStoreError);

    const seen: unknown[] = [];
    const handler = serveSession(
      async (_request, session) => {
        await session.set("k", "v");
        return new Response("ok");
      },
      { store, secret: "fs-tests-secret-0123456789abcdef-0123", onError: (e) => void seen.push(e) },
    );
    expect((await handler(new Request("https://example.test/"))).status).toBe(503);
    expect(seen[0]).toBeInstanceOf(SessionStoreError);
    expect((seen[0] as SessionStoreError).cause).toBeInstanceOf(Error);
  });

  it("patches under its lock: exactly what applyPatch computes, version + 1, new expiry", async () => {
    const store = fileStore({ dir: freshDir() });
    const start = serializePayload({ data: { keep: [], n: 0.1 }, flash: { f: "once" }, expiry: undefined });
    const changes: SessionPatch = {
      clear: false,
      data: [
        ["float", JSON.stringify(0.30000000000000004)],
        ["e21", JSON.stringify(1e21)],
        ["nul", JSON.stringify("\u0000")],
        ["__proto__", JSON.stringify({ polluted: true })],
        ['q"uote\\', "{}"],
        ["keep", null],
      ],
      flash: [["f", null]],
      expiry: "0",
    };
    const expiresAt = Date.now() + HOUR;
    await store.create("a", start, expiresAt);
    expect(await store.patch("a", changes, expiresAt + 5)).toBe("ok");
    expect(await store.get("a")).toEqual({ value: applyPatch(start, changes), version: 2, expiresAt: expiresAt + 5 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.patch("a", { clear: false, data: [[`k${i}`, String(i)]], flash: [] }, expiresAt)),
    );
    expect(results).toEqual(Array(20).fill("ok"));
    expect((await store.get("a"))?.version).toBe(22);
    expect(pendingLocks()).toBe(0);
  });

  it('patch answers "gone" for an absent, expired (by its clock) or foreign record, and writes nothing', async () => {
    let now = 1_000_000;
    const dir = freshDir();
    const store = fileStore({ dir, now: () => now });
    const patch: SessionPatch = { clear: false, data: [["b", "1"]], flash: [] };
    expect(await store.patch("never", patch, now + HOUR)).toBe("gone");
    await store.create("old", '{"d":{}}', now + 10);
    now += 10;
    expect(await store.patch("old", patch, now + HOUR)).toBe("gone");
    now -= 10;
    expect(await store.get("old")).toEqual({ value: '{"d":{}}', version: 1, expiresAt: now + 10 });
    await store.create("foreign", "not the engine's json", now + HOUR);
    expect(await store.patch("foreign", patch, now + HOUR)).toBe("gone");
    expect(await store.get("foreign")).toMatchObject({ value: "not the engine's json", version: 1 });
    expect(await readdir(dir)).toHaveLength(2);
  });

  it("rejects unusable options with SessionConfigError", () => {
    expect(() => fileStore({ dir: "" })).toThrow(SessionConfigError);
    expect(() => fileStore(undefined as never)).toThrow(SessionConfigError);
    expect(() => fileStore({ dir: freshDir(), prefix: "../" })).toThrow(SessionConfigError);
    expect(() => fileStore({ dir: freshDir(), prefix: ".tmp-" })).toThrow(SessionConfigError);
  });

  it("declares compare-and-set and strong consistency, and leaves no locks behind", async () => {
    const store = fileStore({ dir: freshDir() });
    expect(store.capabilities).toEqual({ atomic: true, consistency: "strong" });
    await Promise.all([store.create("l", "1", Date.now() + HOUR), store.touch("l", Date.now() + HOUR), store.delete("l")]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(pendingLocks()).toBe(0);
  });
});
